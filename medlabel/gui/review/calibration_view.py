"""The reliability diagram of a document-label run: per confidence bin, how often the model was right
against how sure it said it was, before and after temperature scaling, with a caption in plain words.

The bins and the expected calibration error come ready from ``medlabel.ml.calibration.calibration_metrics``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWidget

from medlabel.gui.i18n import tr
from medlabel.gui.review.plot_frame import PlotFrame

pg.setConfigOptions(antialias=True, background="w", foreground="#333")

BEFORE = "#e07b24"
AFTER = "#1f5fa8"
OTHER = "#2e8b57"  # the compared run: a green, apart from both of this run's colours
SMALLEST, LARGEST = 6.0, 22.0  # point diameters in pixels, for the emptiest and the fullest bin


def point_sizes(counts: Sequence[int]) -> list[float]:
    """Area grows with the number of reports in the bin, so a bin of 2 does not look as sure as one of 40."""
    most = max(counts, default=0)
    if most <= 0:
        return [SMALLEST for _ in counts]
    return [SMALLEST + (LARGEST - SMALLEST) * math.sqrt(c / most) for c in counts]


def filled_bins(bins: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [b for b in bins if b.get("count") and b.get("mean_confidence") is not None]


class CalibrationView(PlotFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "calibration",
            tr(
                "This run has no calibration: span runs are not calibrated, and runs trained before "
                "calibration existed have none."
            ),
            parent,
        )
        self.caption.setObjectName("calibrationCaption")
        axes = self.plot.getPlotItem()
        axes.setLabel("bottom", tr("confidence the model gave"))
        axes.setLabel("left", tr("share it got right"))
        axes.setXRange(0, 1, padding=0.02)
        axes.setYRange(0, 1, padding=0.02)
        axes.setAspectLocked(False)
        self.legend = axes.addLegend(offset=(10, 10))
        self.plot.setMinimumSize(260, 220)
        self.setMinimumSize(300, 280)
        self.series: dict[str, pg.PlotDataItem] = {}
        self.show_calibration(None)

    def show_calibration(
        self, block: Mapping[str, Any] | None, other: Mapping[str, Any] | None = None, other_name: str = ""
    ) -> None:
        """Show a run's calibration block (``calibration_metrics``); None: the run has none. ``other``:
        the compared run's block, drawn after calibration beside it."""
        axes = self.plot.getPlotItem()
        axes.clear()
        self.legend.clear()
        self.series = {}
        if not block:
            self.caption.clear()
            self.stack.setCurrentIndex(1)
            return
        dash = pg.mkPen("#8a8a8a", width=1.5, style=Qt.PenStyle.DashLine)
        axes.addItem(pg.PlotDataItem([0, 1], [0, 1], pen=dash, name=tr("perfectly calibrated")))
        for key, name, colour, symbol in (
            ("bins_before", tr("before calibration"), BEFORE, "s"),
            ("bins_after", tr("after calibration"), AFTER, "o"),
        ):
            bins = filled_bins(block.get(key) or [])
            if not bins:
                continue
            item = pg.PlotDataItem(
                [b["mean_confidence"] for b in bins], [b["accuracy"] for b in bins],
                pen=pg.mkPen(colour, width=2), symbol=symbol, symbolPen=pg.mkPen("w", width=1),
                symbolBrush=colour, symbolSize=point_sizes([int(b["count"]) for b in bins]), name=name,
            )  # fmt: skip
            axes.addItem(item)
            self.series[key] = item
        other_bins = filled_bins((other or {}).get("bins_after") or [])
        if other_bins:
            item = pg.PlotDataItem(
                [b["mean_confidence"] for b in other_bins], [b["accuracy"] for b in other_bins],
                pen=pg.mkPen(OTHER, width=2, style=Qt.PenStyle.DotLine), symbol="t", symbolBrush=OTHER,
                symbolSize=point_sizes([int(b["count"]) for b in other_bins]), name=other_name,
            )  # fmt: skip
            axes.addItem(item)
            self.series["other_after"] = item
        axes.setXRange(0, 1, padding=0.02)
        axes.setYRange(0, 1, padding=0.02)
        caption = self._caption(block)
        if other and other.get("ece_after") is not None:
            caption += "\n" + tr("{name}: expected calibration error {ece} after calibration.").format(
                name=other_name, ece=QLocale().toString(float(other["ece_after"]), "f", 3)
            )
        self.caption.setText(caption)
        self.stack.setCurrentIndex(0)

    def _caption(self, block: Mapping[str, Any]) -> str:
        before, after, n = block.get("ece_before"), block.get("ece_after"), block.get("n") or 0
        if before is None or after is None:
            return tr("No test report has label probabilities, so the calibration cannot be shown.")

        def number(value: float) -> str:
            return QLocale().toString(float(value), "f", 3)

        return tr(
            "Expected calibration error {after} after calibration ({before} before), on {n} test reports. "
            "A well calibrated model is right about 9 times in 10 when it says 0.9."
        ).format(after=number(after), before=number(before), n=n)
