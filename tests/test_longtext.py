"""utils.data.longtext: the truncation warning, token windows with character offsets, document scores, passages."""

import numpy as np
import pytest
from transformers import AutoTokenizer

from utils.data.longtext import (
    Chunk,
    ChunkSpec,
    chunk_ids,
    chunk_texts,
    doc_hits_from_chunk_hits,
    document_scores,
    embed_chunks,
    heading_before,
    highlight,
    model_token_limit,
    truncate_texts,
    truncation_message,
)
from utils.serving.settings import default_cpu_model_path

LONG = " ".join(
    f"Sentence number {i} says that the tenant pays the rent on day {i % 28 + 1}." for i in range(60)
)


@pytest.fixture(scope="module")
def tok():
    return AutoTokenizer.from_pretrained(default_cpu_model_path())


def test_truncation_message_counts_texts_and_tokens():
    assert truncation_message([10, 20], 256) is None
    msg = truncation_message([300, 100, 812], 256)
    assert msg.startswith("truncated 2 of 3 text(s) to 256 tokens")
    assert "812" in msg and f"{44 + 556} tokens" in msg and "\n" not in msg


def test_truncate_texts_cuts_on_a_token_boundary_with_one_warning(tok):
    with pytest.warns(UserWarning, match="truncated 1 of 2") as record:
        cut, counts = truncate_texts([LONG, "short"], tok, 64)
    assert len(record) == 1
    assert counts[0] > 64 and cut[1] == "short" and LONG.startswith(cut[0])
    assert len(tok(cut[0])["input_ids"]) == 64  # [CLS] + 62 + [SEP]
    with pytest.raises(ValueError, match="no room"):
        truncate_texts(["x"], tok, 2)


def test_chunk_spec_parse_and_check():
    assert ChunkSpec.parse("128:32") == ChunkSpec(128, 32)
    assert ChunkSpec.parse("64") == ChunkSpec(64, 0) and str(ChunkSpec(64, 0)) == "64:0"
    for bad in ("abc", "128:", "-5", "128:200", "4"):
        with pytest.raises(ValueError):
            ChunkSpec.parse(bad)
    with pytest.raises(ValueError, match="over the model's limit"):
        ChunkSpec(512, 0).check(limit=256)


@pytest.mark.parametrize("spec", [ChunkSpec(64, 0), ChunkSpec(128, 32), ChunkSpec(256, 64)])
def test_chunks_fit_cover_and_keep_offsets(tok, spec):
    texts = [LONG, "A short text.", LONG[:700]]
    chunks = chunk_texts(texts, tok, spec)
    assert [c.doc for c in chunks] == sorted(c.doc for c in chunks)
    assert {c.doc for c in chunks} == {0, 1, 2}
    for c in chunks:
        assert texts[c.doc][c.start : c.end] == c.text  # offsets point at the passage
        assert len(tok(c.text)["input_ids"]) <= spec.size  # fits the window, special tokens included
    first = [c for c in chunks if c.doc == 0]
    assert first[0].start == 0 and first[-1].end == len(LONG)  # nothing left out
    for a, b in zip(first, first[1:], strict=False):
        assert b.start <= a.end + 1  # contiguous, or overlapping
        if spec.overlap:
            assert b.start < a.end
    if spec.overlap == 0:  # no overlap: tokens embedded = tokens of the text
        assert sum(c.n_tokens for c in first) == len(tok(LONG, add_special_tokens=False)["input_ids"])


def test_document_scores_aggregations():
    chunks = [Chunk(0, 0, 1, 1, "a"), Chunk(0, 1, 2, 1, "b"), Chunk(0, 2, 3, 1, "c"), Chunk(1, 0, 1, 1, "d")]
    s = np.array([[0.1, 0.9, 0.5, 0.3]])
    best, where = document_scores(s, chunks, 2, "max")
    np.testing.assert_allclose(best, [[0.9, 0.3]])
    assert where.tolist() == [[1, 3]]
    np.testing.assert_allclose(document_scores(s, chunks, 2, "mean")[0], [[0.5, 0.3]], rtol=1e-6)
    np.testing.assert_allclose(document_scores(s, chunks, 2, "first")[0], [[0.1, 0.3]])
    np.testing.assert_allclose(document_scores(s, chunks, 2, "top2")[0], [[1.4, 0.3]], rtol=1e-6)
    with pytest.raises(ValueError, match="how must be"):
        document_scores(s, chunks, 2, "median")
    with pytest.raises(ValueError, match="no chunk"):
        document_scores(s[:, :3], chunks[:3], 2)


def test_embed_chunks_with_context_and_chunk_hits_to_doc_hits(tok):
    texts = [
        "# Lease\n## Rent\nThe tenant pays rent monthly.",
        "# Loan\n## Interest\nInterest accrues daily.",
    ]
    seen = []

    def fake_embed(inputs):
        seen.extend(inputs)
        return np.eye(len(inputs), 4, dtype=np.float32)

    chunks, vecs = embed_chunks(texts, fake_embed, tok, ChunkSpec(64), context=lambda c: f"[{c.doc}] ")
    assert vecs.shape == (2, 4) and seen[0].startswith("[0] # Lease")
    assert heading_before(texts[0], chunks[0].end) == "Rent" and heading_before("no heading", 3) == ""
    many = chunks + [Chunk(1, 20, 30, 3, texts[1][20:30])]
    hits = doc_hits_from_chunk_hits([(2, 0.4), (1, 0.7), (0, 0.5)], many, k=5)
    assert [h.doc for h in hits] == [1, 0] and hits[0].score == pytest.approx(0.7)
    assert hits[0].passage == texts[1][hits[0].start : hits[0].end]
    summed = doc_hits_from_chunk_hits([(2, 0.4), (1, 0.7), (0, 0.5)], many, how="sum")
    assert summed[0].score == pytest.approx(1.1)
    with pytest.raises(ValueError):
        doc_hits_from_chunk_hits([], many, how="mean")
    assert highlight("0123456789", 3, 5, width=2) == "...12[[34]]56..."
    assert chunk_ids(["lease", "loan"], many) == ["lease#0", "loan#0", "loan#1"]


def test_model_token_limit(tmp_path, tiny_qwen3):
    assert model_token_limit(default_cpu_model_path()) == 256
    assert model_token_limit(tiny_qwen3) == 512  # its max_position_embeddings
    with pytest.raises(FileNotFoundError):
        model_token_limit(tmp_path)
