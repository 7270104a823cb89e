"""Counts that describe a project: documents, splits, labels per label set, spans per entity type."""

from __future__ import annotations

from typing import Any

from sqlalchemy import distinct, func, select

from medlabel.core import migrations, tables
from medlabel.core.project import Project
from medlabel.core.schema import load_schema


def project_info(project: Project) -> dict[str, Any]:
    """A JSON-able summary; ``medlabel info`` prints it and the GUI shows it."""
    d, dl, sp = tables.documents, tables.doc_labels, tables.spans
    schema = load_schema(project)
    with project.engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(d)).scalar_one())
        splits = {
            (r[0] or "none"): int(r[1])
            for r in conn.execute(select(d.c.split, func.count()).group_by(d.c.split))
        }
        label_counts = {
            (r.label_set_id, r.label_id, r.split or "none"): int(r.n)
            for r in conn.execute(
                select(dl.c.label_set_id, dl.c.label_id, d.c.split, func.count().label("n"))
                .join(d, d.c.id == dl.c.document_id)
                .group_by(dl.c.label_set_id, dl.c.label_id, d.c.split)
            )
        }
        span_counts = {
            r.entity_type_id: (int(r.n), int(r.docs))
            for r in conn.execute(
                select(
                    sp.c.entity_type_id,
                    func.count().label("n"),
                    func.count(distinct(sp.c.document_id)).label("docs"),
                ).group_by(sp.c.entity_type_id)
            )
        }
        docs_with_spans = int(conn.execute(select(func.count(distinct(sp.c.document_id)))).scalar_one())
        version = migrations.read_version(conn)

    label_sets = []
    for ls in schema.label_sets:
        per_label = {}
        for lab in ls.labels:
            by_split = {
                s: n
                for (set_id, lab_id, s), n in label_counts.items()
                if set_id == ls.id and lab_id == lab.id
            }
            per_label[lab.name] = {"total": sum(by_split.values()), "by_split": by_split}
        labelled = sum(v["total"] for v in per_label.values())
        label_sets.append(
            {"name": ls.name, "labelled": labelled, "unlabelled": total - labelled, "labels": per_label}
        )
    entity_types = [
        {
            "name": et.name,
            "spans": span_counts.get(et.id, (0, 0))[0],
            "documents": span_counts.get(et.id, (0, 0))[1],
            "normaliser": et.normaliser,
        }
        for et in schema.entity_types
    ]
    return {
        "project": str(project.root),
        "schema_version": version,
        "documents": total,
        "splits": splits,
        "label_sets": label_sets,
        "entity_types": entity_types,
        "documents_with_spans": docs_with_spans,
    }


def format_info(info: dict[str, Any]) -> str:
    """The summary as plain-text tables for the terminal."""
    lines = [f"Project {info['project']}", f"  documents: {info['documents']}"]
    lines.append("  splits: " + ", ".join(f"{k} {v}" for k, v in sorted(info["splits"].items())))
    for ls in info["label_sets"]:
        lines.append("")
        lines.append(f"Label set {ls['name']}: {ls['labelled']} labelled, {ls['unlabelled']} unlabelled")
        width = max([len(name) for name in ls["labels"]] + [5])
        lines.append(f"  {'label':<{width}}  {'total':>6}  {'train':>6}  {'test':>6}  {'none':>6}")
        for name, counts in ls["labels"].items():
            bs = counts["by_split"]
            lines.append(
                f"  {name:<{width}}  {counts['total']:>6}  {bs.get('train', 0):>6}  "
                f"{bs.get('test', 0):>6}  {bs.get('none', 0):>6}"
            )
    if info["entity_types"]:
        lines.append("")
        lines.append(f"Spans ({info['documents_with_spans']} documents have spans)")
        width = max(len(et["name"]) for et in info["entity_types"])
        lines.append(f"  {'type':<{width}}  {'spans':>6}  {'docs':>6}  normaliser")
        for et in info["entity_types"]:
            norm = et["normaliser"] or {}
            desc = norm.get("kind", "-") + (f" ({', '.join(norm['units'])})" if norm.get("units") else "")
            lines.append(f"  {et['name']:<{width}}  {et['spans']:>6}  {et['documents']:>6}  {desc}")
    return "\n".join(lines)
