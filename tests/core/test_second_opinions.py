"""Second opinions: importing another annotator's project as a separate layer, and adjudication."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect, text

from medlabel.core import migrations, second_opinions
from medlabel.core.annotations import delete_span, get_labels, get_spans, set_label
from medlabel.core.audit import history
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import iter_export_documents
from medlabel.core.errors import MedlabelError
from medlabel.core.importing import import_batch
from medlabel.core.project import DB_NAME, create_project, open_project
from medlabel.core.records import DocRecord, ImportBatch
from medlabel.core.schema import add_label

TASK = "smoking_status"
B = "Dr. B"
OPINION_TABLES = ("opinion_labels", "opinion_spans", "opinion_documents")


def _other(label: str) -> str:
    return "PAST SMOKER" if label != "PAST SMOKER" else "NON-SMOKER"


@pytest.fixture
def pair(tmp_path):
    """Project a (gold) and the folder of b: the same 120 reports, 10 of b's 100 labels changed by Dr. B.
    Yields (a, b's folder, {doc id: (gold label, b's label)} of the changed reports)."""
    a = create_demo_project(tmp_path / "a", "smoking", 120, 100, 20)
    changed = {}
    with create_demo_project(tmp_path / "b", "smoking", 120, 100, 20) as b:
        labelled = [d for d in iter_export_documents(b) if d.labels]
        for doc in labelled[::10]:
            gold = doc.labels[TASK]
            set_label(b, doc.doc_id, TASK, _other(gold), B)
            changed[doc.doc_id] = (gold, _other(gold))
    yield a, tmp_path / "b", changed
    a.close()


def _rows(project) -> dict[str, int]:
    with project.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in OPINION_TABLES}


def test_import_copies_labels_under_the_annotator_with_an_audit_row(pair):
    a, b_root, changed = pair
    assert len(changed) == 10
    done = second_opinions.import_opinions(a, b_root, B)
    assert (done.annotator, done.documents, done.labels, done.spans, done.unmatched) == (B, 100, 100, 0, 0)
    assert second_opinions.annotators(a) == [B]
    opinions = second_opinions.opinion_labels(a, TASK)
    assert len(opinions) == 100 and all(set(by) == {B} for by in opinions.values())
    differ = {doc for doc, by in opinions.items() if by[B] != get_labels(a, doc)[TASK]}
    assert differ == set(changed)
    assert all(opinions[doc][B] == theirs for doc, (_, theirs) in changed.items())
    # the project's own labels are untouched
    assert all(get_labels(a, doc)[TASK] == gold for doc, (gold, _) in changed.items())
    (row,) = [e for e in history(a) if e.action == "import_opinions"]
    assert row.target == B and row.annotator == B
    assert {k: row.after[k] for k in ("documents", "labels", "spans", "unmatched")} == {
        "documents": 100, "labels": 100, "spans": 0, "unmatched": 0
    }  # fmt: skip


def test_reimport_replaces_the_annotators_earlier_opinion(pair):
    a, b_root, changed = pair
    second_opinions.import_opinions(a, b_root, B)
    doc = next(iter(changed))
    with open_project(b_root) as b:
        set_label(b, doc, TASK, "SMOKER", B)
        import_batch(b, ImportBatch("x", [DocRecord("a report only b has", "extra-1", {TASK: "UNKNOWN"})]))
    done = second_opinions.import_opinions(a, b_root, B)
    assert (done.documents, done.labels, done.unmatched) == (100, 100, 1)
    assert second_opinions.opinion_labels(a, TASK)[doc] == {B: "SMOKER"}
    assert _rows(a)["opinion_labels"] == 100  # replaced, not added to
    assert second_opinions.remove_opinions(a, B) == 100
    assert second_opinions.annotators(a) == [] and _rows(a) == dict.fromkeys(OPINION_TABLES, 0)


def test_a_report_whose_text_differs_is_refused_and_nothing_changes(pair):
    a, b_root, _ = pair
    second_opinions.import_opinions(a, b_root, B)
    before = _rows(a), second_opinions.opinion_labels(a, TASK)
    con = sqlite3.connect(b_root / DB_NAME)
    con.execute("UPDATE documents SET text = text || ' (edited)' WHERE external_id = 'smk-0007'")
    con.commit()
    con.close()
    with open_project(b_root) as b:  # and a new label, which would show if anything were stored
        set_label(b, 3, TASK, "SMOKER", B)
    with pytest.raises(MedlabelError) as refused:
        second_opinions.import_opinions(a, b_root, B)
    assert refused.value.code == "opinions.text_differs"
    assert "smk-0007" in str(refused.value) and refused.value.params["count"] == 1
    assert (_rows(a), second_opinions.opinion_labels(a, TASK)) == before
    assert [e.action for e in history(a)].count("import_opinions") == 1


def test_a_label_this_project_lacks_is_refused_by_name(pair):
    a, b_root, _ = pair
    with open_project(b_root) as b:
        add_label(b, TASK, "HEAVY SMOKER", B)
        set_label(b, 1, TASK, "HEAVY SMOKER", B)
        set_label(b, 2, TASK, "HEAVY SMOKER", B)
    with pytest.raises(MedlabelError) as refused:
        second_opinions.import_opinions(a, b_root, B)
    error = refused.value
    assert error.code == "opinions.unknown_label"
    assert (error.params["label_set"], error.params["label"], error.params["count"]) == (
        TASK,
        "HEAVY SMOKER",
        2,
    )
    assert "'HEAVY SMOKER'" in str(error) and f"{TASK!r}" in str(error) and "2 report(s)" in str(error)
    assert _rows(a) == dict.fromkeys(OPINION_TABLES, 0)


def test_refusals_of_names_and_sources(pair, tmp_path):
    a, b_root, _ = pair
    for name, code in (("  ", "opinions.no_name"), ("Gold", "opinions.reserved_name")):
        with pytest.raises(MedlabelError) as refused:
            second_opinions.import_opinions(a, b_root, name)
        assert refused.value.code == code
    (tmp_path / "empty").mkdir()
    with pytest.raises(MedlabelError) as refused:
        second_opinions.import_opinions(a, tmp_path / "empty", B)
    assert refused.value.code == "opinions.not_a_project" and str(tmp_path / "empty") in str(refused.value)
    create_demo_project(tmp_path / "cardio", "cardio", 20, 10, 4).close()
    with pytest.raises(MedlabelError) as refused:
        second_opinions.import_opinions(a, tmp_path / "cardio", B)
    assert refused.value.code == "opinions.nothing_shared"
    assert _rows(a) == dict.fromkeys(OPINION_TABLES, 0)


def test_adjudication_sets_gold_and_keeps_what_each_side_said(pair):
    a, b_root, changed = pair
    second_opinions.import_opinions(a, b_root, B)
    doc, (gold, theirs) = next(iter(changed.items()))
    second_opinions.adjudicate(a, doc, TASK, theirs, "Dr. C")
    assert get_labels(a, doc)[TASK] == theirs
    (row,) = [e for e in history(a, doc) if e.action == "adjudicate"]
    assert (row.annotator, row.target, row.before, row.after) == (
        "Dr. C",
        TASK,
        {B: theirs, "gold": gold},
        theirs,
    )
    assert second_opinions.adjudicated(a, TASK) == {doc}
    assert second_opinions.adjudicated(a, "other") == set()


def test_span_opinions_cover_the_reports_annotated_for_spans(tmp_path):
    a = create_demo_project(tmp_path / "a", "cardio", 40, 30, 10)
    with create_demo_project(tmp_path / "b", "cardio", 40, 30, 10) as b:
        doc = next(d.doc_id for d in iter_export_documents(b) if d.spans)
        removed = get_spans(b, doc)[0]
        delete_span(b, removed.id, B)
        total = sum(len(d.spans) for d in iter_export_documents(b))
        covered = {d.doc_id for d in iter_export_documents(b) if d.spans or d.split}
    try:
        done = second_opinions.import_opinions(a, tmp_path / "b", B)
        assert (done.documents, done.labels, done.spans) == (len(covered), 0, total)
        spans = second_opinions.opinion_spans(a, B)
        assert set(spans) == covered
        assert len(spans[doc]) == len(get_spans(a, doc)) - 1
        assert (removed.start, removed.end, removed.type) not in {
            (s.start, s.end, s.type) for s in spans[doc]
        }
    finally:
        a.close()


def test_a_version_3_project_gets_the_opinion_tables_on_open(tmp_path):
    root = tmp_path / "p"
    create_project(root).close()
    con = sqlite3.connect(root / DB_NAME)
    con.executescript(
        "DROP TABLE opinion_labels; DROP TABLE opinion_spans; DROP TABLE opinion_documents; "
        "UPDATE meta SET value='3' WHERE key='schema_version';"
    )
    con.close()
    with open_project(root) as project, project.engine.connect() as conn:
        assert migrations.read_version(conn) == migrations.SCHEMA_VERSION == 4
        assert set(OPINION_TABLES) <= set(inspect(conn).get_table_names())
        assert "ix_opinion_spans_document" in {i["name"] for i in inspect(conn).get_indexes("opinion_spans")}
