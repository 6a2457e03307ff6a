"""Helpers for the Qwen3-Embedding domain-adaptation workbook.

Each module is small and can be copied into your own project; its docstrings name the notebook
that introduces it. Nothing here does work at import time, and nothing is re-exported: import the
module you need (``from utils import longtext``), which pulls in only what it depends on.
"""

__all__ = [
    "bench_finetune",
    "beyond",
    "client",
    "course",
    "data",
    "device",
    "embed_corpus",
    "encoders",
    "evaluate",
    "experiments",
    "explorer",
    "finetune",
    "finetune_cli",
    "finetune_output",
    "finetune_train",
    "gpu_check",
    "index",
    "instructions",
    "launch",
    "lessons",
    "longdocs",
    "longtext",
    "plots",
    "pseudo_pairs",
    "qwen3",
    "results",
    "retrieval",
    "saved_outputs",
    "server",
    "server_requests",
    "settings",
    "store",
    "task_data",
    "tradeoffs",
]
