"""A run's log file, and a quiet terminal: what libraries say goes to ``runs/<id>/run.log``.

transformers reports how it loaded a model (which weights were new, which unused) and libraries warn
about their own future changes; useful when a run fails, noise for a clinician watching it. They are
kept in the run's log file, with medlabel's own messages and any traceback, and left off stderr.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

LOG_FILE = "run.log"
QUIET = ("transformers", "peft", "torch", "accelerate", "huggingface_hub", "py.warnings", "medlabel")


@contextlib.contextmanager
def run_log(folder: Path | None) -> Iterator[Path | None]:
    """While inside, library logs and warnings go to ``folder/run.log`` only (nowhere for None)."""
    handler: logging.Handler
    path = None
    if folder is None:
        handler = logging.NullHandler()
    else:
        Path(folder).mkdir(parents=True, exist_ok=True)
        path = Path(folder) / LOG_FILE
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s: %(message)s"))
    from transformers.utils import logging as hf_logging

    # transformers adds its own stderr handler when first used; take it off for the run.
    hf_logging.disable_default_handler()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # "Loading weights" bars on stderr
    saved = []
    for name in QUIET:
        logger = logging.getLogger(name)
        saved.append((logger, list(logger.handlers), logger.propagate, logger.level))
        logger.handlers = [handler]
        logger.propagate = False
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        logging.captureWarnings(True)
        try:
            yield path
        finally:
            logging.captureWarnings(False)
            for logger, handlers, propagate, level in saved:
                logger.handlers, logger.propagate, logger.level = handlers, propagate, level
            handler.close()
            hf_logging.enable_default_handler()
            if bars:
                hf_logging.enable_progress_bar()
