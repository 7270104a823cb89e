"""Editing the schema after annotation has started: renames keep annotations, removals of used parts are
refused unless forced and then take their annotations along, and every change is in the audit trail."""

import pytest

from medlabel.core.annotations import get_labels, get_spans
from medlabel.core.audit import history
from medlabel.core.demo.project import create_demo_project
from medlabel.core.errors import NotFoundError, ReadOnlyProjectError, SchemaError
from medlabel.core.project import open_project
from medlabel.core.schema import (
    PALETTE,
    entity_type_usage,
    label_set_usage,
    label_usage,
    load_schema,
    remove_entity_type,
    remove_label_set,
    schema_usage,
    set_label_definition,
    update_label_set,
)


@pytest.fixture
def smoking(tmp_path):
    p = create_demo_project(tmp_path / "smoking", "smoking", documents=60, labelled=40, test=10)
    yield p
    p.close()


@pytest.fixture
def cardio(tmp_path):
    p = create_demo_project(tmp_path / "cardio", "cardio", documents=60, labelled=40, test=10)
    yield p
    p.close()


def labelled_docs(project, label_set):
    return {d: labs[label_set] for d in range(1, 61) if label_set in (labs := get_labels(project, d))}


def last(project, action):
    return [e for e in history(project) if e.action == action][-1]


def test_usage_counts_agree_with_the_single_queries(smoking, cardio):
    usage = schema_usage(smoking)
    names = load_schema(smoking).label_set("smoking_status").label_names
    assert usage.labels == {("smoking_status", n): label_usage(smoking, "smoking_status", n) for n in names}
    assert usage.label_set("smoking_status") == label_set_usage(smoking, "smoking_status") == 40
    spans = schema_usage(cardio).entity_types
    assert spans["LV-EF"] == entity_type_usage(cardio, "LV-EF") > 0
    assert sum(spans.values()) == sum(len(get_spans(cardio, d)) for d in range(1, 61))


def test_rename_label_set_keeps_the_documents_labels(smoking):
    before = labelled_docs(smoking, "smoking_status")
    update_label_set(smoking, "smoking_status", "ann", new_name="Smoking", definition="  own habit  ")
    ls = load_schema(smoking).label_set("Smoking")
    assert ls.definition == "own habit"
    assert labelled_docs(smoking, "Smoking") == before
    entry = last(smoking, "update_label_set")
    assert (entry.annotator, entry.target, entry.after) == (
        "ann",
        "smoking_status",
        {"name": "Smoking", "definition": "own habit"},
    )
    with pytest.raises(NotFoundError):
        update_label_set(smoking, "smoking_status", "ann", definition="x")


def test_label_set_rename_to_an_empty_name_is_refused(smoking):
    with pytest.raises(SchemaError, match="needs a name"):
        update_label_set(smoking, "smoking_status", "ann", new_name="   ")
    assert [ls.name for ls in load_schema(smoking).label_sets] == ["smoking_status"]


def test_set_label_definition_returns_previous_and_audits_only_changes(smoking):
    old = load_schema(smoking).label_set("smoking_status").labels[1]
    assert (
        set_label_definition(smoking, "smoking_status", old.name, "quit > 1 year ago\n", "bob")
        == old.definition
    )
    assert load_schema(smoking).label_set("smoking_status").labels[1].definition == "quit > 1 year ago"
    entry = last(smoking, "set_label_definition")
    assert (entry.target, entry.before, entry.after) == (
        f"smoking_status/{old.name}",
        old.definition,
        "quit > 1 year ago",
    )
    count = len(history(smoking))
    set_label_definition(smoking, "smoking_status", old.name, "quit > 1 year ago", "bob")
    assert len(history(smoking)) == count
    with pytest.raises(NotFoundError, match="no label 'NOPE'"):
        set_label_definition(smoking, "smoking_status", "NOPE", "x", "bob")


def test_remove_used_label_set_is_refused_with_the_count_then_forced(smoking):
    labels = load_schema(smoking).label_set("smoking_status").label_names
    with pytest.raises(SchemaError, match=r"^40 document\(s\) carry a label of 'smoking_status'"):
        remove_label_set(smoking, "smoking_status", "ann")
    assert len(labelled_docs(smoking, "smoking_status")) == 40
    assert remove_label_set(smoking, "smoking_status", "ann", force=True) == 40
    assert load_schema(smoking).label_sets == ()
    assert all(get_labels(smoking, d) == {} for d in range(1, 61))
    entry = last(smoking, "remove_label_set")
    assert entry.before["used"] == 40 and entry.before["labels"] == labels


def test_remove_unused_label_set_needs_no_force(smoking):
    from medlabel.core.records import LabelSetSpec
    from medlabel.core.schema import add_label_set

    add_label_set(smoking, LabelSetSpec("alcohol", ["yes", "no"]), "ann")
    assert remove_label_set(smoking, "alcohol", "ann") == 0
    assert [ls.name for ls in load_schema(smoking).label_sets] == ["smoking_status"]


def test_remove_used_entity_type_is_refused_then_deletes_its_spans(cardio):
    used = entity_type_usage(cardio, "LV-EF")
    with pytest.raises(SchemaError, match=rf"^{used} span\(s\) are marked 'LV-EF'"):
        remove_entity_type(cardio, "LV-EF", "ann")
    assert entity_type_usage(cardio, "LV-EF") == used
    others = sum(1 for d in range(1, 61) for s in get_spans(cardio, d) if s.type != "LV-EF")
    assert remove_entity_type(cardio, "LV-EF", "ann", force=True) == used
    assert "LV-EF" not in [et.name for et in load_schema(cardio).entity_types]
    remaining = [s for d in range(1, 61) for s in get_spans(cardio, d)]
    assert len(remaining) == others and all(s.type != "LV-EF" for s in remaining)
    entry = last(cardio, "remove_entity_type")
    assert entry.before == {
        "used": used,
        "colour": PALETTE[0],
        "definition": entry.before["definition"],
        "normaliser": {"kind": "number", "units": ["%"], "plausible": [5.0, 95.0]},
    }
    assert entry.before["definition"]
    with pytest.raises(NotFoundError, match="no entity type 'LV-EF'"):
        entity_type_usage(cardio, "LV-EF")


def test_read_only_project_refuses_edits(tmp_path):
    create_demo_project(tmp_path / "p", "cardio", documents=20, labelled=10, test=0).close()
    with open_project(tmp_path / "p", read_only=True) as p:
        with pytest.raises(ReadOnlyProjectError):
            remove_entity_type(p, "LV-EF", "ann", force=True)
        with pytest.raises(ReadOnlyProjectError):
            update_label_set(p, "x", "ann", new_name="y")
        assert entity_type_usage(p, "LV-EF") > 0
