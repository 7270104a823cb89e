"""Turning a project into a task's examples: frozen test split, validation carve-out, nested subsets."""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from medlabel.core.documents import iter_export_documents, set_split
from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project
from medlabel.core.schema import load_schema
from medlabel.core.splits import stratified_test_split
from medlabel.ml.tasks import ENTITIES_TASK, DocExample, DocTask, SpanExample, SpanTask

E = TypeVar("E", DocExample, SpanExample)
TEST_FRACTION = 0.2
MIN_ANNOTATED = 10  # fewer annotated reports than this: training is refused
SPLIT_ANNOTATOR = "medlabel-split"


@dataclass
class TaskData:
    task: DocTask | SpanTask
    train: list  # DocExample or SpanExample
    test: list
    unlabelled: list  # documents without annotations for this task (text only)
    new_test_split: bool = False


def task_names(project: Project) -> list[str]:
    schema = load_schema(project)
    return [ls.name for ls in schema.label_sets] + ([ENTITIES_TASK] if schema.entity_types else [])


def build_task(project: Project, name: str) -> DocTask | SpanTask:
    """Task ``name`` (a label set, or 'entities') as the schema defines it."""
    schema = load_schema(project)
    if name == ENTITIES_TASK:
        if not schema.entity_types:
            raise MedlabelError("the project has no entity types, so there is no 'entities' task to train")
        return SpanTask(
            ENTITIES_TASK,
            [et.name for et in schema.entity_types],
            {et.name: et.normaliser for et in schema.entity_types},
            {et.name: et.definition for et in schema.entity_types},
        )
    try:
        ls = schema.label_set(name)
    except MedlabelError:
        known = ", ".join(task_names(project)) or "none"
        raise MedlabelError(f"there is no task {name!r}; the project's tasks are: {known}") from None
    return DocTask(ls.name, ls.label_names, ls.definition, {lab.name: lab.definition for lab in ls.labels})


def task_examples(project: Project, task: DocTask | SpanTask) -> tuple[list, list, dict[int, str | None]]:
    """(annotated examples, unlabelled ones, each document's split): which report belongs to a task."""
    annotated, unlabelled, splits = [], [], {}
    for doc in iter_export_documents(project):
        if isinstance(task, DocTask):
            if task.name in doc.labels:
                annotated.append(DocExample(doc.doc_id, doc.text, doc.labels[task.name]))
            else:
                unlabelled.append(DocExample(doc.doc_id, doc.text))
        else:
            # A document belongs to the extraction task once it has spans or was put into a split
            # (a report annotated as holding no values is a valid, negative example).
            if doc.spans or doc.split is not None:
                annotated.append(SpanExample(doc.doc_id, doc.text, tuple(doc.spans)))
            else:
                unlabelled.append(SpanExample(doc.doc_id, doc.text))
        splits[doc.doc_id] = doc.split
    return annotated, unlabelled, splits


def test_split_to_freeze(annotated: Sequence[DocExample | SpanExample]) -> set[int]:
    """The ids the first run freezes as the test split: stratified by label, always the same."""
    strata = [ex.label if isinstance(ex, DocExample) else "all" for ex in annotated]
    return set(stratified_test_split([ex.doc_id for ex in annotated], strata, TEST_FRACTION, seed=0))


def load_task(project: Project, name: str, freeze_split: bool = True) -> TaskData:
    """Examples of task ``name`` (a label set, or 'entities'), split into train and the frozen test set.

    When no annotated document of the task is in the test split yet, a stratified test split is chosen
    now and stored (``freeze_split``), so that it never changes afterwards.
    """
    task = build_task(project, name)
    annotated, unlabelled, splits = task_examples(project, task)
    if len(annotated) < MIN_ANNOTATED:
        raise MedlabelError(
            f"task {name!r} has only {len(annotated)} annotated document(s); annotate at least "
            f"{MIN_ANNOTATED} (better 100 or more) before training"
        )
    new_split = False
    if not any(splits[ex.doc_id] == "test" for ex in annotated):
        if not freeze_split:
            raise MedlabelError(f"task {name!r} has no test split yet")
        chosen = test_split_to_freeze(annotated)
        set_split(project, sorted(chosen), "test", SPLIT_ANNOTATOR)
        rest = sorted(ex.doc_id for ex in annotated if ex.doc_id not in chosen and not splits[ex.doc_id])
        set_split(project, rest, "train", SPLIT_ANNOTATOR)
        for doc_id in chosen:
            splits[doc_id] = "test"
        new_split = True
    train = [ex for ex in annotated if splits[ex.doc_id] != "test"]
    test = [ex for ex in annotated if splits[ex.doc_id] == "test"]
    return TaskData(task, train, test, unlabelled, new_split)


def _stratum(example: DocExample | SpanExample) -> str:
    return example.label if isinstance(example, DocExample) and example.label is not None else "all"


def stratified_order(examples: Sequence[E], seed: int) -> list[E]:
    """A shuffled order in which every prefix keeps the class proportions (nested training subsets)."""
    rng = random.Random(seed)
    groups: dict[str, list[E]] = defaultdict(list)
    for ex in sorted(examples, key=lambda e: e.doc_id):
        groups[_stratum(ex)].append(ex)
    keyed = []
    for stratum in sorted(groups):
        members = groups[stratum]
        rng.shuffle(members)
        keyed += [((i + rng.random()) / len(members), stratum, ex) for i, ex in enumerate(members)]
    return [ex for _, _, ex in sorted(keyed, key=lambda t: (t[0], t[1]))]


def split_validation(examples: Sequence[E], fraction: float, seed: int) -> tuple[list[E], list[E]]:
    """(train, validation): a stratified ``fraction`` held out for early stopping."""
    if len(examples) < 4:
        return list(examples), list(examples)
    keys = [ex.doc_id for ex in examples]
    chosen = stratified_test_split(keys, [_stratum(ex) for ex in examples], fraction, seed)
    return [ex for ex in examples if ex.doc_id not in chosen], [ex for ex in examples if ex.doc_id in chosen]


def data_hash(train: Sequence[DocExample | SpanExample], test: Sequence[DocExample | SpanExample]) -> str:
    """SHA-256 of exactly what was trained and tested on, for the run record."""
    digest = hashlib.sha256()
    for part, examples in (("train", train), ("test", test)):
        for ex in sorted(examples, key=lambda e: e.doc_id):
            if isinstance(ex, DocExample):
                target: object = ex.label
            else:
                target = [(s.start, s.end, s.type, s.value, s.unit, s.code) for s in ex.spans]
            digest.update(
                f"{part}|{ex.doc_id}|{hashlib.sha256(ex.text.encode()).hexdigest()}|{target}\n".encode()
            )
    return digest.hexdigest()
