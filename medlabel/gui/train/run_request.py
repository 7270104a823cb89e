"""What the training page asks for, checked before Train is enabled (no Qt: the page only shows it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.ml.models import ModelSource, resolve_model
from medlabel.ml.recipes import choose_recipe
from medlabel.ml.settings import BaseSettings, settings_for
from medlabel.ml.tasks import ENTITIES_TASK

BUILT_IN_MODELS = ("minilm", "smollm2")


def task_kind(task: str) -> str:
    return "spans" if task == ENTITIES_TASK else "document"


@dataclass
class RunRequest:
    task: str
    recipe: str = "auto"  # as picked; ``resolved`` is what will run
    preset: str = "default"
    model: str = "minilm"
    changed: dict[str, Any] = field(default_factory=dict)  # settings the user changed by hand

    def check_model(self) -> ModelSource | None:
        """The model, checked as the engine will load it (raises its ``MedlabelError``); None when the
        recipe needs none."""
        if self.recipe == "baseline":
            return None
        return resolve_model(self.model, bool(self.changed.get("allow_pickle", False)))

    def resolved(self, source: ModelSource | None) -> str:
        return choose_recipe(self.recipe, task_kind(self.task), source)

    def settings(self, source: ModelSource | None) -> dict[str, Any]:
        """The settings the run is started with: only what the user chose; the run resolves the rest."""
        values: dict[str, Any] = {"task": self.task, "recipe": self.resolved(source), "preset": self.preset}
        if values["recipe"] != "baseline":
            values["model"] = self.model
        values.update(self.changed)
        return values

    def validate(self, source: ModelSource | None) -> BaseSettings:
        """The full settings of the run; raises the engine's ``MedlabelError`` for a bad one."""
        values = self.settings(source)
        return settings_for(values["recipe"], values)


def check(request: RunRequest) -> tuple[ModelSource | None, BaseSettings | None, MedlabelError | None]:
    """The model and settings of ``request``, or the first error that keeps it from running."""
    try:
        source = request.check_model()
        return source, request.validate(source), None
    except MedlabelError as exc:
        return None, None, exc
