"""The split as the app changes it: freezing a stratified test split (the one the first training run
would choose), refusing to redraw a frozen one, and moving reports with an audit row each."""

from __future__ import annotations

import pytest

from medlabel.core.audit import history
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import document_ids, get_document, set_split
from medlabel.core.errors import MedlabelError
from medlabel.core.splits import Member, freeze_test_split, move_to_split, split_counts
from medlabel.ml import data as ml_data
from medlabel.ml.data import build_task, load_task, task_examples


@pytest.fixture
def unsplit(tmp_path):
    """The smoking demo as a project imported without a split column: no report in any split."""
    project = create_demo_project(tmp_path / "s", "smoking", documents=160, labelled=120, test=30)
    set_split(project, document_ids(project), None, "test-setup")
    yield project
    project.close()


def members(project, task="smoking_status") -> list[Member]:
    annotated, _unlabelled, splits = task_examples(project, build_task(project, task))
    return [Member(ex.doc_id, ex.label, splits[ex.doc_id]) for ex in annotated]


def test_split_counts_by_label_and_split():
    counts = split_counts(
        [Member(1, "A", "train"), Member(2, "A", "test"), Member(3, "B", None), Member(4, "A", "train")]
    )
    assert counts == {"A": {"train": 2, "test": 1, "none": 0}, "B": {"train": 0, "test": 0, "none": 1}}


def test_freezing_at_the_training_share_gives_the_first_runs_split(unsplit):
    annotated, _, _ = task_examples(unsplit, build_task(unsplit, "smoking_status"))
    expected = ml_data.test_split_to_freeze(annotated)  # what the first training run freezes

    done = freeze_test_split(unsplit, "smoking_status", members(unsplit), 0.2, "Dr. Split")

    assert set(document_ids(unsplit, "test")) == expected
    assert done == {"test": len(expected), "train": 120 - len(expected)}
    loaded = load_task(unsplit, "smoking_status", freeze_split=False)  # no longer "no test split yet"
    assert {ex.doc_id for ex in loaded.test} == expected and not loaded.new_test_split


def test_a_freeze_is_stratified_by_label_at_the_chosen_share(unsplit):
    freeze_test_split(unsplit, "smoking_status", members(unsplit), 0.3, "Dr. Split")
    counts = split_counts(members(unsplit))
    assert sum(c["test"] for c in counts.values()) == 36  # 30 % of 120
    for label, c in counts.items():
        total = c["train"] + c["test"]
        assert c["none"] == 0
        assert abs(c["test"] - 0.3 * total) <= 1, (label, c)


def test_a_frozen_split_is_not_drawn_again(unsplit):
    freeze_test_split(unsplit, "smoking_status", members(unsplit), 0.2, "Dr. Split")
    before = document_ids(unsplit, "test")
    with pytest.raises(MedlabelError) as refused:
        freeze_test_split(unsplit, "smoking_status", members(unsplit), 0.4, "Dr. Split")
    assert refused.value.code == "splits.already_frozen" and refused.value.params["count"] == len(before)
    assert document_ids(unsplit, "test") == before


@pytest.mark.parametrize("fraction", [0.0, 1.0])
def test_a_share_outside_zero_and_one_is_refused(unsplit, fraction):
    with pytest.raises(MedlabelError) as refused:
        freeze_test_split(unsplit, "smoking_status", members(unsplit), fraction, "Dr. Split")
    assert refused.value.code == "splits.bad_fraction"
    assert document_ids(unsplit, "test") == []


def test_too_few_reports_cannot_be_split(unsplit):
    with pytest.raises(MedlabelError) as refused:
        freeze_test_split(unsplit, "smoking_status", members(unsplit)[:1], 0.2, "Dr. Split")
    assert refused.value.code == "splits.too_few"


def test_moving_a_report_changes_its_split_and_leaves_an_audit_row(unsplit):
    freeze_test_split(unsplit, "smoking_status", members(unsplit), 0.2, "Dr. Split")
    doc = document_ids(unsplit, "train")[0]
    in_test = document_ids(unsplit, "test")[0]

    moved = move_to_split(unsplit, [doc, in_test], "test", "Dr. Move")

    assert moved == {"moved": 1, "unchanged": 1}
    assert get_document(unsplit, doc).split == "test"
    rows = [e for e in history(unsplit, doc) if e.action == "set_split"]
    assert [(e.annotator, e.before, e.after, e.target) for e in rows] == [
        ("Dr. Move", "train", "test", "test")
    ]
    assert not [e for e in history(unsplit, in_test) if e.annotator == "Dr. Move"]  # it did not move

    move_to_split(unsplit, [doc], "train", "Dr. Move")
    assert get_document(unsplit, doc).split == "train"
    assert [e.after for e in history(unsplit, doc) if e.annotator == "Dr. Move"] == ["test", "train"]


def test_moving_nothing_or_an_unknown_report_is_refused(unsplit):
    with pytest.raises(MedlabelError) as refused:
        move_to_split(unsplit, [], "test", "Dr. Move")
    assert refused.value.code == "splits.nothing_chosen"
    with pytest.raises(MedlabelError):
        move_to_split(unsplit, [999_999], "test", "Dr. Move")
    with pytest.raises(ValueError):
        move_to_split(unsplit, document_ids(unsplit)[:1], "validation", "Dr. Move")
