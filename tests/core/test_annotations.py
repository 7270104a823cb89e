import pytest

from medlabel.core.annotations import (
    add_span,
    delete_span,
    get_labels,
    get_span,
    get_spans,
    set_label,
    span_problem,
    update_span,
)
from medlabel.core.audit import history
from medlabel.core.errors import NotFoundError, SchemaError
from medlabel.core.importing import import_batch
from medlabel.core.project import create_project, open_project
from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch, LabelSetSpec
from medlabel.core.schema import add_label, label_usage, load_schema, remove_label, rename_label

TEXT = "LVEF 55 %, RVEF 48 %. Café"


@pytest.fixture
def project(tmp_path):
    p = create_project(tmp_path / "p")
    import_batch(
        p,
        ImportBatch(
            "t",
            [DocRecord(TEXT, "r1"), DocRecord("other", "r2")],
            [LabelSetSpec("status", ["good", "bad"], label_definitions={"good": "all fine"})],
            [EntityTypeSpec("LV-EF", normaliser={"kind": "number", "units": ["%"]}), EntityTypeSpec("RV-EF")],
        ),
    )
    yield p
    p.close()


def test_set_change_clear_label_with_audit(project):
    assert set_label(project, 1, "status", "good", "ann") is None
    assert get_labels(project, 1) == {"status": "good"}
    assert set_label(project, 1, "status", "bad", "bob") == "good"
    assert set_label(project, 1, "status", None, "bob") == "bad"
    assert get_labels(project, 1) == {}
    entries = [e for e in history(project, document_id=1) if e.action == "set_label"]
    assert [(e.annotator, e.before, e.after) for e in entries] == [
        ("ann", None, "good"),
        ("bob", "good", "bad"),
        ("bob", "bad", None),
    ]


def test_unknown_label_and_set_are_rejected_without_change(project):
    with pytest.raises(SchemaError, match=r"not a label of 'status'.*good, bad"):
        set_label(project, 1, "status", "ugly", "ann")
    with pytest.raises(NotFoundError, match="no label set 'nope'"):
        set_label(project, 1, "nope", "good", "ann")
    with pytest.raises(NotFoundError):
        set_label(project, 99, "status", "good", "ann")
    assert get_labels(project, 1) == {}


def test_spans_add_update_delete_and_overlap(project):
    a = add_span(project, 1, 5, 9, "LV-EF", "ann", value=55.0, unit="%")
    b = add_span(project, 1, 0, 9, "RV-EF", "ann")  # overlapping spans of another type are allowed
    assert [(s.start, s.end, s.type) for s in get_spans(project, 1)] == [(0, 9, "RV-EF"), (5, 9, "LV-EF")]
    before = update_span(project, a, "bob", end=8, value=55.5)
    assert (before.end, before.value) == (9, 55.0)
    now = get_span(project, a)
    assert (now.end, now.value, now.unit, now.annotator) == (8, 55.5, "%", "bob")
    gone = delete_span(project, b, "bob")
    assert gone.type == "RV-EF"
    assert [s.id for s in get_spans(project, 1)] == [a]
    actions = [e.action for e in history(project, document_id=1)]
    assert actions[-4:] == ["add_span", "add_span", "update_span", "delete_span"]


@pytest.mark.parametrize(
    ("start", "end", "why"),
    [
        (-1, 3, "outside"),
        (0, 100, "outside"),
        (5, 5, "empty"),
        (6, 5, "empty"),
    ],
)
def test_bad_spans_rejected(project, start, end, why):
    with pytest.raises(SchemaError, match=why):
        add_span(project, 1, start, end, "LV-EF", "ann")
    assert get_spans(project, 1) == []


def test_span_cutting_a_character():
    decomposed = "Cafe\u0301 au lait"  # é as e + combining acute
    assert "cuts a character" in span_problem(decomposed, 0, 4)
    assert span_problem(decomposed, 0, 5) is None
    assert "cuts a character" in span_problem(decomposed, 4, 8)
    assert span_problem("abc", 0, 3) is None


def test_state_survives_reopen(project, tmp_path):
    set_label(project, 2, "status", "bad", "ann")
    sid = add_span(project, 1, 16, 20, "RV-EF", "ann", value=48.0, unit="%")
    project.close()
    with open_project(tmp_path / "p") as again:
        assert get_labels(again, 2) == {"status": "bad"}
        assert get_span(again, sid).value == 48.0


def test_schema_edits(project):
    add_label(project, "status", "unclear", "ann", definition="cannot tell")
    assert load_schema(project).label_set("status").label_names == ["good", "bad", "unclear"]
    set_label(project, 1, "status", "unclear", "ann")
    rename_label(project, "status", "unclear", "undecided", "ann")
    assert get_labels(project, 1) == {"status": "undecided"}
    assert label_usage(project, "status", "undecided") == 1
    with pytest.raises(SchemaError, match="1 document"):
        remove_label(project, "status", "undecided", "ann")
    assert remove_label(project, "status", "undecided", "ann", force=True) == 1
    assert get_labels(project, 1) == {}
    assert load_schema(project).label_set("status").labels[0].definition == "all fine"
    with pytest.raises(SchemaError, match=r"exists|already"):
        add_label(project, "status", "good", "ann")
