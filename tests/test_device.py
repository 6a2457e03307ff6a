import warnings

import pytest
import torch

from utils.serving.device import best_dtype, pick_device


def test_cpu_fallback_warns_not_fails():
    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dev = pick_device()
    if dev == "cpu":
        assert any("No GPU" in str(w.message) for w in caught)


def test_forced_devices():
    assert pick_device("cpu") == "cpu"
    if not torch.cuda.is_available():
        with pytest.raises(RuntimeError, match="no CUDA GPU"):
            pick_device("cuda")
    with pytest.raises(ValueError):
        pick_device("tpu")


def test_dtype_choice():
    assert best_dtype("cuda") == "bfloat16"
    assert best_dtype("cpu") == "float32"
