"""The schema editor stores every change at once (checked in the store, not in the widgets), asks before
removing what annotations use — with the right count — and leaves everything as it was on a "no"."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from medlabel.core.annotations import get_labels, get_spans
from medlabel.core.audit import history
from medlabel.core.demo.project import create_demo_project
from medlabel.core.project import open_project
from medlabel.core.records import EntityTypeSpec
from medlabel.core.schema import entity_type_usage, label_usage, load_schema, schema_usage
from medlabel.gui.entity_type_form import EntityTypeForm
from medlabel.gui.schema_editor import SchemaEditorDialog
from medlabel.gui.session import Session

STATUS = "smoking_status"


@pytest.fixture
def smoking(tmp_path):
    project = create_demo_project(tmp_path / "smoking", "smoking", documents=60, labelled=40, test=10)
    yield project
    project.close()


@pytest.fixture
def cardio(tmp_path):
    project = create_demo_project(tmp_path / "cardio", "cardio", documents=60, labelled=40, test=10)
    yield project
    project.close()


def editor(qtbot, project):
    session = Session(project, "Dr. Test")
    dialog = SchemaEditorDialog(session)
    qtbot.addWidget(dialog)
    return dialog


def refuse_questions(monkeypatch, dialog):
    def confirm(text):
        raise AssertionError(f"nothing in use was removed, yet the editor asked: {text}")

    monkeypatch.setattr(dialog, "confirm", confirm)


def answer(monkeypatch, dialog, yes):
    asked = []
    monkeypatch.setattr(dialog, "confirm", lambda text: asked.append(text) or yes)
    return asked


def error_boxes(dialog):
    return [box for box in dialog.findChildren(QMessageBox) if box.objectName() == "errorBox"]


def shown_labels(dialog):
    tree = dialog.label_tree
    return {
        tree.topLevelItem(i).text(0): [
            tree.topLevelItem(i).child(j).text(0) for j in range(tree.topLevelItem(i).childCount())
        ]
        for i in range(tree.topLevelItemCount())
    }


def test_tree_shows_label_sets_labels_and_their_usage(qtbot, smoking):
    dialog = editor(qtbot, smoking)
    names = load_schema(smoking).label_set(STATUS).label_names
    assert shown_labels(dialog) == {STATUS: names}
    top = dialog.label_tree.topLevelItem(0)
    assert top.text(1) == "40"
    assert [int(top.child(j).text(1)) for j in range(top.childCount())] == [
        label_usage(smoking, STATUS, n) for n in names
    ]


def test_add_label_set_and_labels_are_stored_and_reach_the_session(qtbot, smoking):
    dialog = editor(qtbot, smoking)
    with qtbot.waitSignal(dialog.session.schema_changed):
        assert dialog.add_label_set("  alcohol   use ", "Drinking, as the patient reports it")
    assert dialog.add_label("alcohol use", "none", "no alcohol at all")
    assert dialog.add_label("alcohol use", "heavy")
    ls = load_schema(smoking).label_set("alcohol use")
    assert (ls.definition, ls.label_names) == ("Drinking, as the patient reports it", ["none", "heavy"])
    assert ls.labels[0].definition == "no alcohol at all"
    assert dialog.session.schema.label_set("alcohol use").label_names == ["none", "heavy"]
    assert shown_labels(dialog)["alcohol use"] == ["none", "heavy"]
    assert dialog.selected_label_item() == ("alcohol use", "heavy")


def test_add_through_the_buttons_asks_for_the_name(qtbot, smoking, monkeypatch):
    dialog = editor(qtbot, smoking)
    monkeypatch.setattr(dialog, "ask_text", lambda title, prompt, text="": "RECENT QUITTER")
    dialog.select_label_item((STATUS, None))
    dialog.add_label_button.click()
    assert load_schema(smoking).label_set(STATUS).label_names[-1] == "RECENT QUITTER"


def test_duplicate_label_is_refused_with_a_message_and_nothing_changes(qtbot, smoking):
    dialog = editor(qtbot, smoking)
    before = load_schema(smoking)
    assert not dialog.add_label(STATUS, "UNKNOWN")
    assert load_schema(smoking) == before
    boxes = error_boxes(dialog)
    assert len(boxes) == 1 and "already has a label “UNKNOWN”" in boxes[0].text()


def test_rename_label_keeps_its_documents(qtbot, smoking, monkeypatch):
    dialog = editor(qtbot, smoking)
    used = label_usage(smoking, STATUS, "PAST SMOKER")
    monkeypatch.setattr(
        dialog, "ask_text", lambda title, prompt, text="": "PAST" if text == "PAST SMOKER" else None
    )
    dialog.select_label_item((STATUS, "PAST SMOKER"))
    dialog.rename_label_button.click()
    assert "PAST" in load_schema(smoking).label_set(STATUS).label_names
    assert label_usage(smoking, STATUS, "PAST") == used > 0
    assert dialog.selected_label_item() == (STATUS, "PAST")


def test_rename_label_set_and_edit_definitions(qtbot, smoking, monkeypatch):
    dialog = editor(qtbot, smoking)
    assert dialog.rename_label_set(STATUS, "Smoking")
    monkeypatch.setattr(dialog, "ask_definition", lambda title, text: "Quit at least a year ago.")
    dialog.select_label_item(("Smoking", "PAST SMOKER"))
    dialog.label_definition_button.click()
    assert dialog.set_label_set_definition("Smoking", "The patient's own habit.")
    ls = load_schema(smoking).label_set("Smoking")
    assert ls.definition == "The patient's own habit."
    assert ls.labels[1].definition == "Quit at least a year ago."
    assert label_usage(smoking, "Smoking", "PAST SMOKER") > 0


def test_removing_a_used_label_asks_with_the_count_and_no_changes_nothing(qtbot, smoking, monkeypatch):
    dialog = editor(qtbot, smoking)
    used = label_usage(smoking, STATUS, "PAST SMOKER")
    labels_before = {d: get_labels(smoking, d) for d in range(1, 61)}
    asked = answer(monkeypatch, dialog, yes=False)
    dialog.select_label_item((STATUS, "PAST SMOKER"))
    dialog.remove_label_button.click()
    assert asked == [f"'PAST SMOKER' is used by {used} documents. Remove it and those {used} labels?"]
    assert "PAST SMOKER" in load_schema(smoking).label_set(STATUS).label_names
    assert {d: get_labels(smoking, d) for d in range(1, 61)} == labels_before
    assert not any(e.action == "remove_label" for e in history(smoking))


def test_removing_a_used_label_after_yes_removes_it_and_its_labels(qtbot, smoking, monkeypatch):
    dialog = editor(qtbot, smoking)
    used = label_usage(smoking, STATUS, "PAST SMOKER")
    answer(monkeypatch, dialog, yes=True)
    assert dialog.remove_label(STATUS, "PAST SMOKER")
    assert "PAST SMOKER" not in load_schema(smoking).label_set(STATUS).label_names
    assert schema_usage(smoking).label_set(STATUS) == 40 - used
    assert "PAST SMOKER" not in shown_labels(dialog)[STATUS]
    entry = [e for e in history(smoking) if e.action == "remove_label"][-1]
    assert (entry.annotator, entry.before) == ("Dr. Test", {"used": used})


def test_removing_an_unused_label_does_not_ask(qtbot, smoking, monkeypatch):
    dialog = editor(qtbot, smoking)
    dialog.add_label(STATUS, "VAPER")
    refuse_questions(monkeypatch, dialog)
    assert dialog.remove_label(STATUS, "VAPER")
    assert "VAPER" not in load_schema(smoking).label_set(STATUS).label_names


def test_removing_a_used_label_set_asks_and_then_removes_its_labels(qtbot, smoking, monkeypatch):
    dialog = editor(qtbot, smoking)
    asked = answer(monkeypatch, dialog, yes=False)
    assert not dialog.remove_label_set(STATUS)
    assert "used by 40 documents" in asked[0]
    assert schema_usage(smoking).label_set(STATUS) == 40
    answer(monkeypatch, dialog, yes=True)
    assert dialog.remove_label_set(STATUS)
    assert load_schema(smoking).label_sets == ()
    assert all(get_labels(smoking, d) == {} for d in range(1, 61))
    assert shown_labels(dialog) == {}


def test_add_entity_type_through_the_form(qtbot, cardio):
    dialog = editor(qtbot, cardio)
    form = EntityTypeForm("#123456", [], dialog.add_entity_type, dialog)
    qtbot.addWidget(form)
    form.name_edit.setText("LA diameter")
    form.definition_edit.setPlainText("Left atrial diameter, parasternal long axis")
    form.kind_box.setCurrentIndex(form.kind_box.findData("number"))
    form.units_edit.setText("mm, CM")
    form.accept()
    assert form.result() == form.DialogCode.Accepted
    et = load_schema(cardio).entity_type("LA diameter")
    assert (et.colour, et.definition, et.normaliser) == (
        "#123456",
        "Left atrial diameter, parasternal long axis",
        {"kind": "number", "units": ["mm", "cm"]},
    )
    assert dialog.selected_entity_type() == "LA diameter"


def test_entity_form_keeps_a_rejected_entry_open(qtbot, cardio):
    dialog = editor(qtbot, cardio)
    before = load_schema(cardio)
    form = EntityTypeForm("#123456", ["ATC"], dialog.add_entity_type, dialog)
    qtbot.addWidget(form)
    form.name_edit.setText("Heart rate")
    form.kind_box.setCurrentIndex(form.kind_box.findData("number"))
    form.units_edit.setText("furlongs")
    form.accept()
    assert form.result() != form.DialogCode.Accepted and form.name_edit.text() == "Heart rate"
    assert "unknown unit 'furlongs'" in error_boxes(dialog)[0].text()
    assert load_schema(cardio) == before
    form.kind_box.setCurrentIndex(form.kind_box.findData("code"))
    assert form.spec().normaliser == {"kind": "code", "vocabulary": "ATC"}


def test_rename_recolour_and_define_entity_type(qtbot, cardio, monkeypatch):
    dialog = editor(qtbot, cardio)
    used = entity_type_usage(cardio, "HZV")
    monkeypatch.setattr(dialog, "ask_colour", lambda colour: "#00aa00")
    monkeypatch.setattr(dialog, "ask_text", lambda title, prompt, text="": "CO")
    monkeypatch.setattr(dialog, "ask_definition", lambda title, text: "Cardiac output.\n")
    dialog.select_entity_type("HZV")
    dialog.colour_button.click()
    dialog.rename_type_button.click()
    dialog.type_definition_button.click()
    et = load_schema(cardio).entity_type("CO")
    assert (et.colour, et.definition) == ("#00aa00", "Cardiac output.")
    assert entity_type_usage(cardio, "CO") == used > 0
    assert dialog.session.schema.entity_type("CO").colour == "#00aa00"


def test_removing_a_used_entity_type_asks_with_the_count(qtbot, cardio, monkeypatch):
    dialog = editor(qtbot, cardio)
    used = entity_type_usage(cardio, "LV-EF")
    spans_before = {d: get_spans(cardio, d) for d in range(1, 61)}
    asked = answer(monkeypatch, dialog, yes=False)
    dialog.select_entity_type("LV-EF")
    dialog.remove_type_button.click()
    assert asked == [f"'LV-EF' is marked {used} times. Remove it and those {used} spans?"]
    assert {d: get_spans(cardio, d) for d in range(1, 61)} == spans_before
    answer(monkeypatch, dialog, yes=True)
    dialog.remove_type_button.click()
    assert "LV-EF" not in [et.name for et in load_schema(cardio).entity_types]
    assert all(s.type != "LV-EF" for d in range(1, 61) for s in get_spans(cardio, d))
    assert sum(map(len, spans_before.values())) - used == sum(len(get_spans(cardio, d)) for d in range(1, 61))


def test_unused_entity_type_is_removed_without_asking(qtbot, cardio, monkeypatch):
    dialog = editor(qtbot, cardio)
    assert dialog.add_entity_type(EntityTypeSpec("Rhythm"))
    refuse_questions(monkeypatch, dialog)
    assert dialog.remove_entity_type("Rhythm")
    assert "Rhythm" not in [et.name for et in load_schema(cardio).entity_types]


def test_read_only_project_can_be_looked_at_only(qtbot, tmp_path):
    create_demo_project(tmp_path / "ro", "cardio", documents=20, labelled=10, test=0).close()
    with open_project(tmp_path / "ro", read_only=True) as project:
        dialog = editor(qtbot, project)
        dialog.select_entity_type("LV-EF")
        assert dialog.entity_tree.topLevelItemCount() == len(load_schema(project).entity_types)
        buttons = [
            dialog.add_set_button,
            dialog.add_type_button,
            dialog.remove_type_button,
            dialog.colour_button,
        ]
        assert not any(b.isEnabled() for b in buttons)
        assert not dialog.rename_entity_type("LV-EF", "EF")
        assert "read-only" in error_boxes(dialog)[0].text()
