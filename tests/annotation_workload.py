"""A stream of annotation writes that each really change the store, and the model that checks them.

Shared by the crash bench (tests/crash_trial.py: SIGKILL) and the power-loss simulation
(tests/bench/power_loss.py). Every write goes through the store functions the GUI calls (set_label,
add_span, delete_span, set_note) and is chosen so that it changes what is stored: a label other than the
current one, a new span, an existing span deleted, a note text never used before. Each acknowledged write
is a JSON-able record holding what the store reported before and after it, so a checker can rebuild the
exact state the store must hold.

The state is a flat dict: ("label", doc, label set) -> label, ("note", doc) -> (text, flagged),
("span", id) -> (doc, start, end, type, value, unit, code), and AUDIT -> number of audit rows (every real
write adds exactly one, so a transaction that kept its change but lost its audit row is caught too).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

LABEL_SET = "status"
LABELS = ["yes", "no", "maybe"]
ENTITY_TYPES = ["LV-EF", "DRUG"]
ANNOTATOR = "fault-writer"
AUDIT = ("audit",)

Key = tuple
State = dict[tuple, Any]
Write = dict[str, Any]


def make_project(root: Path, documents: int) -> None:
    """A closed project with ``documents`` short reports, one label set and two entity types."""
    from medlabel.core.importing import import_batch
    from medlabel.core.project import create_project
    from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch, LabelSetSpec

    batch = ImportBatch(
        source="fault-writer",
        documents=[
            DocRecord(f"Report {i}: LVEF 55 %, on metoprolol 50 mg, no smoking.", f"d{i}")
            for i in range(documents)
        ],
        label_sets=[LabelSetSpec(LABEL_SET, LABELS)],
        entity_types=[EntityTypeSpec(name) for name in ENTITY_TYPES],
    )
    with create_project(root) as project:
        import_batch(project, batch)


def store_state(root: Path) -> State:
    """Open the project for writing as the app would (after a crash: recovering the WAL), check it with
    PRAGMA integrity_check, and read its state."""
    from medlabel.core.project import integrity_check, open_project

    with open_project(root) as project:
        verdict = integrity_check(project)
        if verdict != "ok":
            raise AssertionError(f"PRAGMA integrity_check on {root}: {verdict}")
        with project.engine.connect() as conn:
            return read_state(conn)


def read_state(conn: Connection) -> State:
    """Everything the writes can touch, read straight from the tables."""
    from medlabel.core import tables as t

    state: State = {}
    rows = conn.execute(
        select(t.doc_labels.c.document_id, t.label_sets.c.name.label("set_name"), t.labels.c.name)
        .join(t.labels, t.labels.c.id == t.doc_labels.c.label_id)
        .join(t.label_sets, t.label_sets.c.id == t.doc_labels.c.label_set_id)
    )
    for r in rows:
        state[("label", r.document_id, r.set_name)] = r.name
    for r in conn.execute(select(t.doc_notes.c.document_id, t.doc_notes.c.note, t.doc_notes.c.flagged)):
        state[("note", r.document_id)] = (r.note, bool(r.flagged))
    sp = t.spans
    rows = conn.execute(
        select(sp, t.entity_types.c.name.label("type_name")).join(
            t.entity_types, t.entity_types.c.id == sp.c.entity_type_id
        )
    )
    for r in rows:
        state[("span", r.id)] = (
            r.document_id,
            r.start_offset,
            r.end_offset,
            r.type_name,
            r.value,
            r.unit,
            r.code,
        )
    state[AUDIT] = conn.execute(select(func.count()).select_from(t.audit_log)).scalar_one()
    return state


def _span_fields(span: Any) -> tuple:
    return (span.document_id, span.start, span.end, span.type, span.value, span.unit, span.code)


def effect(write: Write) -> tuple[Key, Any]:
    """The key a write changes and the value it leaves there (None: the key no longer exists)."""
    op = write["op"]
    if op == "label":
        return ("label", write["doc"], LABEL_SET), write["after"]
    if op == "note":
        return ("note", write["doc"]), tuple(write["after"])
    if op == "add_span":
        return ("span", write["id"]), tuple(write["span"])
    if op == "delete_span":
        return ("span", write["id"]), None
    raise ValueError(f"unknown write {op!r}")


def reported_before(write: Write) -> Any:
    """What the store said the key held just before the write (as returned by the store function)."""
    op = write["op"]
    if op == "label":
        return write["before"]
    if op == "note":
        before = tuple(write["before"])
        return None if before == ("", False) else before  # the store reports "no note" as an empty one
    if op == "add_span":
        return None
    return tuple(write["before"])


class Writer:
    """Chooses and performs one real-change write at a time on an open project.

    ``docs`` is a small working set, so that documents are written again and again within a session
    (latest-write-wins is what gets checked) and spans accumulate to be deleted."""

    def __init__(self, project: Any, rng: random.Random, docs: Sequence[int], tag: str) -> None:
        self.project = project
        self.rng = rng
        self.docs = list(docs)
        self.tag = tag
        self.serial = 0

    def intent(self) -> Write:
        """The next write, decided before it is made (a crash may interrupt it)."""
        from medlabel.core.annotations import get_labels, get_spans
        from medlabel.core.documents import get_document

        self.serial += 1
        doc = self.rng.choice(self.docs)
        kind = self.rng.choices(["label", "add_span", "delete_span", "note"], [3, 3, 2, 2])[0]
        if kind == "delete_span":
            spans = get_spans(self.project, doc)
            if spans:
                return {"op": "delete_span", "id": self.rng.choice(spans).id}
            kind = "add_span"
        if kind == "label":
            current = get_labels(self.project, doc).get(LABEL_SET)
            choices: list[str | None] = [lab for lab in LABELS if lab != current]
            if current is not None:
                choices.append(None)  # clearing a label is a change too
            return {"op": "label", "doc": doc, "after": self.rng.choice(choices)}
        if kind == "note":
            words = " ".join(
                self.rng.choice(["recheck", "LVEF", "ask Dr. B", "smoker?", "ok"]) for _ in range(3)
            )
            # The serial and tag make the text unique, so the note always changes.
            return {
                "op": "note",
                "doc": doc,
                "after": [f"{self.tag} #{self.serial}: {words}", self.rng.random() < 0.3],
            }
        length = len(get_document(self.project, doc).text)
        start = self.rng.randrange(0, length - 1)
        end = self.rng.randrange(start + 1, min(length, start + 12) + 1)
        typ = self.rng.choice(ENTITY_TYPES)
        if typ == "LV-EF":
            value, unit, code = round(self.rng.uniform(10, 80), 1), "%", None
        else:
            value, unit, code = None, None, f"C07AB{self.rng.randrange(10, 99)}"
        return {"op": "add_span", "span": [doc, start, end, typ, value, unit, code]}

    def perform(self, intent: Write) -> Write:
        """Make the write through the store's public functions; returns the acknowledgement record."""
        from medlabel.core.annotations import add_span, delete_span, set_label
        from medlabel.core.notes import Note, set_note

        op = intent["op"]
        if op == "label":
            before = set_label(self.project, intent["doc"], LABEL_SET, intent["after"], ANNOTATOR)
            return {**intent, "before": before}
        if op == "note":
            text, flagged = intent["after"]
            previous = set_note(self.project, intent["doc"], Note(text, flagged), ANNOTATOR)
            return {**intent, "before": [previous.text, previous.flagged]}
        if op == "add_span":
            doc, start, end, typ, value, unit, code = intent["span"]
            span_id = add_span(
                self.project, doc, start, end, typ, ANNOTATOR, value=value, unit=unit, code=code
            )
            return {**intent, "id": span_id}
        removed = delete_span(self.project, intent["id"], ANNOTATOR)
        return {**intent, "before": list(_span_fields(removed))}


def run_writes(
    project: Any,
    rng: random.Random,
    count: int | None,
    tag: str,
    on_intent: Callable[[Write], None],
    on_ack: Callable[[Write], None],
    working_set: int = 40,
) -> None:
    """Write ``count`` times (forever with None), announcing each intent and each acknowledgement."""
    from medlabel.core.documents import document_ids

    all_docs = document_ids(project)
    writer = Writer(project, rng, rng.sample(all_docs, min(working_set, len(all_docs))), tag)
    done = 0
    while count is None or done < count:
        intent = writer.intent()
        on_intent(intent)
        on_ack(writer.perform(intent))
        done += 1


class Replay:
    """The states the store passes through, rebuilt from a starting state and acknowledged writes.

    ``apply`` also tells whether each write was a real change, judged against this model (not against
    what the writer claimed) and checks that the store's reported "before" agrees with the model."""

    def __init__(self, start: State) -> None:
        self.state: State = dict(start)
        self.history: dict[Key, list[Any]] = {}  # key -> [value before the session, then each written value]
        self.fingerprint = _fingerprint(self.state)
        self.fingerprints: list[int] = [self.fingerprint]  # after 0, 1, 2, ... writes
        self.writes = 0
        self.real = 0
        self.kinds: Counter[str] = Counter()  # real writes by kind (a label cleared counts apart)

    def apply(self, write: Write, check_before: bool = True) -> bool:
        key, value = effect(write)
        old = self.state.get(key)
        if check_before and reported_before(write) != old:
            raise AssertionError(
                f"write {self.writes + 1} ({write}) found {reported_before(write)!r} stored where the model "
                f"holds {old!r}: something else changed the store, or the model is wrong"
            )
        real = old != value
        self.history.setdefault(key, [old]).append(value)
        self._set(key, value)
        if real:  # the store adds an audit row only for a change
            self._set(AUDIT, self.state.get(AUDIT, 0) + 1)
        self.writes += 1
        self.real += real
        if real:
            self.kinds["clear_label" if write["op"] == "label" and value is None else write["op"]] += 1
        self.fingerprints.append(self.fingerprint)
        return real

    def _set(self, key: Key, value: Any) -> None:
        old = self.state.get(key)
        if old is not None:
            self.fingerprint -= hash((key, old))
        if value is None:
            self.state.pop(key, None)
        else:
            self.state[key] = value
            self.fingerprint += hash((key, value))


def _fingerprint(state: State) -> int:
    # An order-free sum, so that one write updates it in O(1); equal sums mean equal states (up to a
    # collision of Python's 64-bit hashes, far below anything that matters here).
    return sum(hash(item) for item in state.items())


@dataclass
class Verdict:
    """How a recovered store compares with the writes acknowledged before the fault."""

    acknowledged: int  # writes acknowledged before the fault
    lost: int  # of those, writes whose effect is not in the store (superseded ones count when undone)
    prefix: int | None  # the store equals the state after this many writes; None: after no prefix


def judge(actual: State, replay: Replay, acknowledged: int, in_flight: Write | None) -> Verdict:
    """Compare the recovered ``actual`` state with ``replay`` (which has applied exactly the
    ``acknowledged`` writes). ``in_flight`` is the write that had begun but was not acknowledged, if any:
    the store may hold it or not. Its span id may be None (a crash before add_span returned)."""
    if in_flight is not None and in_flight["op"] == "add_span" and in_flight.get("id") is None:
        new_ids = [k[1] for k in actual if k[0] == "span" and k not in replay.state]
        in_flight = {**in_flight, "id": new_ids[0]} if len(new_ids) == 1 else None
    in_flight_effect = effect(in_flight) if in_flight is not None else None
    lost = 0
    for key, values in replay.history.items():
        now = actual.get(key)
        if now == values[-1] or (in_flight_effect is not None and in_flight_effect == (key, now)):
            continue
        # The writes after the last one whose value the store still holds are lost (all, if none).
        held = [i for i, v in enumerate(values) if v == now]
        lost += len(values) - 1 - (held[-1] if held else 0)
    fingerprint = _fingerprint(actual)
    candidates = list(enumerate(replay.fingerprints))
    if in_flight is not None:
        nxt = Replay(replay.state)
        nxt.apply(in_flight, check_before=False)  # an interrupted write never reported its "before"
        candidates.append((acknowledged + 1, nxt.fingerprint))
    prefix = next((k for k, f in reversed(candidates) if f == fingerprint), None)
    return Verdict(acknowledged, lost, prefix)
