"""Learning curves: would more labels help?

The design of Losch et al. (2025): train on ½, 1, 2, 3 and 4 of 4 folds of the training part (nested
subsets, so every larger set contains the smaller ones), evaluate each on the same frozen test split
with confidence intervals, and put the baseline beside each point.

A curve is a group of ordinary training runs (``group_name``, each with its ``train_size``):
``curve_plan`` names the group and the settings of each run, ``run_curve`` trains them one after another
(the app starts each as a child process instead), and ``curve_from_runs`` makes the curve dict from the
stored runs, for a curve just trained or one of the past (``curve_groups``). The curve dict::

    {"task": str, "task_kind": "document" | "span", "recipe": str, "model_name": str | None,
     "metric": "macro-F1" | "value F1", "group": str, "series_label": str,
     "baseline_label": str | None,            # set when the points carry the baseline beside them
     "points": [P], "references": [R], "verdict": {"code": str, "params": dict, "text": str}}

where ``P`` is ``{"size", "run", "value", "ci_low", "ci_high", "baseline"?: {"value", "ci_low",
"ci_high"}}`` (sorted by size) and ``R`` is a reference line (``curve_references``).
"""

from __future__ import annotations

import textwrap
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Reporter
from medlabel.core.project import Project, utc_now
from medlabel.ml.data import TaskData, load_task
from medlabel.ml.train import headline, run_training

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from medlabel.core.runs import Run

FOLD_FRACTIONS = (0.125, 0.25, 0.5, 0.75, 1.0)  # ½, 1, 2, 3, 4 of 4 folds
GROUP_PREFIX = "curve "
BASELINE_LABEL = "baseline (TF-IDF + logistic regression)"
MODEL_LABELS = {"minilm": "MiniLM", "smollm2": "SmolLM2"}  # the built-in models by their own names
RECIPE_LABELS = {"classifier": "fine-tuned classifier", "tagger": "fine-tuned tagger", "instruct": "instruct"}
# A gain below this between the last point and the one at half its size is too small to label for.
MIN_GAIN = 0.02
# A curve is only called flat when its CI is this narrow: a wider one could hide a gain worth having.
FLAT_MAX_HALF_WIDTH = 0.05


def curve_sizes(n_train: int, sizes: Sequence[int] | None = None) -> list[int]:
    """The training sizes of a curve over ``n_train`` reports: ``sizes`` checked, or the fold fractions."""
    if sizes:
        bad = [s for s in sizes if not 0 < s <= n_train]
        if bad:
            raise MedlabelError(
                f"training sizes {bad} must lie between 1 and the {n_train} training documents",
                code="curve.bad_sizes",
                sizes=bad,
                available=n_train,
            )
        return sorted(set(sizes))
    return sorted({max(2, round(n_train * f)) for f in FOLD_FRACTIONS})


def curve_plan(
    project: Project,
    settings: Mapping[str, Any],
    sizes: Sequence[int] | None = None,
    data: TaskData | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    """(group name, settings of each run, smallest first): one ordinary training run per size, each with
    its ``train_size``, to be run with ``group_name`` set to the group. Freezes the test split if the
    task has none yet, as the first run would; ``data`` is the task's data when it is already loaded."""
    task = str(settings.get("task") or "")
    if not task:
        from medlabel.ml.data import task_names

        names = task_names(project)
        raise MedlabelError(
            f"choose a task for the learning curve; this project has: {', '.join(names) or 'none'}",
            code="train.no_task",
            tasks=names,
        )
    data = data or load_task(project, task)
    group = f"{GROUP_PREFIX}{task} {utc_now()}"
    return group, [{**settings, "train_size": size} for size in curve_sizes(len(data.train), sizes)]


def run_curve(
    project: Project,
    settings: Mapping[str, Any],
    reporter: Reporter,
    cancel: threading.Event | None = None,
    sizes: Sequence[int] | None = None,
) -> dict[str, Any]:
    """Train one run per size of ``curve_plan``; returns the curve dict (module docstring)."""
    from medlabel.core.runs import get_run

    data = load_task(project, str(settings.get("task") or "")) if settings.get("task") else None
    group, plan = curve_plan(project, settings, sizes, data)
    for i, run_settings in enumerate(plan, 1):
        size = run_settings["train_size"]
        reporter.log(f"Learning curve: size {size} ({i} of {len(plan)})")
        run_id = run_training(project, run_settings, reporter, cancel, data=data, group_name=group)
        run = get_run(project, run_id)
        reporter.metrics({"curve_size": size, "curve_value": headline(run.metrics, run.task_kind)["value"]})
    return curve_from_runs(project, group)


def curve_from_runs(project: Project, group_name: str) -> dict[str, Any]:
    """The curve dict of the stored runs of ``group_name``: its completed runs by training size (the
    newest where a size was run twice), with references and verdict."""
    from medlabel.core.runs import list_runs

    runs = list_runs(project, group_name=group_name)
    if not runs:
        raise MedlabelError(
            f"there is no learning curve {group_name!r} in this project; run one with 'medlabel curve'",
            code="curve.not_found",
            group=group_name,
        )
    done = {r.train_size: r for r in runs if r.status == "completed"}  # ascending ids: newest wins
    ordered = sorted(done.values(), key=lambda r: r.train_size or 0)
    first = ordered[0] if ordered else runs[0]
    points = [_point(r) for r in ordered]
    with_baseline = bool(points) and all("baseline" in p for p in points)
    curve: dict[str, Any] = {
        "task": first.task,
        "task_kind": first.task_kind,
        "recipe": first.recipe,
        "model_name": first.model_name,
        "metric": "macro-F1" if first.task_kind == "document" else "value F1",
        "group": group_name,
        "series_label": series_label(first.recipe, first.model_name, bool(first.config.get("zero_shot"))),
        "baseline_label": BASELINE_LABEL if with_baseline else None,
        "points": points,
    }
    shows_baseline = with_baseline or first.recipe == "baseline"
    curve["references"] = [
        r for r in curve_references(project, first.task) if not (shows_baseline and r["kind"] == "baseline")
    ]
    code, params, text = curve_verdict(curve)
    curve["verdict"] = {"code": code, "params": params, "text": text}
    return curve


def _score(metrics: Mapping[str, Any], kind: str) -> dict[str, Any]:
    return {k: v for k, v in headline(metrics, kind).items() if k != "name"}


def _point(run: Run) -> dict[str, Any]:
    point = {"size": run.train_size, "run": run.id, **_score(run.metrics, run.task_kind)}
    if "baseline" in run.metrics:
        point["baseline"] = _score(run.metrics["baseline"], "document")
    return point


def series_label(recipe: str, model_name: str | None, zero_shot: bool = False) -> str:
    """What a line of runs of ``recipe`` on ``model_name`` is, in words (legend, table, app)."""
    if recipe == "baseline":
        return BASELINE_LABEL
    name = "zero-shot" if zero_shot else RECIPE_LABELS.get(recipe, recipe)
    model = MODEL_LABELS.get(model_name or "", model_name)
    return f"{name} ({model})" if model else name


def curve_groups(project: Project, task: str | None = None) -> list[tuple[str, int]]:
    """(group name, number of completed runs) of every learning curve of ``task`` (all tasks when None),
    newest first."""
    from medlabel.core.runs import list_runs

    newest: dict[str, int] = {}
    completed: dict[str, int] = {}
    for run in list_runs(project, task=task):
        group = run.group_name
        if not group or not group.startswith(GROUP_PREFIX):
            continue
        newest[group] = max(newest.get(group, 0), run.id)
        completed[group] = completed.get(group, 0) + (run.status == "completed")
    return [(group, completed[group]) for group in sorted(newest, key=newest.__getitem__, reverse=True)]


def curve_references(project: Project, task: str) -> list[dict[str, Any]]:
    """Horizontal lines to read a curve against: the newest completed zero-shot instruct run of ``task``
    and the newest completed baseline run trained on all its training reports. Each is ``{"kind":
    "zero_shot" | "baseline", "name": str, "run": int, "value", "ci_low", "ci_high"}``."""
    from medlabel.core.runs import list_runs

    runs = [r for r in list_runs(project, task=task) if r.status == "completed" and r.metrics]
    try:
        n_train: int | None = len(load_task(project, task, freeze_split=False).train)
    except MedlabelError:  # no test split yet, so no run to read: only a record without a size counts
        n_train = None
    zero_shot = [r for r in runs if r.recipe == "instruct" and r.config.get("zero_shot")]
    baseline = [r for r in runs if r.recipe == "baseline" and r.train_size in (None, n_train)]
    out = []
    for kind, found in (("zero_shot", zero_shot), ("baseline", baseline)):
        if found:
            run = found[-1]  # list_runs is in id order: the last is the newest
            name = series_label(run.recipe, run.model_name, kind == "zero_shot")
            if kind == "baseline":
                name += f", all {run.train_size or n_train} training reports"
            out.append({"kind": kind, "name": name, "run": run.id, **_score(run.metrics, run.task_kind)})
    return out


def curve_verdict(curve: Mapping[str, Any]) -> tuple[str, dict[str, Any], str]:
    """(code, params, sentence): would more labels help, judged from the gain between the last point
    and the point at about half its size, against the last point's CI half-width."""
    points = sorted(curve["points"], key=lambda p: p["size"])
    if len(points) < 2:
        return (
            "curve.too_few_points",
            {"points": len(points)},
            f"a learning curve needs at least two training sizes to tell whether more labels would help; "
            f"this one has {len(points)}",
        )
    last = points[-1]
    half = min(points[:-1], key=lambda p: abs(p["size"] - last["size"] / 2))
    gain = last["value"] - half["value"]
    low, high = last.get("ci_low"), last.get("ci_high")
    half_width = (high - low) / 2 if low is not None and high is not None else 0.0
    params = {
        "gain": round(gain, 3),
        "metric": curve["metric"],
        "from_size": half["size"],
        "to_size": last["size"],
        "half_width": round(half_width, 3),
    }
    doubled = 1.5 <= last["size"] / half["size"] <= 2.5
    step = (
        f"from the last doubling ({half['size']} → {last['size']} reports)"
        if doubled
        else f"from {half['size']} to {last['size']} reports"
    )
    change = f"{gain:+.2f} {curve['metric']} {step}"
    if gain >= MIN_GAIN and gain > half_width:
        return "curve.still_rising", params, f"{change}; more labels would probably still help"
    if abs(gain) < MIN_GAIN and half_width <= FLAT_MAX_HALF_WIDTH:
        return (
            "curve.flat",
            params,
            f"{change}: the curve is flat; more labels of the same kind probably will not help much — "
            "consider checking label quality or a larger model",
        )
    return (
        "curve.noisy",
        params,
        f"{change}, within the 95% CI of ±{half_width:.2f}: too noisy to tell whether more labels would "
        "help; more test reports are needed",
    )


def format_curve(curve: Mapping[str, Any]) -> str:
    """The curve as a table for the terminal, with its reference lines and verdict."""

    def ci(p: Mapping[str, Any]) -> str:
        if p.get("ci_low") is None or p.get("ci_high") is None:
            return f"{p['value']:.3f}"
        return f"{p['value']:.3f} ({p['ci_low']:.3f}–{p['ci_high']:.3f})"

    metric, base_label = curve["metric"], curve.get("baseline_label")
    lines = [
        f"Learning curve for {curve['task']}: {curve['series_label']} "
        f"({metric} on the frozen test split, 95% CI)"
    ]
    header = f"  {'size':>6}  {'run':>5}  {metric:>22}"
    lines.append(header + (f"  {'baseline':>22}" if base_label else ""))
    for p in curve["points"]:
        row = f"  {p['size']:>6}  {p['run']:>5}  {ci(p):>22}"
        lines.append(row + (f"  {ci(p['baseline']):>22}" if base_label else ""))
    if base_label:
        lines.append(f"  baseline: {base_label}, trained on the same reports")
    for ref in curve.get("references", []):
        lines.append(f"  reference: {ref['name']} (run {ref['run']}): {ci(ref)}")
    if curve.get("verdict"):
        lines.append(curve["verdict"]["text"][0].upper() + curve["verdict"]["text"][1:] + ".")
    return "\n".join(lines)


def curve_figure(curve: Mapping[str, Any]) -> Figure:
    """The curve with CI bands, the baseline beside it, reference lines and the verdict under the title."""
    # The Agg canvas directly, not pyplot: no window, no global backend change in the app's process.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 4.6), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    points = curve["points"]
    sizes = [p["size"] for p in points]
    series = [(curve["series_label"], points, "C0")]
    if curve.get("baseline_label"):
        series.append((curve["baseline_label"], [p["baseline"] for p in points], "C1"))
    for name, pts, colour in series:
        ax.plot(sizes, [p["value"] for p in pts], "o-", color=colour, label=name)
        if all(p.get("ci_low") is not None and p.get("ci_high") is not None for p in pts):
            ax.fill_between(
                sizes, [p["ci_low"] for p in pts], [p["ci_high"] for p in pts], color=colour, alpha=0.2
            )
    for i, ref in enumerate(curve.get("references", [])):
        colour = f"C{i + 2}"
        ax.axhline(ref["value"], linestyle="--", color=colour, label=f"{ref['name']} (run {ref['run']})")
        if ref.get("ci_low") is not None and ref.get("ci_high") is not None:
            ax.axhspan(ref["ci_low"], ref["ci_high"], color=colour, alpha=0.08)
    ax.set_xlabel("training reports")
    ax.set_ylabel(f"{curve['metric']} (test split, 95% CI)")
    ax.set_ylim(0, 1)
    fig.suptitle(f"{curve['task']}: would more labels help?")
    if curve.get("verdict"):
        ax.set_title("\n".join(textwrap.wrap(curve["verdict"]["text"], 110)), fontsize=7)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=7)
    fig.tight_layout()
    return fig


def plot_curve(curve: Mapping[str, Any], path: Path) -> Path:
    """The curve as a PNG (``curve_figure``); returns the path written."""
    path = Path(path)
    curve_figure(curve).savefig(path)
    return path
