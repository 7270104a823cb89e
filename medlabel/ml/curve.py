"""Learning curves: would more labels help?

The design of Losch et al. (2025): train on ½, 1, 2, 3 and 4 of 4 folds of the training part (nested
subsets, so every larger set contains the smaller ones), evaluate each on the same frozen test split
with confidence intervals, and put the baseline beside each point.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Reporter
from medlabel.core.project import Project, utc_now
from medlabel.ml.data import load_task
from medlabel.ml.train import run_training

FOLD_FRACTIONS = (0.125, 0.25, 0.5, 0.75, 1.0)  # ½, 1, 2, 3, 4 of 4 folds


def curve_sizes(n_train: int, sizes: Sequence[int] | None = None) -> list[int]:
    if sizes:
        bad = [s for s in sizes if not 0 < s <= n_train]
        if bad:
            raise MedlabelError(
                f"training sizes {bad} must lie between 1 and the {n_train} training documents"
            )
        return sorted(set(sizes))
    return sorted({max(2, round(n_train * f)) for f in FOLD_FRACTIONS})


def _point(metrics: dict[str, Any], kind: str) -> dict[str, float]:
    if kind == "document":
        mf = metrics["macro_f1"]
        return {"value": mf["value"], "ci_low": mf["ci_low"], "ci_high": mf["ci_high"]}
    overall = metrics["values"]["overall"]
    return {"value": overall["f1"], "ci_low": overall.get("f1_ci_low"), "ci_high": overall.get("f1_ci_high")}


def run_curve(
    project: Project,
    settings: Mapping[str, Any],
    reporter: Reporter,
    cancel: threading.Event | None = None,
    sizes: Sequence[int] | None = None,
) -> dict[str, Any]:
    """Train one run per size; returns the curve with each point's run id, metric and CI."""
    from medlabel.core.runs import get_run

    task = str(settings.get("task") or "")
    data = load_task(project, task)
    chosen = curve_sizes(len(data.train), sizes)
    group = f"curve {task} {utc_now()}"
    metric = "macro-F1" if data.task.kind == "document" else "value F1"
    points = []
    for i, size in enumerate(chosen, 1):
        reporter.log(f"Learning curve: size {size} ({i} of {len(chosen)})")
        run_id = run_training(
            project,
            {**settings, "train_size": size},
            reporter,
            cancel,
            data=data,
            group_name=group,
        )
        metrics = get_run(project, run_id).metrics
        point = {"size": size, "run": run_id, **_point(metrics, data.task.kind)}
        if "baseline" in metrics:
            point["baseline"] = _point(metrics["baseline"], "document")
        points.append(point)
        reporter.metrics({"curve_size": size, "curve_value": point["value"]})
    return {
        "task": task,
        "recipe": str(settings.get("recipe", "auto")),
        "metric": metric,
        "group": group,
        "points": points,
    }


def format_curve(curve: dict[str, Any]) -> str:
    lines = [f"Learning curve for {curve['task']} ({curve['metric']} on the frozen test split, 95% CI)"]
    lines.append(f"  {'size':>6}  {'run':>5}  {curve['metric']:>22}  {'baseline':>22}")
    for p in curve["points"]:
        value = f"{p['value']:.3f} ({p['ci_low']:.3f}–{p['ci_high']:.3f})"
        base = p.get("baseline")
        base_text = f"{base['value']:.3f} ({base['ci_low']:.3f}–{base['ci_high']:.3f})" if base else "-"
        lines.append(f"  {p['size']:>6}  {p['run']:>5}  {value:>22}  {base_text:>22}")
    return "\n".join(lines)


def plot_curve(curve: dict[str, Any], path: Path) -> None:
    """The curve with CI bands as a PNG (matplotlib, no screen needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [p["size"] for p in curve["points"]]
    fig, ax = plt.subplots(figsize=(6, 4), dpi=120)
    series = [("fine-tuned", curve["points"], "C0")]
    if all("baseline" in p for p in curve["points"]):
        series.append(("baseline", [p["baseline"] for p in curve["points"]], "C1"))
    for name, pts, colour in series:
        ax.plot(sizes, [p["value"] for p in pts], "o-", color=colour, label=name)
        ax.fill_between(
            sizes, [p["ci_low"] for p in pts], [p["ci_high"] for p in pts], color=colour, alpha=0.2
        )
    ax.set_xlabel("training documents")
    ax.set_ylabel(curve["metric"])
    ax.set_ylim(0, 1)
    ax.set_title(f"{curve['task']}: would more labels help?")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
