"""The entity type form edits a number type's plausible range and analyte (issue 23): what is saved is
checked in the store, and a bad range keeps the form open with the reason and nothing stored."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from medlabel.core.demo.project import create_demo_project
from medlabel.core.normalize import normalise
from medlabel.core.records import EntityTypeSpec
from medlabel.core.schema import load_schema
from medlabel.gui.entity_type_form import EntityTypeForm
from medlabel.gui.schema_editor import SchemaEditorDialog
from medlabel.gui.session import Session


@pytest.fixture
def cardio(tmp_path):
    project = create_demo_project(tmp_path / "cardio", "cardio", documents=30, labelled=20, test=5)
    yield project
    project.close()


@pytest.fixture
def dialog(qtbot, cardio):
    dialog = SchemaEditorDialog(Session(cardio, "Dr. Test"))
    qtbot.addWidget(dialog)
    return dialog


def value_form(qtbot, dialog, name):
    form = dialog.value_form(name)
    qtbot.addWidget(form)
    return form


def shown_value(dialog, name):
    tree = dialog.entity_tree
    return next(
        tree.topLevelItem(i).text(2)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == name
    )


def test_the_form_shows_the_stored_range_in_the_canonical_unit(qtbot, dialog):
    form = value_form(qtbot, dialog, "LVEDV")
    assert (form.low_edit.text(), form.high_edit.text(), form.range_unit.text()) == ("30", "600", "ml")
    assert form.units_edit.text() == "ml" and form.analyte_box.currentData() == ""
    assert form.name_edit.isHidden() and not form.range.isHidden() and form.vocabulary_box.isHidden()
    form.units_edit.setText("L, ml")
    assert form.range_unit.text() == "l"  # the range follows the first unit as it is typed


def test_editing_the_range_stores_it_in_the_schema(qtbot, dialog, cardio):
    form = value_form(qtbot, dialog, "LVEDV")
    form.low_edit.setText("40")
    form.high_edit.setText("550,5")  # a German decimal comma
    form.accept()
    assert form.result() == form.DialogCode.Accepted
    assert load_schema(cardio).entity_type("LVEDV").normaliser == {
        "kind": "number",
        "units": ["ml"],
        "plausible": [40.0, 550.5],
    }
    assert dialog.session.schema.entity_type("LVEDV").normaliser["plausible"] == [40.0, 550.5]
    assert "40–550.5" in shown_value(dialog, "LVEDV")


def test_emptying_both_ends_removes_the_range(qtbot, dialog, cardio):
    form = value_form(qtbot, dialog, "LV-EF")
    form.low_edit.clear()
    form.high_edit.clear()
    form.accept()
    assert form.result() == form.DialogCode.Accepted
    assert load_schema(cardio).entity_type("LV-EF").normaliser == {"kind": "number", "units": ["%"]}
    assert shown_value(dialog, "LV-EF") == "number in %"


@pytest.mark.parametrize(
    ("low", "high", "problem"),
    [
        ("600", "30", "The lowest plausible value must be below the highest."),
        ("30", "30", "The lowest plausible value must be below the highest."),
        ("30", "", "Fill in both ends of the plausible range, or leave both empty."),
        ("", "600", "Fill in both ends of the plausible range, or leave both empty."),
        ("dreißig", "600", "'dreißig' is not a number; type the limit without its unit."),
        ("30 ml", "600", "'30 ml' is not a number; type the limit without its unit."),
    ],
)
def test_a_bad_range_keeps_the_form_open_and_stores_nothing(qtbot, dialog, cardio, low, high, problem):
    before = load_schema(cardio)
    form = value_form(qtbot, dialog, "LVEDV")
    form.low_edit.setText(low)
    form.high_edit.setText(high)
    form.accept()
    assert form.result() != form.DialogCode.Accepted
    assert form.range_hint.text() == problem and not form.range_hint.isHidden()
    assert load_schema(cardio) == before
    form.low_edit.setText("31")  # typing again clears the reason
    assert form.range_hint.text() == ""


def test_a_new_lab_type_gets_its_analyte_and_range(qtbot, dialog, cardio):
    form = EntityTypeForm("#123456", [], dialog.add_entity_type, dialog)
    qtbot.addWidget(form)
    form.name_edit.setText("Glucose")
    form.kind_box.setCurrentIndex(form.kind_box.findData("number"))
    assert not form.analyte_box.isHidden()
    form.units_edit.setText("mmol/L")
    form.analyte_box.setCurrentIndex(form.analyte_box.findData("glucose"))
    assert form.analyte_box.currentText().endswith("(180.16 g/mol)")
    form.low_edit.setText("1")
    form.high_edit.setText("40")
    form.accept()
    assert form.result() == form.DialogCode.Accepted
    stored = load_schema(cardio).entity_type("Glucose").normaliser
    assert stored == {"kind": "number", "units": ["mmol/l"], "analyte": "glucose", "plausible": [1.0, 40.0]}
    assert normalise("100 mg/dl", stored).value == pytest.approx(5.55, abs=0.01)


def test_the_analyte_of_an_existing_type_can_be_set_and_cleared(qtbot, dialog, cardio):
    assert dialog.add_entity_type(
        EntityTypeSpec("Creatinine", "#123456", "", {"kind": "number", "units": ["µmol/l"]})
    )
    form = value_form(qtbot, dialog, "Creatinine")
    form.analyte_box.setCurrentIndex(form.analyte_box.findData("creatinine"))
    form.accept()
    assert load_schema(cardio).entity_type("Creatinine").normaliser["analyte"] == "creatinine"
    assert "Creatinine" in shown_value(dialog, "Creatinine")
    form = value_form(qtbot, dialog, "Creatinine")
    assert form.analyte_box.currentData() == "creatinine"
    form.analyte_box.setCurrentIndex(form.analyte_box.findData(""))
    form.accept()
    assert "analyte" not in load_schema(cardio).entity_type("Creatinine").normaliser


def test_changing_the_unit_of_a_used_type_is_refused_and_the_form_stays_open(qtbot, dialog, cardio):
    before = load_schema(cardio)
    form = value_form(qtbot, dialog, "LVEDV")
    form.units_edit.setText("l")
    form.accept()
    assert form.result() != form.DialogCode.Accepted
    boxes = [b for b in dialog.findChildren(QMessageBox) if b.objectName() == "errorBox"]
    assert boxes and "LVEDV" in boxes[0].text()
    assert load_schema(cardio) == before


def test_the_value_button_opens_the_form_of_the_selected_type(qtbot, dialog, monkeypatch):
    asked = []
    monkeypatch.setattr(dialog, "ask_value", asked.append)
    assert not dialog.type_value_button.isEnabled()
    dialog.select_entity_type("HZV")
    assert dialog.type_value_button.isEnabled()
    dialog.type_value_button.click()
    assert asked == ["HZV"]
