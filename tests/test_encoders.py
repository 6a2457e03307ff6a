import numpy as np
import pytest

from utils.encoders import load_encoder, model_kind
from utils.qwen3 import make_tiny_qwen3
from utils.settings import default_cpu_model_path


def test_kind_detection(tmp_path):
    assert model_kind(default_cpu_model_path()) == "sentence-transformers"
    assert model_kind(make_tiny_qwen3(tmp_path / "q")) == "qwen3"
    with pytest.raises(FileNotFoundError):
        model_kind(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="neither"):
        model_kind(tmp_path / "empty")


def test_sentence_transformer_encoder_refuses_silent_truncation():
    enc = load_encoder(default_cpu_model_path())
    assert enc.dim == 384 and enc.max_tokens == 256
    v = enc.encode(["short text"])
    np.testing.assert_allclose(np.linalg.norm(v), 1.0, atol=1e-5)
    with pytest.raises(ValueError, match="exceed the model's limit"):
        enc.encode(["word " * 300])
    with pytest.warns(UserWarning, match="truncated 1"):
        enc.encode(["word " * 300], truncate=True)
    assert enc.encode([]).shape == (0, 384)
