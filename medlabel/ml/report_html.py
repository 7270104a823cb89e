"""The pieces the evaluation report is built from: its style sheet, escaped HTML cells and tables, and
its figures as PNG data URIs (matplotlib's Agg canvas, no screen and no pyplot state)."""

from __future__ import annotations

import base64
import html
import io
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

CSS = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1a1a1a; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #999; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.0rem; margin-top: 1.2rem; }
p.meta { color: #555; margin-top: 0; }
p.headline { font-size: 1.15rem; background: #eef4fa; border-left: 4px solid #2b6cb0;
             padding: 0.6rem 0.8rem; }
p.warning { background: #fff4e5; border-left: 4px solid #c05621; padding: 0.5rem 0.8rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.95em; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; vertical-align: top; }
th { background: #f0f0f0; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.summary td { background: #fafafa; font-weight: bold; }
table.card th { width: 14rem; }
code, .hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.9em; }
.hash { word-break: break-all; }
img { max-width: 100%; height: auto; border: 1px solid #ddd; margin: 0.5rem 0; }
pre.excerpt { white-space: pre-wrap; background: #f7f7f7; border: 1px solid #ddd; padding: 0.5rem;
              font-size: 0.9em; }
.note { color: #555; font-size: 0.9em; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { break-after: avoid; }
               table, img, pre { break-inside: avoid; } }
"""


# --- small formatting helpers ----------------------------------------------------------------------


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def f3(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def ci_text(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "–"
    # A dash between negative numbers reads as a minus sign: "-0.333–-0.036".
    return f"{low:.3f} to {high:.3f}" if low < 0 else f"{low:.3f}–{high:.3f}"


def td(value: Any) -> str:
    return f'<td class="num">{esc(value)}</td>'


def html_table(header: Sequence[str], rows: Sequence[str], cls: str = "") -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def png_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def img(data: bytes, alt: str) -> str:
    return f'<img src="{png_uri(data)}" alt="{esc(alt)}">'


def kv_table(pairs: Sequence[tuple[str, str]], cls: str = "card") -> str:
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in pairs)
    return f'<table class="{cls}"><tbody>{rows}</tbody></table>'


# --- figures -----------------------------------------------------------------------------------------


def figure_png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def confusion_png(metrics: Mapping[str, Any]) -> bytes:
    """The confusion matrix of a classification result as a PNG heatmap with counts in the cells."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    cm = metrics["confusion_matrix"]
    labels, matrix = list(cm["labels"]), np.array(cm["matrix"], dtype=int)
    columns = list(labels)
    if any(cm.get("invalid", [])):
        matrix = np.column_stack([matrix, cm["invalid"]])
        columns.append("(invalid answer)")
    k = len(labels)
    fig = Figure(figsize=(max(4.8, 1.0 * len(columns) + 2.6), max(3.8, 0.7 * k + 2.4)), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    image = ax.imshow(matrix, cmap="Blues", vmin=0, vmax=max(1, int(matrix.max())))
    for (i, j), count in np.ndenumerate(matrix):
        dark = count > matrix.max() / 2
        ax.text(j, i, str(count), ha="center", va="center", color="white" if dark else "black", fontsize=10)
    ax.set_xticks(range(len(columns)), columns, rotation=35, ha="right")
    ax.set_yticks(range(k), labels)
    ax.set_xlabel("predicted label")
    ax.set_ylabel("gold label (annotation)")
    ax.set_title("Confusion matrix on the test split (counts of reports)")
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    fig.tight_layout()
    return figure_png(fig)


def png_via_file(draw: Any) -> bytes:
    """The bytes of a PNG that ``draw(path)`` writes, through a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="medlabel-report-") as folder:
        path = Path(folder) / "figure.png"
        draw(path)
        return path.read_bytes()
