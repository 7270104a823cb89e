"""The project's label schema: label sets (single-choice document labels) and entity types (spans).

Each function commits before it returns and records the change in the audit log.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import EllipsisType
from typing import Any

from sqlalchemy import Connection, func, select

from medlabel.core import audit, tables
from medlabel.core.errors import NotFoundError, SchemaError
from medlabel.core.normalize import validate_normaliser
from medlabel.core.project import Project
from medlabel.core.records import EntityTypeSpec, ExportSchema, LabelSetSpec

# Twenty colours whose tints (the span backgrounds) stay apart for normal vision and for protanopia,
# deuteranopia and tritanopia: Okabe–Ito's seven, then a greedy farthest-point search in CAM02-UCS
# (tests/bench/palette_search.py). The first colours are the best spread, so small schemas do best.
PALETTE = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#4B0FFF", "#A50000",
    "#871E5A", "#87C369", "#5A4BFF", "#FF0F96", "#875A3C", "#8778FF", "#C3B4B4", "#5A4B4B", "#69963C",
    "#B42D00", "#780FB4",
)  # fmt: skip
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Label:
    id: int
    name: str
    definition: str


@dataclass(frozen=True)
class LabelSet:
    id: int
    name: str
    definition: str
    labels: tuple[Label, ...]

    @property
    def label_names(self) -> list[str]:
        return [lab.name for lab in self.labels]


@dataclass(frozen=True)
class EntityType:
    id: int
    name: str
    colour: str
    definition: str
    normaliser: dict[str, Any] | None


@dataclass(frozen=True)
class ProjectSchema:
    label_sets: tuple[LabelSet, ...] = ()
    entity_types: tuple[EntityType, ...] = ()

    def label_set(self, name: str) -> LabelSet:
        for ls in self.label_sets:
            if ls.name == name:
                return ls
        known = ", ".join(ls.name for ls in self.label_sets)
        raise NotFoundError(
            f"there is no label set {name!r}; the project has: {known or 'none'}",
            code="schema.no_label_set",
            label_set=name,
            known=known,
        )

    def entity_type(self, name: str) -> EntityType:
        for et in self.entity_types:
            if et.name == name:
                return et
        known = ", ".join(et.name for et in self.entity_types)
        raise NotFoundError(
            f"there is no entity type {name!r}; the project has: {known or 'none'}",
            code="schema.no_entity_type",
            entity_type=name,
            known=known,
        )

    def to_export(self) -> ExportSchema:
        return ExportSchema(
            label_sets=[
                LabelSetSpec(
                    ls.name,
                    ls.label_names,
                    ls.definition,
                    {lab.name: lab.definition for lab in ls.labels if lab.definition},
                )
                for ls in self.label_sets
            ],
            entity_types=[
                EntityTypeSpec(et.name, et.colour, et.definition, et.normaliser) for et in self.entity_types
            ],
        )


MAX_NAME_CHARS = 200


def _clean_name(name: str, what: str) -> str:
    """``name`` with its blanks tidied; ``what`` ("label set", "label", "entity type") names it in errors
    and, with underscores, is the ``kind`` a front end words them by."""
    cleaned = " ".join(str(name).split())
    kind = what.replace(" ", "_")
    if not cleaned:
        raise SchemaError(
            f"a {what} needs a name; the name given is empty", code="schema.name_empty", kind=kind
        )
    if len(cleaned) > MAX_NAME_CHARS:
        raise SchemaError(
            f"the {what} name {cleaned[:40]!r}… is longer than {MAX_NAME_CHARS} characters",
            code="schema.name_too_long",
            kind=kind,
            name=cleaned[:40],
            limit=MAX_NAME_CHARS,
        )
    return cleaned


def load_schema(project: Project, conn: Connection | None = None) -> ProjectSchema:
    """The whole schema, ordered as the user arranged it."""
    if conn is None:
        with project.engine.connect() as own:
            return load_schema(project, own)
    ls_rows = conn.execute(select(tables.label_sets).order_by(tables.label_sets.c.position)).all()
    lab_rows = conn.execute(select(tables.labels).order_by(tables.labels.c.position)).all()
    et_rows = conn.execute(select(tables.entity_types).order_by(tables.entity_types.c.position)).all()
    sets = tuple(
        LabelSet(
            r.id,
            r.name,
            r.definition,
            tuple(Label(lab.id, lab.name, lab.definition) for lab in lab_rows if lab.label_set_id == r.id),
        )
        for r in ls_rows
    )
    types = tuple(
        EntityType(r.id, r.name, r.colour, r.definition, json.loads(r.normaliser) if r.normaliser else None)
        for r in et_rows
    )
    return ProjectSchema(sets, types)


def _next_position(conn: Connection, table: Any, where: Any = None) -> int:
    query = select(func.coalesce(func.max(table.c.position), -1))
    if where is not None:
        query = query.where(where)
    return int(conn.execute(query).scalar_one()) + 1


def add_label_set_in(conn: Connection, spec: LabelSetSpec, annotator: str, existing: ProjectSchema) -> None:
    """Create a label set inside the caller's transaction (used by imports and the demo)."""
    name = _clean_name(spec.name, "label set")
    if any(ls.name == name for ls in existing.label_sets):
        raise _label_set_exists(name)
    names = [_clean_name(lab, "label") for lab in spec.labels]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SchemaError(
            f"label set {name!r} lists these labels twice: {', '.join(dupes)}",
            code="schema.duplicate_labels",
            label_set=name,
            labels=", ".join(dupes),
        )
    set_id = conn.execute(
        tables.label_sets.insert().values(
            name=name, definition=spec.definition, position=_next_position(conn, tables.label_sets)
        )
    ).inserted_primary_key[0]
    for pos, lab in enumerate(names):
        conn.execute(
            tables.labels.insert().values(
                label_set_id=set_id,
                name=lab,
                definition=spec.label_definitions.get(lab, ""),
                position=pos,
            )
        )
    audit.record(conn, annotator=annotator, action="add_label_set", target=name, after=names)


def add_label_set(project: Project, spec: LabelSetSpec, annotator: str) -> LabelSet:
    project.require_writable()
    with project.engine.begin() as conn:
        add_label_set_in(conn, spec, annotator, load_schema(project, conn))
    return load_schema(project).label_set(_clean_name(spec.name, "label set"))


def add_label_in(
    conn: Connection, label_set: LabelSet, label: str, annotator: str, definition: str = ""
) -> None:
    name = _clean_name(label, "label")
    if name in label_set.label_names:
        raise _label_exists(label_set.name, name)
    conn.execute(
        tables.labels.insert().values(
            label_set_id=label_set.id,
            name=name,
            definition=definition,
            position=_next_position(conn, tables.labels, tables.labels.c.label_set_id == label_set.id),
        )
    )
    audit.record(conn, annotator=annotator, action="add_label", target=f"{label_set.name}/{name}")


def add_label(project: Project, label_set: str, label: str, annotator: str, definition: str = "") -> None:
    project.require_writable()
    with project.engine.begin() as conn:
        add_label_in(conn, load_schema(project, conn).label_set(label_set), label, annotator, definition)


def add_entity_type_in(
    conn: Connection, spec: EntityTypeSpec, annotator: str, existing: ProjectSchema
) -> None:
    name = _clean_name(spec.name, "entity type")
    if any(et.name == name for et in existing.entity_types):
        raise _entity_type_exists(name)
    colour = spec.colour or PALETTE[len(existing.entity_types) % len(PALETTE)]
    if not _COLOUR.match(colour):
        raise _bad_colour(name, colour)
    normaliser = validate_normaliser(spec.normaliser) if spec.normaliser else None
    conn.execute(
        tables.entity_types.insert().values(
            name=name,
            colour=colour,
            definition=spec.definition,
            normaliser=json.dumps(normaliser) if normaliser else None,
            position=_next_position(conn, tables.entity_types),
        )
    )
    audit.record(conn, annotator=annotator, action="add_entity_type", target=name, after=normaliser)


def add_entity_type(project: Project, spec: EntityTypeSpec, annotator: str) -> EntityType:
    project.require_writable()
    with project.engine.begin() as conn:
        add_entity_type_in(conn, spec, annotator, load_schema(project, conn))
    return load_schema(project).entity_type(_clean_name(spec.name, "entity type"))


def rename_label(project: Project, label_set: str, old: str, new: str, annotator: str) -> None:
    project.require_writable()
    with project.engine.begin() as conn:
        ls = load_schema(project, conn).label_set(label_set)
        label = _find_label(ls, old)
        new = _clean_name(new, "label")
        if new != old and new in ls.label_names:
            raise _label_exists(label_set, new)
        conn.execute(tables.labels.update().where(tables.labels.c.id == label.id).values(name=new))
        audit.record(
            conn, annotator=annotator, action="rename_label", target=label_set, before=old, after=new
        )


def label_usage(project: Project, label_set: str, label: str) -> int:
    """How many documents carry this label (to tell the user before removing it)."""
    with project.engine.connect() as conn:
        lab = _find_label(load_schema(project, conn).label_set(label_set), label)
        return int(
            conn.execute(
                select(func.count())
                .select_from(tables.doc_labels)
                .where(tables.doc_labels.c.label_id == lab.id)
            ).scalar_one()
        )


def remove_label(project: Project, label_set: str, label: str, annotator: str, force: bool = False) -> int:
    """Remove a label; refuses if documents carry it unless ``force``. Returns the labels removed."""
    project.require_writable()
    used = label_usage(project, label_set, label)
    if used and not force:
        raise SchemaError(
            f"{used} document(s) are labelled {label!r} in {label_set!r}; removing the label removes "
            "those annotations too — confirm to go ahead",
            code="schema.label_in_use",
            label_set=label_set,
            label=label,
            count=used,
        )
    with project.engine.begin() as conn:
        lab = _find_label(load_schema(project, conn).label_set(label_set), label)
        conn.execute(tables.doc_labels.delete().where(tables.doc_labels.c.label_id == lab.id))
        conn.execute(tables.labels.delete().where(tables.labels.c.id == lab.id))
        audit.record(
            conn,
            annotator=annotator,
            action="remove_label",
            target=f"{label_set}/{label}",
            before={"used": used},
        )
    return used


def update_entity_type(
    project: Project,
    name: str,
    annotator: str,
    *,
    new_name: str | None = None,
    colour: str | None = None,
    definition: str | None = None,
    normaliser: Mapping[str, Any] | EllipsisType | None = ...,
) -> None:
    """Change what is given; ``normaliser=None`` removes the type's normaliser, ``...`` keeps it.

    A new normaliser may add units, an analyte or a plausible range at any time, but while spans of the
    type exist it may not change the kind, the canonical (first) unit or the vocabulary of the one it
    has: their stored values would no longer mean what they say.
    """
    project.require_writable()
    with project.engine.begin() as conn:
        schema = load_schema(project, conn)
        et = schema.entity_type(name)
        changes: dict[str, Any] = {}
        if normaliser is not ...:
            clean = validate_normaliser(normaliser) if normaliser else None
            if clean != et.normaliser:
                # A type without a normaliser has no stored values that a new one could contradict.
                if et.normaliser and _value_meaning(clean) != _value_meaning(et.normaliser):
                    used = _count(conn, tables.spans, tables.spans.c.entity_type_id == et.id)
                    if used:
                        raise SchemaError(
                            f"{used} span(s) of {name!r} carry values as the type defines them now; "
                            "keep its kind, first unit and vocabulary (add other units after the first), "
                            "or add a new entity type",
                            code="schema.normaliser_in_use",
                            entity_type=name,
                            count=used,
                        )
                changes["normaliser"] = json.dumps(clean) if clean else None
        if new_name is not None and new_name != et.name:
            new_name = _clean_name(new_name, "entity type")
            if any(other.name == new_name for other in schema.entity_types):
                raise _entity_type_exists(new_name)
            changes["name"] = new_name
        if colour is not None:
            if not _COLOUR.match(colour):
                raise _bad_colour(name, colour)
            changes["colour"] = colour
        if definition is not None:
            changes["definition"] = definition
        if changes:
            conn.execute(
                tables.entity_types.update().where(tables.entity_types.c.id == et.id).values(**changes)
            )
            before = {k: getattr(et, k) for k in changes}
            if "normaliser" in changes:  # the audit trail keeps the dict, not its JSON text
                changes = {**changes, "normaliser": json.loads(changes["normaliser"] or "null")}
            audit.record(
                conn,
                annotator=annotator,
                action="update_entity_type",
                target=name,
                before=before,
                after=changes,
            )


def _value_meaning(normaliser: Mapping[str, Any] | None) -> tuple[Any, ...]:
    """What a stored value of the type means: its kind, canonical unit or vocabulary."""
    if not normaliser:
        return (None,)
    if normaliser["kind"] == "number":
        return ("number", normaliser["units"][0])
    return ("code", normaliser["vocabulary"])


def _find_label(label_set: LabelSet, name: str) -> Label:
    for lab in label_set.labels:
        if lab.name == name:
            return lab
    known = ", ".join(label_set.label_names)
    raise NotFoundError(
        f"label set {label_set.name!r} has no label {name!r}; its labels are: {known}",
        code="schema.no_label",
        label_set=label_set.name,
        label=name,
        known=known,
    )


def _label_set_exists(name: str) -> SchemaError:
    return SchemaError(
        f"a label set named {name!r} exists already; choose another name",
        code="schema.label_set_exists",
        label_set=name,
    )


def _label_exists(label_set: str, label: str) -> SchemaError:
    return SchemaError(
        f"label set {label_set!r} already has a label {label!r}",
        code="schema.label_exists",
        label_set=label_set,
        label=label,
    )


def _entity_type_exists(name: str) -> SchemaError:
    return SchemaError(
        f"an entity type named {name!r} exists already; choose another name",
        code="schema.entity_type_exists",
        entity_type=name,
    )


def _bad_colour(entity_type: str, colour: str) -> SchemaError:
    return SchemaError(
        f"entity type {entity_type!r}: colour {colour!r} is not of the form #RRGGBB",
        code="schema.bad_colour",
        entity_type=entity_type,
        colour=colour,
    )


# --- editing (the schema editor) -------------------------------------------------------------------


@dataclass(frozen=True)
class SchemaUsage:
    """How much annotation hangs on each part of the schema, so the editor can say what a removal costs."""

    labels: dict[tuple[str, str], int]  # (label set, label) -> documents carrying it
    entity_types: dict[str, int]  # entity type -> spans of that type

    def label_set(self, name: str) -> int:
        return sum(n for (set_name, _), n in self.labels.items() if set_name == name)


def schema_usage(project: Project) -> SchemaUsage:
    """Counts for every label and entity type in two queries (instead of one per row of the editor)."""
    dl, sp = tables.doc_labels, tables.spans
    with project.engine.connect() as conn:
        schema = load_schema(project, conn)
        by_label = dict(conn.execute(select(dl.c.label_id, func.count()).group_by(dl.c.label_id)).all())
        by_type = dict(
            conn.execute(select(sp.c.entity_type_id, func.count()).group_by(sp.c.entity_type_id)).all()
        )
    return SchemaUsage(
        {(ls.name, lab.name): int(by_label.get(lab.id, 0)) for ls in schema.label_sets for lab in ls.labels},
        {et.name: int(by_type.get(et.id, 0)) for et in schema.entity_types},
    )


def label_set_usage(project: Project, label_set: str) -> int:
    """How many documents carry a label of this set."""
    with project.engine.connect() as conn:
        ls = load_schema(project, conn).label_set(label_set)
        return _count(conn, tables.doc_labels, tables.doc_labels.c.label_set_id == ls.id)


def update_label_set(
    project: Project, name: str, annotator: str, *, new_name: str | None = None, definition: str | None = None
) -> None:
    """Rename a label set and/or replace its definition; the documents' labels stay attached (by id).

    Training runs record their task by name, so runs made before a rename no longer find their task.
    """
    project.require_writable()
    with project.engine.begin() as conn:
        schema = load_schema(project, conn)
        ls = schema.label_set(name)
        changes: dict[str, Any] = {}
        if new_name is not None and new_name != ls.name:
            new_name = _clean_name(new_name, "label set")
            if any(other.name == new_name for other in schema.label_sets):
                raise _label_set_exists(new_name)
            changes["name"] = new_name
        if definition is not None and definition.strip() != ls.definition:
            changes["definition"] = definition.strip()
        if changes:
            conn.execute(tables.label_sets.update().where(tables.label_sets.c.id == ls.id).values(**changes))
            audit.record(
                conn,
                annotator=annotator,
                action="update_label_set",
                target=name,
                before={k: getattr(ls, k) for k in changes},
                after=changes,
            )


def remove_label_set(project: Project, label_set: str, annotator: str, force: bool = False) -> int:
    """Remove a label set with its labels; refuses if documents carry one of them unless ``force``.

    Returns the number of document labels removed with it.
    """
    project.require_writable()
    with project.engine.begin() as conn:
        ls = load_schema(project, conn).label_set(label_set)
        # Counted inside the transaction, so the number refused or audited is the number removed.
        used = _count(conn, tables.doc_labels, tables.doc_labels.c.label_set_id == ls.id)
        if used and not force:
            raise SchemaError(
                f"{used} document(s) carry a label of {label_set!r}; removing the label set removes those "
                "annotations too — confirm to go ahead",
                code="schema.label_set_in_use",
                label_set=label_set,
                count=used,
            )
        conn.execute(tables.doc_labels.delete().where(tables.doc_labels.c.label_set_id == ls.id))
        conn.execute(tables.labels.delete().where(tables.labels.c.label_set_id == ls.id))
        conn.execute(tables.label_sets.delete().where(tables.label_sets.c.id == ls.id))
        audit.record(
            conn,
            annotator=annotator,
            action="remove_label_set",
            target=label_set,
            before={"used": used, "definition": ls.definition, "labels": ls.label_names},
        )
    return used


def set_label_definition(
    project: Project, label_set: str, label: str, definition: str, annotator: str
) -> str:
    """Replace a label's definition; returns the previous one."""
    project.require_writable()
    definition = definition.strip()
    with project.engine.begin() as conn:
        lab = _find_label(load_schema(project, conn).label_set(label_set), label)
        if definition != lab.definition:
            conn.execute(
                tables.labels.update().where(tables.labels.c.id == lab.id).values(definition=definition)
            )
            audit.record(
                conn,
                annotator=annotator,
                action="set_label_definition",
                target=f"{label_set}/{label}",
                before=lab.definition,
                after=definition,
            )
    return lab.definition


def entity_type_usage(project: Project, name: str) -> int:
    """How many spans are of this entity type (to tell the user before removing it)."""
    with project.engine.connect() as conn:
        et = load_schema(project, conn).entity_type(name)
        return _count(conn, tables.spans, tables.spans.c.entity_type_id == et.id)


def remove_entity_type(project: Project, name: str, annotator: str, force: bool = False) -> int:
    """Remove an entity type; refuses if spans of it exist unless ``force``, which deletes them in the same
    transaction. Returns the number of spans removed."""
    project.require_writable()
    with project.engine.begin() as conn:
        et = load_schema(project, conn).entity_type(name)
        used = _count(conn, tables.spans, tables.spans.c.entity_type_id == et.id)
        if used and not force:
            raise SchemaError(
                f"{used} span(s) are marked {name!r}; removing the entity type removes those spans too — "
                "confirm to go ahead",
                code="schema.entity_type_in_use",
                entity_type=name,
                count=used,
            )
        conn.execute(tables.spans.delete().where(tables.spans.c.entity_type_id == et.id))
        conn.execute(tables.entity_types.delete().where(tables.entity_types.c.id == et.id))
        # The full spec goes into the audit trail so that a removed type can be recreated from it.
        audit.record(
            conn,
            annotator=annotator,
            action="remove_entity_type",
            target=name,
            before={
                "used": used,
                "colour": et.colour,
                "definition": et.definition,
                "normaliser": et.normaliser,
            },
        )
    return used


def _count(conn: Connection, table: Any, where: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table).where(where)).scalar_one())
