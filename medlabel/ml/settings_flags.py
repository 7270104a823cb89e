"""Command-line flags generated from the settings schema (``settings.field_specs``).

The basic settings come first in ``--help``; the rest sit under an "advanced options" heading. A flag's
default is shown per recipe, because each recipe has its own.
"""

from __future__ import annotations

import argparse
from typing import Any

from medlabel.ml.settings import BASIC, RECIPES, FieldSpec, field_specs


def _default_text(spec: FieldSpec) -> str:
    values = {repr(v) if isinstance(v, str) else str(v) for v in spec.defaults.values()}
    if len(values) == 1:
        return f"default: {values.pop()}"
    return "default: " + ", ".join(
        f"{recipe} {v!r}" if isinstance(v, str) else f"{recipe} {v}" for recipe, v in spec.defaults.items()
    )


def _recipes_text(spec: FieldSpec) -> str:
    if len(spec.recipes) == len(RECIPES):
        return ""
    if set(spec.recipes) == set(RECIPES) - {"baseline"}:
        return "; not for the baseline"
    return f"; {' and '.join(spec.recipes)} only"


def add_arguments(parser: argparse.ArgumentParser, skip: tuple[str, ...] = ()) -> None:
    """One ``--flag`` per setting; unset flags stay None so that presets and recipes can fill them."""
    basic = parser.add_argument_group("basic options")
    advanced = parser.add_argument_group("advanced options")
    for spec in field_specs():
        if spec.name in skip:
            continue
        group = basic if spec.group == BASIC else advanced
        help_text = f"{spec.help} ({_default_text(spec)}{_recipes_text(spec)})".replace("%", "%%")
        if spec.type is bool:
            group.add_argument(spec.flag, action=argparse.BooleanOptionalAction, default=None, help=help_text)
            continue
        group.add_argument(
            spec.flag, type=spec.type, default=None, choices=spec.choices, help=help_text,
            metavar=None if spec.choices else spec.name.upper(),
        )  # fmt: skip


def given_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the user typed (flags left out are not in the dict)."""
    return {
        spec.name: getattr(args, spec.name)
        for spec in field_specs()
        if getattr(args, spec.name, None) is not None
    }
