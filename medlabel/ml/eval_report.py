"""The evaluation report of a run as one self-contained HTML file: what a clinician attaches to a study
protocol or an ethics submission.

It holds the run card (task, recipe, model, hashes, resolved settings, library versions, dates), the
metrics with their 95 % confidence intervals (from :func:`medlabel.ml.evaluate.evaluate_run`), the
confusion matrix, calibration, a learning curve and a comparison with a second run when given, and a
plain-words headline with a short "how to read this".

Self-contained: inline CSS, figures as base64 PNG data URIs drawn with matplotlib's Agg canvas, no
script and no link to anything outside the file. Patient text stays out unless ``include_examples``:
without it the report names no document, not even by external id (ids may identify patients), and
gives only counts. Every string that comes from the project is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from medlabel import __version__
from medlabel.core.documents import get_document
from medlabel.core.io._common import atomic_text_writer
from medlabel.core.prediction_table import span_cells
from medlabel.core.project import Project
from medlabel.core.runs import Run, get_predictions, get_run
from medlabel.ml.evaluate import evaluate_run
from medlabel.ml.report_html import (
    CSS,
    ci_text,
    confusion_png,
    esc,
    f3,
    html_table,
    img,
    kv_table,
    png_via_file,
    td,
)

FEW_SUPPORT = 10  # a class with fewer test reports than this has figures that rest on a handful of reports
EXCERPT_CHARS = 600
MAX_EXAMPLES = 10
_HEADLINE_NAMES = {"accuracy": "Accuracy", "micro_f1": "Micro-F1", "macro_f1": "Macro-F1",
                   "weighted_f1": "Weighted-F1"}  # fmt: skip


def _when(stamp: str | None) -> str:
    """A stored UTC time stamp as 'YYYY-MM-DD HH:MM:SS UTC'."""
    if not stamp:
        return "–"
    try:
        return dt.datetime.fromisoformat(stamp).astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    except ValueError:
        return stamp


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 60 else f"{int(value // 60)} min {value % 60:.0f} s"


def _ci_percent(metrics: Mapping[str, Any]) -> str:
    return f"{metrics.get('bootstrap', {}).get('ci', 0.95) * 100:g}%"


# --- headline and reading guide --------------------------------------------------------------------


def headline(result: Mapping[str, Any]) -> str:
    """The report's first sentence in plain words (an ``evaluate_run`` result), e.g. "macro-F1 0.82 (95% CI
    0.74–0.95) on 60 test reports; the baseline reached 0.55"."""
    metrics, n = result["metrics"], result["n_test"]
    ci = _ci_percent(metrics) if result["task_kind"] == "document" else _ci_percent(metrics["values"])
    if result["task_kind"] == "document":
        mf = metrics["macro_f1"]
        text = (
            f"macro-F1 {mf['value']:.2f} ({ci} CI {mf['ci_low']:.2f}–{mf['ci_high']:.2f}) on {n} test reports"
        )
        if result.get("baseline"):
            text += f"; the baseline reached {result['baseline']['macro_f1']['value']:.2f}"
        return text
    values, strict = metrics["values"]["overall"], metrics["spans"]["strict"]["overall"]
    return (
        f"value F1 {values['f1']:.2f} ({ci} CI {values['f1_ci_low']:.2f}–{values['f1_ci_high']:.2f}) on {n} "
        f"test reports; exact span F1 {strict['f1']:.2f}"
    )


def _reading_guide(result: Mapping[str, Any]) -> str:
    n, kind = result["n_test"], result["task_kind"]
    boot = (result["metrics"] if kind == "document" else result["metrics"]["values"]).get("bootstrap", {})
    resamples = boot.get("resamples", 1000)
    items = [
        f"<li><b>Test split.</b> The {n} test reports were set aside and frozen before the first model of "
        "this task was trained; no model ever learns from them and no setting was chosen on them. Every "
        "figure here is measured on these reports only.</li>",
        "<li><b>95% confidence interval (CI).</b> The test reports are a sample. The interval shows how "
        "much a figure could change on another sample of similar reports: it was found by drawing the test "
        f"reports {resamples} times with replacement (bootstrap) and keeping the middle 95% of the results. "
        "A wide interval means few test reports; two results whose intervals overlap widely may differ by "
        "chance alone.</li>",
    ]
    if kind == "document":
        items += [
            "<li><b>Precision</b> of a class: of the reports the model gave this label, the share that "
            "truly have it. <b>Recall</b>: of the reports that truly have the label, the share the model "
            "found. <b>F1</b>: their harmonic mean. <b>Macro-F1</b> averages F1 over the classes, so rare "
            "classes count as much as common ones; <b>support</b> is the number of test reports with that "
            "label.</li>",
            f"<li>Classes marked † have fewer than {FEW_SUPPORT} test reports: their figures rest on a "
            "handful of reports and can change a lot with one more or one fewer correct answer.</li>",
            "<li><b>Baseline</b>: word statistics (TF-IDF with logistic regression) trained on the same "
            "reports. It is a simple reference; a fine-tuned model is worth using where it clearly beats "
            "it.</li>",
        ]
    else:
        items.append(
            "<li><b>Exact (strict) span F1</b> counts a found passage as right only with the same start "
            "and end as the annotation; <b>lenient</b> accepts overlapping passages. <b>Value F1</b> "
            "compares the normalised values (a number with its unit, or a code), which is what a study "
            "table would hold; <b>value accuracy</b> is the share of reports mentioning the field whose "
            "values are all right.</li>"
        )
    return "<h2>How to read this</h2><ul>" + "".join(items) + "</ul>"


# --- run card --------------------------------------------------------------------------------------


def _run_card(project: Project, run: Run) -> str:
    device = run.config.get("device") or "cpu"
    gpu = run.environment.get("cuda")
    timings = ", ".join(f"{esc(k.removesuffix('_s'))}: {_seconds(float(v))}" for k, v in run.timings.items())
    pairs = [
        ("Project", esc(project.name)),
        ("Run", esc(run.id)),
        ("Status", esc(run.status)),
        (
            "Task",
            f"{esc(run.task)} ({esc('document labels' if run.task_kind == 'document' else 'extraction')})",
        ),
        ("Recipe", esc(run.recipe)),
        ("Model", esc(run.model_name or "none (the recipe uses no pretrained model)")),
        ("Model hash", f'<span class="hash">{esc(run.model_hash or "–")}</span>'),
        ("Data hash", f'<span class="hash">{esc(run.data_hash or "–")}</span>'),
        ("Seed", esc(run.seed if run.seed is not None else "–")),
        ("Training reports", esc(run.train_size if run.train_size is not None else "–")),
        ("Started", esc(_when(run.started_at))),
        ("Finished", esc(_when(run.finished_at))),
        ("Durations", timings or "–"),
        ("Device", esc(device) + (f" ({esc(gpu)})" if gpu else "")),
    ]
    if run.group_name:
        pairs.append(("Run group", esc(run.group_name)))
    settings = kv_table([(k, f"<code>{esc(v)}</code>") for k, v in sorted(run.config.items())], "settings")
    env = kv_table([(k, esc(v if v is not None else "–")) for k, v in sorted(run.environment.items())], "env")
    return (
        "<h2>Run card</h2>"
        + kv_table(pairs)
        + "<h3>Settings (as resolved when the run started)</h3>"
        + settings
        + "<h3>Software and machine</h3>"
        + env
    )


# --- metrics -----------------------------------------------------------------------------------------


def _validity_note(metrics: Mapping[str, Any]) -> str:
    validity = metrics.get("validity") or {}
    if not validity.get("invalid"):
        return ""
    return (
        f'<p class="warning">{validity["invalid"]} of {validity["n"]} answers ({validity["rate"]:.1%}) could '
        "not be read as a valid answer; each counts as wrong.</p>"
    )


def _document_metrics(result: Mapping[str, Any]) -> str:
    from medlabel.ml.metrics import one_label_warning

    m, base = result["metrics"], result.get("baseline")
    ci = _ci_percent(m)
    rows = []
    for label in m["confusion_matrix"]["labels"]:
        r = m["per_class"][label]
        b = base["per_class"].get(label) if base else None
        few = " †" if r["support"] < FEW_SUPPORT else ""
        rows.append(
            f"<tr><td>{esc(label)}{few}</td>{td(f3(r['precision']))}{td(f3(r['recall']))}"
            f"{td(f3(r['f1']))}{td(ci_text(r['f1_ci_low'], r['f1_ci_high']))}{td(r['support'])}"
            + (td(f3(b["f1"]) if b else "–") if base else "")
            + "</tr>"
        )
    for key, name in _HEADLINE_NAMES.items():
        h = m[key]
        rows.append(
            f'<tr class="summary"><td>{name}</td><td></td><td></td>{td(f3(h["value"]))}'
            f"{td(ci_text(h['ci_low'], h['ci_high']))}{td(m['n'])}"
            + (td(f3(base[key]["value"])) if base else "")
            + "</tr>"
        )
    header = ["Class", "Precision", "Recall", "F1", f"F1 {ci} CI", "Support"] + (
        ["Baseline F1"] if base else []
    )
    warning = one_label_warning(m)
    few = [label for label, r in m["per_class"].items() if r["support"] < FEW_SUPPORT]
    return (
        f"<h2>Metrics on the test split ({ci} CIs)</h2>"
        + (f'<p class="warning">Warning: {esc(warning)}.</p>' if warning else "")
        + _validity_note(m)
        + html_table(header, rows, "metrics")
        + (
            f'<p class="note">† fewer than {FEW_SUPPORT} test reports ({len(few)} of '
            f"{len(m['per_class'])} classes). For accuracy and the averaged F1 rows the CI column is the "
            "interval of that figure and support is the number of test reports.</p>"
        )
    )


def _span_metrics(result: Mapping[str, Any]) -> str:
    spans, values = result["metrics"]["spans"], result["metrics"]["values"]
    ci = _ci_percent(values)
    rows = []
    for name in spans["types"]:
        s, le, v = (
            spans["strict"]["per_type"][name],
            spans["lenient"]["per_type"][name],
            values["per_field"][name],
        )
        rows.append(
            f"<tr><td>{esc(name)}</td>{td(f3(s['precision']))}{td(f3(s['recall']))}{td(f3(s['f1']))}"
            f"{td(f3(le['f1']))}{td(f3(v['accuracy']))}{td(f3(v['f1']))}{td(s['tp'] + s['fn'])}"
            f"{td(v['docs'])}</tr>"
        )
    so, lo, vo = spans["strict"]["overall"], spans["lenient"]["overall"], values["overall"]
    rows.append(
        f'<tr class="summary"><td>All fields (micro)</td>{td(f3(so["precision"]))}'
        f"{td(f3(so['recall']))}{td(f3(so['f1']))}{td(f3(lo['f1']))}{td(f3(vo['accuracy']))}{td(f3(vo['f1']))}"
        f"{td(so['tp'] + so['fn'])}{td(vo['docs'])}</tr>"
    )
    sm, lm = spans["strict"]["macro"], spans["lenient"]["macro"]
    rows.append(
        f'<tr class="summary"><td>Mean over fields (macro)</td>{td(f3(sm["precision"]))}'
        f"{td(f3(sm['recall']))}{td(f3(sm['f1']))}{td(f3(lm['f1']))}<td></td><td></td><td></td><td></td></tr>"
    )
    header = ["Field", "Exact P", "Exact R", "Exact F1", "Lenient F1", "Value accuracy", "Value F1",
              "Gold spans", "Reports with field"]  # fmt: skip
    intervals = [
        ("Exact span F1, all fields", so),
        ("Lenient span F1, all fields", lo),
        ("Value F1, all fields", vo),
    ]
    ci_rows = [
        f"<tr><td>{name}</td>{td(f3(r['f1']))}{td(ci_text(r.get('f1_ci_low'), r.get('f1_ci_high')))}</tr>"
        for name, r in intervals
    ]
    return (
        f"<h2>Metrics on the test split ({ci} CIs)</h2>"
        + _validity_note(result["metrics"])
        + html_table(header, rows, "metrics")
        + html_table(["Figure", "Value", f"{ci} CI"], ci_rows, "metrics")
    )


def _confusion_section(result: Mapping[str, Any]) -> str:
    m = result["metrics"]
    matrix = m["confusion_matrix"]["matrix"]
    correct = sum(matrix[i][i] for i in range(len(matrix)))
    return (
        "<h2>Confusion matrix</h2>"
        f"<p>Rows are the annotated (gold) labels, columns the model's labels; the diagonal holds the "
        f"{correct} of {m['n']} test reports labelled correctly.</p>"
        + img(confusion_png(m), "confusion matrix of the test split")
    )


def _calibration_section(result: Mapping[str, Any]) -> str:
    from medlabel.ml.calibration import format_calibration, plot_reliability

    cal = result.get("calibration")
    if not cal:
        return ""
    rows = [
        f"<tr><td>ECE (expected calibration error)</td>{td(f3(cal.get('ece_before')))}"
        f"{td(f3(cal.get('ece_after')))}</tr>",
        f"<tr><td>Mean confidence</td>{td(f3(cal.get('mean_confidence_before')))}"
        f"{td(f3(cal.get('mean_confidence_after')))}</tr>",
    ]
    figure = ""
    if cal.get("n"):
        title = f"Run {result['run']}: reliability on the test split"
        figure = img(png_via_file(lambda path: plot_reliability(cal, path, title)), "reliability diagram")
    return (
        "<h2>Calibration</h2>"
        f"<p>{esc(format_calibration(cal))}.</p>"
        "<p>A model is well calibrated when, of the reports it labels with 80% confidence, about 80% are "
        "right. The ECE is the average gap between confidence and accuracy (0 is perfect). The temperature "
        "was fitted on validation reports taken from the training part, never on the test split.</p>"
        + html_table(["Test split", "Before calibration", "After calibration"], rows, "metrics")
        + figure
    )


def _curve_section(curve: Mapping[str, Any]) -> str:
    from medlabel.ml.curve import plot_curve

    points = list(curve.get("points") or [])
    if not points:
        return ""
    rows = []
    for p in points:
        base = p.get("baseline")
        rows.append(
            f"<tr>{td(p['size'])}{td(p['run'])}{td(f3(p['value']))}"
            f"{td(ci_text(p['ci_low'], p['ci_high']))}{td(f3(base['value']) if base else '–')}</tr>"
        )
    metric = str(curve.get("metric", "score"))
    verdict = (curve.get("verdict") or {}).get("text")
    # A curve dict from before the curve carried a series label still draws.
    drawable = {"series_label": str(curve.get("recipe", "model")), **curve}
    return (
        "<h2>Learning curve</h2>"
        "<p>The same recipe trained on growing parts of the training reports of task "
        f"{esc(curve.get('task'))}, each scored ({esc(metric)}) on the same frozen test split. A curve still "
        "rising at the right suggests that more labelled reports would help.</p>"
        + html_table(["Training reports", "Run", metric, "95% CI", "Baseline"], rows, "metrics")
        + (f"<p><b>{esc(verdict[:1].upper() + verdict[1:])}.</b></p>" if verdict else "")
        + img(png_via_file(lambda path: plot_curve(drawable, path)), "learning curve")
    )


# --- comparison --------------------------------------------------------------------------------------


COMPARISON_NAMES = {
    **_HEADLINE_NAMES,
    "strict_f1": "Exact span F1",
    "lenient_f1": "Lenient span F1",
    "value_f1": "Value F1",
}


def _comparison_section(comparison: Mapping[str, Any]) -> str:
    def row(name: str, r: Mapping[str, Any], cls: str = "") -> str:
        low, high = r.get("ci_low"), r.get("ci_high")
        interval = "" if low is None or high is None else f" ({low:+.3f} to {high:+.3f})"
        diff = "–" if r.get("diff") is None else f"{r['diff']:+.3f}{interval}"
        return (
            f"<tr{cls}><td>{esc(name)}</td>{td(f3(r.get('a')))}{td(f3(r.get('b')))}{td(diff)}"
            f"<td>{'yes' if r.get('excludes_zero') else 'no'}</td></tr>"
        )

    overall, head = comparison.get("overall") or {}, comparison.get("headline")
    per_item = "F1 of" if comparison.get("task_kind") == "document" else "Value F1 of"
    rows = [
        row(COMPARISON_NAMES.get(k, k), r, ' class="summary"' if k == head else "")
        for k, r in overall.items()
    ]
    rows += [row(f"{per_item} {label}", r) for label, r in (comparison.get("per_class") or {}).items()]
    run_a, run_b = comparison.get("run_a"), comparison.get("run_b")
    boot = comparison.get("bootstrap") or {}
    ci = f"{boot['ci'] * 100:g}%" if isinstance(boot.get("ci"), (int, float)) else "95%"
    sentence = ""
    if head in overall:
        h = overall[head]
        verdict = (
            "the interval excludes 0, so the difference is unlikely to be chance alone"
            if h["excludes_zero"]
            else "the interval includes 0, so these test reports do not show that one run is better"
        )
        sentence = (
            f'<p class="headline">{esc(COMPARISON_NAMES.get(head, head))}: '
            f"run {esc(run_a)} {h['a']:.2f}, run "
            f"{esc(run_b)} {h['b']:.2f}; difference {h['diff']:+.2f} ({ci} CI {h['ci_low']:+.2f} to "
            f"{h['ci_high']:+.2f}): {verdict}.</p>"
        )
    return (
        "<h2>Comparison with another run</h2>"
        + sentence
        + f"<p>Run A is run {esc(run_a)}, run B is run {esc(run_b)}, both scored on the "
        f"{esc(comparison.get('n_common'))} test reports they both predicted. The difference is B − A with "
        f"its {ci} CI from a paired bootstrap (the same resampled reports for both runs). Where the CI "
        "excludes 0, the difference is unlikely to be chance alone.</p>"
        + html_table(
            [
                "Metric",
                f"Run {run_a} (A)",
                f"Run {run_b} (B)",
                f"Difference B − A ({ci} CI)",
                "CI excludes 0",
            ],
            rows,
            "metrics",
        )
    )


# --- errors and examples -----------------------------------------------------------------------------


def _excerpt(text: str, around: int | None = None) -> str:
    """At most EXCERPT_CHARS characters of ``text``, starting a little before ``around`` when given."""
    start = 0 if around is None else max(0, min(around - EXCERPT_CHARS // 3, len(text) - EXCERPT_CHARS))
    lead = "…" if start > 0 else ""
    room = EXCERPT_CHARS - len(lead)
    piece = text[start : start + room]
    if start + room < len(text):
        piece = piece[: room - 1] + "…"
    return lead + piece


def _wrong_predictions(project: Project, run: Run) -> tuple[int, list[dict[str, Any]]]:
    """(number of test reports, the wrongly predicted ones with what to show), most confident first."""
    from medlabel.ml.data import load_task

    data = load_task(project, run.task, freeze_split=False)
    predictions = {p.document_id: p for p in get_predictions(project, run.id)}
    wrong = []
    for ex in data.test:
        p = predictions.get(ex.doc_id)
        confidence = p.confidence if p is not None else None
        if run.task_kind == "document":
            predicted = p.label if p is not None else None
            if predicted == ex.label:
                continue
            shown = predicted or "(no valid answer)"
            wrong.append({"doc_id": ex.doc_id, "gold": ex.label, "predicted": shown,
                          "confidence": confidence, "text": ex.text, "around": None})  # fmt: skip
            continue
        types = data.task.types
        gold = span_cells(ex.spans, ex.text, types)
        pred = span_cells(p.spans if p is not None else [], ex.text, types)
        fields = [t for t in types if gold[t] != pred[t]]
        if not fields:
            continue
        starts = [s.start for s in (*ex.spans, *(p.spans if p else [])) if s.type in fields]
        wrong.append({
            "doc_id": ex.doc_id, "confidence": confidence, "text": ex.text,
            "around": min(starts, default=None),
            "gold": "; ".join(f"{t}: {gold[t] or '–'}" for t in fields),
            "predicted": "; ".join(f"{t}: {pred[t] or '–'}" for t in fields),
        })  # fmt: skip
    wrong.sort(key=lambda w: -(w["confidence"] if w["confidence"] is not None else -1.0))
    return len(data.test), wrong


def _errors_section(project: Project, run: Run, include_examples: bool, max_examples: int) -> str:
    n, wrong = _wrong_predictions(project, run)
    what = (
        "were labelled wrongly" if run.task_kind == "document" else "had at least one value wrong or missed"
    )
    summary = f"<h2>Errors</h2><p>{len(wrong)} of {n} test reports {what}.</p>"
    if not include_examples:
        return summary + (
            '<p class="note">This report holds no report text and no document identifiers. Examples of '
            "wrong predictions are included only when asked for (<code>--include-examples</code>); such a "
            "report contains patient text and must be handled like the reports themselves.</p>"
        )
    shown = wrong[:max_examples]
    parts = [
        summary,
        f'<p class="warning">This section contains patient text: {len(shown)} wrongly predicted test reports '
        "(the most confident mistakes first). Handle this file like the reports themselves.</p>",
    ]
    for w in shown:
        external_id = get_document(project, w["doc_id"]).external_id
        conf = "–" if w["confidence"] is None else f"{w['confidence']:.2f}"
        parts.append(
            f"<h3>Report {esc(external_id)}</h3>"
            + kv_table(
                [("Gold", esc(w["gold"])), ("Predicted", esc(w["predicted"])), ("Confidence", esc(conf))]
            )
            + f'<pre class="excerpt">{esc(_excerpt(w["text"], w["around"]))}</pre>'
        )
    return "".join(parts)


# --- the report --------------------------------------------------------------------------------------


def build_report(
    project: Project,
    run_id: int,
    compare_with: int | None = None,
    curve: Mapping[str, Any] | None = None,
    include_examples: bool = False,
    max_examples: int = MAX_EXAMPLES,
) -> str:
    """The evaluation report of run ``run_id`` as one self-contained HTML document."""
    run = get_run(project, run_id)
    result = evaluate_run(project, run_id)
    comparison = None
    if compare_with is not None:
        from medlabel.ml.compare import compare_runs

        comparison = compare_runs(project, run_id, compare_with)
    made = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    title = f"Evaluation report: run {run.id}, task {run.task}"
    warnings = [*(run.info or {}).get("warnings", [])]
    if run.status != "completed":
        warnings.insert(0, f"this run is {run.status}, not completed: its figures may be incomplete")
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">Project {esc(project.name)} · recipe {esc(run.recipe)} · '
        f"report made {esc(made)} with "
        f"medlabel {esc(__version__)}</p>",
        f'<p class="headline">Run {run.id} reached {esc(headline(result))}.</p>',
        *(f'<p class="warning">Note: {esc(w)}.</p>' for w in warnings),
        _reading_guide(result),
        _run_card(project, run),
    ]
    if run.task_kind == "document":
        body += [_document_metrics(result), _confusion_section(result), _calibration_section(result)]
    else:
        body.append(_span_metrics(result))
    if curve:
        body.append(_curve_section(curve))
    if comparison:
        body.append(_comparison_section(comparison))
    body.append(_errors_section(project, run, include_examples, max_examples))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def write_report(
    project: Project,
    run_id: int,
    out: Path,
    compare_with: int | None = None,
    curve: Mapping[str, Any] | None = None,
    include_examples: bool = False,
    max_examples: int = MAX_EXAMPLES,
) -> Path:
    """Write the report to ``out`` atomically (a temp file beside it, then a rename); returns ``out``."""
    text = build_report(project, run_id, compare_with, curve, include_examples, max_examples)
    out = Path(out)
    with atomic_text_writer(out, newline="\n") as fh:
        fh.write(text)
    return out
