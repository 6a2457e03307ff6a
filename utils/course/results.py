"""Each notebook's key results as a JSON file: written by the notebook, read by the tests and the run summary.

Introduced in notebook 00_setup. A plain JSON sidecar (scrapbook is unmaintained).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import numpy as np


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        return _clean(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Path):
        return str(value)
    return value


def results_path(runs_dir: str | Path, notebook: str) -> Path:
    """``<runs_dir>/results/<notebook>.json``."""
    return Path(runs_dir) / "results" / f"{notebook}.json"


def save_results(runs_dir: str | Path, notebook: str, results: dict[str, Any]) -> Path:
    """Write ``results`` (numpy values converted, NaN -> null) with a timestamp; returns the path."""
    path = results_path(runs_dir, notebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"notebook": notebook, "written_at": time.strftime("%Y-%m-%dT%H:%M:%S"), **_clean(results)}
    path.write_text(json.dumps(payload, indent=2, sort_keys=False))
    return path


def load_results(runs_dir: str | Path, notebook: str) -> dict[str, Any]:
    """Read a notebook's results; a clear error if the notebook has not been run."""
    path = results_path(runs_dir, notebook)
    if not path.is_file():
        raise FileNotFoundError(f"no results at {path}: run notebooks/{notebook}.ipynb first (make course).")
    return json.loads(path.read_text())


# --- typed records: what one notebook hands on to the next -----------------------------------------


class ResultsError(RuntimeError):
    """A notebook's results are missing, malformed or do not fit this run: the message names the
    notebook to (re)run and why."""


PRECISIONS = ("float32", "int8", "binary")


def _need(cond: bool, notebook: str, what: str) -> None:
    if not cond:
        raise ResultsError(f"{notebook}: {what}")


def _check_common(rec: Any, notebook: str) -> None:
    _need(isinstance(rec.mode, str) and bool(rec.mode), notebook, f"mode must be a non-empty str, got {rec.mode!r}")
    _need(isinstance(rec.model, str) and bool(rec.model), notebook, f"model must be a non-empty str, got {rec.model!r}")
    _need(isinstance(rec.smoke, bool), notebook, f"smoke must be a bool, got {rec.smoke!r}")


@dataclass(frozen=True)
class IndexChoice:
    """What notebook 03 hands on: the vector width and precision it chose, and the rule that chose them.

    Introduced in notebook 03_dimensions_quantisation_faiss; read by notebook 05.
    """

    width: int
    precision: str
    rule: str
    mode: str
    model: str
    smoke: bool

    NOTEBOOK: ClassVar[str] = "03_dimensions_quantisation_faiss"

    def __post_init__(self) -> None:
        nb = self.NOTEBOOK
        _need(isinstance(self.width, int) and not isinstance(self.width, bool) and self.width > 0,
              nb, f"width must be a positive int, got {self.width!r}")
        _need(self.precision in PRECISIONS, nb, f"precision must be one of {PRECISIONS}, got {self.precision!r}")
        _need(isinstance(self.rule, str) and bool(self.rule.strip()), nb, "rule must be a non-empty sentence")
        _check_common(self, nb)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IndexChoice:
        return cls(**_fields_of(cls, data))


@dataclass(frozen=True)
class FinetuneRecord:
    """What notebook 04 hands on: the merged model folder per domain, whether the validation guard kept
    the base model, the widths trained with MatryoshkaLoss, and per domain the ids of the train-split
    queries that ``split_pairs`` held out for validation (never trained on: a later notebook chooses on
    them, not on the fine-tuned models' own training queries; empty where ``VAL_FRACTION`` was 0).

    Introduced in notebook 04_lora_finetune; read by notebook 05. Folders are absolute or relative to
    the runs folder.
    """

    models: dict[str, str]
    kept_base: dict[str, bool]
    matryoshka_dims: list[int]
    val_query_ids: dict[str, list[str]]
    mode: str
    model: str
    smoke: bool

    NOTEBOOK: ClassVar[str] = "04_lora_finetune"

    def __post_init__(self) -> None:
        nb = self.NOTEBOOK
        _need(isinstance(self.models, dict) and bool(self.models), nb, "models must be a non-empty dict domain -> folder")
        for domain, folder in self.models.items():
            _need(isinstance(domain, str) and isinstance(folder, str) and bool(folder),
                  nb, f"models[{domain!r}] must be a folder path (str), got {folder!r}")
        _need(isinstance(self.kept_base, dict) and set(self.kept_base) == set(self.models),
              nb, f"kept_base must name the same domains as models ({sorted(self.models)})")
        _need(all(isinstance(v, bool) for v in self.kept_base.values()), nb, "kept_base values must be bools")
        _need(isinstance(self.matryoshka_dims, list)
              and all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in self.matryoshka_dims),
              nb, f"matryoshka_dims must be a list of positive ints, got {self.matryoshka_dims!r}")
        _need(isinstance(self.val_query_ids, dict) and set(self.val_query_ids) == set(self.models),
              nb, f"val_query_ids must name the same domains as models ({sorted(self.models)})")
        for domain, ids in self.val_query_ids.items():
            _need(isinstance(ids, list) and all(isinstance(q, str) and q for q in ids) and len(set(ids)) == len(ids),
                  nb, f"val_query_ids[{domain!r}] must be a list of distinct query ids (str), got {ids!r:.80}")
        _check_common(self, nb)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FinetuneRecord:
        return cls(**_fields_of(cls, data))

    def model_path(self, runs_dir: str | Path, domain: str) -> Path:
        """The merged model folder of ``domain`` (runs-relative folders resolved against ``runs_dir``)."""
        if domain not in self.models:
            raise ResultsError(f"{self.NOTEBOOK}: no model for domain {domain!r} (has {sorted(self.models)}); "
                               f"run notebooks/{self.NOTEBOOK}.ipynb with that domain in TRAIN_DOMAINS")
        path = Path(self.models[domain])
        return path if path.is_absolute() else Path(runs_dir) / path


Record = IndexChoice | FinetuneRecord
R = TypeVar("R", IndexChoice, FinetuneRecord)


def _fields_of(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ResultsError(f"{cls.NOTEBOOK}: record must be a JSON object, got {type(data).__name__}")
    names = {f.name for f in fields(cls)}
    missing = sorted(names - set(data))
    if missing:
        raise ResultsError(f"{cls.NOTEBOOK}: record lacks {missing}; re-run notebooks/{cls.NOTEBOOK}.ipynb")
    return {k: data[k] for k in names}


def save_record(runs_dir: str | Path, notebook: str, record: Record) -> Path:
    """Store ``record`` under the key ``"record"`` of ``<runs_dir>/results/<notebook>.json``, keeping the
    other results already there; returns the path."""
    path = results_path(runs_dir, notebook)
    existing: dict[str, Any] = {}
    if path.is_file():
        try:
            existing = json.loads(path.read_text())
        except json.JSONDecodeError:
            existing = {}
    existing = {k: v for k, v in existing.items() if k not in ("notebook", "written_at")}
    existing["record"] = record.to_dict()
    return save_results(runs_dir, notebook, existing)


def load_record(
    runs_dir: str | Path,
    notebook: str,
    cls: type[R],
    *,
    mode: str | None = None,
    model: str | None = None,
    allow_smoke: bool = True,
) -> R:
    """Read the record a notebook handed on and check it fits this run.

    Raises ResultsError (naming the notebook to run and why) when the file is missing or malformed, or
    the record comes from another mode or model, is smoke-sized while ``allow_smoke`` is False, or
    names model folders that do not exist.
    """
    again = f"run notebooks/{notebook}.ipynb first"
    path = results_path(runs_dir, notebook)
    if not path.is_file():
        raise ResultsError(f"no results at {path}: {again} (make course).")
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise ResultsError(f"{path} is not valid JSON ({exc}): {again}.") from exc
    if not isinstance(data, dict) or "record" not in data:
        raise ResultsError(f"{path} has no 'record' (written by an older version?): {again}.")
    try:
        record = cls.from_dict(data["record"])
    except TypeError as exc:
        raise ResultsError(f"{path}: malformed record ({exc}): {again}.") from exc
    except ResultsError as exc:
        raise ResultsError(f"{path}: {exc}; {again}.") from exc
    if mode is not None and record.mode != mode:
        raise ResultsError(f"{path} was written in mode {record.mode!r}, this run is {mode!r}: {again} in this mode.")
    if model is not None and record.model != model:
        raise ResultsError(f"{path} was written for model {record.model!r}, this run uses {model!r}: {again} with it.")
    if not allow_smoke and record.smoke:
        raise ResultsError(f"{path} is from a smoke-sized run: {again} at full size (make course).")
    if isinstance(record, FinetuneRecord):
        for domain in record.models:
            folder = record.model_path(runs_dir, domain)
            if not folder.is_dir():
                raise ResultsError(f"{path} names model folder {folder} for {domain!r}, which does not exist: {again}.")
    return record
