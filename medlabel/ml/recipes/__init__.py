"""Recipes: the ways medlabel learns a task, each a module that satisfies ``Recipe``.

``train(task, train, val, ctx)`` fits on ``train``, early-stops on ``val``, saves everything it needs
under ``ctx.out_dir`` and returns facts for the run record (e.g. ``{"epochs_run": 4, "best_val": 0.83}``);
it raises ``medlabel.core.jobs.Cancelled`` when ``ctx.cancel`` was set. ``predict(texts, ctx)`` returns
one prediction per text, in order, from what ``train`` saved (``ctx.source`` is the base model).

``task`` is a ``DocTask`` or ``SpanTask``; examples are ``DocExample`` / ``SpanExample``
(``medlabel.ml.tasks``).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, cast

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import NullReporter, Reporter
from medlabel.core.normalize import Vocabulary
from medlabel.ml.models import ModelSource
from medlabel.ml.settings import BaseSettings
from medlabel.ml.tasks import DocExample, DocPrediction, DocTask, SpanExample, SpanPrediction, SpanTask

KINDS = {
    "baseline": ("document",),
    "classifier": ("document",),
    "tagger": ("spans",),
    "instruct": ("document", "spans"),
}

S = TypeVar("S", bound=BaseSettings)


@dataclass(frozen=True)
class RunContext(Generic[S]):
    """What a recipe is given besides its data, the same for training and predicting."""

    settings: S
    source: ModelSource | None  # the base model; None for the baseline
    out_dir: Path  # the recipe writes only here (training) and reads only from here (predicting)
    reporter: Reporter = field(default_factory=NullReporter)
    cancel: threading.Event | None = None
    # The project's value vocabularies, so predicted spans get the codes the annotators use.
    vocabularies: Mapping[str, Vocabulary] = field(default_factory=dict)

    def with_reporter(self, reporter: Reporter) -> RunContext[S]:
        return RunContext(self.settings, self.source, self.out_dir, reporter, self.cancel, self.vocabularies)


class Recipe(Protocol):
    def train(
        self,
        task: DocTask | SpanTask,
        train: Sequence[DocExample | SpanExample],
        val: Sequence[DocExample | SpanExample],
        ctx: RunContext[Any],
    ) -> dict[str, Any]: ...

    def predict(self, texts: Sequence[str], ctx: RunContext[Any]) -> list[DocPrediction | SpanPrediction]: ...


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


def recipe_module(name: str) -> Recipe:
    """The recipe called ``name`` (one of ``KINDS``), imported on first use: torch loads only when needed."""
    return cast(Recipe, importlib.import_module(f"medlabel.ml.recipes.{name}"))
