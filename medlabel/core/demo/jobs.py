"""The demo project as a long job (``job(inputs, reporter, cancel)``): the app runs it in a worker
thread, a test or script calls it directly. Qt-free, like every job in core."""

from __future__ import annotations

import threading
from pathlib import Path

from medlabel.core.demo.project import CORPORA, create_demo_project
from medlabel.core.errors import ProjectError
from medlabel.core.jobs import Reporter, check_cancel
from medlabel.core.project import DB_NAME


def check_demo_request(root: Path, corpus: str, documents: int, labelled: int, test: int) -> None:
    """Refuse a demo that cannot be made, before its corpus is generated: an unknown corpus, sizes that
    do not nest, or a folder that already holds a project."""
    if corpus not in CORPORA:
        raise ProjectError(
            f"unknown demo corpus {corpus!r}; choose one of: {', '.join(CORPORA)}",
            code="demo.unknown_corpus",
            corpus=corpus,
            choices=", ".join(CORPORA),
        )
    if not 0 <= test <= labelled <= documents:
        raise ProjectError(
            f"the demo needs 0 ≤ test ({test}) ≤ labelled ({labelled}) ≤ documents ({documents})",
            code="demo.sizes",
            test=test,
            labelled=labelled,
            documents=documents,
        )
    if (Path(root) / DB_NAME).exists():
        raise ProjectError(
            f"{root} already holds a project; choose an empty or new folder for the demo",
            code="demo.exists",
            path=str(root),
        )


def create_demo_job(
    root: Path,
    corpus: str,
    documents: int,
    labelled: int,
    test: int,
    reporter: Reporter,
    cancel: threading.Event,
) -> Path:
    """Create the demo project in ``root`` and close it again (the caller opens it)."""
    check_demo_request(root, corpus, documents, labelled, test)
    check_cancel(cancel)
    reporter.progress(0, 0, "")
    # A cancelled demo never appears: the project is put in place only after the last cancel check.
    create_demo_project(root, corpus, documents, labelled, test, cancel=cancel).close()
    return root
