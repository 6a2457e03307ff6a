import json

from utils.course import notebooks, summarise
from utils.results import save_results


def test_notebooks_in_reading_order():
    names = [p.stem for p in notebooks()]
    assert names == sorted(names) and names[0] == "00_setup"


def test_summary_lists_each_notebook(tmp_path):
    save_results(tmp_path, "00_setup", {"mode": "cpu", "dim": 384})
    save_results(tmp_path, "02_x", {"per_domain": {"medical": {"nDCG@10": 0.51234}}})
    text = summarise(tmp_path, {"00_setup": 12.0})
    assert "## 00_setup (12 s)" in text and "| dim | 384 |" in text
    assert "per_domain.medical.nDCG@10 | 0.5123" in text
    assert "No results" in summarise(tmp_path / "empty")
    json.loads((tmp_path / "results" / "02_x.json").read_text())
