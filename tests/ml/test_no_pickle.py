"""Nothing in a run folder can run code when medlabel opens it (issue 19): the baseline and the evidence
selector are plain data, pickles there are refused unopened, and adapters are read from safetensors.

Each planted pickle writes a marker file when unpickled; the tests check that it never is, and (as a
control that the trap works) that plain unpickling does write it."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from medlabel.cli import EXIT_OK, main
from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import RecordingReporter
from medlabel.ml.recipes import RunContext, baseline, classifier
from medlabel.ml.recipes.adapters import ADAPTER_CONFIG, ADAPTER_WEIGHTS, check_adapter_folder
from medlabel.ml.recipes.evidence import LEGACY_SELECTOR_FILE, SELECTOR_FILE, EvidenceSelector
from medlabel.ml.recipes.linear_store import load_pipeline, load_selector, save_pipeline, save_selector
from medlabel.ml.settings import BaselineSettings, ClassifierSettings
from medlabel.ml.tasks import DocTask
from tests.ml.test_evidence import EVIDENCE, corpus
from tests.ml.toy import toy_examples

ROOT = Path(__file__).resolve().parents[2]


class Trap:
    """Unpickling this runs code: it writes ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').write('code ran')",))


def plant(path: Path, marker: Path) -> Path:
    """A crafted pickle at ``path``; checks on a copy that unpickling it really runs code."""
    payload = pickle.dumps(Trap(marker))
    control = marker.with_name(marker.name + ".control")
    pickle.loads(pickle.dumps(Trap(control)))
    assert control.read_text() == "code ran"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return path


def fitted_baseline(labels: list[str]):
    examples = [e for e in toy_examples(45, 1) if e.label in labels]
    pipeline = baseline.build_pipeline(len(examples), len(labels), class_weights=True)
    return pipeline.fit([e.text for e in examples], [e.label for e in examples])


def fitted_selector() -> EvidenceSelector:
    train = corpus(30, 4)
    return EvidenceSelector.fit([e.text for e in train], [e.label for e in train])


TEXTS = [e.text for e in toy_examples(20, 7)] + ["", "words the model never saw", "cat dog bird"]


# ---- plain data round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "solver"), [(["cat", "dog"], "liblinear"), (["cat", "dog", "bird"], "lbfgs")]
)
def test_a_stored_baseline_gives_exactly_the_fitted_probabilities(tmp_path, labels, solver):
    pipeline = fitted_baseline(labels)
    assert pipeline.named_steps["logreg"].solver == solver
    save_pipeline(pipeline, tmp_path / "model.npz")
    loaded = load_pipeline(tmp_path / "model.npz", "baseline model")
    assert np.array_equal(loaded.predict_proba(TEXTS), pipeline.predict_proba(TEXTS))
    assert list(loaded.classes_) == sorted(labels)
    assert loaded.named_steps["tfidf"].get_params()["ngram_range"] == (1, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["model.npz"]  # no temporary file left behind


def test_a_stored_selector_scores_exactly_as_the_fitted_one(tmp_path):
    selector = fitted_selector()
    selector.save(tmp_path / SELECTOR_FILE)
    loaded = EvidenceSelector.load(tmp_path / SELECTOR_FILE)
    pieces = [*EVIDENCE.values(), "Discharge summary", "Admission date: 2020-01-03"]
    assert np.array_equal(loaded.scores(pieces), selector.scores(pieces))


def test_settings_that_are_functions_are_refused_when_saving(tmp_path):
    vectorizer = TfidfVectorizer(tokenizer=str.split, token_pattern=None).fit(["a b", "b c"])
    with pytest.raises(MedlabelError, match=r"setting 'tokenizer' is a function"):
        save_selector(vectorizer, np.ones(3), tmp_path / "selector.npz")
    assert not list(tmp_path.iterdir())


# ---- planted pickles ----------------------------------------------------------------------------------


def test_a_baseline_pickle_from_an_older_medlabel_is_refused_unopened(tmp_path):
    run = tmp_path / "runs" / "1"
    marker = tmp_path / "marker"
    plant(run / baseline.LEGACY_MODEL_FILE, marker)
    (run / baseline.LABELS_FILE).write_text('["cat", "dog", "bird"]')
    with pytest.raises(MedlabelError) as error:
        baseline.predict(["a cat"], RunContext(BaselineSettings(), None, run, RecordingReporter(), None))
    assert str(error.value) == (
        f"{run / 'baseline.joblib'}: this run was saved by an older medlabel in a format that can run code "
        "when loaded; medlabel no longer opens it: train the run again"
    )
    assert not marker.exists()


def test_an_evidence_pickle_from_an_older_medlabel_is_refused_unopened(tmp_path):
    marker = tmp_path / "marker"
    plant(tmp_path / LEGACY_SELECTOR_FILE, marker)
    with pytest.raises(MedlabelError, match=r"evidence\.joblib: this run was saved by an older medlabel"):
        EvidenceSelector.load(tmp_path / SELECTOR_FILE)
    assert not marker.exists()


@pytest.mark.parametrize("name", [baseline.MODEL_FILE, SELECTOR_FILE])
def test_a_pickle_under_the_new_name_is_not_unpickled(tmp_path, name):
    marker = tmp_path / "marker"
    plant(tmp_path / name, marker)
    with pytest.raises(
        MedlabelError, match=r"is damaged or was not written by medlabel .*train the run again"
    ):
        if name == baseline.MODEL_FILE:
            load_pipeline(tmp_path / name, "baseline model")
        else:
            EvidenceSelector.load(tmp_path / name)
    assert not marker.exists()


def test_an_object_array_smuggled_into_the_archive_is_not_unpickled(tmp_path):
    marker = tmp_path / "marker"
    plant(tmp_path / "unused.pkl", marker)  # only for its check that the trap works
    fitted_selector().save(tmp_path / SELECTOR_FILE)
    arrays = dict(np.load(tmp_path / SELECTOR_FILE, allow_pickle=False))
    arrays["weights"] = np.array([Trap(marker)], dtype=object)
    with open(tmp_path / SELECTOR_FILE, "wb") as fh:
        np.savez(fh, **arrays)  # numpy pickles an object array into the archive
    with pytest.raises(MedlabelError, match=r"damaged .*allow_pickle"):
        EvidenceSelector.load(tmp_path / SELECTOR_FILE)
    assert not marker.exists()


def test_medlabel_predict_refuses_an_old_baseline_run_and_runs_no_code(tmp_path, capsys):
    project = tmp_path / "p"
    assert main(["demo", str(project), "--documents", "60", "--labelled", "50", "--test", "10"]) == EXIT_OK
    assert main(["train", str(project), "--task", "smoking_status", "--recipe", "baseline"]) == EXIT_OK
    run = project / "runs" / "1"
    (run / baseline.MODEL_FILE).unlink()  # as a run folder written by an older medlabel
    marker = tmp_path / "marker"
    plant(run / baseline.LEGACY_MODEL_FILE, marker)
    capsys.readouterr()
    assert main(["predict", str(project), "--run", "1", "--docs", "all"]) != EXIT_OK
    assert "older medlabel in a format that can run code" in capsys.readouterr().err
    assert not marker.exists()


# ---- adapters -----------------------------------------------------------------------------------------


def test_an_adapter_folder_must_hold_safetensors(tmp_path):
    folder = tmp_path / "adapter"
    folder.mkdir()
    with pytest.raises(MedlabelError, match=r"holds no adapter_model\.safetensors.*train the run again"):
        check_adapter_folder(folder)
    (folder / "adapter_model.bin").write_bytes(b"\x80\x04N.")
    with pytest.raises(MedlabelError, match=r"adapter_model\.bin: .*stored as a pickle.*safetensors"):
        check_adapter_folder(folder)
    (folder / ADAPTER_WEIGHTS).write_bytes(b"")
    with pytest.raises(MedlabelError, match=r"holds no adapter_config\.json"):
        check_adapter_folder(folder)
    (folder / ADAPTER_CONFIG).write_text("{}")
    assert check_adapter_folder(folder) == folder


def test_a_classifier_run_with_planted_pickles_runs_no_code(tiny_bert_dir, tmp_path):
    task = DocTask("smoking", list(EVIDENCE))
    config = ClassifierSettings(
        epochs=1.0, batch_size=8, max_length=64, lora_r=4, lora_alpha=8, long_text="evidence",
        evidence_tokens=32,
    ).validate()  # fmt: skip
    classifier.train(
        task, corpus(12, 5), [], RunContext(config, tiny_bert_dir, tmp_path, RecordingReporter(), None)
    )
    texts = [e.text for e in corpus(2, 8)]
    marker = tmp_path / "marker"

    # The adapter's safetensors replaced by a pickle, as peft would otherwise fall back to.
    adapter = tmp_path / classifier.ADAPTER_DIR
    (adapter / ADAPTER_WEIGHTS).rename(tmp_path / "kept.safetensors")
    plant(adapter / "adapter_model.bin", marker)
    with pytest.raises(MedlabelError, match=r"adapter_model\.bin: this run's adapter is stored as a pickle"):
        classifier.predict(texts, RunContext(config, tiny_bert_dir, tmp_path, RecordingReporter(), None))
    assert not marker.exists()

    # The adapter back, the evidence selector an older medlabel's pickle.
    (tmp_path / "kept.safetensors").rename(adapter / ADAPTER_WEIGHTS)
    (tmp_path / SELECTOR_FILE).unlink()
    plant(tmp_path / LEGACY_SELECTOR_FILE, marker)
    with pytest.raises(MedlabelError, match=r"evidence\.joblib: this run was saved by an older medlabel"):
        classifier.predict(texts, RunContext(config, tiny_bert_dir, tmp_path, RecordingReporter(), None))
    assert not marker.exists()


# ---- damaged or tampered files -------------------------------------------------------------------------


def rewrite(path: Path, change) -> None:
    """Apply ``change`` to the arrays (and the JSON description, as a dict) stored at ``path``."""
    import json

    arrays = dict(np.load(path, allow_pickle=False))
    meta = json.loads(arrays["meta"].tobytes())
    change(arrays, meta)
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)


def _set(where: str, key: str, value):
    def change(arrays, meta):
        target = meta
        for part in where.split("."):
            target = target[part] if part else target
        target[key] = value

    return change


def _array(name: str, make):
    def change(arrays, meta):
        arrays[name] = make(arrays[name])

    return change


def _repeat_first_term(arrays, meta):
    terms = meta["vectorizer"]["vocabulary"]
    terms[1] = terms[0]


TAMPERINGS = {
    "idf one short": (_array("idf", lambda a: a[:-1]), r"idf has shape \(\d+,\), but the vocabulary has"),
    "coef one column short": (_array("coef", lambda a: a[:, :-1]), r"coef has shape"),
    "intercept one short": (_array("intercept", lambda a: a[:-1]), r"intercept has shape"),
    "coef as integers": (_array("coef", lambda a: a.astype(np.int64)), r"coef is not an array of decimal"),
    "idf with NaN": (_array("idf", lambda a: np.where(a > 0, np.nan, a)), r"idf holds values that are not"),
    "a label fewer": (_set("classifier", "classes", ["bird", "cat"]), r"coef has shape .* for 2 labels"),
    "a label twice": (_set("classifier", "classes", ["cat", "cat", "dog"]), r"list a name twice"),
    "a term twice": (_repeat_first_term, r"vocabulary lists a term twice"),
    "reads files": (_set("vectorizer.settings", "input", "filename"), r"'input' is 'filename'"),
    "custom analyzer": (_set("vectorizer.settings", "analyzer", "os.system"), r"'analyzer' is 'os.system'"),
    "unknown format": (_set("", "format", "other/9"), r"not in the medlabel.linear/1 format"),
    "a selector's file": (_set("", "kind", "selector"), r"holds a 'selector', not a 'pipeline'"),
}


@pytest.mark.parametrize("name", list(TAMPERINGS))
def test_a_tampered_baseline_file_is_refused_with_what_to_do(tmp_path, name):
    change, detail = TAMPERINGS[name]
    path = tmp_path / baseline.MODEL_FILE
    save_pipeline(fitted_baseline(["cat", "dog", "bird"]), path)
    rewrite(path, change)
    with pytest.raises(MedlabelError) as error:
        load_pipeline(path, "baseline model")
    message = str(error.value)
    assert message.startswith(f"{path} is damaged or was not written by medlabel (")
    assert message.endswith("; train the run again")
    assert re.search(detail, message), message


def test_a_truncated_or_foreign_file_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / SELECTOR_FILE
    fitted_selector().save(path)
    data = path.read_bytes()
    for content in (data[: len(data) // 2], b"not an archive", np.zeros(3).tobytes()):
        path.write_bytes(content)
        with pytest.raises(MedlabelError, match=r"evidence\.npz is damaged .*train the run again"):
            EvidenceSelector.load(path)
    with open(path, "wb") as fh:
        np.save(fh, np.zeros(3))  # a bare .npy array, not an archive
    with pytest.raises(MedlabelError, match=r"not an archive of arrays"):
        load_selector(path, "evidence selector")
    path.write_bytes(data)
    arrays = dict(np.load(path, allow_pickle=False))
    with open(path, "wb") as fh:
        np.savez(fh, **{**arrays, "meta": np.frombuffer(b"\xff{", dtype=np.uint8)})
    with pytest.raises(MedlabelError, match=r"damaged .*UnicodeDecodeError"):
        EvidenceSelector.load(path)


def test_a_missing_file_says_the_run_must_be_trained_again(tmp_path):
    with pytest.raises(
        MedlabelError, match=r"baseline\.npz is missing: this run's baseline model was not saved"
    ):
        baseline.predict(["a cat"], RunContext(BaselineSettings(), None, tmp_path, RecordingReporter(), None))


# ---- no unpickling left in the source ------------------------------------------------------------------


def test_medlabel_has_no_pickle_loading_left():
    pattern = re.compile(
        r"joblib\.load|pickle\.loads?\b|torch\.load\b|allow_pickle=True|PeftModel\.from_pretrained|"
        r"import joblib|import pickle|cloudpickle|dill\b"
    )
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "medlabel").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    # adapters.py names peft's loader (and, in its docstring, torch.load): its one call is checked.
    assert [line for line in found if not line.startswith("medlabel/ml/recipes/adapters.py:")] == []
    calls = [line for line in found if "from_pretrained(" in line]
    assert len(calls) == 1 and "check_adapter_folder(folder)" in calls[0]


def test_a_projects_own_allow_pickle_setting_does_not_load_pickled_weights(tmp_path):
    """A received project may store allow_pickle=true with a run whose model folder holds only pickled
    weights; predicting must still refuse them unless this user says yes."""
    from medlabel.core.project import create_project
    from medlabel.core.runs import finish_run, start_run
    from medlabel.ml.predict import run_prediction

    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"model_type": "bert"}')
    marker = tmp_path / "marker"
    plant(model / "pytorch_model.bin", marker)
    config = {**ClassifierSettings().to_dict(), "allow_pickle": True}
    with create_project(tmp_path / "p") as project:
        run_id = start_run(project, task="t", task_kind="document", recipe="classifier", config=config,
                           model_path=str(model))  # fmt: skip
        finish_run(project, run_id, "completed")
        with pytest.raises(MedlabelError, match="only pickle weights"):
            run_prediction(project, run_id, [], RecordingReporter())
    assert not marker.exists()
