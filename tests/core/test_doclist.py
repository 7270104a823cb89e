"""The document list's filters, order, rows and status, notes and guidelines, on a small project."""

import pytest

from medlabel.core.annotations import add_span, set_label
from medlabel.core.doclist import (
    DocFilter,
    doc_rows,
    filtered_ids,
    labelled_count,
    next_unlabelled,
    search_query,
)
from medlabel.core.errors import MedlabelError, NotFoundError, ReadOnlyProjectError
from medlabel.core.importing import import_batch
from medlabel.core.notes import Note, default_guidelines, get_guidelines, get_note, set_guidelines, set_note
from medlabel.core.project import create_project, open_project
from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch, LabelSetSpec
from medlabel.core.runs import StoredPrediction, finish_run, start_run, store_predictions

TEXTS = [
    "Patient is a current smoker, 20 pack-years.",
    "Never smoked. Heart rate 72.",
    "Quit smoking in 2001; LVEF 55 %.",
    "Raucht nicht. Ejektionsfraktion 60 %.",
    "No mention of tobacco at all.",
]


@pytest.fixture
def project(tmp_path):
    batch = ImportBatch(
        "t",
        [DocRecord(t, f"r{i + 1}", split="test" if i == 4 else None) for i, t in enumerate(TEXTS)],
        [LabelSetSpec("smoking", ["CURRENT", "NON", "PAST"], label_definitions={"NON": "never smoked"})],
        [EntityTypeSpec("LVEF", "#ff0000", "left ventricular ejection fraction")],
    )
    with create_project(tmp_path / "p") as p:
        import_batch(p, batch)
        yield p


def test_search_query_quotes_every_word_as_a_prefix_and_every_phrase_as_a_phrase():
    assert search_query("smok AND OR(") == '"smok"* "AND"* "OR"*'
    assert search_query('smok "AND" OR(') == '"smok"* "AND" "OR"*'  # a quoted word is that word exactly
    assert search_query('"no smoking" pack') == '"no smoking" "pack"*'
    assert search_query('pack "no smok') == '"pack"* "no smok"*'  # closing quote not typed yet
    assert search_query("„nicht Raucher“") == '"nicht Raucher"'  # typographic quotes
    assert search_query('  -- "" " ') is None


def test_text_filter_finds_word_prefixes_accents_folded_and_report_ids(project):
    assert filtered_ids(project, DocFilter(text="smok")) == [1, 2, 3]
    assert filtered_ids(project, DocFilter(text="smoker pack")) == [1]
    assert filtered_ids(project, DocFilter(text="EJEKTIONS")) == [4]
    assert filtered_ids(project, DocFilter(text="r5")) == [5]  # a report id
    assert filtered_ids(project, DocFilter(text="%")) == []  # no word, and no id holds it
    assert filtered_ids(project, DocFilter(text="nothing-like-this")) == []


def test_quoted_phrases_match_those_words_in_a_row_and_ids_still_match(project):
    assert filtered_ids(project, DocFilter(text='"current smoker"')) == [1]
    assert filtered_ids(project, DocFilter(text='"smoker current"')) == []  # the words, not in that order
    assert filtered_ids(project, DocFilter(text='"current smoker" pack')) == [1]
    assert filtered_ids(project, DocFilter(text='"current smoker" never')) == []  # every term is needed
    assert filtered_ids(project, DocFilter(text='"smok"')) == []  # quoted: the word exactly, not a start
    assert filtered_ids(project, DocFilter(text='"never smoked"')) == [2]
    assert filtered_ids(project, DocFilter(text='"quit smok')) == [3]  # being typed: the last word a start
    assert filtered_ids(project, DocFilter(text='"of tobacco"')) == [5]
    assert filtered_ids(project, DocFilter(text='"mention tobacco"')) == []  # "of" lies between them
    assert filtered_ids(project, DocFilter(text="„raucht NICHT“")) == [4]
    assert filtered_ids(project, DocFilter(text='"r5"')) == [5]  # a quoted report id


def test_status_labels_split_flag_filters_and_sorting(project):
    set_label(project, 1, "smoking", "CURRENT", "ann")
    set_label(project, 2, "smoking", "NON", "ann")
    add_span(project, 3, 22, 30, "LVEF", "ann")
    set_note(project, 4, Note("ask Dr. B", flagged=True), "ann")
    run = start_run(project, task="smoking", task_kind="document", recipe="baseline", config={})
    store_predictions(project, run, [
        StoredPrediction(doc, label, 0.9, {}, [], [], None, True)
        for doc, label in [(1, "CURRENT"), (2, "PAST"), (5, "NON")]
    ])  # fmt: skip
    finish_run(project, run, "completed")

    rows = doc_rows(project, [1, 2, 3, 4, 5])
    assert {i: r.status for i, r in rows.items()} == {
        1: "labelled", 2: "disagreement", 3: "labelled", 4: "unlabelled", 5: "predicted"
    }  # fmt: skip
    assert rows[1].labels == {"smoking": "CURRENT"} and rows[3].n_spans == 1 and rows[4].flagged
    assert rows[5].split == "test" and rows[5].external_id == "r5"

    assert filtered_ids(project, DocFilter(status="labelled")) == [1, 3]
    assert filtered_ids(project, DocFilter(status="disagreement")) == [2]
    assert filtered_ids(project, DocFilter(label_set="smoking", label="NON")) == [2]
    assert filtered_ids(project, DocFilter(split="test")) == [5]
    assert filtered_ids(project, DocFilter(split="none")) == [1, 2, 3, 4]
    assert filtered_ids(project, DocFilter(flagged=True)) == [4]
    assert filtered_ids(project, sort="external_id", descending=True) == [5, 4, 3, 2, 1]
    by_label = filtered_ids(project, DocFilter(label_set="smoking"), sort="label")
    assert by_label[-2:] == [1, 2]  # CURRENT, NON after the unlabelled (NULL first)
    assert labelled_count(project) == (3, 5)
    with pytest.raises(MedlabelError, match="unknown status"):
        filtered_ids(project, DocFilter(status="maybe"))
    with pytest.raises(MedlabelError, match="cannot sort"):
        filtered_ids(project, sort="colour")


def test_the_newest_suggestion_is_shown_and_sorts_least_confident_first(project):
    def run_with(predictions: dict[int, tuple[str, float]]) -> int:
        run = start_run(project, task="smoking", task_kind="document", recipe="baseline", config={})
        rows = [
            StoredPrediction(doc, label, conf, {}, [], [], None, True)
            for doc, (label, conf) in predictions.items()
        ]
        store_predictions(project, run, rows)
        finish_run(project, run, "completed")
        return run

    first = run_with({1: ("CURRENT", 0.9), 2: ("PAST", 0.4), 3: ("NON", 0.7)})
    second = run_with({3: ("PAST", 0.55)})  # a later run that predicted only report 3
    rows = doc_rows(project, [1, 2, 3, 4])
    assert (rows[1].prediction, rows[1].confidence, rows[1].prediction_run) == ("CURRENT", 0.9, first)
    assert (rows[3].prediction, rows[3].confidence, rows[3].prediction_run) == ("PAST", 0.55, second)
    assert rows[4].prediction is None and rows[4].prediction_run is None
    assert filtered_ids(project, sort="confidence") == [2, 3, 1, 4, 5]  # unpredicted last
    assert filtered_ids(project, sort="confidence", descending=True) == [1, 3, 2, 4, 5]
    running = start_run(project, task="smoking", task_kind="document", recipe="baseline", config={})
    store_predictions(project, running, [StoredPrediction(4, "NON", 0.1, {}, [], [], None, True)])
    assert doc_rows(project, [4])[4].prediction is None  # a run still running suggests nothing yet


def test_next_unlabelled_wraps_and_follows_the_list_order(project):
    set_label(project, 2, "smoking", "NON", "ann")
    assert next_unlabelled(project, 1) == 3
    assert next_unlabelled(project, 5) == 1
    assert next_unlabelled(project, 1, ids=[5, 1, 2, 4]) == 4
    for doc in (1, 3, 4, 5):
        set_label(project, doc, "smoking", "PAST", "ann")
    assert next_unlabelled(project, 1) is None


def test_notes_and_guidelines_are_stored_audited_and_reopened(project, tmp_path):
    assert get_note(project, 1) == Note()
    assert set_note(project, 1, Note("unclear", True), "ann") == Note()
    assert set_note(project, 1, Note("clear now", False), "ann") == Note("unclear", True)
    with pytest.raises(NotFoundError):
        set_note(project, 99, Note("x"), "ann")
    assert get_guidelines(project) is None
    text = default_guidelines(project)
    assert "**NON**: never smoked" in text and "**LVEF**: left ventricular" in text
    set_guidelines(project, "# Rules\n\nPAST = quit > 1 year", "ann")
    project.close()
    with open_project(tmp_path / "p", read_only=True) as reopened:
        assert get_note(reopened, 1) == Note("clear now", False)
        assert get_guidelines(reopened) == "# Rules\n\nPAST = quit > 1 year"
        with pytest.raises(ReadOnlyProjectError):
            set_note(reopened, 1, Note("x"), "ann")
