"""Recipes: the ways medlabel learns a task. Each is a module with two functions,

``train(task, train, val, config, source, out_dir, reporter, cancel) -> dict`` — fits on ``train``,
early-stops on ``val``, saves everything it needs under ``out_dir`` and returns facts for the run
record (e.g. ``{"epochs_run": 4, "best_val": 0.83, "truncation": "head_tail"}``); raises
``medlabel.core.jobs.Cancelled`` when ``cancel`` was set;

``predict(out_dir, texts, config, source, reporter, cancel) -> list[DocPrediction | SpanPrediction]``
— one prediction per text, in order, from what ``train`` saved (``source`` is the base model).

``task`` is a ``DocTask`` or ``SpanTask``; examples are ``DocExample`` / ``SpanExample``
(``medlabel.ml.tasks``).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from medlabel.core.errors import MedlabelError
from medlabel.ml.models import ModelSource

KINDS = {
    "baseline": ("document",),
    "classifier": ("document",),
    "tagger": ("spans",),
    "instruct": ("document", "spans"),
}


def choose_recipe(requested: str, task_kind: str, source: ModelSource | None) -> str:
    """The recipe for ``requested`` (or ``auto``), checked against the task kind."""
    if requested == "auto":
        if source is not None and source.gguf_file:
            return "instruct"
        return "classifier" if task_kind == "document" else "tagger"
    if requested not in KINDS:
        raise MedlabelError(f"unknown recipe {requested!r}; choose one of: auto, {', '.join(KINDS)}")
    if task_kind not in KINDS[requested]:
        hint = "classifier, instruct or baseline" if task_kind == "document" else "tagger or instruct"
        raise MedlabelError(f"the {requested} recipe cannot learn a {task_kind} task; use {hint}")
    return requested


def recipe_module(name: str) -> ModuleType:
    return importlib.import_module(f"medlabel.ml.recipes.{name}")
