"""The value a span gets when it is retyped: read again from its text for the new type, as marking it
would, never the old type's value in a unit the new type does not take."""

from __future__ import annotations

import pytest

from medlabel.core.importing import import_batch
from medlabel.core.normalize import NormalisedValue, Vocabulary, VocabularyEntry
from medlabel.core.project import create_project
from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch
from medlabel.core.span_values import retyped_value
from medlabel.core.vocabularies import store_vocabulary

ICD = Vocabulary([VocabularyEntry("I48.9", "Vorhofflimmern"), VocabularyEntry("I10", "Hypertonie")])


@pytest.fixture
def project(tmp_path):
    types = [
        EntityTypeSpec("LVESV", None, "", {"kind": "number", "units": ["ml"]}),
        EntityTypeSpec("LVEDV", None, "", {"kind": "number", "units": ["ml"]}),
        EntityTypeSpec("LVM", None, "", {"kind": "number", "units": ["g"]}),
        EntityTypeSpec("Diagnose", None, "", {"kind": "code", "vocabulary": "icd10"}),
        EntityTypeSpec("Nebendiagnose", None, "", {"kind": "code", "vocabulary": "icd10"}),
        EntityTypeSpec("Kommentar"),
    ]
    with create_project(tmp_path / "p") as project:
        store_vocabulary(project, "icd10", ICD, "test")
        import_batch(project, ImportBatch("t", [DocRecord("LVESV 73 ml", "d1")], entity_types=types))
        yield project


ML = NormalisedValue(73.0, "ml")


def test_a_unit_the_new_type_does_not_take_leaves_the_value_empty_and_says_why(project):
    value, problem = retyped_value(project, "LVM", "73 ml", ML)
    assert value == NormalisedValue()
    assert problem and "'ml'" in problem and "g" in problem


def test_the_text_is_read_again_for_the_new_type(project):
    assert retyped_value(project, "LVM", "73", ML) == (NormalisedValue(73.0, "g"), None)
    assert retyped_value(project, "LVEDV", "0,15 l", ML) == (NormalisedValue(150.0, "ml"), None)
    assert retyped_value(project, "Diagnose", "Vorhofflimmern", ML) == (NormalisedValue(code="I48.9"), None)
    assert retyped_value(project, "Kommentar", "73 ml", ML) == (NormalisedValue(), None)


def test_a_typed_value_survives_only_where_the_new_type_takes_it(project):
    # "n. b." gives no number: the value typed in by hand stays, for a volume; never as a mass
    assert retyped_value(project, "LVEDV", "n. b.", ML) == (ML, None)
    value, problem = retyped_value(project, "LVM", "n. b.", ML)
    assert value == NormalisedValue() and problem and "n. b." in problem
    # a code stays when the new type's vocabulary has it; a number type never takes a code
    old = NormalisedValue(code="I10")
    assert ICD.lookup("xyz") == []  # so the code can only come from the old value
    assert retyped_value(project, "Nebendiagnose", "xyz", old) == (old, None)
    value, problem = retyped_value(project, "LVM", "xyz", old)
    assert value == NormalisedValue() and problem
    value, problem = retyped_value(project, "Diagnose", "73 ml", ML)
    assert value == NormalisedValue() and problem and "icd10" in problem
