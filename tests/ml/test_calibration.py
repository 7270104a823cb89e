"""Temperature scaling: the fitted temperature on synthetic over-, under- and well-calibrated models, ECE by
hand and against scikit-learn's bins, the stored calibrator, the reliability diagram, and the calibration
block of ``medlabel evaluate`` on a real baseline run."""

from __future__ import annotations

import json

import numpy as np
import pytest
from matplotlib.image import imread
from sklearn.calibration import calibration_curve

from medlabel.core.demo.project import create_demo_project
from medlabel.core.errors import MedlabelError
from medlabel.core.runs import StoredPrediction, finish_run, start_run, store_predictions
from medlabel.ml.calibration import (
    FILE_NAME,
    MIN_VALIDATION,
    Calibrator,
    apply_temperature,
    calibrate,
    calibrate_probabilities,
    calibration_metrics,
    expected_calibration_error,
    fit_calibrator,
    fit_temperature,
    format_calibration,
    plot_reliability,
    reliability_bins,
)
from medlabel.ml.data import load_task, split_validation
from medlabel.ml.evaluate import evaluate_run, format_evaluation, plot_run_calibration, score
from medlabel.ml.tasks import DocPrediction

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def synthetic(n: int, k: int, sharpness: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A model whose probabilities are the true ones with logits multiplied by ``sharpness``: labels are
    drawn from the true probabilities, so sharpness > 1 is over-confident and < 1 under-confident."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0.0, 1.5, (n, k))
    truth = _softmax(logits)
    labels = (rng.random((n, 1)) > truth.cumsum(axis=1)).sum(axis=1)
    return _softmax(logits * sharpness), labels


def top_label(p: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return p.max(axis=1), p.argmax(axis=1) == y


def held_out_ece(sharpness: float, seed: int = 0) -> tuple[float, float, float]:
    """(T fitted on one half, ECE on the other half before, after)."""
    p, y = synthetic(4000, 4, sharpness, seed)
    temperature = fit_temperature(p[:2000], y[:2000])
    before = expected_calibration_error(*top_label(p[2000:], y[2000:]))
    after = expected_calibration_error(*top_label(apply_temperature(p[2000:], temperature), y[2000:]))
    return temperature, before, after


def test_over_confident_model_gets_a_temperature_above_one_and_its_ece_drops_on_held_out_reports():
    temperature, before, after = held_out_ece(2.5)
    # The model's logits are 2.5 times the true ones, so T should recover about 2.5.
    assert 2.2 < temperature < 2.8
    assert before > 0.15
    assert after < before / 4


def test_under_confident_model_gets_a_temperature_below_one():
    temperature, before, after = held_out_ece(0.5)
    assert 0.42 < temperature < 0.58
    assert before > 0.1
    assert after < before / 3


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_already_calibrated_model_keeps_a_temperature_near_one(seed):
    temperature, before, after = held_out_ece(1.0, seed)
    assert 0.88 < temperature < 1.12
    assert abs(after - before) < 0.02


def test_a_label_with_probability_zero_stays_impossible_and_does_not_sway_the_fit():
    # A TF-IDF baseline gives exactly 0 to a label it never saw in training (column 3 here); a few
    # validation reports carry that label. No temperature can explain them, so T must not chase them.
    p, y = synthetic(600, 3, 2.0, 5)
    p = np.hstack([p, np.zeros((len(p), 1))])
    y_unseen = y.copy()
    y_unseen[:12] = 3
    temperature = fit_temperature(p, y)
    assert 1.7 < temperature < 2.3
    assert fit_temperature(p, y_unseen) == pytest.approx(fit_temperature(p[12:], y[12:]))
    scaled = apply_temperature(p, temperature)
    assert np.all(scaled[:, 3] == 0.0) and np.allclose(scaled.sum(axis=1), 1.0)
    # Too few reports left once those are set aside: no fit.
    assert fit_temperature(p[:14], np.r_[np.full(5, 3), y[5:14]]) == 1.0
    with pytest.raises(ValueError, match="positive entry"):
        apply_temperature([[0.0, 0.0]], 2.0)
    assert calibrate_probabilities([{"A": 0.0, "B": 0.0}], Calibrator(temperature=2.0)) == [
        {"A": 0.0, "B": 0.0}
    ]


def test_the_temperature_never_changes_the_predicted_label():
    rng = np.random.default_rng(3)
    p = rng.dirichlet(np.full(5, 0.3), size=500)
    p[:50, 1] = p[:50, 3] = p[:50].max(axis=1)  # exact ties: the first of them must stay first
    p[50:60] = 0.2  # all five tied
    for temperature in (0.05, 0.3, 1.0, 1.7, 20.0):
        scaled = apply_temperature(p, temperature)
        assert np.array_equal(scaled.argmax(axis=1), p.argmax(axis=1)), temperature
        assert np.allclose(scaled.sum(axis=1), 1.0)
    sharper, softer = apply_temperature(p, 0.5), apply_temperature(p, 2.0)
    assert np.all(sharper.max(axis=1) >= p.max(axis=1) / p.sum(axis=1) - 1e-12)
    assert np.all(softer.max(axis=1) <= p.max(axis=1) / p.sum(axis=1) + 1e-12)


def test_too_few_or_one_class_validation_reports_leave_the_temperature_at_one():
    p, y = synthetic(200, 3, 3.0, 7)
    assert fit_temperature(p[: MIN_VALIDATION - 1], y[: MIN_VALIDATION - 1]) == 1.0
    assert fit_temperature(p[y == 0], y[y == 0]) == 1.0
    assert fit_temperature(np.empty((0, 3)), np.empty(0, dtype=int)) == 1.0
    # From MIN_VALIDATION reports on, with two classes, a temperature is fitted.
    rows = np.concatenate([np.flatnonzero(y == 0)[:5], np.flatnonzero(y == 1)[:5]])
    assert fit_temperature(p[rows], y[rows]) != 1.0


def test_ece_by_hand_on_six_reports():
    conf = [0.95, 0.9, 0.8, 0.6, 0.55, 0.3]
    correct = [True, True, False, True, False, False]
    # Five bins (x, x+0.2]; 0.8 lies exactly on an edge and belongs to (0.6, 0.8]:
    # (0.8, 1]: 2 reports, confidence 0.925, accuracy 1; (0.6, 0.8]: 1, 0.8, 0;
    # (0.4, 0.6]: 2, 0.575, 0.5; (0.2, 0.4]: 1, 0.3, 0.
    expected = (2 * (1 - 0.925) + 1 * 0.8 + 2 * (0.575 - 0.5) + 1 * 0.3) / 6
    assert expected == pytest.approx(1.4 / 6)
    assert expected_calibration_error(conf, correct, bins=5) == pytest.approx(expected)
    bins = reliability_bins(conf, correct, bins=5)
    assert [b["count"] for b in bins] == [0, 1, 2, 1, 2]
    assert [(b["lower"], b["upper"]) for b in bins][3] == (0.6, 0.8)
    assert bins[2]["mean_confidence"] == pytest.approx(0.575) and bins[2]["accuracy"] == 0.5
    assert bins[4]["mean_confidence"] == pytest.approx(0.925) and bins[4]["accuracy"] == 1.0
    assert bins[0]["accuracy"] is None and bins[0]["mean_confidence"] is None
    # A perfectly calibrated bin contributes nothing.
    assert expected_calibration_error([0.5, 0.5], [True, False], bins=5) == 0.0
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        expected_calibration_error([1.5], [True])


def test_ece_agrees_with_scikit_learn_calibration_curve():
    rng = np.random.default_rng(11)
    conf = rng.uniform(0.2, 1.0, 3000)
    correct = rng.random(3000) < conf**1.6
    prob_true, prob_pred = calibration_curve(correct, conf, n_bins=15, strategy="uniform")
    counts = np.histogram(conf, bins=np.linspace(0, 1, 16))[0]
    counts = counts[counts > 0]
    reference = float(np.sum(counts / counts.sum() * np.abs(prob_true - prob_pred)))
    assert expected_calibration_error(conf, correct, bins=15) == pytest.approx(reference, abs=1e-12)
    assert reference > 0.05  # the case is not trivially calibrated
    filled = [b for b in reliability_bins(conf, correct, bins=15) if b["count"]]
    assert [b["count"] for b in filled] == list(counts)
    assert np.allclose([b["accuracy"] for b in filled], prob_true)
    assert np.allclose([b["mean_confidence"] for b in filled], prob_pred)


def test_calibrator_round_trips_through_json(tmp_path):
    assert Calibrator.from_dict(GOOD_FILE) == Calibrator(temperature=1.8, n_validation=45)
    assert Calibrator.load(tmp_path) is None  # a run from before calibration
    calibrator = Calibrator(
        temperature=1.83, n_validation=45, ece_validation_before=0.07, ece_validation_after=0.02
    )
    path = calibrator.save(tmp_path)
    assert path == tmp_path / FILE_NAME
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["method"] == "temperature" and stored["temperature"] == 1.83
    assert Calibrator.load(tmp_path) == calibrator
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]  # no temporary file left behind


GOOD_FILE = {
    "schema": "medlabel.calibration/1",
    "method": "temperature",
    "temperature": 1.8,
    "n_validation": 45,
}


def _changed(**changes: object) -> str:
    return json.dumps({k: v for k, v in {**GOOD_FILE, **changes}.items() if v is not None})


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ("[1.8]", "JSON object"),
        (_changed(schema=None), "schema"),
        (_changed(method="platt"), "unknown calibration method 'platt'"),
        (_changed(temperature=-2), "positive number"),
        (_changed(temperature="2"), "positive number"),
        (_changed(temperature=None), "positive number"),
        (_changed(n_validation=4.5), "n_validation"),
        (_changed(ece_validation_after=3), "ece_validation_after"),
    ],
)
def test_a_malformed_calibration_file_is_refused_with_what_to_do(tmp_path, content, problem):
    path = tmp_path / FILE_NAME
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MedlabelError) as caught:
        Calibrator.load(tmp_path)
    message = str(caught.value)
    assert str(path) in message and problem in message
    assert "Train the run again" in message
    assert caught.value.code == "calibration.invalid_file" and caught.value.params["path"] == str(path)


def test_fit_calibrator_skips_unusable_predictions_and_reports_validation_ece():
    p, y = synthetic(300, 3, 2.5, 21)
    names = ["A", "B", "C"]
    dicts = [dict(zip(names, row.tolist(), strict=True)) for row in p]
    gold: list[str | None] = [names[i] for i in y]
    calibrator = fit_calibrator([*dicts, {}, dicts[0]], [*gold, "A", None])
    assert calibrator.n_validation == 300
    assert calibrator.temperature == pytest.approx(fit_temperature(p, y))
    assert calibrator.ece_validation_before == pytest.approx(expected_calibration_error(*top_label(p, y)))
    assert calibrator.ece_validation_after < calibrator.ece_validation_before / 2
    few = fit_calibrator(dicts[:5], gold[:5])
    assert few.temperature == 1.0 and few.n_validation == 5
    assert few.ece_validation_after == pytest.approx(few.ece_validation_before)
    assert fit_calibrator([{}, {}], ["A", "B"]) == Calibrator()


def test_calibrate_returns_new_predictions_with_the_same_labels():
    calibrator = Calibrator(temperature=2.0, n_validation=50)
    sure = DocPrediction("B", 0.9, {"A": 0.05, "B": 0.9, "C": 0.05})
    tied = DocPrediction("C", 0.45, {"A": 0.1, "B": 0.45, "C": 0.45})  # the model chose the second of a tie
    unparsed = DocPrediction(None, 0.3, raw="{broken", valid=False)
    out = calibrate([sure, tied, unparsed], calibrator)
    assert [p.label for p in out] == ["B", "C", None]
    assert out[2] is unparsed
    assert out[0].confidence == out[0].probabilities["B"] < 0.9
    # By hand: softmax(log p / 2) is proportional to sqrt(p).
    root = np.sqrt([0.05, 0.9, 0.05])
    assert out[0].probabilities["B"] == pytest.approx(root[1] / root.sum())
    assert list(out[1].probabilities) == ["A", "B", "C"]
    assert out[1].probabilities["C"] == out[1].probabilities["B"] == out[1].confidence
    assert sum(out[1].probabilities.values()) == pytest.approx(1.0)
    assert sure.probabilities["B"] == 0.9  # the input is not changed
    # An unfitted calibrator keeps the model's numbers exactly (no floor, no renormalising).
    baseline_like = DocPrediction("A", 1.0, {"A": 1.0, "B": 0.0})
    assert calibrate([baseline_like], Calibrator()) == [baseline_like]
    assert calibrate_probabilities([{"A": 1.0, "B": 0.0}], Calibrator()) == [{"A": 1.0, "B": 0.0}]


def _metrics_for(sharpness: float, n: int = 600) -> tuple[dict, list, list, list]:
    p, y = synthetic(2 * n, 4, sharpness, 31)
    names = ["CURRENT SMOKER", "PAST SMOKER", "NON-SMOKER", "UNKNOWN"]
    dicts = [dict(zip(names, row.tolist(), strict=True)) for row in p]
    gold = [names[i] for i in y]
    calibrator = fit_calibrator(dicts[:n], gold[:n])
    raw, labels = dicts[n:], gold[n:]
    calibrated = calibrate_probabilities(raw, calibrator)
    return calibration_metrics(labels, raw, calibrated, calibrator), labels, raw, calibrated


def test_calibration_metrics_on_the_test_split():
    metrics, labels, raw, calibrated = _metrics_for(2.5)
    p = np.array([list(d.values()) for d in raw])
    q = np.array([list(d.values()) for d in calibrated])
    y = np.array([list(raw[0]).index(g) for g in labels])
    assert metrics["n"] == 600 and metrics["method"] == "temperature" and metrics["temperature"] > 2
    assert metrics["ece_before"] == pytest.approx(expected_calibration_error(*top_label(p, y)))
    assert metrics["ece_after"] == pytest.approx(expected_calibration_error(*top_label(q, y)))
    assert metrics["ece_after"] < metrics["ece_before"] / 2
    assert metrics["accuracy"] == pytest.approx(np.mean(p.argmax(axis=1) == y))
    assert metrics["mean_confidence_before"] == pytest.approx(p.max(axis=1).mean())
    assert metrics["mean_confidence_before"] > metrics["accuracy"] + 0.1  # over-confident
    assert abs(metrics["mean_confidence_after"] - metrics["accuracy"]) < 0.04
    assert (
        sum(b["count"] for b in metrics["bins_before"])
        == sum(b["count"] for b in metrics["bins_after"])
        == 600
    )
    json.dumps(metrics, allow_nan=False)  # stored in the run record as JSON
    # Reports without probabilities or a gold label are left out.
    partial = calibration_metrics([*labels[:3], None, "UNKNOWN"], [*raw[:4], {}], [*calibrated[:4], {}],
                                  Calibrator())  # fmt: skip
    assert partial["n"] == 3
    empty = calibration_metrics(["UNKNOWN"], [{}], [{}], Calibrator())
    assert empty["n"] == 0 and empty["ece_before"] is None


def test_format_calibration_lines():
    example = {"temperature": 1.8, "n_validation": 45, "n": 100, "ece_before": 0.069, "ece_after": 0.021,
               "mean_confidence_before": 0.969, "mean_confidence_after": 0.92, "accuracy": 0.91}  # fmt: skip
    assert format_calibration(example) == (
        "Calibration (temperature 1.8, fitted on 45 validation reports): ECE 0.069 → 0.021; "
        "mean confidence 0.97 → 0.92 at accuracy 0.91"
    )
    few = {
        **example,
        "temperature": 1.0,
        "n_validation": 6,
        "ece_after": 0.069,
        "mean_confidence_after": 0.969,
    }
    assert format_calibration(few) == (
        "Calibration: none (only 6 validation reports, at least 10 needed): "
        "ECE 0.069; mean confidence 0.97 at accuracy 0.91"
    )
    assert "one label" in format_calibration({**few, "n_validation": 40})
    assert "no validation predictions with label probabilities" in format_calibration(
        {**few, "n_validation": 0}
    )
    assert format_calibration({**few, "n": 0}).endswith(
        "no test predictions with probabilities to measure it on"
    )


def test_reliability_diagram_is_written_as_a_png(tmp_path):
    metrics, *_ = _metrics_for(2.5, n=300)
    path = plot_reliability(metrics, tmp_path / "reliability.png")
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 20_000
    image = imread(path)
    assert image.shape[:2] == (840, 768)  # 6.4 × 7 inches at 120 dpi
    assert image[..., :3].std() > 0.05  # something was drawn, not a blank canvas
    with pytest.raises(MedlabelError, match="cannot write the reliability diagram"):
        plot_reliability(metrics, tmp_path / "missing" / "r.png")
    with pytest.raises(MedlabelError, match="no test predictions"):
        plot_reliability(calibration_metrics([], [], [], Calibrator()), tmp_path / "empty.png")


@pytest.fixture
def smoking(tmp_path):
    project = create_demo_project(tmp_path / "s", "smoking", documents=160, labelled=120, test=30)
    yield project
    project.close()


def _record_run(project, data, probabilities: list[dict], metrics: dict) -> int:
    """A completed document run with these test predictions, as the training code records one."""
    run_id = start_run(project, task=data.task.name, task_kind="document", recipe="baseline", config={})
    stored = [
        StoredPrediction(ex.doc_id, max(p, key=p.__getitem__), max(p.values()), p, [], [], None, True)
        for ex, p in zip(data.test, probabilities, strict=True)
    ]
    store_predictions(project, run_id, stored)
    scored = score(data.task, data.test, {p.document_id: p for p in stored})
    finish_run(project, run_id, "completed", metrics={**scored, **metrics})
    return run_id


def test_evaluate_shows_and_passes_through_a_runs_calibration(smoking, tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    # A real TF-IDF model on the demo reports, fitted and validated the way a run is.
    data = load_task(smoking, "smoking_status")
    fit, val = split_validation(data.train, 0.3, seed=13)
    model = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))
    model.fit([ex.text for ex in fit], [ex.label for ex in fit])

    def probabilities(examples: list) -> list[dict[str, float]]:
        rows = model.predict_proba([ex.text for ex in examples])
        return [dict(zip(model.classes_.tolist(), row.tolist(), strict=True)) for row in rows]

    calibrator = fit_calibrator(probabilities(val), [ex.label for ex in val])
    assert calibrator.n_validation == len(val) >= MIN_VALIDATION and calibrator.temperature != 1.0
    raw = probabilities(data.test)
    block = calibration_metrics(
        [ex.label for ex in data.test], raw, calibrate_probabilities(raw, calibrator), calibrator
    )

    plain = evaluate_run(smoking, _record_run(smoking, data, raw, {}))
    assert plain["calibration"] is None and "Calibration" not in format_evaluation(plain)
    with pytest.raises(MedlabelError, match="no calibration to plot"):
        plot_run_calibration(plain, tmp_path / "none.png")

    result = evaluate_run(smoking, _record_run(smoking, data, raw, {"calibration": block}))
    assert result["calibration"] == json.loads(json.dumps(block))
    assert json.loads(json.dumps(result, allow_nan=False))["calibration"]["n"] == len(data.test)
    text = format_evaluation(result)
    line = (
        f"Calibration (temperature {calibrator.temperature:.3g}, fitted on {len(val)} validation reports): "
        f"ECE {block['ece_before']:.3f} → {block['ece_after']:.3f}; mean confidence "
        f"{block['mean_confidence_before']:.2f} → {block['mean_confidence_after']:.2f} "
        f"at accuracy {block['accuracy']:.2f}"
    )
    assert line in text
    assert text.index("Confusion matrix") < text.index(line)  # after the classification tables
    path = plot_run_calibration(result, tmp_path / "run.png")
    assert path.read_bytes().startswith(PNG_MAGIC)
