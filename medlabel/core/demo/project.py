"""Creating a ready-to-use demo project from a synthetic corpus."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

from medlabel.core.errors import ProjectError
from medlabel.core.importing import import_batch
from medlabel.core.jobs import check_cancel
from medlabel.core.project import DB_NAME, Project, building_project, open_project
from medlabel.core.records import DocRecord, ImportBatch
from medlabel.core.splits import stratified_test_split

CORPORA = ("smoking", "cardio")
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
    root = Path(root)
    if (root / DB_NAME).exists():
        raise ProjectError(f"{root} already holds a project; choose an empty or new folder for the demo")
    batch = demo_batch(corpus, documents, labelled, test, seed)
    with building_project(root) as project:
        import_batch(project, batch, annotator=DEMO_ANNOTATOR)
        check_cancel(cancel)
    return open_project(root, backup=False)
