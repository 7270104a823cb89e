"""Inter-annotator agreement: kappa, Fleiss' kappa, per-label and span agreement, and the CLI commands."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from medlabel.cli import EXIT_ERROR, EXIT_OK, main
from medlabel.core import second_opinions
from medlabel.core.annotations import delete_span, get_labels, get_spans, set_label, update_span
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import iter_export_documents
from medlabel.core.errors import MedlabelError
from medlabel.ml.agreement import (
    cohen_kappa,
    fleiss_kappa,
    fleiss_parts,
    kappa_interval,
    label_agreement,
    span_agreement,
)
from medlabel.ml.metrics import span_metrics

TASK = "smoking_status"
B, C = "Dr. B", "Dr. C"
# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
WIKIPEDIA = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_kappa_of_the_worked_example():
    kappa, observed, expected = fleiss_parts(np.array(WIKIPEDIA))
    assert round(kappa, 3) == 0.210 and round(observed, 3) == 0.378 and round(expected, 3) == 0.213
    assert fleiss_kappa(np.array([[3, 0], [0, 3]])) == 1.0
    assert np.isnan(fleiss_kappa(np.array([[3, 0], [3, 0]])))  # everyone used one category
    with pytest.raises(ValueError):
        fleiss_kappa(np.array([[3, 0], [1, 1]]))  # a different number of raters per subject


def test_kappa_and_its_interval():
    rng = np.random.default_rng(1)
    labels = ["x", "y", "z"]
    a = list(rng.choice(labels, 200))
    b = [x if rng.random() < 0.7 else str(rng.choice(labels)) for x in a]
    kappa = cohen_kappa(a, b, labels)
    assert kappa == pytest.approx(cohen_kappa_score(a, b, labels=labels))
    low, high = kappa_interval(a, b, labels)
    assert low < kappa < high and high - low < 0.25
    # the resampling matches resampling the reports one by one with scikit-learn
    idx = np.random.default_rng(0).integers(0, len(a), size=(300, len(a)))
    slow = [cohen_kappa_score([a[i] for i in row], [b[i] for i in row], labels=labels) for row in idx]
    assert (low, high) == pytest.approx(tuple(np.percentile(slow, [2.5, 97.5])), abs=0.03)
    assert cohen_kappa(["x", "x"], ["x", "x"], labels) is None  # chance agreement 1: undefined
    assert kappa_interval(["x", "x"], ["x", "x"], labels) == (None, None)


@pytest.fixture
def smoking(tmp_path):
    """Project a with the second opinion of Dr. B (10 labels changed); returns (a, changed doc ids)."""
    a = create_demo_project(tmp_path / "a", "smoking", 120, 100, 20)
    changed = set()
    with create_demo_project(tmp_path / "b", "smoking", 120, 100, 20) as b:
        for doc in [d for d in iter_export_documents(b) if d.labels][3::9][:10]:
            label = doc.labels[TASK]
            set_label(b, doc.doc_id, TASK, "SMOKER" if label != "SMOKER" else "UNKNOWN", B)
            changed.add(doc.doc_id)
    second_opinions.import_opinions(a, tmp_path / "b", B)
    yield a, changed
    a.close()


def test_label_agreement_between_gold_and_a_second_opinion(smoking):
    a, changed = smoking
    result = label_agreement(a, TASK)
    assert [r["name"] for r in result["raters"]] == ["gold", B]
    assert result["raters"][0]["annotators"] == ["demo-gold"]
    gold = {d: lab for d, (lab, _) in second_opinions.gold_labels(a, TASK).items()}
    theirs = {d: by[B] for d, by in second_opinions.opinion_labels(a, TASK).items()}
    docs = sorted(gold.keys() & theirs.keys())
    labels = result["labels"]
    (pair,) = result["pairs"]
    assert (pair["a"], pair["b"], pair["n"], pair["observed"]) == ("gold", B, 100, 0.9)
    expected = cohen_kappa_score([gold[d] for d in docs], [theirs[d] for d in docs], labels=labels)
    assert pair["kappa"] == pytest.approx(expected)
    assert pair["ci_low"] < pair["kappa"] < pair["ci_high"]
    assert result["fleiss"] is None
    assert {d["doc_id"] for d in result["disagreements"]} == changed
    assert all(not d["adjudicated"] and set(d["labels"]) == {"gold", B} for d in result["disagreements"])
    for label, row in result["per_label"].items():
        both = sum(gold[d] == theirs[d] == label for d in docs)
        given = sum(gold[d] == label for d in docs) + sum(theirs[d] == label for d in docs)
        assert row["agreement"] == pytest.approx(2 * both / given)
    json.dumps(result)  # JSON-able as it is


def test_adjudicated_disagreements_are_marked(smoking):
    a, changed = smoking
    doc = min(changed)
    second_opinions.adjudicate(a, doc, TASK, "NON-SMOKER", C)  # neither side's label: still a disagreement
    assert get_labels(a, doc)[TASK] == "NON-SMOKER"
    result = label_agreement(a, TASK)
    assert {d["doc_id"] for d in result["disagreements"] if d["adjudicated"]} == {doc}
    assert result["adjudicated"] == 1


def test_fleiss_kappa_with_three_raters(smoking, tmp_path):
    a, _ = smoking
    # Dr. C labelled exactly as gold, but only 60 of the reports
    with create_demo_project(tmp_path / "c", "smoking", 120, 100, 20) as c:
        for doc in [d for d in iter_export_documents(c) if d.labels][60:]:
            set_label(c, doc.doc_id, TASK, None, C)
    second_opinions.import_opinions(a, tmp_path / "c", C)
    result = label_agreement(a, TASK)
    pairs = {(p["a"], p["b"]): p for p in result["pairs"]}
    assert pairs[("gold", C)]["kappa"] == 1.0 and pairs[("gold", C)]["n"] == 60
    assert pairs[("gold", B)]["n"] == 100 and pairs[(B, C)]["n"] == 60
    fleiss = result["fleiss"]
    assert fleiss["n"] == 60 and fleiss["raters"] == 3
    assert pairs[(B, C)]["kappa"] < fleiss["kappa"] < 1


def test_errors_without_opinions_or_label_set(tmp_path):
    with create_demo_project(tmp_path / "a", "smoking", 30, 20, 5) as a:
        with pytest.raises(MedlabelError) as refused:
            label_agreement(a, TASK)
        assert refused.value.code == "agreement.no_opinions" and "opinions-import" in str(refused.value)
        with pytest.raises(MedlabelError) as refused:
            label_agreement(a, "nope")
        assert refused.value.code == "schema.no_label_set"


def test_span_agreement_finds_the_changed_reports(tmp_path):
    a = create_demo_project(tmp_path / "a", "cardio", 40, 30, 10)
    with create_demo_project(tmp_path / "b", "cardio", 40, 30, 10) as b:
        docs = [d.doc_id for d in iter_export_documents(b) if len(d.spans) >= 2]
        for span in get_spans(b, docs[0])[:2]:
            delete_span(b, span.id, B)
        moved = get_spans(b, docs[3])[0]
        update_span(b, moved.id, B, start=moved.start + 1)  # overlapping still: a lenient match
    try:
        second_opinions.import_opinions(a, tmp_path / "b", B)
        result = span_agreement(a)
        (pair,) = result["pairs"]
        assert (pair["a"], pair["b"], pair["n"]) == ("gold", B, 30)
        strict, lenient = pair["strict"]["overall"], pair["lenient"]["overall"]
        assert (strict["fn"], strict["fp"]) == (3, 1) and (lenient["fn"], lenient["fp"]) == (2, 0)
        assert strict["f1"] < lenient["f1"] < 1
        assert {d["doc_id"] for d in result["disagreements"]} == {docs[0], docs[3]}
        gold = {d.doc_id: d.spans for d in iter_export_documents(a)}
        theirs = second_opinions.opinion_spans(a, B)
        ids = sorted(theirs)
        direct = span_metrics([gold[d] for d in ids], [theirs[d] for d in ids], pair["strict"]["per_type"])
        assert strict["f1"] == pytest.approx(direct["strict"]["overall"]["f1"])
        json.dumps(result)
    finally:
        a.close()


def test_cli_imports_and_reports(smoking, tmp_path, capsys):
    a, changed = smoking
    root = str(a.root)
    a.close()  # the command opens it for writing
    assert main(["opinions-import", root, str(tmp_path / "b"), "--as", C]) == EXIT_OK
    assert "Dr. C: 100 report(s), 100 label(s)" in capsys.readouterr().out
    out_file = tmp_path / "agreement.json"
    assert main(["agreement", root, "--task", TASK, "--json", str(out_file)]) == EXIT_OK
    printed = capsys.readouterr().out
    assert "Cohen's kappa" in printed and "Fleiss' kappa (3 raters" in printed
    assert f"Disagreements: {len(changed)} report(s)" in printed
    saved = json.loads(out_file.read_text(encoding="utf-8"))
    assert {d["doc_id"] for d in saved[TASK]["disagreements"]} == changed
    with create_demo_project(tmp_path / "bare", "smoking", 30, 20, 5):
        pass
    assert main(["agreement", str(tmp_path / "bare")]) == EXIT_ERROR
    assert "no second opinion" in capsys.readouterr().err
