"""The entity-type palette: twenty tints that stay apart, also in a colour-vision-deficiency simulation,
and black text stays readable on every one of them."""

from __future__ import annotations

import numpy as np
import pytest
from colorspacious import cspace_convert

from medlabel.core.schema import PALETTE
from medlabel.gui.annotate.report_view import TINT, tint

VISION = (None, "protanomaly", "deuteranomaly", "tritanomaly")
# CAM02-UCS distance: about 1 is just noticeable side by side; 5 is clearly different hues at a glance.
MIN_DISTANCE = 4.9


def _tints(colours: tuple[str, ...]) -> np.ndarray:
    return np.array([tint(c).getRgbF()[:3] for c in colours])


def _smallest_distance(colours: tuple[str, ...], vision: str | None) -> float:
    points = np.clip(_tints(colours), 0, 1)
    if vision:
        space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
        points = np.clip(cspace_convert(points, space, "sRGB1"), 0, 1)
    ucs = cspace_convert(points, "sRGB1", "CAM02-UCS")
    d = np.linalg.norm(ucs[:, None] - ucs[None], axis=-1)
    d[np.eye(len(colours), dtype=bool)] = np.inf
    return float(d.min())


def test_twenty_distinct_colours() -> None:
    assert len(PALETTE) == 20
    assert len({c.upper() for c in PALETTE}) == 20


@pytest.mark.parametrize("vision", VISION)
def test_tints_stay_apart_for_every_kind_of_vision(vision: str | None) -> None:
    assert _smallest_distance(PALETTE, vision) >= MIN_DISTANCE


@pytest.mark.parametrize("vision", VISION)
def test_the_first_eight_stay_further_apart(vision: str | None) -> None:
    # Most schemas have a handful of types: those come first and are spread best.
    assert _smallest_distance(PALETTE[:8], vision) >= MIN_DISTANCE
    assert _smallest_distance(PALETTE[:8], vision) >= _smallest_distance(PALETTE, vision)


def test_the_old_palette_would_fail() -> None:
    # The palette before: its teal and blue tints merged for deuteranopes.
    old = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#88CCEE",
           "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")  # fmt: skip
    assert _smallest_distance(old, "deuteranomaly") < MIN_DISTANCE


def _luminance(rgb: np.ndarray) -> np.ndarray:
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def test_black_text_is_readable_on_every_tint() -> None:
    # WCAG contrast of black text on the span background: 7:1 is the stricter (AAA) level.
    contrast = (_luminance(_tints(PALETTE)) + 0.05) / 0.05
    assert contrast.min() >= 7.0, dict(zip(PALETTE, contrast.round(1), strict=True))


def test_tint_share_is_the_one_the_palette_was_chosen_for() -> None:
    assert pytest.approx(0.45) == TINT


def test_a_span_inside_another_is_drawn_visibly_over_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QTextCharFormat

    from medlabel.core.annotations import Span
    from medlabel.gui.annotate.report_view import ReportView

    view = ReportView()
    qtbot.addWidget(view)
    text = "LV ejection fraction 55 % (biplane)"
    outer = Span(1, 1, 0, text.index(" (biplane)"), "LVEF", None, None, None, "a")
    inner = Span(2, 1, text.index("55"), text.index(" (biplane)"), "Value", None, None, None, "a")
    view.set_report(text, [inner, outer], {"LVEF": PALETTE[0], "Value": PALETTE[1]})
    selections = view.extraSelections()  # kept: the formats below live as long as this list
    drawn = {(s.cursor.selectionStart(), s.cursor.selectionEnd()): s.format for s in selections}
    outer_fmt = drawn[(outer.start, outer.end)]
    inner_fmt = drawn[(inner.start, inner.end)]
    assert outer_fmt.background().color() == tint(PALETTE[0])
    # Not only a thin underline: a hatch in the inner span's own colour over the outer tint, and a wave.
    assert inner_fmt.background().style() == Qt.BrushStyle.BDiagPattern
    assert inner_fmt.background().color() == QColor(PALETTE[1])
    assert inner_fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    # Drawn after the outer span, so the hatch lies over its tint.
    order = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in selections]
    assert order.index((outer.start, outer.end)) < order.index((inner.start, inner.end))


def test_a_suggested_span_is_dashed(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCharFormat

    from medlabel.core.records import SpanRecord
    from medlabel.gui.annotate.report_view import ReportView

    view = ReportView()
    qtbot.addWidget(view)
    view.set_report("LVEF 55 %", [], {"LVEF": PALETTE[0]})
    view.set_suggested([SpanRecord(start=5, end=9, type="LVEF")])
    selections = view.extraSelections()
    assert [s.format.underlineStyle() for s in selections] == [QTextCharFormat.UnderlineStyle.DashUnderline]
