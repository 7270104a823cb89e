"""Creating a ready-to-use demo project from a synthetic corpus."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from medlabel.core.errors import ProjectError
from medlabel.core.jobs import check_cancel
from medlabel.core.records import DocRecord, ImportBatch
from medlabel.core.splits import stratified_test_split

if TYPE_CHECKING:
    from medlabel.core.importing import ImportReport
    from medlabel.core.project import Project

# The store (SQLAlchemy) is imported only when a demo project is made, so that the CLI can read CORPORA
# and DESCRIPTIONS while it builds its parser without slowing down every command.
CORPORA = ("smoking", "cardio", "dyspnea")
DESCRIPTIONS = {
    "smoking": "English discharge summaries, smoking status (document labels; one sentence decides)",
    "cardio": "German cardiac MRI reports, function values (spans)",
    "dyspnea": "English discharge summaries of breathless patients, principal diagnosis (document "
    "labels; needs the whole report)",
}
DEMO_ANNOTATOR = "demo-gold"


def demo_batch(
    corpus: str, documents: int = 600, labelled: int = 400, test: int = 100, seed: int = 0
) -> ImportBatch:
    """The corpus with gold annotations kept on ``labelled`` documents, ``test`` of which (stratified by
    label) form the frozen test split; the other documents come unlabelled, as new reports would."""
    if corpus not in CORPORA:
        raise ProjectError(f"unknown demo corpus {corpus!r}; choose one of: {', '.join(CORPORA)}")
    if not 0 <= test <= labelled <= documents:
        raise ProjectError(
            f"the demo needs 0 ≤ test ({test}) ≤ labelled ({labelled}) ≤ documents ({documents})"
        )
    batch: ImportBatch = importlib.import_module(f"medlabel.core.demo.{corpus}").generate(documents, seed)
    gold, rest = batch.documents[:labelled], batch.documents[labelled:]
    test_ids: set = set()
    if test:
        strata = [_stratum(doc) for doc in gold]
        test_ids = stratified_test_split([doc.external_id for doc in gold], strata, test / labelled, seed)
    for doc in gold:
        doc.split = "test" if doc.external_id in test_ids else "train"
    batch.documents = gold + [
        DocRecord(doc.text, doc.external_id, {}, [], doc.metadata, None, doc.origin) for doc in rest
    ]
    return batch


def import_batch(project: Project, batch: ImportBatch, annotator: str) -> ImportReport:
    """``medlabel.core.importing.import_batch``, imported on first use (it brings in the store)."""
    from medlabel.core.importing import import_batch as store_batch

    return store_batch(project, batch, annotator=annotator)


def _stratum(doc: DocRecord) -> str:
    # Document labels stratify directly; for span corpora, the set of fields present is the closest analogue.
    if doc.labels:
        return "|".join(f"{k}={v}" for k, v in sorted(doc.labels.items()))
    return "spans" if doc.spans else "none"


def create_demo_project(
    root: Path | str,
    corpus: str = "smoking",
    documents: int = 600,
    labelled: int = 400,
    test: int = 100,
    seed: int = 0,
    cancel: threading.Event | None = None,
) -> Project:
    """Create the project folder and import the demo corpus; the project appears only when complete,
    so a failure or ``cancel`` leaves no half project behind."""
    from medlabel.core.project import DB_NAME, building_project, open_project

    root = Path(root)
    if (root / DB_NAME).exists():
        raise ProjectError(f"{root} already holds a project; choose an empty or new folder for the demo")
    batch = demo_batch(corpus, documents, labelled, test, seed)
    with building_project(root) as project:
        import_batch(project, batch, annotator=DEMO_ANNOTATOR)
        check_cancel(cancel)
    return open_project(root, backup=False)
