"""The project database's tables (SQLAlchemy Core), the single definition of its layout.

Only the store modules use these objects; the rest of the program calls store functions. Names avoid
SQL keywords (``start_offset`` rather than ``start``) so that the same layout works on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("external_id", String(512), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("metadata", Text, nullable=False, default="{}"),  # JSON object
    Column("split", String(32), nullable=True),
    Column("source", Text, nullable=True),
    Column("created_at", String(32), nullable=False),
)
Index("ix_documents_split", documents.c.split)
# A covering index of the ids alone: listing all ids in order then reads ~1 MB instead of every row
# with its text (32 ms instead of 108 ms at 100,000 reports).
Index("ix_documents_id", documents.c.id)

label_sets = Table(
    "label_sets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("definition", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
)

labels = Table(
    "labels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label_set_id", Integer, ForeignKey("label_sets.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("definition", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("label_set_id", "name", name="uq_labels_set_name"),
)

entity_types = Table(
    "entity_types",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("colour", String(16), nullable=False),
    Column("definition", Text, nullable=False, default=""),
    Column("normaliser", Text, nullable=True),  # JSON, see medlabel.core.normalize
    Column("position", Integer, nullable=False, default=0),
)

vocabulary_entries = Table(
    "vocabulary_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("vocabulary", String(200), nullable=False),
    Column("code", String(200), nullable=False),
    Column("term", Text, nullable=False),
    Column("synonyms", Text, nullable=False, default="[]"),  # JSON list of strings
    UniqueConstraint("vocabulary", "code", name="uq_vocabulary_code"),
)

# One current label per document and label set (single choice); its history is in audit_log.
doc_labels = Table(
    "doc_labels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("label_set_id", Integer, ForeignKey("label_sets.id", ondelete="CASCADE"), nullable=False),
    Column("label_id", Integer, ForeignKey("labels.id", ondelete="CASCADE"), nullable=False),
    Column("annotator", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("document_id", "label_set_id", name="uq_doc_labels_doc_set"),
)
Index("ix_doc_labels_label", doc_labels.c.label_id)

spans = Table(
    "spans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("entity_type_id", Integer, ForeignKey("entity_types.id", ondelete="CASCADE"), nullable=False),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
    Column("value", Float, nullable=True),
    Column("unit", String(32), nullable=True),
    Column("code", String(200), nullable=True),
    Column("annotator", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
)
Index("ix_spans_document", spans.c.document_id)
Index("ix_spans_type", spans.c.entity_type_id)

# Append-only: the store only inserts here (SQLite triggers reject UPDATE and DELETE).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(32), nullable=False),
    Column("annotator", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("document_id", Integer, nullable=True),
    Column("target", Text, nullable=True),
    Column("before", Text, nullable=True),  # JSON
    Column("after", Text, nullable=True),  # JSON
)
Index("ix_audit_document", audit_log.c.document_id)

# Training runs (schema version 2): one row per attempt, whatever its outcome.
runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("task", String(200), nullable=False),
    Column("task_kind", String(16), nullable=False),  # "document" or "spans"
    Column("recipe", String(32), nullable=False),
    Column("status", String(16), nullable=False),  # running, completed, failed, cancelled
    Column("config", Text, nullable=False),  # JSON of the resolved settings (ml/settings.py)
    Column("model_name", Text, nullable=True),
    Column("model_path", Text, nullable=True),
    Column("model_hash", String(64), nullable=True),
    Column("data_hash", String(64), nullable=True),
    Column("schema_version", Integer, nullable=False),
    Column("seed", Integer, nullable=True),
    Column("environment", Text, nullable=True),  # JSON: library versions, device
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32), nullable=True),
    Column("timings", Text, nullable=True),  # JSON: seconds per phase
    Column("info", Text, nullable=True),  # JSON: what the recipe reports (epochs run, truncation, ...)
    Column("metrics", Text, nullable=True),  # JSON: evaluation on the frozen test split
    Column("error", Text, nullable=True),
    Column("artefact_dir", Text, nullable=True),  # relative to the project folder
    Column("group_name", String(200), nullable=True),  # learning-curve runs share one
    Column("train_size", Integer, nullable=True),
)

doc_notes = Table(
    "doc_notes",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("note", Text, nullable=False, default=""),
    Column("flagged", Integer, nullable=False, default=0),  # "flag for discussion"
    Column("annotator", String(200), nullable=False),
    Column("updated_at", String(32), nullable=False),
)

predictions = Table(
    "predictions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(200), nullable=True),
    Column("confidence", Float, nullable=True),
    Column("probabilities", Text, nullable=True),  # JSON {label: p}
    Column("spans", Text, nullable=True),  # JSON [[start, end, type, value, unit, code, confidence], ...]
    Column("raw", Text, nullable=True),  # generated answer (instruct)
    Column("valid", Integer, nullable=False, default=1),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("run_id", "document_id", name="uq_predictions_run_doc"),
)
Index("ix_predictions_document", predictions.c.document_id)

# Second opinions (schema version 4): another annotator's labels and spans for the same reports, brought
# in from their copy of the project and kept apart from the project's own (gold) annotations, so that the
# two can be compared (inter-annotator agreement) without either overwriting the other.
opinion_labels = Table(
    "opinion_labels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("label_set_id", Integer, ForeignKey("label_sets.id", ondelete="CASCADE"), nullable=False),
    Column("label_id", Integer, ForeignKey("labels.id", ondelete="CASCADE"), nullable=False),
    Column("annotator", String(200), nullable=False),
    Column("imported_at", String(32), nullable=False),
    UniqueConstraint("document_id", "label_set_id", "annotator", name="uq_opinion_labels_doc_set_annotator"),
)

opinion_spans = Table(
    "opinion_spans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("entity_type_id", Integer, ForeignKey("entity_types.id", ondelete="CASCADE"), nullable=False),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
    Column("value", Float, nullable=True),
    Column("unit", String(32), nullable=True),
    Column("code", String(200), nullable=True),
    Column("annotator", String(200), nullable=False),
    Column("imported_at", String(32), nullable=False),
)
Index("ix_opinion_spans_document", opinion_spans.c.document_id)

# The reports an import covered for span annotation (they had spans or a split in the annotator's copy):
# a covered report without opinion spans says "nothing to mark here", which span agreement must count.
opinion_documents = Table(
    "opinion_documents",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("annotator", String(200), primary_key=True),
    Column("imported_at", String(32), nullable=False),
)
