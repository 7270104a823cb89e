"""The learning curve of the Review page: the metric against the number of training reports, each series
with its 95% confidence band, reference runs as dashed lines, and the engine's verdict ("would more labels
help?") below. The curve comes ready from ``medlabel.ml.curve``; this module only draws it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from medlabel.gui.i18n import tr
from medlabel.gui.review.plot_frame import PlotFrame

pg.setConfigOptions(antialias=True, background="w", foreground="#333")

RUN_COLOUR = "#1f5fa8"
BASELINE_COLOUR = "#e07b24"
REFERENCE_COLOURS = ("#2e7d32", "#7b1fa2", "#5d4037", "#c2185b")
BAND_ALPHA = 50  # of 255: the band shows the interval without hiding the other series' line


def metric_name(metric: str) -> str:
    return {"macro-F1": tr("macro-F1"), "value F1": tr("value F1")}.get(metric, metric)


def _band(points: Sequence[Mapping[str, Any]]) -> tuple[list[float], list[float]] | None:
    """(lows, highs) when every point has its interval; a band with holes would mislead."""
    if not points or any(p.get("ci_low") is None or p.get("ci_high") is None for p in points):
        return None
    return [float(p["ci_low"]) for p in points], [float(p["ci_high"]) for p in points]


class CurveView(PlotFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "curve",
            tr(
                "No learning curve yet. Start one with the button above: it trains on ½, 1, 2, 3 and 4 of "
                "4 parts of your training reports."
            ),
            parent,
        )
        self.verdict_label = self.caption  # the sentence in plain words under the curve
        self.verdict_label.setObjectName("curveVerdict")
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)
        axes = self.plot.getPlotItem()
        axes.setLabel("bottom", tr("training reports"))
        self.legend = axes.addLegend(offset=(-10, -10))  # bottom right: curves rise towards the top
        self.plot.setMinimumSize(320, 220)
        self.setMinimumSize(340, 280)
        self._series: list[str] = []
        self.reference_lines: list[pg.InfiniteLine] = []
        self.verdict_code: str | None = None
        self.show_curve(None)

    def series_names(self) -> list[str]:
        """The legend names of the drawn series, the run's first."""
        return list(self._series)

    def show_curve(self, curve: Mapping[str, Any] | None) -> None:
        """Show a learning curve (``medlabel.ml.curve``); None: explain how to make one."""
        axes = self.plot.getPlotItem()
        axes.clear()
        self.legend.clear()
        self._series = []
        self.reference_lines = []
        self.verdict_code = None
        self.verdict_label.clear()
        if not curve or not curve.get("points"):
            self.stack.setCurrentIndex(1)
            return
        points = sorted(curve["points"], key=lambda p: p["size"])
        label = curve.get("series_label") or curve.get("recipe") or tr("model")
        self._add_series(points, label, RUN_COLOUR, "o")
        with_baseline = [p for p in points if p.get("baseline")]
        if with_baseline:
            baselines = [{"size": p["size"], **p["baseline"]} for p in with_baseline]
            self._add_series(baselines, tr("baseline (TF-IDF)"), BASELINE_COLOUR, "s")
        for i, reference in enumerate(curve.get("references") or []):
            self._add_reference(reference, REFERENCE_COLOURS[i % len(REFERENCE_COLOURS)])
        axes.setLabel("left", metric_name(str(curve.get("metric", ""))))
        axes.setYRange(0, 1, padding=0.02)
        sizes = [p["size"] for p in points]
        margin = max(1.0, 0.05 * (max(sizes) - min(sizes)))
        axes.setXRange(min(sizes) - margin, max(sizes) + margin, padding=0)
        verdict = curve.get("verdict") or {}
        self.verdict_code = verdict.get("code")
        self.verdict_label.setText(str(verdict.get("text") or ""))
        self.verdict_label.setVisible(bool(verdict.get("text")))
        self.stack.setCurrentIndex(0)

    def _add_series(self, points: Sequence[Mapping[str, Any]], name: str, colour: str, symbol: str) -> None:
        axes = self.plot.getPlotItem()
        sizes = [float(p["size"]) for p in points]
        band = _band(points)
        if band is not None:
            no_line = pg.mkPen(None)
            low = pg.PlotDataItem(sizes, band[0], pen=no_line)
            high = pg.PlotDataItem(sizes, band[1], pen=no_line)
            fill = QColor(colour)
            fill.setAlpha(BAND_ALPHA)
            axes.addItem(low)
            axes.addItem(high)
            axes.addItem(pg.FillBetweenItem(low, high, brush=pg.mkBrush(fill)))
        line = pg.PlotDataItem(
            sizes, [float(p["value"]) for p in points], pen=pg.mkPen(colour, width=2), symbol=symbol,
            symbolSize=8, symbolBrush=colour, symbolPen=pg.mkPen("w", width=1), name=name,
        )  # fmt: skip
        axes.addItem(line)
        self._series.append(name)

    def _add_reference(self, reference: Mapping[str, Any], colour: str) -> None:
        value = float(reference["value"])
        text = f"{reference.get('name', '')}: {QLocale().toString(value, 'f', 2)}"
        line = pg.InfiniteLine(
            pos=value, angle=0, movable=False, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine),
            label=text, labelOpts={"position": 0.02, "color": colour, "anchors": [(0, 1), (0, 1)]},
        )  # fmt: skip
        if reference.get("ci_low") is not None and reference.get("ci_high") is not None:
            line.setToolTip(
                tr("{name}: {value} (95% CI {low}–{high}), run {run}").format(
                    name=reference.get("name", ""),
                    value=QLocale().toString(value, "f", 3),
                    low=QLocale().toString(float(reference["ci_low"]), "f", 3),
                    high=QLocale().toString(float(reference["ci_high"]), "f", 3),
                    run=reference.get("run", "?"),
                )
            )
        self.plot.getPlotItem().addItem(line)
        self.reference_lines.append(line)
