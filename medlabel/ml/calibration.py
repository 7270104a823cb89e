"""Calibrated probabilities for document-label runs: temperature scaling (Guo et al. 2017, "On Calibration
of Modern Neural Networks"), the top-label expected calibration error (ECE) and reliability diagrams.

A run's temperature is fitted on its validation split and stored beside it as ``calibration.json``
(plain JSON: nothing in a run folder may run code when loaded). Temperature scaling divides the log
probabilities by one number T, so it changes how sure a model says it is but never which label it picks.
It works from probabilities, not logits, because a run's model may be an ensemble average or a TF-IDF
logistic regression; for a single softmax model the two are the same up to a constant per row.

The calibration block stored in a run's metrics (schema of :func:`calibration_metrics`)::

    {"method": "temperature", "temperature": float, "n_validation": int,
     "ece_validation_before": float | null, "ece_validation_after": float | null,
     "n": int, "ece_bins": int, "ece_before": float | null, "ece_after": float | null,
     "mean_confidence_before": float | null, "mean_confidence_after": float | null,
     "accuracy": float | null, "bins_before": [B], "bins_after": [B]}

where ``B`` is ``{"lower", "upper", "count", "mean_confidence", "accuracy"}`` (the last two null for an
empty bin) and every test-split figure counts only predictions that have probabilities and a gold label.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from medlabel.core.errors import MedlabelError
from medlabel.ml.tasks import DocPrediction

METHOD = "temperature"
SCHEMA = "medlabel.calibration/1"
FILE_NAME = "calibration.json"
MIN_VALIDATION = 10  # below this one temperature is fitted to noise; T = 1 leaves the model as it is
TEMPERATURE_BOUNDS = (0.05, 20.0)
ECE_BINS = 15  # as in Guo et al.
PLOT_BINS = 10


def _log_probabilities(probabilities: Any) -> np.ndarray:
    p = np.asarray(probabilities, dtype=float)
    if p.ndim != 2:
        raise ValueError(f"probabilities must be an n × k array, not of shape {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < 0):
        raise ValueError("probabilities must be finite and non-negative")
    if p.shape[1] and np.any(p.max(axis=1, initial=0.0) <= 0):
        raise ValueError("every row of probabilities needs a positive entry")
    # A zero (a label the model never saw in training, or an underflow) becomes log 0 = -inf, which no
    # temperature changes: the label stays impossible instead of gaining mass as T grows.
    with np.errstate(divide="ignore"):
        return np.log(p)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(probabilities: Any, labels: Sequence[int] | np.ndarray) -> float:
    """The temperature T minimising the negative log-likelihood of ``softmax(log(p) / T)`` on validation
    predictions (``probabilities``: n × k, ``labels``: the gold class index of each row).

    Rows whose gold class has probability 0 are left out: their likelihood is 0 at every temperature, so
    they say nothing about T (a floor in place of the 0 would let one such report drive T up). Returns 1.0
    (no change) when fewer than ``MIN_VALIDATION`` rows remain or they hold a single gold class, where
    the fitted value would say more about the sample than the model. T is searched in
    ``TEMPERATURE_BOUNDS``.
    """
    logp = _log_probabilities(probabilities)
    y = np.asarray(labels)
    if y.shape != (logp.shape[0],):
        raise ValueError(f"{logp.shape[0]} rows of probabilities but labels of shape {y.shape}")
    if len(y) == 0 or logp.shape[1] < 2:
        return 1.0
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= logp.shape[1]:
        raise ValueError(f"labels must be class indices in 0..{logp.shape[1] - 1}")
    possible = np.isfinite(logp[np.arange(len(y)), y])
    logp, y = logp[possible], y[possible]
    if len(y) < MIN_VALIDATION or len(np.unique(y)) < 2:
        return 1.0
    from scipy.optimize import minimize_scalar
    from scipy.special import logsumexp

    rows = np.arange(len(y))

    def nll(log_t: float) -> float:
        z = logp / math.exp(log_t)
        return float(np.mean(logsumexp(z, axis=1) - z[rows, y]))

    # The NLL is convex in 1/T, hence unimodal in log T: a bounded scalar search finds its minimum.
    lo, hi = (math.log(b) for b in TEMPERATURE_BOUNDS)
    result = minimize_scalar(nll, bounds=(lo, hi), method="bounded", options={"xatol": 1e-6})
    return float(math.exp(result.x))


def apply_temperature(probabilities: Any, temperature: float) -> np.ndarray:
    """``softmax(log(p) / T)`` row by row: every row sums to 1 and keeps its order of classes."""
    if not (math.isfinite(temperature) and temperature > 0):
        raise ValueError(f"the temperature must be a positive number, not {temperature!r}")
    logp = _log_probabilities(probabilities)
    if logp.shape[0] == 0:
        return np.zeros(logp.shape)
    return _softmax(logp / temperature)


def _confidence_arrays(confidences: Any, correct: Any) -> tuple[np.ndarray, np.ndarray]:
    conf = np.asarray(confidences, dtype=float).reshape(-1)
    hit = np.asarray(correct, dtype=float).reshape(-1)
    if conf.shape != hit.shape:
        raise ValueError(f"{conf.size} confidences but {hit.size} correctness values")
    # Sums of floats may overshoot 1 by an ulp; anything further out is not a probability.
    if not np.all(np.isfinite(conf)) or np.any(conf < -1e-9) or np.any(conf > 1 + 1e-9):
        raise ValueError("confidences must lie in [0, 1]")
    return np.clip(conf, 0.0, 1.0), hit


def _bin_ids(conf: np.ndarray, bins: int) -> np.ndarray:
    if bins < 1:
        raise ValueError("bins must be at least 1")
    # Bins are (lower, upper], the first also holding 0: the convention of Guo et al. and of
    # scikit-learn's calibration_curve, so the two agree bin for bin.
    return np.searchsorted(np.linspace(0.0, 1.0, bins + 1)[1:-1], conf, side="left")


def expected_calibration_error(confidences: Any, correct: Any, bins: int = ECE_BINS) -> float:
    """Top-label ECE: over equal-width confidence bins, the count-weighted mean of
    |accuracy − mean confidence|. ``confidences`` are the predicted label's probabilities."""
    conf, hit = _confidence_arrays(confidences, correct)
    if conf.size == 0:
        raise ValueError("the ECE of no predictions is undefined")
    ids = _bin_ids(conf, bins)
    gap = np.bincount(ids, weights=hit, minlength=bins) - np.bincount(ids, weights=conf, minlength=bins)
    return float(np.abs(gap).sum() / conf.size)


def reliability_bins(confidences: Any, correct: Any, bins: int = PLOT_BINS) -> list[dict[str, Any]]:
    """Every equal-width bin with its bounds, count, mean confidence and accuracy (None when empty)."""
    conf, hit = _confidence_arrays(confidences, correct)
    ids = _bin_ids(conf, bins)
    counts = np.bincount(ids, minlength=bins)
    conf_sum = np.bincount(ids, weights=conf, minlength=bins)
    hit_sum = np.bincount(ids, weights=hit, minlength=bins)
    edges = np.linspace(0.0, 1.0, bins + 1)
    out = []
    for b in range(bins):
        n = int(counts[b])
        out.append(
            {
                "lower": round(float(edges[b]), 10),  # 0.30000000000000004 reads badly in JSON
                "upper": round(float(edges[b + 1]), 10),
                "count": n,
                "mean_confidence": float(conf_sum[b] / n) if n else None,
                "accuracy": float(hit_sum[b] / n) if n else None,
            }
        )
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@dataclass(frozen=True)
class Calibrator:
    """A run's fitted temperature and what it did on the validation split; ``Calibrator()`` is T = 1."""

    method: str = METHOD
    temperature: float = 1.0
    n_validation: int = 0
    ece_validation_before: float | None = None
    ece_validation_after: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, **asdict(self)}

    def save(self, folder: str | Path) -> Path:
        """Write ``calibration.json`` into ``folder``; returns its path."""
        path = Path(folder) / FILE_NAME
        tmp = path.with_name(path.name + ".tmp")
        # Written aside and renamed, so a crash never leaves half a file for predict to refuse.
        tmp.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        return path

    @classmethod
    def load(cls, folder: str | Path) -> Calibrator | None:
        """The calibrator stored in ``folder``, or None when there is none (a run trained before runs were
        calibrated, whose probabilities stay as the model gave them). Malformed content is refused."""
        path = Path(folder) / FILE_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise _bad_file(path, f"it cannot be read ({exc})") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _bad_file(path, f"it is not valid JSON ({exc.msg}, line {exc.lineno})") from exc
        return cls.from_dict(data, path)

    @classmethod
    def from_dict(cls, data: Any, path: str | Path = FILE_NAME) -> Calibrator:
        """Check and convert what ``to_dict`` wrote; ``path`` names the source in error messages."""
        if not isinstance(data, dict):
            raise _bad_file(path, "it does not hold a JSON object")
        if data.get("schema") != SCHEMA:
            raise _bad_file(path, f"its schema is {data.get('schema')!r}, expected {SCHEMA!r}")
        if data.get("method") != METHOD:
            raise _bad_file(path, f"unknown calibration method {data.get('method')!r}")
        temperature = data.get("temperature")
        if not _is_number(temperature) or temperature <= 0:
            raise _bad_file(path, f"the temperature must be a positive number, not {temperature!r}")
        n_validation = data.get("n_validation")
        if not isinstance(n_validation, int) or isinstance(n_validation, bool) or n_validation < 0:
            raise _bad_file(path, f"n_validation must be a count, not {n_validation!r}")
        eces = {}
        for key in ("ece_validation_before", "ece_validation_after"):
            value = data.get(key)
            if value is not None and not (_is_number(value) and 0 <= value <= 1):
                raise _bad_file(path, f"{key} must be a number in [0, 1] or null, not {value!r}")
            eces[key] = None if value is None else float(value)
        return cls(METHOD, float(temperature), n_validation, **eces)


def _bad_file(path: str | Path, problem: str) -> MedlabelError:
    return MedlabelError(
        f"{path} is not a valid calibration file: {problem}. Train the run again to write a new one, "
        f"or delete {FILE_NAME} to use the model's uncalibrated probabilities",
        code="calibration.invalid_file", path=str(path), problem=problem,
    )  # fmt: skip


def _has_mass(probabilities: Mapping[str, float]) -> bool:
    return bool(probabilities) and max(probabilities.values()) > 0


def _usable(
    probabilities: Sequence[Mapping[str, float]], gold: Sequence[str | None]
) -> tuple[np.ndarray, np.ndarray]:
    """(n × k matrix, gold class indices) of the pairs that have both probabilities and a gold label.

    Classes are every label seen, so a gold label the model never scores counts as probability 0."""
    if len(probabilities) != len(gold):
        raise ValueError(f"{len(probabilities)} predictions but {len(gold)} gold labels")
    pairs = [(p, g) for p, g in zip(probabilities, gold, strict=True) if _has_mass(p) and g is not None]
    classes: dict[str, int] = {}
    for p, g in pairs:
        for label in (*p, g):
            classes.setdefault(label, len(classes))
    matrix = np.zeros((len(pairs), len(classes)))
    for row, (p, _) in enumerate(pairs):
        for label, value in p.items():
            matrix[row, classes[label]] = value
    return matrix, np.array([classes[g] for _, g in pairs], dtype=int)


def _top_label(matrix: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # np.argmax takes the first of tied maxima, as the recipes' max(dict) does.
    chosen = matrix.argmax(axis=1)
    return matrix[np.arange(len(y)), chosen], chosen == y


def fit_calibrator(probabilities: Sequence[Mapping[str, float]], gold: Sequence[str | None]) -> Calibrator:
    """Fit the temperature on a run's validation predictions (probability dicts) and their gold labels;
    predictions without probabilities (an unparsable instruct answer) or without a gold label are skipped."""
    matrix, y = _usable(probabilities, gold)
    if len(y) == 0:
        return Calibrator()
    temperature = fit_temperature(matrix, y)
    before = expected_calibration_error(*_top_label(matrix, y))
    after = expected_calibration_error(*_top_label(apply_temperature(matrix, temperature), y))
    return Calibrator(METHOD, temperature, len(y), before, after)


def calibrate_probabilities(
    probabilities: Sequence[Mapping[str, float]], calibrator: Calibrator
) -> list[dict[str, float]]:
    """Each probability dict with the temperature applied (same keys, same order); empty dicts stay empty."""
    out = []
    for p in probabilities:
        if not _has_mass(p) or calibrator.temperature == 1.0:
            # T = 1 means "not fitted": the model's numbers are kept exactly, not renormalised.
            out.append(dict(p))
            continue
        scaled = apply_temperature([list(p.values())], calibrator.temperature)[0]
        out.append({label: float(v) for label, v in zip(p, scaled, strict=True)})
    return out


def calibrate(predictions: Sequence[DocPrediction], calibrator: Calibrator) -> list[DocPrediction]:
    """New predictions with calibrated probabilities and confidence. The label stays the one predicted
    (temperature keeps the order of probabilities, and a tie keeps the model's choice); a prediction
    without probabilities is returned as it is."""
    calibrated = calibrate_probabilities([p.probabilities for p in predictions], calibrator)
    out = []
    for prediction, probabilities in zip(predictions, calibrated, strict=True):
        if not _has_mass(prediction.probabilities):
            out.append(prediction)
            continue
        label = prediction.label
        if label not in probabilities:
            label = max(probabilities, key=probabilities.__getitem__)
        out.append(
            replace(prediction, label=label, confidence=probabilities[label], probabilities=probabilities)
        )
    return out


def calibration_metrics(
    labels: Sequence[str | None],
    raw: Sequence[Mapping[str, float]],
    calibrated: Sequence[Mapping[str, float]],
    calibrator: Calibrator,
) -> dict[str, Any]:
    """What evaluation shows for the test split: ECE, mean confidence and reliability bins before and after
    calibration, with the calibrator's own figures. ``labels`` are the gold labels; pairs without
    probabilities or without a gold label are left out (``n`` says how many counted)."""
    if not len(labels) == len(raw) == len(calibrated):
        raise ValueError(f"{len(labels)} gold labels, {len(raw)} raw and {len(calibrated)} calibrated")
    conf_before, conf_after, correct = [], [], []
    for gold, before, after in zip(labels, raw, calibrated, strict=True):
        if gold is None or not _has_mass(before) or not _has_mass(after):
            continue
        # The label is chosen on the raw probabilities and kept after: calibration never changes it.
        predicted = max(before, key=before.__getitem__)
        conf_before.append(before[predicted])
        conf_after.append(after.get(predicted, 0.0))
        correct.append(predicted == gold)
    n = len(correct)
    return {
        **asdict(calibrator),
        "n": n,
        "ece_bins": ECE_BINS,
        "ece_before": expected_calibration_error(conf_before, correct) if n else None,
        "ece_after": expected_calibration_error(conf_after, correct) if n else None,
        "mean_confidence_before": float(np.mean(conf_before)) if n else None,
        "mean_confidence_after": float(np.mean(conf_after)) if n else None,
        "accuracy": float(np.mean(correct)) if n else None,
        "bins_before": reliability_bins(conf_before, correct),
        "bins_after": reliability_bins(conf_after, correct),
    }


def format_calibration(metrics: Mapping[str, Any]) -> str:
    """One line for the terminal: the temperature and what it did to ECE and mean confidence."""
    n_val, temperature = metrics.get("n_validation", 0), metrics["temperature"]
    held_out = (
        "out-of-fold predictions of training reports"
        if metrics.get("fitted_on") == "out_of_fold"
        else "validation reports"
    )
    if temperature == 1.0:
        if n_val == 0:
            head = "Calibration: none (no validation predictions with label probabilities)"
        elif n_val < MIN_VALIDATION:
            head = f"Calibration: none (only {n_val} {held_out}, at least {MIN_VALIDATION} needed)"
        else:
            head = "Calibration: none (the validation reports all had one label)"
    else:
        head = f"Calibration (temperature {temperature:.3g}, fitted on {n_val} {held_out})"
    if not metrics.get("n"):
        return f"{head}; no test predictions with probabilities to measure it on"
    ece_b, ece_a = metrics["ece_before"], metrics["ece_after"]
    conf_b, conf_a = metrics["mean_confidence_before"], metrics["mean_confidence_after"]
    if temperature == 1.0:
        return f"{head}: ECE {ece_b:.3f}; mean confidence {conf_b:.2f} at accuracy {metrics['accuracy']:.2f}"
    return (
        f"{head}: ECE {ece_b:.3f} → {ece_a:.3f}; mean confidence {conf_b:.2f} → {conf_a:.2f} "
        f"at accuracy {metrics['accuracy']:.2f}"
    )


def plot_reliability(metrics: Mapping[str, Any], path: str | Path, title: str | None = None) -> Path:
    """A reliability diagram as a PNG: accuracy per confidence bin before and after calibration against
    the diagonal of perfect calibration, ECE in the legend, and the number of reports per bin below."""
    if not metrics.get("n"):
        raise MedlabelError(
            "no test predictions with probabilities: there is no reliability diagram to draw",
            code="calibration.nothing_to_plot",
        )
    # The Agg canvas is used directly, not pyplot, so no window opens and no global backend changes
    # (the GUI process may use matplotlib with Qt).
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    path = Path(path)
    fig = Figure(figsize=(6.4, 7.0), dpi=120)
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    top.plot([0, 1], [0, 1], "--", color="0.5", linewidth=1, label="perfect calibration")
    series = [
        (metrics["bins_before"], metrics["ece_before"], "C3", "uncalibrated"),
        (metrics["bins_after"], metrics["ece_after"], "C0", f"T = {metrics['temperature']:.3g}"),
    ]
    width = metrics["bins_before"][0]["upper"] - metrics["bins_before"][0]["lower"]
    for index, (bins, ece, colour, name) in enumerate(series):
        filled = [b for b in bins if b["count"]]
        top.plot(
            [b["mean_confidence"] for b in filled], [b["accuracy"] for b in filled], "o-", color=colour,
            label=f"{name} (ECE {ece:.3f})",
        )  # fmt: skip
        offset = (index - 0.5) * width * 0.4
        bottom.bar(
            [(b["lower"] + b["upper"]) / 2 + offset for b in bins], [b["count"] for b in bins],
            width=width * 0.4, color=colour, label=name,
        )  # fmt: skip
    top.set_xlim(0, 1)
    top.set_ylim(0, 1.02)
    top.set_ylabel("accuracy (fraction of reports labelled correctly)")
    top.set_title(title or f"Reliability on {metrics['n']} test reports (accuracy {metrics['accuracy']:.2f})")
    top.grid(alpha=0.3)
    top.legend(loc="best")  # the free corner depends on whether the model was over- or under-confident
    bottom.set_xlabel("confidence (probability given to the predicted label)")
    bottom.set_ylabel("reports")
    bottom.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    try:
        fig.savefig(path, format="png")
    except OSError as exc:
        raise MedlabelError(
            f"cannot write the reliability diagram to {path}: {exc.strerror or exc}",
            code="calibration.plot_not_written", path=str(path), problem=str(exc.strerror or exc),
        ) from exc  # fmt: skip
    return path
