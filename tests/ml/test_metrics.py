"""Metrics: point estimates against scikit-learn, bootstrap CI behaviour, hand-checked span and value
cases, and the terminal tables."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

from medlabel.core.records import SpanRecord
from medlabel.ml.metrics import (
    _class_stats,
    _confusion_rows,
    classification_metrics,
    format_classification,
    format_extraction,
    invalid_rate,
    one_label_warning,
    span_metrics,
    value_metrics,
    values_from_spans,
)

LABELS = ["CURRENT SMOKER", "PAST SMOKER", "SMOKER", "NON-SMOKER", "UNKNOWN"]
HEADLINE = ("accuracy", "micro_f1", "macro_f1", "weighted_f1")


def _noisy(n: int, seed: int, p_right: float = 0.75, p_invalid: float = 0.0) -> tuple[list, list]:
    rng = np.random.default_rng(seed)
    gold = [str(x) for x in rng.choice(LABELS, n)]
    pred: list[str | None] = []
    for g in gold:
        u = rng.random()
        pred.append(None if u < p_invalid else g if u < p_invalid + p_right else str(rng.choice(LABELS)))
    return gold, pred


# --- document labels ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", range(25))
def test_point_estimates_equal_sklearn(case: int) -> None:
    rng = np.random.default_rng(case)
    n = int(rng.integers(1, 80))
    # Some cases use only part of the labels in gold, so support-0 labels are covered too.
    gold_labels = LABELS if case % 3 else LABELS[:3]
    gold = [str(x) for x in rng.choice(gold_labels, n)]
    pred = [None if rng.random() < 0.1 else "not a label" if rng.random() < 0.05 else str(x)
            for x in rng.choice(LABELS, n)]  # fmt: skip
    m = classification_metrics(gold, pred, LABELS, n_boot=50, seed=case)

    ref_pred = [p if p in LABELS else "__wrong__" for p in pred]
    kw = {"labels": LABELS, "zero_division": 0}
    assert m["n"] == n
    assert m["invalid"] == sum(p not in LABELS for p in pred)
    assert m["accuracy"]["value"] == accuracy_score(gold, ref_pred)
    for avg in ("micro", "macro", "weighted"):
        assert m[f"{avg}_f1"]["value"] == pytest.approx(
            f1_score(gold, ref_pred, average=avg, **kw), abs=1e-12
        )
    prec, rec, f1, sup = precision_recall_fscore_support(gold, ref_pred, **kw)
    for i, label in enumerate(LABELS):
        row = m["per_class"][label]
        assert (row["precision"], row["recall"], row["f1"], row["support"]) == pytest.approx(
            (prec[i], rec[i], f1[i], sup[i])
        )
    assert m["confusion_matrix"]["matrix"] == confusion_matrix(gold, ref_pred, labels=LABELS).tolist()

    # The bootstrap derives its metrics from bincount-style confusion counts: on the full sample those
    # must be scikit-learn's numbers too.
    idx = {label: i for i, label in enumerate(LABELS)}
    rows = _confusion_rows(np.array([idx[g] for g in gold]), np.array([idx.get(p, 5) for p in pred]), 5)
    stats = _class_stats(rows.sum(axis=0).reshape(5, 6))
    for name in HEADLINE:
        assert float(stats[name]) == pytest.approx(m[name]["value"], abs=1e-12)
    np.testing.assert_allclose(stats["f1"], f1, atol=1e-12)
    np.testing.assert_allclose(stats["precision"], prec, atol=1e-12)
    np.testing.assert_allclose(stats["recall"], rec, atol=1e-12)


def test_micro_f1_equals_accuracy_without_invalid_answers() -> None:
    gold, pred = _noisy(200, seed=3)
    m = classification_metrics(gold, pred, LABELS, n_boot=200)
    assert m["invalid"] == 0
    assert m["micro_f1"]["value"] == pytest.approx(m["accuracy"]["value"])


def test_invalid_answers_are_wrong_but_not_predictions() -> None:
    m = classification_metrics(["a", "a", "b", "b"], ["a", None, "b", "zzz"], ["a", "b"], n_boot=100)
    assert m["invalid"] == 2
    assert m["accuracy"]["value"] == 0.5
    # micro precision 2/2, micro recall 2/4
    assert m["micro_f1"]["value"] == pytest.approx(2 / 3)
    a = m["per_class"]["a"]
    assert (a["precision"], a["recall"], a["f1"], a["support"]) == pytest.approx((1.0, 0.5, 2 / 3, 2))
    assert m["confusion_matrix"] == {"labels": ["a", "b"], "matrix": [[1, 0], [0, 1]], "invalid": [1, 1]}


def test_cell_count_bootstrap_matches_resampling_documents() -> None:
    """The intervals come from multinomial cell counts; resampling documents one by one gives the same."""
    from medlabel.ml.metrics import _class_stats, _confusion_rows, _interval, _resampled_sums

    gold, pred = _noisy(300, seed=4, p_invalid=0.05)
    m = classification_metrics(gold, pred, LABELS, n_boot=4000)
    index = {label: i for i, label in enumerate(LABELS)}
    k = len(LABELS)
    rows = _confusion_rows(np.array([index[g] for g in gold]), np.array([index.get(p, k) for p in pred]), k)
    boot = _class_stats(_resampled_sums(rows, 4000, seed=9).reshape(-1, k, k + 1))
    for name in HEADLINE:
        low, high = _interval(boot[name], 0.95)
        assert m[name]["ci_low"] == pytest.approx(low, abs=0.015)
        assert m[name]["ci_high"] == pytest.approx(high, abs=0.015)


def test_confidence_intervals() -> None:
    gold, pred = _noisy(100, seed=1, p_invalid=0.05)
    m = classification_metrics(gold, pred, LABELS)
    assert m["bootstrap"] == {"resamples": 1000, "ci": 0.95, "method": "percentile", "seed": 0}
    for name in HEADLINE:
        assert 0 <= m[name]["ci_low"] <= m[name]["value"] <= m[name]["ci_high"] <= 1
        assert m[name]["ci_low"] < m[name]["ci_high"]
    for row in m["per_class"].values():
        assert row["f1_ci_low"] <= row["f1"] <= row["f1_ci_high"]

    assert classification_metrics(gold, pred, LABELS) == m
    assert classification_metrics(gold, pred, LABELS, seed=1)["macro_f1"]["ci_low"] != m["macro_f1"]["ci_low"]
    narrow = classification_metrics(gold, pred, LABELS, ci=0.5)
    assert narrow["accuracy"]["ci_high"] - narrow["accuracy"]["ci_low"] < (
        m["accuracy"]["ci_high"] - m["accuracy"]["ci_low"]
    )
    json.dumps(m)


def test_interval_narrows_with_more_documents() -> None:
    def width(n: int, name: str) -> float:
        m = classification_metrics(*_noisy(n, seed=7), LABELS)
        return m[name]["ci_high"] - m[name]["ci_low"]

    for name in HEADLINE:
        assert width(1000, name) < 0.6 * width(60, name)


def test_perfect_predictions_give_interval_one_one() -> None:
    gold = LABELS * 20
    m = classification_metrics(gold, gold, LABELS)
    for name in HEADLINE:
        assert (m[name]["value"], m[name]["ci_low"], m[name]["ci_high"]) == (1.0, 1.0, 1.0)
    for row in m["per_class"].values():
        assert (row["f1"], row["f1_ci_low"], row["f1_ci_high"]) == (1.0, 1.0, 1.0)


def test_rare_class_interval_leaves_out_resamples_without_it() -> None:
    gold = ["a"] * 98 + ["b"] * 2
    m = classification_metrics(gold, gold, ["a", "b"])
    # Many resamples draw neither "b" document; their undefined F1 must not count as 0.
    assert (m["per_class"]["b"]["f1_ci_low"], m["per_class"]["b"]["f1_ci_high"]) == (1.0, 1.0)
    assert m["weighted_f1"]["ci_low"] == 1.0
    # Macro-F1 keeps scikit-learn's rule (an absent label scores 0), in resamples as well.
    assert m["macro_f1"]["ci_low"] == 0.5


def test_label_absent_from_gold() -> None:
    m = classification_metrics(["a", "b", "a", "b"], ["a", "b", "a", "b"], ["a", "b", "c"], n_boot=100)
    assert m["per_class"]["c"] == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "f1_ci_low": 0.0, "f1_ci_high": 0.0, "support": 0,
    }  # fmt: skip
    assert m["accuracy"]["value"] == 1.0
    assert m["weighted_f1"]["value"] == 1.0
    assert m["macro_f1"]["value"] == pytest.approx(2 / 3)  # scikit-learn averages over all given labels


@pytest.mark.parametrize(
    ("gold", "pred", "labels", "kwargs", "message"),
    [
        ([], [], LABELS, {}, "no documents"),
        (["a"], ["a", "b"], ["a", "b"], {}, "1 gold documents but 2"),
        (["x"], ["a"], ["a", "b"], {}, "not in labels"),
        (["a"], ["a"], ["a", "a"], {}, "unique"),
        (["a"], ["a"], [], {}, "non-empty"),
        (["a"], ["a"], ["a"], {"n_boot": 0}, "n_boot"),
        (["a"], ["a"], ["a"], {"ci": 1.0}, "ci"),
    ],
)
def test_bad_input_is_a_clear_error(gold, pred, labels, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        classification_metrics(gold, pred, labels, **kwargs)


def test_bootstrap_is_fast() -> None:
    gold, pred = _noisy(100, seed=2, p_invalid=0.05)
    classification_metrics(gold, pred, LABELS)
    start = time.perf_counter()
    classification_metrics(gold, pred, LABELS, n_boot=1000)
    # ~0.1 s here; a per-resample loop through scikit-learn would take several seconds.
    assert time.perf_counter() - start < 2.0


# --- spans -------------------------------------------------------------------------------------


def S(start: int, end: int, type_: str = "EF", **kw) -> SpanRecord:
    return SpanRecord(start, end, type_, **kw)


def _counts(row: dict) -> tuple[int, int, int]:
    return row["tp"], row["fp"], row["fn"]


@pytest.mark.parametrize(
    ("gold", "pred", "strict", "lenient"),
    [
        ([S(0, 5)], [S(0, 5)], (1, 0, 0), (1, 0, 0)),  # exact
        ([S(0, 10)], [S(5, 12)], (0, 1, 1), (1, 0, 0)),  # overlap only
        ([S(0, 10)], [S(10, 12)], (0, 1, 1), (0, 1, 1)),  # touching is not overlapping
        ([S(0, 5)], [], (0, 0, 1), (0, 0, 1)),  # missed
        ([], [S(0, 5)], (0, 1, 0), (0, 1, 0)),  # spurious
        ([], [], (0, 0, 0), (0, 0, 0)),  # empty document
        # Two golds overlap one prediction: it takes the larger overlap (5 vs 10), the other gold is a fn.
        ([S(0, 10), S(8, 20)], [S(5, 18)], (0, 1, 2), (1, 0, 1)),
        # Greedy by overlap: (8,20)-(5,18) first (10), then (0,10)-(0,6) (6); (0,10)-(5,18) is left out.
        ([S(0, 10), S(8, 20)], [S(5, 18), S(0, 6)], (0, 2, 2), (2, 0, 0)),
        # An exact pair wins a tie with a longer gold containing the prediction.
        ([S(0, 20), S(5, 10)], [S(5, 10)], (1, 0, 1), (1, 0, 1)),
    ],
)
def test_span_cases(gold, pred, strict, lenient) -> None:
    m = span_metrics([gold], [pred], ["EF"], n_boot=20)
    assert _counts(m["strict"]["per_type"]["EF"]) == strict
    assert _counts(m["lenient"]["per_type"]["EF"]) == lenient


def test_wrong_type_is_a_fp_and_a_fn() -> None:
    m = span_metrics([[S(0, 5, "EF")]], [[S(0, 5, "DRUG")]], ["EF", "DRUG"], n_boot=20)
    for mode in ("strict", "lenient"):
        assert _counts(m[mode]["per_type"]["EF"]) == (0, 0, 1)
        assert _counts(m[mode]["per_type"]["DRUG"]) == (0, 1, 0)


def test_span_metrics_by_hand() -> None:
    gold = [
        [S(0, 5), S(10, 20), S(30, 35, "DRUG")],
        [],
        [S(0, 4)],
        [S(0, 10), S(8, 20)],
    ]
    pred = [
        [S(0, 5), S(12, 22), S(40, 45, "DRUG")],  # exact, overlap, spurious DRUG (its gold missed)
        [],
        [S(0, 4, "DRUG"), S(0, 4, "OTHER")],  # wrong type; OTHER is not evaluated
        [S(5, 18)],
    ]
    m = span_metrics(gold, pred, ["EF", "DRUG"])
    strict, lenient = m["strict"], m["lenient"]
    # EF: 5 gold, 3 predicted; strict tp 1 -> P 1/3, R 1/5, F1 2/8
    assert strict["per_type"]["EF"] == pytest.approx(
        {"tp": 1, "fp": 2, "fn": 4, "precision": 1 / 3, "recall": 0.2, "f1": 0.25}
    )
    assert strict["per_type"]["DRUG"] == {
        "tp": 0,
        "fp": 2,
        "fn": 1,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    # overall strict: tp 1 of 6 gold and 5 predicted
    assert _counts(strict["overall"]) == (1, 4, 5)
    assert (strict["overall"]["precision"], strict["overall"]["recall"]) == pytest.approx((0.2, 1 / 6))
    assert strict["overall"]["f1"] == pytest.approx(2 / 11)
    assert strict["macro"] == pytest.approx({"precision": 1 / 6, "recall": 0.1, "f1": 0.125})
    # lenient EF: doc 1 two, doc 4 one -> tp 3, fp 0, fn 2; P 1, R 0.6, F1 0.75
    assert lenient["per_type"]["EF"] == pytest.approx(
        {"tp": 3, "fp": 0, "fn": 2, "precision": 1.0, "recall": 0.6, "f1": 0.75}
    )
    assert _counts(lenient["overall"]) == (3, 2, 3)
    assert lenient["overall"]["f1"] == pytest.approx(6 / 11)
    assert lenient["macro"] == pytest.approx({"precision": 0.5, "recall": 0.3, "f1": 0.375})
    for mode in (strict, lenient):
        assert 0 <= mode["overall"]["f1_ci_low"] <= mode["overall"]["f1_ci_high"] <= 1
    assert m["n_docs"] == 4
    json.dumps(m)


def test_span_bootstrap() -> None:
    rng = np.random.default_rng(0)
    gold = [[S(int(s), int(s) + 5)] for s in rng.integers(0, 50, 200)]
    perfect = span_metrics(gold, gold, ["EF"])["strict"]["overall"]
    assert (perfect["f1"], perfect["f1_ci_low"], perfect["f1_ci_high"]) == (1.0, 1.0, 1.0)
    # Every third prediction shifted by one character: strict misses it, lenient does not.
    pred = [[S(d[0].start + (i % 3 == 0), d[0].end)] for i, d in enumerate(gold)]
    m = span_metrics(gold, pred, ["EF"], seed=5)
    row = m["strict"]["overall"]
    assert row["f1_ci_low"] <= row["f1"] <= row["f1_ci_high"]
    assert row["f1_ci_high"] < 1.0
    assert m["lenient"]["overall"]["f1_ci_low"] == 1.0
    assert span_metrics(gold, pred, ["EF"], seed=5) == m


spans_st = st.lists(
    st.builds(lambda a, n, t: S(a, a + n, t), st.integers(0, 30), st.integers(0, 8), st.sampled_from("AB")),
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(spans_st, spans_st), min_size=1, max_size=4))
def test_span_invariants(docs) -> None:
    gold, pred = [d[0] for d in docs], [d[1] for d in docs]
    m = span_metrics(gold, pred, ["A", "B"], n_boot=20)
    for t in ("A", "B"):
        s, le = m["strict"]["per_type"][t], m["lenient"]["per_type"][t]
        assert le["tp"] >= s["tp"]
        assert s["tp"] + s["fn"] == le["tp"] + le["fn"] == sum(x.type == t for doc in gold for x in doc)
        assert s["tp"] + s["fp"] == le["tp"] + le["fp"] == sum(x.type == t for doc in pred for x in doc)
    same = span_metrics(gold, gold, ["A", "B"], n_boot=20)
    assert same["strict"]["overall"]["fp"] == same["strict"]["overall"]["fn"] == 0


# --- values ------------------------------------------------------------------------------------


def test_value_equality() -> None:
    def tp(g, p, **kw) -> int:
        return value_metrics([{"F": g}], [{"F": p}], ["F"], n_boot=10, **kw)["overall"]["tp"]

    assert tp([55], [55.0]) == 1
    assert tp([55], [55.000001]) == 1
    assert tp([0.0], [1e-7]) == 1
    assert tp([55], [56]) == 0
    assert tp([100], [101], rel_tol=0.02) == 1
    assert tp(["C01"], [" C01"]) == 1
    assert tp(["C01"], ["C02"]) == 0
    assert tp([55], ["55"]) == 0  # a number is not a code
    # Duplicates collapse to a set: one tp, no fp.
    m = value_metrics([{"F": [55, 55.0]}], [{"F": [55]}], ["F"], n_boot=10)["overall"]
    assert _counts(m) == (1, 0, 0)


def test_value_metrics_by_hand() -> None:
    gold = [{"EF": [55], "DRUG": ["C01"]}, {"EF": [55]}, {"EF": [60], "DRUG": ["C01", "C02"]}, {}]
    pred = [{"EF": [55.0], "DRUG": ["C01"]}, {"EF": [56]}, {"DRUG": ["C02", "C03"], "EDV": [120]}, {}]
    m = value_metrics(gold, pred, ["EF", "DRUG", "EDV", "ESV"])
    f = m["per_field"]
    # EF: right in doc 1, wrong in doc 2, missing in doc 3
    assert f["EF"] == pytest.approx(
        {
            "tp": 1,
            "fp": 1,
            "fn": 2,
            "precision": 0.5,
            "recall": 1 / 3,
            "f1": 0.4,
            "accuracy": 1 / 3,
            "docs": 3,
        }
    )
    assert f["DRUG"] == pytest.approx(
        {
            "tp": 2,
            "fp": 1,
            "fn": 1,
            "precision": 2 / 3,
            "recall": 2 / 3,
            "f1": 2 / 3,
            "accuracy": 0.5,
            "docs": 2,
        }
    )
    assert f["EDV"] == {"tp": 0, "fp": 1, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0,
                        "accuracy": 0.0, "docs": 1}  # fmt: skip
    assert f["ESV"]["accuracy"] is None and f["ESV"]["docs"] == 0
    o = m["overall"]
    assert _counts(o) == (3, 3, 3)
    assert (o["precision"], o["recall"], o["f1"], o["accuracy"], o["docs"]) == pytest.approx(
        (0.5, 0.5, 0.5, 1 / 3, 6)
    )
    assert 0 <= o["f1_ci_low"] <= o["f1_ci_high"] <= 1
    assert m["bootstrap"]["resamples"] == 1000
    json.dumps(m)


def test_value_bootstrap_perfect() -> None:
    gold = [{"EF": [float(i % 70)]} for i in range(100)]
    o = value_metrics(gold, gold, ["EF"])["overall"]
    assert (o["f1"], o["f1_ci_low"], o["f1_ci_high"], o["accuracy"]) == (1.0, 1.0, 1.0, 1.0)


def test_values_from_spans() -> None:
    spans = [
        S(0, 3, "EF", value=55.0, unit="%"),
        S(5, 8, "DRUG", code="C01"),
        S(9, 10, "DRUG"),
        S(11, 12, "DRUG", code=""),
        S(13, 15, "EF", value=60.0, code="ignored"),
    ]
    assert values_from_spans(spans) == {"EF": [55.0, 60.0], "DRUG": ["C01"]}


def test_invalid_rate() -> None:
    assert invalid_rate([True, False, True, False]) == {"n": 4, "invalid": 2, "rate": 0.5}
    assert invalid_rate([]) == {"n": 0, "invalid": 0, "rate": 0.0}


# --- formatting --------------------------------------------------------------------------------


def test_format_classification() -> None:
    gold, pred = _noisy(100, seed=4, p_invalid=0.05)
    m = classification_metrics(gold, pred, LABELS)
    text = format_classification(m)
    macro = m["macro_f1"]
    assert f"macro-F1     {macro['value']:.3f} (95% CI {macro['ci_low']:.3f}–{macro['ci_high']:.3f})" in text
    assert f"n = 100 documents, {m['invalid']} invalid predictions" in text
    for i, label in enumerate(LABELS):
        row = m["per_class"][label]
        assert f"{row['f1']:.3f}" in text
        assert f"{row['f1_ci_low']:.3f}–{row['f1_ci_high']:.3f}" in text
        cm_row = f"{i + 1} {label}"
        line = next(x for x in text.splitlines() if x.startswith(cm_row))
        counts = [*m["confusion_matrix"]["matrix"][i], m["confusion_matrix"]["invalid"][i]]
        assert line.split()[-6:] == [str(c) for c in counts]
    assert "rows = gold, columns = predicted" in text


def test_format_extraction() -> None:
    gold = [[S(0, 5), S(10, 20, "DRUG")], [S(3, 9)]]
    pred = [[S(0, 5), S(12, 20, "DRUG")], []]
    spans = span_metrics(gold, pred, ["EF", "DRUG"], n_boot=100)
    values = value_metrics([{"EF": [55]}, {}], [{"EF": [55.0]}, {}], ["EF", "EDV"], n_boot=100)
    text = format_extraction(spans, values)
    needles = ["EF", "DRUG", "overall (micro)", "macro", "strict span F1  0.400 (95% CI", "lenient span F1"]
    # Resamples drawing only the empty document have no F1 and are left out, hence (1, 1).
    needles += ["value F1  1.000 (95% CI 1.000–1.000)", "EDV", "–"]
    for needle in needles:
        assert needle in text
    ef = next(x for x in text.splitlines() if x.startswith("EF "))
    assert ef.split() == [
        "EF",
        "1.000",
        "0.500",
        "0.667",
        "1",
        "0",
        "1",
        "1.000",
        "0.500",
        "0.667",
        "1",
        "0",
        "1",
    ]
    assert "Values" not in format_extraction(spans, None)


def test_one_label_for_every_document_is_warned_about_only_when_the_gold_labels_differ():
    gold = ["UNKNOWN", "SMOKER", "UNKNOWN", "PAST SMOKER"]
    collapsed = classification_metrics(gold, ["UNKNOWN"] * 4, LABELS, n_boot=50)
    assert "same label, 'UNKNOWN'" in one_label_warning(collapsed)
    assert format_classification(collapsed).startswith("Warning: every test document got the same label")
    varied = classification_metrics(gold, ["UNKNOWN", "SMOKER", "UNKNOWN", "UNKNOWN"], LABELS, n_boot=50)
    assert one_label_warning(varied) is None
    # One gold label only: one predicted label is then no sign of a failed training.
    same = classification_metrics(["SMOKER"] * 3, ["SMOKER"] * 3, LABELS, n_boot=50)
    assert one_label_warning(same) is None
    # Invalid outputs (instruct) are not a label the model chose.
    assert one_label_warning(classification_metrics(gold, [None] * 4, LABELS, n_boot=50)) is None


def test_stored_metrics_print_their_classes_in_the_label_sets_order():
    gold = ["UNKNOWN", "SMOKER", "CURRENT SMOKER", "PAST SMOKER", "NON-SMOKER"]
    metrics = classification_metrics(gold, gold, LABELS, n_boot=50)
    stored = json.loads(json.dumps(metrics, sort_keys=True))  # as the project store keeps them
    assert list(stored["per_class"]) == sorted(LABELS)
    text = format_classification(stored)
    assert [text.index(f"\n{label} ") for label in LABELS] == sorted(
        text.index(f"\n{label} ") for label in LABELS
    )


def test_a_baseline_clearly_better_on_validation_is_warned_about():
    from medlabel.ml.metrics import BASELINE_MARGIN, baseline_better_warning

    code, params, message = baseline_better_warning(
        {"best_val_macro_f1": 0.76, "baseline_best_val_macro_f1": 0.86}
    )
    assert code == "run.baseline_better" and params == {"model": 0.76, "baseline": 0.86}
    assert "0.86 against 0.76" in message
    close = 0.76 + BASELINE_MARGIN - 0.001
    assert baseline_better_warning({"best_val_macro_f1": 0.76, "baseline_best_val_macro_f1": close}) is None
    assert baseline_better_warning({"best_val_macro_f1": 0.9, "baseline_best_val_macro_f1": 0.5}) is None
    assert baseline_better_warning({"best_val_macro_f1": 0.7}) is None  # no validation score of the baseline
