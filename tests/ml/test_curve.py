"""Learning curves: labels of each line, the baseline learning from every report, curves rebuilt from
stored runs, reference lines, and the verdict in plain words."""

import pytest

from medlabel.core.demo.project import create_demo_project
from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import NullReporter, RecordingReporter
from medlabel.core.runs import finish_run, get_run, list_runs, start_run
from medlabel.ml.curve import (
    BASELINE_LABEL,
    curve_figure,
    curve_from_runs,
    curve_groups,
    curve_plan,
    curve_references,
    curve_verdict,
    format_curve,
    plot_curve,
    run_curve,
)
from medlabel.ml.data import load_task
from medlabel.ml.train import plan_run, run_training

TASK = "smoking_status"
BASELINE = {"task": TASK, "recipe": "baseline"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = create_demo_project(
        tmp_path_factory.mktemp("curve") / "s", "smoking", documents=160, labelled=120, test=30
    )
    yield project
    project.close()


@pytest.fixture(scope="module")
def baseline_curve(project):
    return run_curve(project, BASELINE, RecordingReporter(), sizes=[22, 45, 90])


def _legend(curve):
    return [t.get_text() for t in curve_figure(curve).axes[0].get_legend().get_texts()]


def _macro(value, half_width=0.05):
    return {"macro_f1": {"value": value, "ci_low": value - half_width, "ci_high": value + half_width}}


def _record(project, recipe, metrics, model_name=None, config=None, group=None, train_size=None):
    """A completed run record with ``metrics``, as a run of ``recipe`` would leave it (no training)."""
    run_id = start_run(
        project, task=TASK, task_kind="document", recipe=recipe, model_name=model_name,
        config={"task": TASK, "recipe": recipe, **(config or {})}, group_name=group, train_size=train_size,
    )  # fmt: skip
    finish_run(project, run_id, "completed", metrics=metrics)
    return run_id


def test_baseline_curve_is_labelled_as_the_baseline_and_draws_no_second_baseline(baseline_curve, tmp_path):
    assert baseline_curve["recipe"] == "baseline"
    assert baseline_curve["series_label"] == BASELINE_LABEL == "baseline (TF-IDF + logistic regression)"
    assert baseline_curve["baseline_label"] is None
    assert all("baseline" not in p for p in baseline_curve["points"])
    # The curve's own full-size run is the only baseline on all reports: no reference line repeats it.
    assert [r["kind"] for r in baseline_curve["references"]] == []
    assert _legend(baseline_curve) == [BASELINE_LABEL]
    text = format_curve(baseline_curve)
    assert BASELINE_LABEL in text and "fine-tuned" not in text
    assert baseline_curve["verdict"]["text"][1:] in text
    path = plot_curve(baseline_curve, tmp_path / "curve.png")
    assert path.read_bytes()[:4] == b"\x89PNG"


def test_baseline_run_fits_on_every_training_report(project):
    data = load_task(project, TASK)
    plan = plan_run(data, {**BASELINE, "train_size": 38}, NullReporter())
    assert plan.counts()["validation"] == {} and len(plan.fit) == 38
    reporter = RecordingReporter()
    run = get_run(project, run_training(project, {**BASELINE, "train_size": 38}, reporter))
    assert run.train_size == 38 and run.info["train_examples"] == 38
    counts = reporter.of("started")[0]["args"][2]
    assert sum(counts["train"].values()) == 38 and counts["validation"] == {}
    # Without validation reports the temperature is fitted on out-of-fold predictions of all 38.
    assert run.metrics["calibration"]["n_validation"] == 38
    assert (project.runs_dir / str(run.id) / "calibration.json").is_file()


def test_baseline_beside_a_fine_tuned_run_keeps_its_validation(project):
    data = load_task(project, TASK)
    settings = {"task": TASK, "recipe": "classifier", "train_size": 60, "long_text": "head"}
    plan = plan_run(data, settings, NullReporter())
    assert len(plan.fit) + len(plan.val) == 60 and 8 <= len(plan.val) <= 10  # 15 % held out, stratified


def test_curve_from_runs_rebuilds_the_curve_of_run_curve(project, baseline_curve):
    again = curve_from_runs(project, baseline_curve["group"])
    assert again["points"] == baseline_curve["points"]
    assert [p["size"] for p in again["points"]] == [22, 45, 90]
    group_runs = list_runs(project, group_name=baseline_curve["group"])
    assert [r.id for r in group_runs] == [p["run"] for p in again["points"]]
    assert {r.train_size for r in group_runs} == {22, 45, 90}
    assert (baseline_curve["group"], 3) in curve_groups(project, TASK)
    assert curve_groups(project, "no such task") == []
    with pytest.raises(MedlabelError) as raised:
        curve_from_runs(project, "curve of nothing")
    assert raised.value.code == "curve.not_found"


def test_curve_plan_gives_one_run_settings_per_size(project):
    group, runs = curve_plan(project, {**BASELINE, "seed": 7}, sizes=[40, 20])
    assert group.startswith(f"curve {TASK} ")
    assert runs == [{**BASELINE, "seed": 7, "train_size": 20}, {**BASELINE, "seed": 7, "train_size": 40}]
    with pytest.raises(MedlabelError) as raised:
        curve_plan(project, BASELINE, sizes=[91])
    assert raised.value.code == "curve.bad_sizes"


def test_references_and_labels_of_a_fine_tuned_curve(project, baseline_curve):
    zero_shot = _record(project, "instruct", _macro(0.35), "smollm2", {"zero_shot": True}, train_size=90)
    _record(project, "instruct", _macro(0.9), "smollm2", {"zero_shot": False}, train_size=90)  # trained
    refs = curve_references(project, TASK)
    assert [(r["kind"], r["run"]) for r in refs] == [
        ("zero_shot", zero_shot),
        ("baseline", baseline_curve["points"][-1]["run"]),  # the newest baseline on all 90 reports
    ]
    assert refs[0]["name"] == "zero-shot (SmolLM2)"
    assert (refs[0]["value"], refs[0]["ci_low"], refs[0]["ci_high"]) == pytest.approx((0.35, 0.30, 0.40))
    # A fine-tuned curve: each point carries the baseline trained on the same reports.
    group = "curve smoking_status 2020-01-01T00:00:00.000+00:00"
    for size, value in ((45, 0.5), (90, 0.7)):
        _record(
            project, "classifier", {**_macro(value), "baseline": _macro(value - 0.1)}, "minilm",
            group=group, train_size=size,
        )  # fmt: skip
    curve = curve_from_runs(project, group)
    assert (
        curve["series_label"] == "fine-tuned classifier (MiniLM)"
        and curve["baseline_label"] == BASELINE_LABEL
    )
    assert [r["kind"] for r in curve["references"]] == ["zero_shot"]  # the baseline is drawn already
    assert _legend(curve) == [
        "fine-tuned classifier (MiniLM)",
        BASELINE_LABEL,
        f"zero-shot (SmolLM2) (run {zero_shot})",
    ]
    assert curve["verdict"]["code"] == "curve.still_rising"
    text = format_curve(curve)
    assert "fine-tuned classifier (MiniLM)" in text and f"zero-shot (SmolLM2) (run {zero_shot})" in text
    assert curve_groups(project, TASK)[0] == (group, 2)  # newest first


def _curve(*points):
    return {"metric": "macro-F1", "points": [{"size": s, "value": v, "ci_low": lo, "ci_high": hi}
                                             for s, v, lo, hi in points]}  # fmt: skip


@pytest.mark.parametrize(
    ("curve", "code"),
    [
        (
            _curve((64, 0.60, 0.55, 0.65), (128, 0.66, 0.62, 0.70), (255, 0.74, 0.71, 0.77)),
            "curve.still_rising",
        ),
        (_curve((128, 0.80, 0.77, 0.83), (255, 0.81, 0.78, 0.84)), "curve.flat"),
        (_curve((128, 0.60, 0.45, 0.75), (255, 0.65, 0.50, 0.80)), "curve.noisy"),  # +0.05 inside ±0.15
        (_curve((128, 0.60, 0.45, 0.75), (255, 0.61, 0.46, 0.76)), "curve.noisy"),  # flat, but CI too wide
        (_curve((255, 0.7, 0.6, 0.8)), "curve.too_few_points"),
        (_curve(), "curve.too_few_points"),
    ],
)
def test_verdict_codes(curve, code):
    assert curve_verdict(curve)[0] == code


def test_verdict_names_the_gain_and_the_doubling():
    code, params, text = curve_verdict(
        _curve((32, 0.5, 0.45, 0.55), (128, 0.70, 0.67, 0.73), (255, 0.74, 0.72, 0.76))
    )
    assert code == "curve.still_rising"
    assert params == {
        "gain": 0.04,
        "metric": "macro-F1",
        "from_size": 128,
        "to_size": 255,
        "half_width": 0.02,
    }
    assert text == (
        "+0.04 macro-F1 from the last doubling (128 → 255 reports); more labels would probably still help"
    )
