"""The normalised value a new span should get from its text, by its entity type's normaliser."""

from __future__ import annotations

from medlabel.core.errors import NormalisationError
from medlabel.core.normalize import NormalisedValue, Vocabulary, normalise
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
