"""The reranker as the course starts it (``utils.serving.launch.reranker_command`` with the shipped template)
on the real SGLang on a CPU, called through the course's client (``utils.search.retrieval``). A random model
ranks at random: its order is not judged, the contract is (every document once, scores in [0, 1], top_n,
the key)."""

from __future__ import annotations

import pytest

from tests.sglang.conftest import API_KEY
from tests.sglang.cpu_engine import START_TIMEOUT, cpu_server
from utils.search.retrieval import RerankError, SGLangReranker, rerank_sglang
from utils.serving.launch import QWEN3_RERANKER_TEMPLATE, free_port, reranker_command

DOCS = [
    "The contract renews automatically each year unless cancelled.",
    "Metformin is the recommended first-line medication for most adults with type 2 diabetes.",
    "Quarterly revenue grew by 8%.",
]


@pytest.fixture(scope="module")
def reranker(tiny_model, logs_dir):
    port = free_port()
    command = reranker_command(str(tiny_model), None, "127.0.0.1", port, served_model_name="tiny-reranker", api_key=API_KEY)
    assert command[command.index("--chat-template") + 1] == str(QWEN3_RERANKER_TEMPLATE)
    server = cpu_server(command, "127.0.0.1", port, logs_dir / f"reranker-{port}.log", secrets=[API_KEY])
    server.start(timeout=START_TIMEOUT)
    yield server
    server.stop()


def test_rerank_contract_through_the_course_client(reranker):
    ranked = SGLangReranker(reranker.base_url, model="tiny-reranker", api_key=API_KEY)(
        "What is the first-line treatment for type 2 diabetes?", DOCS
    )
    assert sorted(i for i, _ in ranked) == [0, 1, 2]  # every document once
    scores = [s for _, s in ranked]
    assert scores == sorted(scores, reverse=True) and all(0.0 <= s <= 1.0 for s in scores)
    top = rerank_sglang(reranker.base_url, "revenue growth", DOCS, top_n=2, api_key=API_KEY,
                        instruct="Given a financial question, retrieve passages that answer it")
    assert len(top) == 2 and all(0 <= i < 3 for i, _ in top)


def test_rerank_without_the_key_is_refused_with_a_clear_error(reranker):
    with pytest.raises(RerankError, match="401"):
        rerank_sglang(reranker.base_url, "q", DOCS)
