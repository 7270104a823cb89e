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
