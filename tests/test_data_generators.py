"""data/_gen/: every generator regenerates its committed files byte for byte; the shared builder's checks; data/baselines.py."""

from __future__ import annotations

import filecmp
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from utils.data.beir import PHENOMENA

REPO = Path(__file__).resolve().parent.parent
GEN = REPO / "data" / "_gen"
GENERATORS = sorted(p for p in GEN.glob("*.py") if not p.name.startswith("_"))


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


@pytest.fixture(scope="module")
def builder():
    sys.path.insert(0, str(GEN))
    try:
        yield _load(GEN / "_builder.py", "_builder")
    finally:
        sys.path.remove(str(GEN))


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_every_domain_has_a_generator():
    names = {p.stem for p in GENERATORS}
    assert {"medical", "legal", "finance", "medical_zh"} <= names, names


def test_every_generator_uses_the_builder():
    """One style: every generator declares its sets on data/_gen/_builder.py (CONTRIBUTING.md, "Data generators")."""
    off = [p.name for p in GENERATORS if "from _builder import" not in p.read_text(encoding="utf-8")]
    assert not off, f"port {off} to data/_gen/_builder.py (CONTRIBUTING.md, 'Porting an older generator')"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """Every generator run once into a root of its own: script -> (returncode, output, root)."""
    runs = {}
    for script in GENERATORS:
        root = tmp_path_factory.mktemp(script.stem)
        r = subprocess.run(
            [sys.executable, str(script), "--out", str(root)], capture_output=True, text=True, timeout=300
        )
        runs[script] = (r.returncode, r.stdout + r.stderr, root)
    return runs


def _written(root: Path) -> dict[str, list[str]]:
    return {p.name: _files(p) for p in sorted(root.iterdir())}


@pytest.mark.parametrize("script", GENERATORS, ids=lambda p: p.stem)
def test_generator_reproduces_the_committed_files(script, regenerated):
    assert "from _builder import" in script.read_text(encoding="utf-8"), (
        f"port {script.name} to the builder first"
    )
    code, output, root = regenerated[script]
    assert code == 0, output
    written = _written(root)
    assert written, f"{script.name} --out {root} wrote nothing there"
    for name, files in written.items():
        out, committed = root / name, REPO / "data" / name
        missing = sorted(set(files) - set(_files(committed)))
        assert not missing, f"{script.name} writes {missing} that data/{name}/ does not hold"
        differ = [f for f in files if not filecmp.cmp(out / f, committed / f, shallow=False)]
        assert not differ, (
            f"regenerating data/{name} changes {differ}: commit the regenerated files or fix {script.name}"
        )


def test_every_committed_data_file_has_a_generator(regenerated):
    """A data folder may be written by several generators (data/_gen/labels.py adds files to data/finance/):
    together they write exactly what is committed there."""
    union: dict[str, set[str]] = {}
    for code, output, root in regenerated.values():
        assert code == 0, output
        for name, files in _written(root).items():
            union.setdefault(name, set()).update(files)
    for name, files in union.items():
        orphans = sorted(set(_files(REPO / "data" / name)) - files)
        assert not orphans, f"no generator writes data/{name}/{orphans}: add them to one or delete them"


def test_builder_tags_are_the_datasheet_tags(builder):
    assert builder.TAGS == PHENOMENA


def _small(builder, **options):
    d = builder.Dataset("tiny", prefix="t", **options)
    d.topic("a")
    d.doc("x", "First document title", "One sentence. Two sentences.")
    d.doc("y", "Second document title", "Another text.")
    d.query("train", "about x", "direct", pos=["x"], neg=["y"])
    return d


def test_builder_writes_beir_that_the_loader_reads(builder, tmp_path):
    from utils.data.beir import load_beir

    d = _small(builder)
    d.query("test", "about y", "numbers negation", pos="y", neg=["x"])
    out = d.write(tmp_path / "tiny")
    rs = load_beir(out, "test")
    assert rs.queries["t-q0002"].text == "about y" and rs.qrels == {"t-q0002": {"t-d0002": 1}}
    assert (
        out / "hard_negatives.tsv"
    ).read_text() == "query-id\tcorpus-id\nt-q0001\tt-d0002\nt-q0002\tt-d0001\n"
    assert "train" in d.summary() and "numbers=1" in d.summary()


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.doc("x", "Some other title", "Text."), "already declared"),
        (lambda d: d.query("test", "About X", "direct", pos=["y"], neg=["x"]), "already declared"),
        (lambda d: d.query("dev", "q", "direct", pos=["x"], neg=["y"]), "split 'dev'"),
        (lambda d: d.query("train", "q", "colour", pos=["x"], neg=["y"]), "tags"),
        (
            lambda d: d.query("train", "q", "direct", pos=["zz"], neg=["y"]),
            "'zz' is not a declared document key",
        ),
        (lambda d: d.query("train", "q", "direct", pos=["x"], neg=["x"]), "not relevant"),
        (lambda d: d.query("train", "q", "direct", pos=["x"], neg=[]), "1 to 3 hard negatives"),
        (lambda d: d.query("test", "q", "direct", pos=["x"], neg=["y"]), "more than one split"),
    ],
)
def test_builder_errors_name_the_declaration(builder, tmp_path, mutate, message):
    d = _small(builder)
    with pytest.raises(builder.DataError, match=message) as info:
        mutate(d)
        d.write(tmp_path / "never")
    if "more than one split" not in message:  # a per-declaration error says where the declaration is
        assert f"{Path(__file__).name}:" in str(info.value)
    assert not (tmp_path / "never").exists(), "nothing is written when validation fails"


def test_builder_optional_checks(builder):
    with pytest.raises(builder.DataError, match="words"):
        _small(builder, title_words=(4, 8)).validate()
    with pytest.raises(builder.DataError, match="sentences"):
        _small(builder, max_sentences=1).validate()
    with pytest.raises(builder.DataError, match="fewer than 2 queries"):
        _small(builder, min_per_tag=2).validate()
    _small(builder, title_words=(3, 8), max_sentences=2).validate()


def test_builder_cli_reports_errors_without_a_traceback(builder, tmp_path, capsys):
    d = _small(builder)
    d.query("train", "q", "direct", pos=["missing"], neg=["y"])
    assert d.main(["--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "'missing'" in err and "Traceback" not in err
    assert not (tmp_path / "tiny").exists()


def test_builder_cli_writes_under_the_root(builder, tmp_path, capsys):
    assert _small(builder).main(["--out", str(tmp_path)]) == 0
    assert _files(tmp_path / "tiny") == [
        "corpus.jsonl",
        "hard_negatives.tsv",
        "qrels/test.tsv",
        "qrels/train.tsv",
        "queries.jsonl",
    ]
    assert f"wrote {tmp_path / 'tiny'}" in capsys.readouterr().out


def test_write_beir_for_derived_sets(builder, tmp_path):
    corpus = [
        {"_id": "long-d1", "title": "A", "text": "# A\n\n## 1. x"},
        {"_id": "long-d2", "title": "B", "text": "y"},
    ]
    queries = [{"_id": "med-q0007", "text": "x?", "tags": ["direct", "needle_first"]}]
    qrels = {"test": [("med-q0007", "long-d1")]}
    with pytest.raises(builder.DataError, match="needle_first"):
        builder.write_beir(tmp_path / "a", corpus, queries, qrels)
    extra = builder.TAGS + ("needle_first",)
    out = builder.write_beir(tmp_path / "a", corpus, queries, qrels, tags=extra)
    assert (out / "qrels" / "test.tsv").read_text() == "query-id\tcorpus-id\tscore\nmed-q0007\tlong-d1\t1\n"
    assert not (out / "hard_negatives.tsv").exists()
    bad = [
        ([corpus[0], corpus[0]], queries, qrels, "duplicate document ids"),
        (corpus, queries, {"test": [("med-q0007", "long-d9")]}, "unknown query or document"),
        (corpus, queries + [{"_id": "q2", "text": "z", "tags": []}], qrels, "without a relevant document"),
        ([{"_id": "e", "title": "t", "text": " "}], queries, qrels, "without text"),
    ]
    for c, q, r, message in bad:
        with pytest.raises(builder.DataError, match=message):
            builder.check_beir(c, q, r, tags=extra)


def test_datasheet_counts_match_the_data():
    """data/README.md's counts table is what data/baselines.py computes from the committed files."""
    baselines = _load(REPO / "data" / "baselines.py", "data_baselines")
    text = baselines.README.read_text()
    block = text.split(baselines.CSTART, 1)[1].split(baselines.CEND, 1)[0].strip()
    assert block == baselines.counts(), (
        "data/README.md's counts are stale: run `python data/baselines.py --write`"
    )
    with pytest.raises(SystemExit, match="markers"):
        baselines._replace("no markers here", baselines.START, baselines.END, "x")


def test_builder_set_without_negatives_or_titles(builder, tmp_path):
    d = builder.Dataset("probe", prefix="g", splits=("test",), min_negatives=0)
    d.doc("sky", "", "Sunlight is scattered by air molecules.")
    d.doc("nile", "", "The Nile is the longest river in Africa.")
    d.query("test", "why is the sky blue", "direct", pos=["sky"])
    d.query("test", "longest river in Africa", "direct", pos=["nile"])
    out = d.write(tmp_path / "probe")
    assert _files(out) == ["corpus.jsonl", "qrels/test.tsv", "queries.jsonl"]
    with pytest.raises(builder.DataError, match="needs a text"):
        d.doc("empty", "A title", " ")
        d.validate()
