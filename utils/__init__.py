"""Helpers for the Qwen3-Embedding domain-adaptation workbook.

Each module is small and can be copied into your own project; its docstrings name the notebook
that introduces it. Nothing here does work at import time.
"""

__all__ = [
    "client",
    "course",
    "data",
    "device",
    "encoders",
    "evaluate",
    "finetune",
    "index",
    "instructions",
    "launch",
    "qwen3",
    "results",
    "server",
    "settings",
]
