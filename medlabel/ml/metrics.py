"""Evaluation of document labels and extracted spans/values, with bootstrap confidence intervals,
and plain-text tables for the terminal.

numpy and scikit-learn only (no torch, no Qt): the CLI's ``evaluate`` and the GUI's review panel call
the same functions, and every result is a JSON-able dict that can be stored with a run.

Conventions shared by all metrics:

- An undefined ratio is 0, as scikit-learn's ``zero_division=0``: precision with no predictions,
  recall with no gold, F1 of a label/type neither in gold nor predicted (so such a label pulls macro
  averages down, as in scikit-learn with ``labels=``; resampled macro averages too).
- The bootstrap resamples *documents* with replacement, because errors within one report are
  correlated; the interval is the percentile interval. An F1 interval leaves out the resamples where
  that F1 is undefined (a rare class or type drawn zero times and not predicted), which would
  otherwise drag it to 0. All resamples are computed at once: a (resamples × documents) matrix of how
  often each document was drawn, times per-document count rows, gives every resample's counts. For
  document labels, where each report falls in exactly one confusion cell, the same counts are drawn
  directly as one multinomial per resample over the observed cell shares.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from medlabel.core.records import SpanRecord

# Bounds the (resamples × documents) weight matrix held at once to ~32 MB, whatever the corpus size.
_CHUNK_CELLS = 4_000_000
_HEADLINE = dict(accuracy="accuracy", micro_f1="micro-F1", macro_f1="macro-F1", weighted_f1="weighted-F1")


def _div(num: Any, den: Any) -> np.ndarray:
    num, den = np.broadcast_arrays(np.asarray(num, dtype=float), np.asarray(den, dtype=float))
    return np.divide(num, den, out=np.zeros(num.shape), where=den > 0)


def _prf(tp: Any, predicted: Any, support: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and F1; F1 as 2tp / (2tp + fp + fn), which is how scikit-learn computes it."""
    return _div(tp, predicted), _div(tp, support), _div(2 * tp, np.add(predicted, support))


def _resampled_sums(per_doc: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """Sums of the per-document rows (documents × k) over ``n_boot`` resamples -> (n_boot × k)."""
    n = per_doc.shape[0]
    rng = np.random.default_rng(seed)
    chunk = max(1, _CHUNK_CELLS // n)
    parts = []
    for start in range(0, n_boot, chunk):
        b = min(chunk, n_boot - start)
        draws = rng.integers(0, n, size=(b, n)) + (np.arange(b) * n)[:, None]
        weights = np.bincount(draws.ravel(), minlength=b * n).reshape(b, n)
        parts.append(weights.astype(float) @ per_doc.astype(float))
    return np.concatenate(parts)


def _interval(samples: np.ndarray, ci: float, defined: np.ndarray | None = None) -> np.ndarray:
    """[low, high] along the resample axis over the resamples where ``defined``; (0, 0), like the point
    estimate, where there are none."""
    samples = samples if defined is None else np.where(defined, samples, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns, zeroed below
        return np.nan_to_num(np.nanpercentile(samples, [50 * (1 - ci), 50 * (1 + ci)], axis=0))


def _check(n_gold: int, n_pred: int, n_boot: int, ci: float) -> None:
    if n_gold == 0:
        raise ValueError("nothing to evaluate: no documents")
    if n_gold != n_pred:
        raise ValueError(f"{n_gold} gold documents but {n_pred} predictions")
    if n_boot < 1 or not 0 < ci < 1:
        raise ValueError(f"need n_boot >= 1 and 0 < ci < 1, got n_boot={n_boot}, ci={ci}")


# --- document labels ---------------------------------------------------------------------------


def _class_stats(cm: np.ndarray) -> dict[str, np.ndarray]:
    """Metrics from confusion counts of shape (..., k, k + 1): row = gold, column = predicted, and the
    last column counts answers outside the label set (wrong for every class, predicted for none)."""
    k = cm.shape[-2]
    tp = np.diagonal(cm[..., :k], axis1=-2, axis2=-1)
    support = cm.sum(axis=-1)
    predicted = cm[..., :k].sum(axis=-2)
    n = support.sum(axis=-1)
    precision, recall, f1 = _prf(tp, predicted, support)
    return {
        "accuracy": _div(tp.sum(axis=-1), n),
        # Invalid answers are no prediction of any label, so they lower recall but not precision: hence
        # micro-F1 equals accuracy only when there are none.
        "micro_f1": _div(2 * tp.sum(axis=-1), predicted.sum(axis=-1) + n),
        "macro_f1": f1.mean(axis=-1),
        "weighted_f1": _div((f1 * support).sum(axis=-1), n),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "f1_defined": predicted + support > 0,
        "support": support,
    }


def _confusion_rows(gold_idx: np.ndarray, pred_idx: np.ndarray, k: int) -> np.ndarray:
    """One one-hot row per document over the flattened (k × (k + 1)) confusion cells."""
    rows = np.zeros((len(gold_idx), k * (k + 1)))
    rows[np.arange(len(gold_idx)), gold_idx * (k + 1) + pred_idx] = 1
    return rows


def classification_metrics(
    gold: Sequence[str],
    pred: Sequence[str | None],
    labels: Sequence[str],
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
) -> dict[str, Any]:
    """Single-label document classification metrics with bootstrap CIs.

    A prediction that is None (an unparsable instruct answer) or not one of ``labels`` is counted as
    ``invalid``: wrong for its document, in no per-class row as a prediction.
    """
    labels = list(labels)
    _check(len(gold), len(pred), n_boot, ci)
    if not labels or len(set(labels)) != len(labels):
        raise ValueError("labels must be non-empty and unique")
    index = {label: i for i, label in enumerate(labels)}
    unknown = sorted({g for g in gold if g not in index}, key=str)
    if unknown:
        raise ValueError(f"gold labels not in labels: {unknown}")
    k = len(labels)
    gold_l = list(gold)
    gold_idx = np.array([index[g] for g in gold_l])
    # None, or an answer outside the label set, is invalid: column k.
    pred_idx = np.array([index.get(p, k) if p is not None else k for p in pred])
    cells = np.bincount(gold_idx * (k + 1) + pred_idx, minlength=k * (k + 1))
    # The point figures from the same counts and formulas as the resamples (equal to scikit-learn's with
    # zero_division=0, tests/ml/test_metrics.py), without importing scikit-learn: 1.6 s on first use.
    point = _class_stats(cells.reshape(k, k + 1).astype(float))
    precision, recall, f1, support = point["precision"], point["recall"], point["f1"], point["support"]
    # Each document falls in one confusion cell, so the cell counts of a resample of the documents are
    # multinomial with the observed cell shares: the same distribution as resampling rows, drawn at once.
    draws = np.random.default_rng(seed).multinomial(len(gold_l), cells / len(gold_l), size=n_boot)
    boot = _class_stats(draws.reshape(-1, k, k + 1).astype(float))
    f1_low, f1_high = _interval(boot["f1"], ci, boot["f1_defined"])

    result: dict[str, Any] = {"n": len(gold_l), "invalid": int((pred_idx == k).sum())}
    for name in _HEADLINE:
        low, high = _interval(boot[name], ci)
        result[name] = {"value": float(point[name]), "ci_low": float(low), "ci_high": float(high)}
    columns = {"precision": precision, "recall": recall, "f1": f1, "f1_ci_low": f1_low, "f1_ci_high": f1_high}
    result["per_class"] = {
        label: {key: float(v[i]) for key, v in columns.items()} | {"support": int(support[i])}
        for i, label in enumerate(labels)
    }
    result["confusion_matrix"] = {
        "labels": labels,
        "matrix": cells.reshape(k, k + 1)[:, :k].astype(int).tolist(),
        # Per gold row, so that each row still sums to the label's support.
        "invalid": cells.reshape(k, k + 1)[:, k].astype(int).tolist(),
    }
    result["bootstrap"] = {
        "resamples": n_boot,
        "ci": ci,
        "method": "percentile",
        "seed": seed,
    }
    return result


# --- extraction --------------------------------------------------------------------------------


def _row(tp: float, n_gold: float, n_pred: float) -> dict[str, Any]:
    precision, recall, f1 = _prf(tp, n_pred, n_gold)
    counts = {"tp": int(tp), "fp": int(n_pred - tp), "fn": int(n_gold - tp)}
    return counts | {"precision": float(precision), "recall": float(recall), "f1": float(f1)}


def _macro(rows: list[dict[str, Any]]) -> dict[str, float]:
    return {key: float(np.mean([r[key] for r in rows] or [0.0])) for key in ("precision", "recall", "f1")}


def _match_type(gold: list[SpanRecord], pred: list[SpanRecord]) -> tuple[int, int]:
    """(strict tp, lenient tp) for the spans of one type in one document, both lists sorted by offset."""
    strict = sum((Counter((s.start, s.end) for s in gold) & Counter((s.start, s.end) for s in pred)).values())
    # Lenient: greedy one-to-one matching, largest overlap first, so a prediction overlapping two golds
    # is one tp and one fn. Exact pairs win ties and earlier spans break the rest, which keeps the result
    # deterministic and every strict match also a lenient one. Identical empty spans count as overlapping.
    pairs = sorted(
        (-(min(g.end, q.end) - max(g.start, q.start)), (g.start, g.end) != (q.start, q.end), i, j)
        for i, g in enumerate(gold)
        for j, q in enumerate(pred)
        if min(g.end, q.end) > max(g.start, q.start) or (g.start, g.end) == (q.start, q.end)
    )
    used_gold, used_pred = set(), set()
    for _, _, i, j in pairs:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
    return strict, len(used_gold)


def span_counts(
    gold: Sequence[Sequence[SpanRecord]], pred: Sequence[Sequence[SpanRecord]], types: Sequence[str]
) -> np.ndarray:
    """counts[doc, type] = (strict tp, lenient tp, gold spans, predicted spans): what span F1 sums."""
    counts = np.zeros((len(gold), len(types), 4))
    for d, (doc_gold, doc_pred) in enumerate(zip(gold, pred, strict=True)):
        for t, name in enumerate(types):
            g = sorted((s for s in doc_gold if s.type == name), key=lambda s: (s.start, s.end))
            p = sorted((s for s in doc_pred if s.type == name), key=lambda s: (s.start, s.end))
            counts[d, t] = (*_match_type(g, p), len(g), len(p))
    return counts


def span_metrics(
    gold: Sequence[Sequence[SpanRecord]],
    pred: Sequence[Sequence[SpanRecord]],
    types: Sequence[str],
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
) -> dict[str, Any]:
    """Span P/R/F1 per type, overall (micro over types) and macro over types, strict (same offsets and
    type) and lenient (same type, overlapping offsets). Spans of types not in ``types`` are ignored."""
    types = list(types)
    _check(len(gold), len(pred), n_boot, ci)
    counts = span_counts(gold, pred, types)
    per_type = counts.sum(axis=0)
    boot = _resampled_sums(counts.sum(axis=1), n_boot, seed)
    result: dict[str, Any] = {"n_docs": len(gold), "types": types}
    for col, mode in enumerate(("strict", "lenient")):
        rows = {name: _row(per_type[t, col], per_type[t, 2], per_type[t, 3]) for t, name in enumerate(types)}
        overall = _row(*per_type[:, [col, 2, 3]].sum(axis=0))
        low, high = _interval(_prf(boot[:, col], boot[:, 3], boot[:, 2])[2], ci, boot[:, 2] + boot[:, 3] > 0)
        overall |= {"f1_ci_low": float(low), "f1_ci_high": float(high)}
        result[mode] = {"per_type": rows, "overall": overall, "macro": _macro(list(rows.values()))}
    result["bootstrap"] = {"resamples": n_boot, "ci": ci, "method": "percentile", "seed": seed}
    return result


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


def _same(a: Any, b: Any, rel_tol: float) -> bool:
    """Numbers within rel_tol (or 1e-6 absolute); codes as stripped strings; a number never equals a code."""
    if _is_number(a) and _is_number(b):
        return math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=1e-6)
    if _is_number(a) or _is_number(b):
        return False
    return str(a).strip() == str(b).strip()


def _distinct(values: Sequence[Any], rel_tol: float) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if not any(_same(v, u, rel_tol) for u in out):
            out.append(v)
    return out


def _matched(gold: list[Any], pred: list[Any], rel_tol: float) -> int:
    unmatched = list(gold)
    tp = 0
    for v in pred:
        hit = next((i for i, u in enumerate(unmatched) if _same(v, u, rel_tol)), None)
        if hit is not None:
            del unmatched[hit]
            tp += 1
    return tp


def values_from_spans(spans: Sequence[SpanRecord]) -> dict[str, list[Any]]:
    """Field (entity type) -> the spans' normalised values: ``value`` if set, else ``code``."""
    out: dict[str, list[Any]] = {}
    for s in spans:
        v = s.value if s.value is not None else s.code
        if v is not None and v != "":
            out.setdefault(s.type, []).append(v)
    return out


def value_counts(
    gold: Sequence[Mapping[str, Sequence[float | str]]],
    pred: Sequence[Mapping[str, Sequence[float | str]]],
    types: Sequence[str],
    rel_tol: float = 1e-6,
) -> np.ndarray:
    """counts[doc, field] = (tp, gold values, predicted values, has the field, sets equal) over each
    document's distinct values per field: what value P/R/F1 and accuracy sum."""
    counts = np.zeros((len(gold), len(types), 5))
    for d, (doc_gold, doc_pred) in enumerate(zip(gold, pred, strict=True)):
        for f, name in enumerate(types):
            g = _distinct(doc_gold.get(name, ()), rel_tol)
            p = _distinct(doc_pred.get(name, ()), rel_tol)
            tp = _matched(g, p, rel_tol)
            counts[d, f] = (tp, len(g), len(p), bool(g or p), bool(g or p) and tp == len(g) == len(p))
    return counts


def value_metrics(
    gold: Sequence[Mapping[str, Sequence[float | str]]],
    pred: Sequence[Mapping[str, Sequence[float | str]]],
    types: Sequence[str],
    rel_tol: float = 1e-6,
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
) -> dict[str, Any]:
    """Normalised-value P/R/F1 per field and overall, over each document's set of distinct values per
    field; ``accuracy`` is the share of documents having the field (in gold or prediction) whose
    predicted set equals the gold set (None where no document has it). Fields not in ``types`` are
    ignored."""
    types = list(types)
    _check(len(gold), len(pred), n_boot, ci)
    counts = value_counts(gold, pred, types, rel_tol)

    def row(c: np.ndarray) -> dict[str, Any]:
        accuracy = float(c[4] / c[3]) if c[3] else None
        return _row(c[0], c[1], c[2]) | {"accuracy": accuracy, "docs": int(c[3])}

    per_field = counts.sum(axis=0)
    boot = _resampled_sums(counts.sum(axis=1)[:, :3], n_boot, seed)
    low, high = _interval(_prf(boot[:, 0], boot[:, 2], boot[:, 1])[2], ci, boot[:, 1] + boot[:, 2] > 0)
    return {
        "n_docs": len(gold),
        "fields": types,
        "per_field": {name: row(per_field[f]) for f, name in enumerate(types)},
        "overall": row(per_field.sum(axis=0)) | {"f1_ci_low": float(low), "f1_ci_high": float(high)},
        "bootstrap": {"resamples": n_boot, "ci": ci, "method": "percentile", "seed": seed},
    }


def invalid_rate(valid_flags: Sequence[bool]) -> dict[str, Any]:
    """Share of outputs that could not be parsed (rate 0.0 when there are none at all)."""
    n = len(valid_flags)
    invalid = sum(1 for flag in valid_flags if not flag)
    return {"n": n, "invalid": invalid, "rate": invalid / n if n else 0.0}


# --- terminal formatting -----------------------------------------------------------------------


def _table(header: list[str], rows: list[list[str]]) -> str:
    """First column left-aligned, the others right-aligned, two spaces between columns."""
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = ("  ".join([r[0].ljust(widths[0]), *map(str.rjust, r[1:], widths[1:])]).rstrip() for r in table)
    return "\n".join(lines)


def _cells(
    r: dict[str, Any], keys: Sequence[str] = ("precision", "recall", "f1", "tp", "fp", "fn")
) -> list[str]:
    """Floats to 3 decimals, None as a dash, missing keys (counts of macro rows) blank."""
    values = (r.get(k, "") for k in keys)
    return [f"{v:.3f}" if isinstance(v, float) else "–" if v is None else str(v) for v in values]


def _ci_text(value: float, low: float, high: float, ci: float) -> str:
    return f"{value:.3f} ({ci * 100:g}% CI {low:.3f}–{high:.3f})"


def one_label(m: dict[str, Any]) -> str | None:
    """The label every test document got, when they all got one although the gold labels differ."""
    cm = m["confusion_matrix"]
    matrix = np.array(cm["matrix"])
    if matrix.size == 0:
        return None
    predicted = np.flatnonzero(matrix.sum(axis=0))
    if len(predicted) != 1 or np.count_nonzero(matrix.sum(axis=1)) < 2:
        return None
    return str(cm["labels"][predicted[0]])


def one_label_warning(m: dict[str, Any]) -> str | None:
    """A warning when every test document got the same label although the gold labels differ.

    Such a run is a failed training (it collapsed onto one label, often the commonest), yet its
    accuracy can look respectable on skewed data; the user must not mistake it for a usable model."""
    label = one_label(m)
    if label is None:
        return None
    return (
        f"every test document got the same label, {label!r}: the model has not "
        "learnt to tell the labels apart. Train again with more epochs, a lower learning rate, or the "
        "head started from a probe (head_init probe)"
    )


# On 45 validation reports one report moves macro-F1 by about 0.02-0.05; a lead smaller than this is noise.
BASELINE_MARGIN = 0.05


def baseline_better_warning(info: dict[str, Any]) -> tuple[str, dict[str, Any], str] | None:
    """(code, params, message) when the baseline scored clearly higher than the model on the same
    validation reports: on such a task the word statistics are the better model (seen on the dyspnea demo,
    docs/benchmarks.md). Judged on validation data, so the test split stays unused for the choice."""
    model, baseline = info.get("best_val_macro_f1"), info.get("baseline_best_val_macro_f1")
    if model is None or baseline is None or baseline - model <= BASELINE_MARGIN:
        return None
    params = {"model": round(float(model), 3), "baseline": round(float(baseline), 3)}
    return (
        "run.baseline_better",
        params,
        (
            f"the baseline (word statistics) scored higher on the validation reports ({baseline:.2f} against "
            f"{model:.2f}): on this task it is probably the better model; compare the two on the test split"
        ),
    )


def format_classification(m: dict[str, Any]) -> str:
    ci = m["bootstrap"]["ci"]
    width = max(map(len, _HEADLINE.values()))
    lines = [f"n = {m['n']} documents, {m['invalid']} invalid predictions"]
    warning = one_label_warning(m)
    if warning:
        lines.insert(0, f"Warning: {warning}.")
    for key, name in _HEADLINE.items():
        h = m[key]
        lines.append(f"{name.ljust(width)}  {_ci_text(h['value'], h['ci_low'], h['ci_high'], ci)}")
    rows = [
        [
            label,
            *_cells(r, ("precision", "recall", "f1", "support")),
            f"{r['f1_ci_low']:.3f}–{r['f1_ci_high']:.3f}",
        ]
        # The label set's order, as in the confusion matrix: stored metrics come back with sorted keys.
        for label, r in ((label, m["per_class"][label]) for label in m["confusion_matrix"]["labels"])
    ]
    lines += ["", _table(["label", "precision", "recall", "F1", "support", f"F1 {ci * 100:g}% CI"], rows)]

    cm = m["confusion_matrix"]
    invalid = cm.get("invalid") or [0] * len(cm["labels"])
    show_invalid = any(invalid)
    # Columns are numbered (row i is label i) so long label names keep the matrix narrow.
    header = ["gold \\ predicted", *(str(i + 1) for i in range(len(cm["labels"])))]
    header += ["invalid"] * show_invalid
    rows = [
        [f"{i + 1} {label}", *map(str, cm["matrix"][i]), *[str(invalid[i])] * show_invalid]
        for i, label in enumerate(cm["labels"])
    ]
    lines += ["", "Confusion matrix (rows = gold, columns = predicted)", _table(header, rows)]
    return "\n".join(lines)


def format_extraction(spans: dict[str, Any], values: dict[str, Any] | None = None) -> str:
    ci = spans["bootstrap"]["ci"]
    strict, lenient = spans["strict"], spans["lenient"]
    header = ["type", "strict P", "R", "F1", "tp", "fp", "fn", "lenient P", "R", "F1", "tp", "fp", "fn"]
    rows = [[t, *_cells(strict["per_type"][t]), *_cells(lenient["per_type"][t])] for t in spans["types"]]
    rows.append(["overall (micro)", *_cells(strict["overall"]), *_cells(lenient["overall"])])
    rows.append(["macro", *_cells(strict["macro"]), *_cells(lenient["macro"])])
    lines = [f"Spans, n = {spans['n_docs']} documents", _table(header, rows)]
    for mode, r in (("strict", strict["overall"]), ("lenient", lenient["overall"])):
        lines.append(f"{mode} span F1  {_ci_text(r['f1'], r['f1_ci_low'], r['f1_ci_high'], ci)}")
    if values is not None:
        header = ["field", "precision", "recall", "f1", "tp", "fp", "fn", "accuracy", "docs"]
        items = [*values["per_field"].items(), ("overall", values["overall"])]
        rows = [[name, *_cells(r, [*header[1:7], "accuracy", "docs"])] for name, r in items]
        o, vci = values["overall"], values["bootstrap"]["ci"]
        lines += ["", f"Values, n = {values['n_docs']} documents", _table(header, rows)]
        lines.append(f"value F1  {_ci_text(o['f1'], o['f1_ci_low'], o['f1_ci_high'], vci)}")
    return "\n".join(lines)
