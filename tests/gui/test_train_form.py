"""The training page's settings: generated from the schema, per recipe, presets respected, checked the
way the engine checks them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from medlabel.gui.train.run_request import RunRequest, check
from medlabel.gui.train.setting_texts import choice_texts, setting_texts
from medlabel.gui.train.settings_form import PICKED, SettingsForm
from medlabel.ml.settings import field_specs, settings_for


def test_every_setting_of_the_schema_has_words_and_an_editor_of_its_type(qtbot):
    texts, words = setting_texts(), choice_texts()
    form = SettingsForm()
    qtbot.addWidget(form)
    for spec in field_specs():
        assert spec.name in texts, f"setting {spec.name} has no label in gui/train/setting_texts.py"
        for choice in spec.choices or ():
            assert str(choice) in words, f"choice {choice} of {spec.name} has no words"
        if spec.name in PICKED:
            assert spec.name not in form.editors
            continue
        editor = form.editors[spec.name]
        expected = (
            QCheckBox if spec.type is bool else QComboBox if spec.choices else QSpinBox if spec.type is int
            else QLineEdit
        )  # fmt: skip
        assert isinstance(editor, expected), spec.name


def _visible(form: SettingsForm) -> set[str]:
    form.show()
    return {name for name, editor in form.editors.items() if editor.isVisibleTo(form)}


def test_rows_follow_the_recipe_and_untouched_editors_show_the_preset(qtbot):
    form = SettingsForm()
    qtbot.addWidget(form)
    form.show_for("classifier", "default")
    shown = _visible(form)
    assert {"ensemble", "evidence_tokens", "long_text"} <= shown
    assert "zero_shot" not in shown and "stride" not in shown
    assert form.editors["epochs"].text() == "15"
    assert form.editors["long_text"].currentData() == "auto"
    form.show_for("classifier", "quick")  # quick trains 2 epochs on the evidence
    assert form.editors["epochs"].text() == "2"
    assert form.editors["long_text"].currentData() == "evidence"
    assert form.values() == {}  # nothing touched: the preset decides
    form.show_for("tagger", "default")
    shown = _visible(form)
    assert "stride" in shown and "ensemble" not in shown
    form.show_for("baseline", "default")
    assert "epochs" not in _visible(form)


def test_only_touched_settings_reach_the_run_and_a_preset_keeps_the_rest(qtbot):
    form = SettingsForm()
    qtbot.addWidget(form)
    form.show_for("classifier", "default")
    form.editors["ensemble"].setValue(2)
    form.editors["long_text"].setCurrentIndex(form.editors["long_text"].findData("head_tail"))
    assert form.values() == {"ensemble": 2, "long_text": "head_tail"}
    form.show_for("classifier", "thorough")
    assert form.editors["ensemble"].value() == 2  # the user's value stays
    settings = settings_for(
        "classifier", {"preset": "thorough", **form.values()}, explicit=set(form.values())
    )
    assert settings.ensemble == 2 and settings.epochs == 25.0  # preset for what was left alone
    form.show_for("tagger", "default")
    assert form.values() == {}  # the classifier's settings do not follow to the tagger
    form.reset("default")
    form.show_for("classifier", "default")
    assert form.values() == {} and form.editors["ensemble"].value() == 1


def test_a_float_typed_in_the_users_locale_is_read_as_a_number(qtbot):
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        form = SettingsForm()
        qtbot.addWidget(form)
        form.show_for("classifier", "default")
        assert form.editors["learning_rate"].text() == "0,001"
        editor = form.editors["learning_rate"]
        editor.setText("0,0005")
        editor.textEdited.emit("0,0005")
        assert form.values() == {"learning_rate": pytest.approx(5e-4)}
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_the_request_is_checked_with_the_engines_own_checks(tmp_path):
    source, settings, error = check(RunRequest("smoking_status"))
    assert error is None and settings.recipe == "classifier" and source.name == "minilm"
    _, _, error = check(RunRequest("smoking_status", model=str(tmp_path / "nowhere")))
    assert error.code == "model.missing" and error.params["path"] == str(tmp_path / "nowhere")
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "pytorch_model.bin").write_bytes(b"x")
    _, _, error = check(RunRequest("smoking_status", model=str(tmp_path / "m")))
    assert error.code == "model.unusable_folder"
    assert set(error.params["problems"]) == {"no_config", "pickle_only", "no_tokenizer"}
    _, _, error = check(RunRequest("smoking_status", changed={"zero_shot": True}))
    assert error.code == "train.option_not_for_recipe" and error.params["recipe"] == "classifier"
    source, settings, error = check(RunRequest("smoking_status", recipe="baseline"))
    assert error is None and source is None and settings.recipe == "baseline"
    assert RunRequest("smoking_status", recipe="baseline").settings(None) == {
        "task": "smoking_status", "recipe": "baseline", "preset": "default",
    }  # fmt: skip


def test_the_run_panel_repeats_a_runs_warnings_under_its_result(qtbot):
    from medlabel.gui.train.run_panel import RunPanel

    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.begin(7, "principal_diagnosis · classifier")
    panel.progress({"done": 3, "total": 10, "phase": "training", "member": 1, "members": 1, "epoch": 2,
                    "epochs": 15, "eta_s": 125})  # fmt: skip
    assert panel.phase.text() == "epoch 2 of 15 · training" and "about 2 min 5 s left" in panel.times.text()
    panel.warning("run.baseline_better", {"model": 0.763, "baseline": 0.875}, "english")
    head = {"name": "macro_f1", "value": 0.714, "ci_low": 0.618, "ci_high": 0.788}
    line = panel.end(
        "completed", {"headline": head, "baseline": {"name": "macro_f1", "value": 0.859}}, "", "x"
    )
    assert line == "The run is complete: macro-F1 0.71 (0.62–0.79), baseline 0.86."
    assert "scored higher on the validation reports (0.88 against 0.76)" in panel.outcome.text()


def test_a_coded_failure_of_the_run_is_worded_by_the_app(qtbot):
    from medlabel.gui.train.run_panel import RunPanel

    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.begin(3, "smoking_status · classifier")
    message = "/m: no such model folder or file; give ..."
    event = {"kind": "user_error", "message": message, "code": "model.missing", "params": {"path": "/m"}}
    line = panel.end("failed", event, "", "/p/runs/3/run.log")
    assert (
        line
        == "The run could not start: There is no model at /m. Choose a model folder or a .gguf file "
        + "that exists."
    )
    assert "/p/runs/3/run.log" in panel.outcome.text()
    uncoded = panel.end("failed", {"kind": "internal_error", "message": "boom"}, "", "x")
    assert uncoded.endswith("boom")
