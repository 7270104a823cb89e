import pytest

from medlabel.core.annotations import get_labels, get_spans
from medlabel.core.audit import history
from medlabel.core.documents import document_count, find_document
from medlabel.core.errors import ImportRejectedError
from medlabel.core.importing import Choice, ImportPolicy, check_import, import_batch
from medlabel.core.project import create_project
from medlabel.core.records import DocRecord, ImportBatch, LabelSetSpec, SpanRecord
from medlabel.core.schema import load_schema
from medlabel.core.stats import project_info

SKIP = ImportPolicy(invalid=Choice.SKIP, unknown_labels=Choice.SKIP)


@pytest.fixture
def project(tmp_path):
    p = create_project(tmp_path / "p")
    import_batch(
        p,
        ImportBatch(
            "first.csv",
            [
                DocRecord("alpha report", "a", {"status": "yes"}),
                DocRecord("beta report", "b", {"status": "no"}, [SpanRecord(0, 4, "drug", code="B1")]),
            ],
            [LabelSetSpec("status", ["yes", "no"])],
        ),
    )
    yield p
    p.close()


def _messy():
    return ImportBatch(
        "messy.jsonl",
        [
            DocRecord("new one", "c", {"status": "yes"}, origin="line 1"),
            DocRecord("dup", "c", {}, origin="line 2"),  # duplicate in file
            DocRecord("again", "a", {}, origin="line 3"),  # already in project
            DocRecord("   \n", "e", {}, origin="line 4"),  # empty text
            DocRecord("short", "f", {"status": "maybe"}, origin="line 5"),  # unknown label
            DocRecord("tiny", "g", {}, [SpanRecord(2, 40, "drug")], origin="line 6"),  # span outside
            DocRecord("fine", None, {"other": "x"}, [SpanRecord(0, 4, "dose", value=5.0, unit="mg")]),
        ],
    )


def _snapshot(project):
    return project_info(project), [e.id for e in history(project)]


def test_problems_abort_by_default_and_change_nothing(project):
    before = _snapshot(project)
    with pytest.raises(ImportRejectedError) as err:
        import_batch(project, _messy())
    text = str(err.value)
    for expected in (
        "1 × id appears more than once",
        "1 × id already in the project",
        "1 × empty text",
        "1 × label not in",
        "1 × span outside",
        "line 4",
        "'maybe'",
        "--on-invalid skip",
        "--unknown-labels add",
        "Nothing was imported",
    ):
        assert expected in text
    assert _snapshot(project) == before


def test_skip_policy_imports_the_rest(project):
    report = import_batch(project, _messy(), SKIP)
    assert report.documents_to_import == 4  # c, f, g, and the one without id
    assert document_count(project) == 6
    assert get_labels(project, find_document(project, "c").id) == {"status": "yes"}
    assert get_labels(project, find_document(project, "f").id) == {}  # unknown label dropped
    assert get_spans(project, find_document(project, "g").id) == []  # bad span dropped
    assert find_document(project, "a").text == "alpha report"  # existing doc untouched
    schema = load_schema(project)
    assert [ls.name for ls in schema.label_sets] == ["status", "other"]  # new set created, reported
    assert [et.name for et in schema.entity_types] == ["drug", "dose"]
    assert report.new_label_sets == {"other": ["x"]} and report.new_entity_types == ["dose"]
    assert find_document(project, "doc-6").text == "fine"  # a document without id gets a unique one
    dose = get_spans(project, 6)[0]
    assert (dose.type, dose.value, dose.unit) == ("dose", 5.0, "mg")


def test_add_policy_extends_label_set(project):
    policy = ImportPolicy(invalid=Choice.SKIP, unknown_labels=Choice.ADD)
    report = import_batch(project, _messy(), policy)
    assert report.new_labels == {"status": ["maybe"]}
    assert load_schema(project).label_set("status").label_names == ["yes", "no", "maybe"]
    assert get_labels(project, find_document(project, "f").id) == {"status": "maybe"}


def test_check_changes_nothing_and_matches_import(project):
    before = _snapshot(project)
    report = check_import(project, _messy(), SKIP)
    assert _snapshot(project) == before
    assert report.documents_to_import == import_batch(project, _messy(), SKIP).documents_to_import


def test_failure_midway_rolls_back_everything(project, monkeypatch):
    import medlabel.core.importing as importing

    calls = {"n": 0}
    real = importing._flush

    def failing_flush(conn, *batches):
        calls["n"] += 1
        real(conn, *batches)
        raise OSError("disk full")

    monkeypatch.setattr(importing, "_flush", failing_flush)
    before = _snapshot(project)
    batch = ImportBatch("big", [DocRecord(f"text {i}", f"n{i}", {"status": "yes"}) for i in range(50)])
    with pytest.raises(OSError):
        import_batch(project, batch)
    assert calls["n"] == 1
    assert _snapshot(project) == before


def test_nothing_left_after_skipping_is_an_error(project):
    with pytest.raises(ImportRejectedError, match="no document is left"):
        import_batch(project, ImportBatch("x", [DocRecord("", "z")]), SKIP)
