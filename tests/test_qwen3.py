import numpy as np
import pytest
import torch

from utils.serving.qwen3 import (
    DEFAULT_TASK,
    Qwen3Encoder,
    format_query,
    last_token_pool,
    truncate_and_normalize,
)


def test_query_format_is_exact():
    assert format_query("what is MI?", "Find it") == "Instruct: Find it\nQuery:what is MI?"
    assert format_query("x", None) == "x"
    assert format_query("x").startswith(f"Instruct: {DEFAULT_TASK}\nQuery:x"[:20])


def test_truncate_then_normalise():
    v = np.array([[3.0, 4.0, 12.0]], dtype=np.float32)
    out = truncate_and_normalize(v, 2)
    np.testing.assert_allclose(out, [[0.6, 0.8]], atol=1e-6)
    # normalising first and truncating second gives a vector that is not unit length
    wrong = (v / np.linalg.norm(v))[:, :2]
    assert abs(np.linalg.norm(wrong) - 1) > 0.1
    np.testing.assert_allclose(np.linalg.norm(truncate_and_normalize(v, None)), 1.0, atol=1e-6)
    with pytest.raises(ValueError, match="between 1 and"):
        truncate_and_normalize(v, 4)
    with pytest.raises(ValueError):
        truncate_and_normalize(v, 0)


def test_last_token_pool_left_and_right_padding():
    hidden = torch.arange(2 * 4 * 3, dtype=torch.float32).reshape(2, 4, 3)
    right = torch.tensor([[1, 1, 0, 0], [1, 1, 1, 1]])
    left = torch.tensor([[0, 0, 1, 1], [1, 1, 1, 1]])
    r = last_token_pool(hidden, right)
    assert torch.equal(r[0], hidden[0, 1]) and torch.equal(r[1], hidden[1, 3])
    lft = last_token_pool(hidden, left)
    assert torch.equal(lft[0], hidden[0, 3]) and torch.equal(lft[1], hidden[1, 3])


@pytest.fixture(scope="module")
def tiny(tiny_qwen3):
    return tiny_qwen3  # the session's (tests/conftest.py)


def test_tiny_qwen3_padding_side_does_not_change_vectors(tiny):
    texts = ["the patient dose", "contract clause on liability and cash flow for the party", "a"]
    left = Qwen3Encoder(tiny, padding_side="left").encode(texts, batch_size=3)
    right = Qwen3Encoder(tiny, padding_side="right").encode(texts, batch_size=3)
    one_by_one = Qwen3Encoder(tiny).encode(texts, batch_size=1)
    np.testing.assert_allclose(left, right, atol=1e-5)
    np.testing.assert_allclose(left, one_by_one, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(left, axis=1), 1.0, atol=1e-5)


def test_batches_run_in_order_of_length_and_come_back_in_order_of_the_texts(tiny):
    """Forward batches of similar lengths (little padding); each vector is still its own text's."""
    import random

    rng = random.Random(0)
    words = "the patient dose contract clause liability cash flow party heart".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.choice([1, 4, 30, 90]))) for _ in range(23)]
    enc = Qwen3Encoder(tiny)
    padded: list[int] = []
    real_pad = enc._pad
    enc._pad = lambda batch: (padded.append(max(map(len, batch)) * len(batch) - sum(map(len, batch))), real_pad(batch))[1]
    batched = enc.encode(texts, batch_size=4)
    enc._pad = real_pad
    one_by_one = np.concatenate([enc.encode([t], batch_size=1) for t in texts])
    np.testing.assert_allclose(batched, one_by_one, atol=1e-5)
    lengths = [len(ids) for ids in enc.token_ids(texts)]
    unsorted = sum(max(lengths[i : i + 4]) * len(lengths[i : i + 4]) - sum(lengths[i : i + 4]) for i in range(0, 23, 4))
    assert sum(padded) < unsorted  # sorted batches pad less than batches in the texts' order


def test_eos_is_appended_once_and_pooled(tiny):
    enc = Qwen3Encoder(tiny)
    ids = enc.token_ids(["the heart"])[0]
    assert ids[-1] == enc.eos_id and ids.count(enc.eos_id) == 1


def test_fp16_refused_and_overlong_rejected(tiny):
    with pytest.raises(ValueError, match="bfloat16"):
        Qwen3Encoder(tiny, dtype="float16")
    enc = Qwen3Encoder(tiny, max_length=4)
    with pytest.raises(ValueError, match="exceed max_length"):
        enc.encode(["the a of and to in"])
    with pytest.warns(UserWarning, match="truncated"):
        out = enc.encode(["the a of and to in"], truncate=True)
    assert out.shape == (1, 64)


def test_missing_folder_message(tmp_path):
    with pytest.raises(FileNotFoundError, match="`hf download Qwen"):
        Qwen3Encoder(tmp_path)
