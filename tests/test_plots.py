"""utils.course.plots: the CJK font fallback adds only an installed font, and warns with the fix when none is."""

import warnings

import matplotlib as mpl
import pytest

from utils.course import plots


@pytest.fixture(autouse=True)
def _restore_rcparams():
    with mpl.rc_context():
        yield


def test_no_cjk_font_warns_with_the_package_name(monkeypatch):
    monkeypatch.setattr(plots, "installed_cjk_fonts", lambda: [])
    before = list(mpl.rcParams["font.family"])
    with pytest.warns(UserWarning, match="fonts-noto-cjk"):
        assert plots.use_cjk_fallback() is None
    assert list(mpl.rcParams["font.family"]) == before
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert plots.use_cjk_fallback(warn=False) is None


def test_an_installed_font_is_appended_once(monkeypatch):
    monkeypatch.setattr(plots, "installed_cjk_fonts", lambda: ["Noto Sans CJK SC"])
    assert plots.use_cjk_fallback() == "Noto Sans CJK SC"
    assert plots.use_cjk_fallback() == "Noto Sans CJK SC"
    fams = list(mpl.rcParams["font.family"])
    assert fams[-1] == "Noto Sans CJK SC" and fams.count("Noto Sans CJK SC") == 1
    assert fams[0] != "Noto Sans CJK SC", "Latin text keeps the default font first"


def test_installed_fonts_are_a_subset_in_preference_order():
    found = plots.installed_cjk_fonts()
    assert set(found) <= set(plots.CJK_FONTS)
    assert found == [f for f in plots.CJK_FONTS if f in found]


def test_chinese_label_renders_without_missing_glyphs_when_a_font_is_installed(tmp_path):
    if not plots.installed_cjk_fonts():
        pytest.skip("no CJK font on this machine (apt-get install fonts-noto-cjk)")
    import matplotlib.pyplot as plt

    plots.use_cjk_fallback()
    fig, ax = plt.subplots()
    ax.set_title("二甲双胍 metformin")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" otherwise
        fig.savefig(tmp_path / "zh.png")
    plt.close(fig)
