import numpy as np
import pytest

from utils.serving.encoders import load_encoder, model_kind
from utils.serving.settings import default_cpu_model_path


def test_kind_detection(tmp_path, tiny_qwen3):
    assert model_kind(default_cpu_model_path()) == "sentence-transformers"
    assert model_kind(tiny_qwen3) == "qwen3"
    with pytest.raises(FileNotFoundError):
        model_kind(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="neither"):
        model_kind(tmp_path / "empty")


def test_sentence_transformer_encoder_truncates_with_one_warning():
    enc = load_encoder(default_cpu_model_path())
    assert enc.dim == 384 and enc.max_tokens == 256
    v = enc.encode(["short text"])
    np.testing.assert_allclose(np.linalg.norm(v), 1.0, atol=1e-5)
    with pytest.warns(UserWarning, match="truncated 2 of 3 text.s. to 256 tokens") as record:
        long_vecs = enc.encode(["word " * 300, "short", "word " * 400])  # the default: cut, one warning
    assert len(record) == 1 and "402 tokens" in str(record[0].message)
    with pytest.raises(ValueError, match="exceed the model's limit"):
        enc.encode(["word " * 300], truncate=False)
    # what was embedded is exactly the first 256 tokens
    np.testing.assert_allclose(long_vecs[0], enc.encode(["word " * 254])[0], atol=1e-5)
    assert enc.encode([]).shape == (0, 384)


def test_max_tokens_lowers_the_limit(tiny_qwen3):
    enc = load_encoder(default_cpu_model_path(), max_tokens=32)
    assert enc.max_tokens == 32
    with pytest.warns(UserWarning, match="to 32 tokens"):
        enc.encode(["word " * 40])
    with pytest.raises(ValueError, match="over the model's limit of 256"):
        load_encoder(default_cpu_model_path(), max_tokens=1000)
    qwen = load_encoder(tiny_qwen3, max_tokens=16)
    assert qwen.max_tokens == 16
    with pytest.warns(UserWarning, match="truncated 1 of 1 text.s. to 16 tokens") as record:
        qwen.encode(["the patient dose " * 10])
    assert len(record) == 1
