"""utils.course.nb06_long_documents: notebook 06's measurements on a real long-document set with a stand-in embedder."""

import zlib

import numpy as np
import pandas as pd
import pytest
from transformers import AutoTokenizer

from utils.course import nb06_long_documents as longdocs
from utils.data import longtext
from utils.data.beir import load_beir
from utils.paths import REPO_ROOT
from utils.serving.settings import default_cpu_model_path


@pytest.fixture(scope="module")
def setup():
    rs = load_beir(REPO_ROOT / "data" / "long_legal", "test")
    tok = AutoTokenizer.from_pretrained(default_cpu_model_path())

    def embed(texts):  # bag of hashed words: documents sharing words with the query score higher
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, zlib.crc32(w.encode()) % 64] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    return rs, tok, embed, embed(rs.query_texts)


def test_truncated_and_chunked_measurements_and_their_price(setup):
    rs, tok, embed, q = setup
    trunc = longdocs.measure_truncated(rs, q, embed, tok, 64)
    assert trunc.cost["vectors"] == trunc.cost["docs"] == len(rs.corpus)
    assert trunc.cost["tokens"] <= 64 * len(rs.corpus) and trunc.chunks is None
    spec = longtext.ChunkSpec(128, 0)
    chunked = longdocs.measure_chunked(rs, q, embed, tok, spec)
    assert chunked.cost["vectors"] == len(chunked.chunks) > len(rs.corpus)
    assert chunked.cost["tokens"] > trunc.cost["tokens"]  # chunking reads every token
    assert set(trunc.per_query.index) == set(chunked.per_query.index) == set(rs.qrels)
    ctx = longdocs.measure_chunked(rs, q, embed, tok, spec, context=longdocs.title_and_heading(rs))
    assert ctx.cost["tokens"] > chunked.cost["tokens"]  # the context line costs tokens
    mean = longdocs.rescore(rs, q, chunked, "mean")
    assert mean.cost == chunked.cost and not mean.per_query.equals(chunked.per_query)
    with pytest.raises(ValueError, match="chunked"):
        longdocs.rescore(rs, q, trunc, "mean")

    positions = ["needle_first", "needle_last"]
    quality = pd.DataFrame(
        {c: longdocs.quality_row([m.per_query], rs.queries, positions) for c, m in {"t": trunc, "c": chunked}.items()}
    ).T
    assert set(quality.columns) == {"nDCG@10", "Recall@10", "nDCG@10 first", "nDCG@10 last"}
    price = longdocs.price_table(quality, {"t": [trunc.cost], "c": [chunked.cost]})
    assert price.loc["t", "vectors/doc"] == 1.0
    assert price.loc["c", "index KB (float32)"] == pytest.approx(4 * price.loc["c", "index KB (int8)"])
    ndcg = longdocs.ndcg_by_query([trunc.per_query])
    assert ndcg.mean() == pytest.approx(quality.loc["t", "nDCG@10"])
    as_json = longdocs.frame_to_dict(quality)
    assert set(as_json) == {"t", "c"} and all(isinstance(v, float | None) for v in as_json["t"].values())
