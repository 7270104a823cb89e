"""The normalised value a span should get from its text, by its entity type's normaliser: when it is
marked, and again when it is retyped."""

from __future__ import annotations

from medlabel.core.errors import NormalisationError
from medlabel.core.normalize import NormalisedValue, NumberValue, Vocabulary, format_number, normalise
from medlabel.core.project import Project
from medlabel.core.schema import load_schema
from medlabel.core.vocabularies import load_vocabulary, vocabulary_names


def type_vocabulary(project: Project, type_name: str) -> Vocabulary | None:
    """The code vocabulary of a code-normalised entity type, when it is loaded in the project."""
    spec = load_schema(project).entity_type(type_name).normaliser
    if not spec or spec.get("kind") != "code" or spec.get("vocabulary") not in vocabulary_names(project):
        return None
    return load_vocabulary(project, spec["vocabulary"])


def value_for(
    project: Project, type_name: str, text: str, vocabulary: Vocabulary | None = None
) -> tuple[NormalisedValue, str | None]:
    """(value, None), or (empty value, why not) when the text cannot be normalised — a span is still
    worth keeping then, and the annotator can type the value in. ``vocabulary``: the type's code
    vocabulary when the caller holds it already (building one from the store takes a while)."""
    spec = load_schema(project).entity_type(type_name).normaliser
    if not spec:
        return NormalisedValue(), None
    if spec.get("kind") == "code" and vocabulary is None:
        vocabulary = type_vocabulary(project, type_name)
    try:
        return normalise(text, spec, vocabulary), None
    except NormalisationError as exc:
        return NormalisedValue(), str(exc)


def retyped_value(
    project: Project, type_name: str, text: str, old: NormalisedValue, vocabulary: Vocabulary | None = None
) -> tuple[NormalisedValue, str | None]:
    """The value a span gets when its type changes to ``type_name``: read from its text by the new type's
    normaliser, as marking the text would give it. Only when the text gives none is the old value kept,
    and only where the new type takes it (a volume typed in by hand stays a volume, converted to the new
    type's unit; a code stays if the new type's vocabulary has it). Else an empty value and why."""
    value, problem = value_for(project, type_name, text, vocabulary)
    if problem is None:
        return value, None
    spec = load_schema(project).entity_type(type_name).normaliser or {}
    if spec.get("kind") == "number" and old.value is not None and old.unit:
        try:
            kept = normalise(format_number(NumberValue(old.value, old.unit)), spec)
        except NormalisationError:
            return NormalisedValue(), problem  # a mass in millilitres would be wrong, not merely unread
        return kept, None
    if spec.get("kind") == "code" and old.code:
        vocabulary = vocabulary or type_vocabulary(project, type_name)
        if vocabulary is not None and vocabulary.get(old.code) is not None:
            return NormalisedValue(code=old.code), None
    return NormalisedValue(), problem
