"""Plot settings shared by the notebooks: a font fallback so that Chinese labels do not render as boxes.

Introduced in notebook 00_setup (which reports whether a CJK font is installed); called by every
notebook that may draw Chinese text (02 onwards). Matplotlib (3.6+) falls back glyph by glyph along
the ``font.family`` list, so a CJK font after the default Latin one covers the Chinese characters.
On Debian/Ubuntu the package ``fonts-noto-cjk`` provides Noto Sans CJK; on other systems any font named
in :data:`CJK_FONTS` works.
"""

from __future__ import annotations

import warnings

#: CJK-capable fonts, in order of preference (Noto/Source Han first: free and packaged on Linux).
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "PingFang SC",
    "Microsoft YaHei",
    "SimHei",
)

FONT_HINT = "install a CJK font (Debian/Ubuntu: `apt-get install fonts-noto-cjk`) and restart the kernel"


#: Pieces of font file names that hold CJK glyphs (Noto CJK, Source Han, WenQuanYi, Droid fallback).
_CJK_FILE_HINTS = ("cjk", "sourcehan", "wqy", "droidsansfallback")


def installed_cjk_fonts() -> list[str]:
    """The fonts of :data:`CJK_FONTS` that matplotlib can find on this machine, in preference order.

    Matplotlib caches its font list once; a font package installed after that is invisible to it.
    When the cache knows no CJK font, the system's font files are scanned and CJK ones registered.
    """
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    if not any(f in names for f in CJK_FONTS):
        for path in font_manager.findSystemFonts():
            if any(h in path.lower().replace("-", "").replace("_", "") for h in _CJK_FILE_HINTS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # an unreadable font file: skip it
                    continue
        names = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in CJK_FONTS if f in names]


def use_cjk_fallback(warn: bool = True) -> str | None:
    """Append the first installed CJK font to matplotlib's ``font.family`` fallback list.

    Returns the font used, or ``None`` (with a warning unless ``warn=False``) when none is installed;
    Chinese labels then render as boxes. Only fonts that exist are added, so matplotlib does not log
    "findfont: Font family ... not found" for the others.
    """
    import matplotlib as mpl

    found = installed_cjk_fonts()
    if not found:
        if warn:
            warnings.warn(f"no CJK font found: Chinese labels in plots will show as boxes; {FONT_HINT}.", stacklevel=2)
        return None
    # matplotlib falls back glyph by glyph along font.family (a generic name such as "sans-serif" counts
    # as one font), so the CJK font goes after the current families
    families = list(mpl.rcParams["font.family"])
    if found[0] not in families:
        mpl.rcParams["font.family"] = families + [found[0]]
    return found[0]
