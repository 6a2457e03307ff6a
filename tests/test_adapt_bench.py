"""utils.adapt.bench: the budget benchmark's data set (sizes, splits, a valid BEIR folder) and its folder rule."""

from __future__ import annotations

import pytest

from utils.adapt import bench
from utils.adapt.inputs import load_for_adapt
from utils.data.beir import load_beir


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench") / "data"
    return folder, bench.build_set(folder)


def test_the_set_has_the_sizes_the_readme_states(built):
    folder, sizes = built
    assert sizes["documents"] == sizes["pubmedqa_paragraphs"] + sizes["distractors"]
    assert 5_000 <= sizes["documents"] <= 6_000
    assert sizes["test_queries"] == bench.N_TEST
    # about 1,000 pairs reach the fine-tune once a quarter of the train queries is held out for validation
    assert 1_000 <= sizes["train_pairs"] * (1 - bench.VAL_FRACTION) < 1_000 + 10


def test_the_set_is_a_valid_beir_folder_with_disjoint_splits(built):
    folder, sizes = built
    train, test = load_beir(folder, "train"), load_beir(folder, "test")
    assert len(train.corpus) == sizes["documents"] and len(test.queries) == sizes["test_queries"]
    assert not set(train.queries) & set(test.queries)
    # a question's relevant documents are the paragraphs of its own abstract, conclusion included
    for qid, rel in test.qrels.items():
        pmid = qid.removeprefix("pmqa-q")
        assert rel and all(d.startswith(f"pmqa-{pmid}-") for d in rel)


def test_utils_adapt_reads_it_with_about_1000_training_pairs(built):
    folder, _ = built
    data = load_for_adapt(folder)
    assert 900 <= len(data.train_pairs) <= 1_150, len(data.train_pairs)


def test_a_folder_with_foreign_files_is_refused(tmp_path):
    (tmp_path / "mine.txt").write_text("a reader's file")
    with pytest.raises(SystemExit, match="did not write"):
        bench.main(["--out", str(tmp_path), "--build-only"])
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_a_file_in_place_of_the_folder_is_refused(tmp_path):
    target = tmp_path / "report"
    target.write_bytes(b"\xff not a folder")
    with pytest.raises(SystemExit, match="is a file"):
        bench.main(["--out", str(target), "--build-only"])
    assert target.read_bytes() == b"\xff not a folder"


def test_a_rerun_reuses_its_own_folder(tmp_path, capsys):
    out = tmp_path / "bench"
    assert bench.main(["--out", str(out), "--build-only"]) == 0
    assert bench.main(["--out", str(out), "--build-only"]) == 0
    assert "documents 5," in capsys.readouterr().out
