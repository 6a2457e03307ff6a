import json

import numpy as np
import pytest

from utils.results import load_results, save_results


def test_round_trip_with_numpy_and_nan(tmp_path):
    path = save_results(
        tmp_path,
        "99_demo",
        {"a": np.float32(0.5), "b": np.arange(3), "c": float("nan"), "d": {1: np.int64(2)}},
    )
    data = json.loads(path.read_text())
    assert data["a"] == 0.5 and data["b"] == [0, 1, 2] and data["c"] is None and data["d"] == {"1": 2}
    assert load_results(tmp_path, "99_demo")["notebook"] == "99_demo"


def test_missing_results_say_which_notebook(tmp_path):
    with pytest.raises(FileNotFoundError, match="notebooks/03_x.ipynb"):
        load_results(tmp_path, "03_x")
