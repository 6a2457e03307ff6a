import json

import numpy as np
import pytest

from utils.course.results import (
    FinetuneRecord,
    IndexChoice,
    ResultsError,
    load_record,
    load_results,
    results_path,
    save_record,
    save_results,
)


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


# --- typed records --------------------------------------------------------------------------------

NB3, NB4 = "03_dimensions_quantisation_faiss", "04_lora_finetune"


def _choice(**kw):
    base = dict(width=128, precision="int8", rule="smallest width within 0.01 nDCG@10 of full on train",
                mode="cpu", model="m", smoke=False)
    return IndexChoice(**{**base, **kw})


def _finetune(tmp_path, **kw):
    (tmp_path / "models" / "legal").mkdir(parents=True, exist_ok=True)
    base = dict(models={"legal": "models/legal"}, kept_base={"legal": False}, matryoshka_dims=[384, 128],
                val_query_ids={"legal": ["q3", "q7"]}, mode="cpu", model="m", smoke=False)
    return FinetuneRecord(**{**base, **kw})


def test_records_round_trip_next_to_other_results(tmp_path):
    save_results(tmp_path, NB3, {"ndcg": 0.5})
    save_record(tmp_path, NB3, _choice())
    assert load_record(tmp_path, NB3, IndexChoice, mode="cpu", model="m", allow_smoke=False) == _choice()
    assert load_results(tmp_path, NB3)["ndcg"] == 0.5
    rec = _finetune(tmp_path)
    save_record(tmp_path, NB4, rec)
    assert load_record(tmp_path, NB4, FinetuneRecord) == rec
    assert rec.model_path(tmp_path, "legal") == tmp_path / "models" / "legal"
    assert load_record(tmp_path, NB4, FinetuneRecord).val_query_ids == {"legal": ["q3", "q7"]}


def test_finetune_record_without_validation_ids_says_rerun_04(tmp_path):
    """A record written before val_query_ids existed is refused with the notebook to re-run."""
    old = {k: v for k, v in _finetune(tmp_path).to_dict().items() if k != "val_query_ids"}
    save_results(tmp_path, NB4, {"record": old})
    with pytest.raises(ResultsError, match=r"lacks \['val_query_ids'\].*04_lora_finetune"):
        load_record(tmp_path, NB4, FinetuneRecord)


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"width": 0}, "width"),
        ({"width": 1.5}, "width"),
        ({"precision": "fp16"}, "precision"),
        ({"rule": " "}, "rule"),
        ({"mode": ""}, "mode"),
        ({"smoke": "no"}, "smoke"),
    ],
)
def test_index_choice_validates_itself(kw, match):
    with pytest.raises(ResultsError, match=match):
        _choice(**kw)


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"models": {}}, "models"),
        ({"kept_base": {"finance": True}}, "kept_base"),
        ({"kept_base": {"legal": 1}}, "bools"),
        ({"matryoshka_dims": [128, -1]}, "matryoshka_dims"),
        ({"model": None}, "model"),
        ({"val_query_ids": {}}, "val_query_ids must name the same domains"),
        ({"val_query_ids": {"legal": ["q1"], "finance": ["q2"]}}, "val_query_ids must name the same domains"),
        ({"val_query_ids": {"legal": "q1"}}, "list of distinct query ids"),
        ({"val_query_ids": {"legal": ["q1", "q1"]}}, "list of distinct query ids"),
        ({"val_query_ids": {"legal": [1]}}, "list of distinct query ids"),
    ],
)
def test_finetune_record_validates_itself(tmp_path, kw, match):
    with pytest.raises(ResultsError, match=match):
        _finetune(tmp_path, **kw)


def test_load_record_missing_file_says_run_first(tmp_path):
    with pytest.raises(ResultsError, match=f"run notebooks/{NB4}.ipynb first"):
        load_record(tmp_path, NB4, FinetuneRecord)


def test_load_record_malformed(tmp_path):
    path = results_path(tmp_path, NB3)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(ResultsError, match="not valid JSON"):
        load_record(tmp_path, NB3, IndexChoice)
    save_results(tmp_path, NB3, {"ndcg": 0.5})
    with pytest.raises(ResultsError, match="no 'record'"):
        load_record(tmp_path, NB3, IndexChoice)
    save_results(tmp_path, NB3, {"record": {"width": 64}})
    with pytest.raises(ResultsError, match="lacks"):
        load_record(tmp_path, NB3, IndexChoice)
    save_results(tmp_path, NB3, {"record": {**_choice().to_dict(), "precision": "fp8"}})
    with pytest.raises(ResultsError, match="precision"):
        load_record(tmp_path, NB3, IndexChoice)


def test_load_record_other_mode_model_or_smoke(tmp_path):
    save_record(tmp_path, NB3, _choice(smoke=True))
    with pytest.raises(ResultsError, match="mode 'cpu'"):
        load_record(tmp_path, NB3, IndexChoice, mode="sglang")
    with pytest.raises(ResultsError, match="model 'm'"):
        load_record(tmp_path, NB3, IndexChoice, model="other")
    with pytest.raises(ResultsError, match="smoke-sized"):
        load_record(tmp_path, NB3, IndexChoice, allow_smoke=False)
    assert load_record(tmp_path, NB3, IndexChoice, allow_smoke=True).smoke


def test_load_record_missing_model_folder(tmp_path):
    rec = _finetune(tmp_path, models={"legal": str(tmp_path / "gone")})
    save_record(tmp_path, NB4, rec)
    with pytest.raises(ResultsError, match="does not exist"):
        load_record(tmp_path, NB4, FinetuneRecord)
