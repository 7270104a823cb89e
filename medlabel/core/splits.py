"""Choosing a frozen, stratified test split, and changing it from the app.

The test split is chosen once and stored with the documents, so that every run of every recipe is
measured on the same held-out reports and none of them is ever trained on. Which reports belong to a
task is the engine's knowledge (``medlabel.ml.data``); the functions here take them as ``Member``s.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from medlabel.core import tables
from medlabel.core.documents import SPLITS, set_split
from medlabel.core.errors import MedlabelError, NotFoundError
from medlabel.core.project import Project


def stratified_test_split(
    keys: Sequence[Hashable], strata: Sequence[Hashable], test_fraction: float, seed: int = 0
) -> set[Hashable]:
    """Pick ``round(test_fraction * len(keys))`` keys, spread over the strata in proportion (largest
    remainders; at least one of each stratum with two or more members), reproducibly for a seed."""
    if not 0 < test_fraction < 1:
        raise ValueError("test_fraction must lie between 0 and 1")
    groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    for key, stratum in zip(keys, strata, strict=True):
        groups[stratum].append(key)
    order = sorted(groups, key=str)
    wanted = round(len(keys) * test_fraction)
    quotas = {s: len(groups[s]) * test_fraction for s in order}
    counts = {s: int(quotas[s]) for s in order}
    for s in sorted(order, key=lambda s: quotas[s] - counts[s], reverse=True)[
        : max(0, wanted - sum(counts.values()))
    ]:
        counts[s] += 1
    for s in order:
        if len(groups[s]) >= 2:
            counts[s] = min(max(counts[s], 1), len(groups[s]) - 1)
    rng = random.Random(seed)
    chosen: set[Hashable] = set()
    for s in order:
        members = sorted(groups[s], key=str)
        rng.shuffle(members)
        chosen.update(members[: counts[s]])
    return chosen


# --- a task's split, as the app shows and changes it ------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One report of a task: its id, the stratum it is split by (its label; one stratum for extraction)
    and the split it is in now (None: not in one yet)."""

    doc_id: int
    stratum: str
    split: str | None


def split_counts(members: Iterable[Member]) -> dict[str, dict[str, int]]:
    """For each stratum, in order of first appearance: how many of its reports are in ``train``,
    ``test`` and in no split (``none``)."""
    counts: dict[str, Counter[str]] = {}
    for m in members:
        counts.setdefault(m.stratum, Counter())[m.split or "none"] += 1
    return {s: {part: c[part] for part in ("train", "test", "none")} for s, c in counts.items()}


def freeze_test_split(
    project: Project, task: str, members: Sequence[Member], fraction: float, annotator: str, seed: int = 0
) -> dict[str, int]:
    """Choose ``fraction`` of a task's reports as its test split, stratified, and store it: the chosen
    ones go to ``test``, the others that are in no split yet to ``train``. With the training default
    fraction this is the split the first training run would freeze (same function, same seed).

    Refused when the task already has test reports: a frozen test split changes only report by report
    (:func:`move_to_split`), so that runs stay comparable. Returns ``{"test": n, "train": n}``, the
    number of reports put into each split.
    """
    project.require_writable()
    in_test = sum(1 for m in members if m.split == "test")
    if in_test:
        raise MedlabelError(
            f"task {task!r} already has a test split ({in_test} reports); it stays frozen so that runs "
            "remain comparable — move single reports between train and test instead",
            code="splits.already_frozen",
            task=task,
            count=in_test,
        )
    if not 0 < fraction < 1:
        raise MedlabelError(
            f"the test split's share must lie between 0 and 1 (exclusive), not {fraction}",
            code="splits.bad_fraction",
            fraction=fraction,
        )
    chosen = stratified_test_split([m.doc_id for m in members], [m.stratum for m in members], fraction, seed)
    if len(members) < 2 or not chosen or len(chosen) == len(members):
        raise MedlabelError(
            f"task {task!r} has {len(members)} annotated report(s), too few to hold some out for testing "
            "and train on the rest; annotate more reports first",
            code="splits.too_few",
            task=task,
            count=len(members),
        )
    rest = sorted(m.doc_id for m in members if m.doc_id not in chosen and m.split is None)
    set_split(project, sorted(m.doc_id for m in members if m.doc_id in chosen), "test", annotator)
    if rest:
        set_split(project, rest, "train", annotator)
    return {"test": len(chosen), "train": len(rest)}


def move_to_split(project: Project, doc_ids: Sequence[int], split: str, annotator: str) -> dict[str, int]:
    """Move reports into ``split`` (``train`` or ``test``), each recorded in its own audit history.
    Returns ``{"moved": n, "unchanged": n}`` (reports already in that split are left as they are)."""
    if split not in SPLITS:  # a caller's mistake: no user picks a split by name
        raise ValueError(f"unknown split {split!r}; use one of: {', '.join(SPLITS)}")
    if not doc_ids:
        raise MedlabelError("no report was chosen to move", code="splits.nothing_chosen")
    project.require_writable()
    wanted = sorted(set(doc_ids))
    d = tables.documents
    now: dict[int, str | None] = {}
    with project.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            now.update(
                (r.id, r.split) for r in conn.execute(select(d.c.id, d.c.split).where(d.c.id.in_(chunk)))
            )
    missing = [i for i in wanted if i not in now]
    if missing:
        raise NotFoundError(f"there is no document with internal id {missing[0]}")
    moving = [i for i in wanted if now[i] != split]
    if moving:
        set_split(project, moving, split, annotator, per_document=True)
    return {"moved": len(moving), "unchanged": len(wanted) - len(moving)}
