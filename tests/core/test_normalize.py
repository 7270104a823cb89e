"""Tests for medlabel.core.normalize: numbers with units, vocabularies of codes, the dispatcher."""

from __future__ import annotations

import math
import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlabel.core.errors import ImportFormatError, MedlabelError, NormalisationError, SchemaError
from medlabel.core.normalize import (
    KNOWN_UNITS,
    CodeMatch,
    NormalisedValue,
    NumberValue,
    Vocabulary,
    VocabularyEntry,
    VocabularyError,
    format_number,
    normalise,
    parse_number,
    validate_normaliser,
)

# --- numbers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "units", "value", "unit"),
    [
        ("55 %", ["%"], 55.0, "%"),
        ("55%", ["%"], 55.0, "%"),
        ("55,0 %", ["%"], 55.0, "%"),
        ("55,4 %", ["%"], 55.4, "%"),
        ("0,55", ["%"], 55.0, "%"),  # a bare fraction of a percent unit
        ("0.55", ["%"], 55.0, "%"),
        ("1", ["%"], 100.0, "%"),
        ("55", ["%"], 55.0, "%"),  # a bare number gets the canonical unit
        ("0,5 %", ["%"], 0.5, "%"),  # with a unit written, no fraction rule
        ("150 ml", ["ml"], 150.0, "ml"),
        ("150 mL", ["ml"], 150.0, "ml"),
        ("150 ML", ["ml"], 150.0, "ml"),
        ("1.2 l", ["ml"], 1200.0, "ml"),
        ("1,2 l", ["ml"], 1200.0, "ml"),
        ("1,2 L", ["ml"], 1200.0, "ml"),
        ("0,15 l", ["ml"], 150.0, "ml"),
        ("0.150 l", ["ml"], 150.0, "ml"),  # leading 0: a decimal, not thousands
        ("1.2 l", ["ml", "l"], 1200.0, "ml"),  # the first unit is canonical
        ("85 ml/m²", ["ml/m²"], 85.0, "ml/m²"),
        ("85 ml/m2", ["ml/m²"], 85.0, "ml/m²"),
        ("85 mL/m^2", ["ml/m²"], 85.0, "ml/m²"),
        ("85 ml / m2", ["ml/m2"], 85.0, "ml/m²"),
        ("120 g", ["g"], 120.0, "g"),
        ("1,1 kg", ["g"], 1100.0, "g"),
        ("65 g/m2", ["g/m²"], 65.0, "g/m²"),
        ("5,2 l/min", ["l/min"], 5.2, "l/min"),
        ("5200 ml/min", ["l/min"], 5.2, "l/min"),
        ("3,1 l/min/m²", ["l/min/m²"], 3.1, "l/min/m²"),
        ("1.250 ml", ["ml"], 1250.0, "ml"),  # German thousands separator
        ("1.250.000 ml", ["ml"], 1250000.0, "ml"),
        ("1.250,5 ml", ["ml"], 1250.5, "ml"),
        ("1,250.5 ml", ["ml"], 1250.5, "ml"),
        ("1,250,000 ml", ["ml"], 1250000.0, "ml"),
        ("1,250 l", ["l"], 1.25, "l"),  # one comma is always a decimal comma
        ("1250.5 ml", ["ml"], 1250.5, "ml"),
        ("  55 %  ", ["%"], 55.0, "%"),
        ("ca. 55 %", ["%"], 55.0, "%"),
        ("ca 55 %", ["%"], 55.0, "%"),
        ("Ca. 55%", ["%"], 55.0, "%"),
        ("~55 %", ["%"], 55.0, "%"),
        ("≈ 55 %", ["%"], 55.0, "%"),
        ("approx. 55 %", ["%"], 55.0, "%"),
        ("55 %.", ["%"], 55.0, "%"),
        ("55 %,", ["%"], 55.0, "%"),
        ("150 ml.", ["ml"], 150.0, "ml"),
        ("-18 %", ["%"], -18.0, "%"),  # negative values are allowed (strain)
        ("−18 %", ["%"], -18.0, "%"),  # U+2212 minus sign
        ("+5 %", ["%"], 5.0, "%"),
        ("72 bpm", ["/min"], 72.0, "/min"),
        ("72 /min", ["/min"], 72.0, "/min"),
        ("72/min", ["/min"], 72.0, "/min"),
        ("72 1/min", ["/min"], 72.0, "/min"),
        ("120 mmHg", ["mmHg"], 120.0, "mmHg"),
        ("1,2 cm", ["mm"], 12.0, "mm"),
        ("100 ms", ["ms"], 100.0, "ms"),
    ],
)
def test_parse_number_accepts(text: str, units: list[str], value: float, unit: str) -> None:
    assert parse_number(text, units) == NumberValue(value, unit)


def test_conversion_has_no_float_noise() -> None:
    assert parse_number("1,1 l", ["ml"]).value == 1100.0  # 1.1 * 1000 is 1100.0000000000002
    assert parse_number("0,3 l", ["ml"]).value == 300.0
    assert parse_number("5200 ml/min", ["l/min"]).value == 5.2


def test_mixed_dimensions_convert_to_the_first_unit_of_the_same_dimension() -> None:
    assert parse_number("1,2 l", ["%", "ml"]) == NumberValue(1200.0, "ml")
    assert parse_number("40 %", ["%", "ml"]) == NumberValue(40.0, "%")
    assert parse_number("0,4", ["ml", "%"]) == NumberValue(0.4, "ml")  # fraction rule: only if % is canonical


def test_parse_number_without_expected_units_keeps_the_written_unit() -> None:
    assert parse_number("1,2 l", []) == NumberValue(1.2, "l")
    assert parse_number("85 mL/m2", []) == NumberValue(85.0, "ml/m²")
    assert parse_number("7", []) == NumberValue(7.0, None)


@pytest.mark.parametrize(
    ("text", "units", "problem"),
    [
        ("55 mmHg", ["%"], "unit 'mmHg' is not one of %"),
        ("1,2 kg", ["ml", "l"], "unit 'kg' is not one of ml, l"),
        ("", ["%"], "no number found"),
        ("   ", ["%"], "no number found"),
        ("EF", ["%"], "no number found"),
        ("%", ["%"], "no number found"),
        ("ca.", ["%"], "no number found"),
        ("EF 55 %", ["%"], "does not start with a number"),  # leading words are not accepted
        ("LVEF: 55%", ["%"], "does not start with a number"),
        ("55-60 %", ["%"], "is a range, not one value"),
        ("55 - 60 %", ["%"], "is a range, not one value"),
        ("55–60 %", ["%"], "is a range, not one value"),
        ("55 % - 60 %", ["%"], "is a range, not one value"),
        ("55 bis 60 %", ["%"], "is a range, not one value"),
        ("55 to 60 %", ["%"], "is a range, not one value"),
        ("< 5 %", ["%"], "is a bound, not one value"),
        (">= 5 %", ["%"], "is a bound, not one value"),
        ("55 furlongs", ["%"], "'furlongs' is not a known unit"),
        ("55 ± 5 %", ["%"], "is not a known unit"),
        ("12.03.2020", ["ml"], "'12.03.2020' is not a well-formed number"),
        ("1.2.3 ml", ["ml"], "not a well-formed number"),
        ("1,25,3 ml", ["ml"], "not a well-formed number"),
        ("1.2,345.6 ml", ["ml"], "not a well-formed number"),
        ("9" * 400 + " ml", ["ml"], "too large"),
    ],
)
def test_parse_number_rejects(text: str, units: list[str], problem: str) -> None:
    with pytest.raises(NormalisationError) as info:
        parse_number(text, units)
    message = str(info.value)
    assert problem in message
    assert f"could not parse {text!r} as a value in {' or '.join(units)}" in message


def test_error_message_matches_the_spec_exactly() -> None:
    with pytest.raises(
        NormalisationError, match=r"^could not parse '55 mmHg' as a value in %: unit 'mmHg' is not one of %$"
    ):
        parse_number("55 mmHg", ["%"])


def test_unknown_expected_unit_is_a_schema_error() -> None:
    with pytest.raises(SchemaError, match="unknown unit 'parsec'"):
        parse_number("5", ["parsec"])


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (55.0, "%", "55 %"),
        (55.4, "%", "55.4 %"),
        (1200.0, "ml", "1200 ml"),
        (5.2, "l/min", "5.2 l/min"),
        (85.0, "ml/m²", "85 ml/m²"),
        (-18.0, "%", "-18 %"),
        (0.0, "%", "0 %"),
        (-0.0, "%", "0 %"),
        (1e-7, "l", "0.0000001 l"),
        (1e20, "ml", "100000000000000000000 ml"),
        (1.234, "l", "1.2340 l"),  # never the ambiguous "1.234", which reads as 1234
        (7.0, None, "7"),
    ],
)
def test_format_number(value: float, unit: str | None, text: str) -> None:
    assert format_number(NumberValue(value, unit)) == text


finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(deadline=None)  # the first conversion loads pint's unit registry (about 0.3 s, once)
@given(value=finite, unit=st.sampled_from(KNOWN_UNITS))
def test_format_then_parse_round_trips(value: float, unit: str) -> None:
    v = NumberValue(float(f"{value:.12g}") + 0.0, unit)  # values as parse_number returns them
    assert parse_number(format_number(v), [unit]) == v


@settings(deadline=None)  # the first conversion loads pint's unit registry (about 0.3 s, once)
@given(value=finite, unit=st.sampled_from(KNOWN_UNITS))
def test_parse_of_formatted_arbitrary_float_is_close(value: float, unit: str) -> None:
    parsed = parse_number(format_number(NumberValue(value, unit)), [unit])
    assert parsed.unit == unit
    assert math.isclose(parsed.value, value, rel_tol=1e-11, abs_tol=0.0)


number_like = st.text(alphabet="0123456789.,-–+ %lmgLk/²^2ca~<>bistoµ×e", max_size=20)
unit_lists = st.lists(st.sampled_from(KNOWN_UNITS), max_size=3, unique=True)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=30), number_like), units=unit_lists)
def test_parse_number_only_ever_raises_normalisation_error(text: str, units: list[str]) -> None:
    try:
        result = parse_number(text, units)
    except NormalisationError as exc:
        assert repr(text) in str(exc)
    else:
        assert math.isfinite(result.value)
        assert result.unit in (units or [*KNOWN_UNITS, None])


# --- vocabularies ------------------------------------------------------------------------------------

DRUGS_CSV = """code,term,synonyms
C07AB02,Metoprolol,Beloc|Metoprolol succinat
C09AA05,Ramipril,Delix|Vesdil
C03CA01,Furosemid,Lasix; Furosemide
B01AC06,Acetylsalicylsäure,ASS|Aspirin
C01AA05,Digoxin,
"""


@pytest.fixture
def drugs(tmp_path: Path) -> Vocabulary:
    path = tmp_path / "drugs.csv"
    path.write_text(DRUGS_CSV, encoding="utf-8")
    return Vocabulary.from_csv(path)


def test_from_csv_reads_entries_and_splits_synonyms(drugs: Vocabulary) -> None:
    assert len(drugs) == 5
    assert drugs.get("C09AA05") == VocabularyEntry("C09AA05", "Ramipril", ("Delix", "Vesdil"))
    assert drugs.get("C03CA01") == VocabularyEntry("C03CA01", "Furosemid", ("Lasix", "Furosemide"))
    assert drugs.get("C01AA05") == VocabularyEntry("C01AA05", "Digoxin", ())
    assert drugs.get("XXX") is None
    assert [e.code for e in drugs.entries][:2] == ["C07AB02", "C09AA05"]


@pytest.mark.parametrize(
    ("text", "code", "matched"),
    [
        ("Metoprolol", "C07AB02", "Metoprolol"),
        ("metoprolol", "C07AB02", "Metoprolol"),
        ("  METOPROLOL ", "C07AB02", "Metoprolol"),
        ("delix", "C09AA05", "Delix"),
        ("Vesdil", "C09AA05", "Vesdil"),
        ("acetylsalicylsaure", "B01AC06", "Acetylsalicylsäure"),  # accent-insensitive
        ("metoprolol   succinat", "C07AB02", "Metoprolol succinat"),  # whitespace collapsed
        ("c07ab02", "C07AB02", "C07AB02"),  # codes match exactly too
    ],
)
def test_lookup_exact(drugs: Vocabulary, text: str, code: str, matched: str) -> None:
    first = drugs.lookup(text)[0]
    assert first == CodeMatch(code, drugs.get(code).term, matched, 100.0, True)


def test_lookup_fuzzy_typo_finds_the_right_code_first(drugs: Vocabulary) -> None:
    matches = drugs.lookup("metoprolool")
    assert matches[0].code == "C07AB02"
    assert matches[0].matched == "Metoprolol"
    assert not matches[0].exact
    assert 60 <= matches[0].score < 100
    assert drugs.lookup("Ramiprill")[0].code == "C09AA05"
    assert drugs.lookup("lasics")[0].code == "C03CA01"


def test_lookup_results_are_best_first_one_per_code(drugs: Vocabulary) -> None:
    matches = drugs.lookup("metoprolol", limit=10, min_score=0)
    codes = [m.code for m in matches]
    assert len(codes) == len(set(codes)) == 5
    assert matches[0].exact
    fuzzy = [m.score for m in matches[1:]]
    assert fuzzy == sorted(fuzzy, reverse=True)


def test_lookup_ties_are_broken_by_code() -> None:
    vocabulary = Vocabulary([VocabularyEntry("B", "same"), VocabularyEntry("A", "Same", ("other",))])
    assert [m.code for m in vocabulary.lookup("same")] == ["A", "B"]  # exact ties
    assert [m.code for m in vocabulary.lookup("sane")] == ["A", "B"]  # fuzzy ties


def test_lookup_unknown_limit_and_empty(drugs: Vocabulary) -> None:
    assert drugs.lookup("Quantenchromodynamik") == []
    assert drugs.lookup("") == []
    assert drugs.lookup("   ") == []
    assert drugs.lookup("metoprolol", limit=0) == []
    assert len(drugs.lookup("metoprolol", limit=1, min_score=0)) == 1
    assert Vocabulary([]).lookup("metoprolol") == []


def test_constructor_rejects_duplicate_codes_and_blank_terms() -> None:
    with pytest.raises(NormalisationError, match="'A' is listed twice"):
        Vocabulary([VocabularyEntry("A", "x"), VocabularyEntry("A", "y")])
    with pytest.raises(NormalisationError, match="'B' has no term"):
        Vocabulary([VocabularyEntry("B", "  ")])


def test_from_csv_cp1252_and_semicolon_separator(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("Code;Term;Synonyms\nX01;Äthanol;Ethanol|Alkohol\nX02;Wasser;\n".encode("cp1252"))
    vocabulary = Vocabulary.from_csv(path)
    assert vocabulary.get("X01") == VocabularyEntry("X01", "Äthanol", ("Ethanol", "Alkohol"))
    assert vocabulary.lookup("äthanol")[0].code == "X01"
    assert vocabulary.lookup("Athanol")[0].exact


def test_from_csv_utf8_bom_header_case_blank_rows_and_no_synonym_column(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("\ufeffCODE, TERM \nA1,Äthanol\n\n,\nA2,Wasser\n", encoding="utf-8")
    vocabulary = Vocabulary.from_csv(path)
    assert [e.code for e in vocabulary.entries] == ["A1", "A2"]
    assert vocabulary.get("A1") == VocabularyEntry("A1", "Äthanol", ())


def test_from_csv_keeps_codes_that_look_like_missing_values(tmp_path: Path) -> None:
    path = tmp_path / "na.csv"
    path.write_text("code,term\nNA,Natrium\n007,Bond\n", encoding="utf-8")
    vocabulary = Vocabulary.from_csv(path)
    assert [e.code for e in vocabulary.entries] == ["NA", "007"]


@pytest.mark.parametrize(
    ("content", "location", "problem"),
    [
        ("code,term\nA,x\n,y\n", "row 3", "the code is empty"),
        ("code,term\nA,x\nB,y\nA,z\n", "row 4", "'A' is also in row 2"),
        ("code,term\nA,x\n\nB,\n", "row 4", "'B' has no term"),  # blank rows still count
        ("code,name\nA,x\n", "row 1", None),  # "name" is accepted for term
        ("id,label\nA,x\n", "row 1", "no 'term' column"),
        ("term,synonyms\nx,y\n", "row 1", "no 'code' column"),
        ("code,term\nA,x,extra,more\n", None, "well-formed CSV"),
        ("", None, "the file is empty"),
    ],
)
def test_from_csv_errors_name_the_file_and_row(
    tmp_path: Path, content: str, location: str | None, problem: str | None
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    if problem is None:
        assert Vocabulary.from_csv(path).get("A") == VocabularyEntry("A", "x", ())
        return
    with pytest.raises(VocabularyError) as info:
        Vocabulary.from_csv(path)
    error = info.value
    assert isinstance(error, NormalisationError) and isinstance(error, ImportFormatError)
    assert str(path) in str(error)
    assert problem in str(error)
    if location:
        assert error.location == location
        assert f"{path}, {location}: " in str(error)


def test_from_csv_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MedlabelError, match="file not found") as info:
        Vocabulary.from_csv(tmp_path / "nope.csv")
    assert "nope.csv" in str(info.value)


def test_from_csv_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"code,term\nA,\x81\x8d\x8f\n")  # invalid UTF-8 and undefined in cp1252
    with pytest.raises(VocabularyError, match="neither UTF-8 nor Windows-1252"):
        Vocabulary.from_csv(path)


def _random_vocabulary(n: int) -> Vocabulary:
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice("abcdefghiklmnoprstuvz") for _ in range(rng.randint(4, 12)))

    entries = [
        VocabularyEntry(f"R{i:05d}", " ".join(word() for _ in range(rng.randint(1, 4))), (word(), word()))
        for i in range(n - 1)
    ]
    entries.append(VocabularyEntry("C07AB02", "Metoprolol", ("Beloc Zok", "Metoprolol succinat")))
    return Vocabulary(entries)


def test_large_vocabulary_lookup(tmp_path: Path) -> None:
    vocabulary = _random_vocabulary(20_000)
    assert len(vocabulary) == 20_000
    start = time.perf_counter()
    for _ in range(5):
        typo = vocabulary.lookup("metoprolool")
        exact = vocabulary.lookup("beloc zok")
    elapsed_ms = (time.perf_counter() - start) / 10 * 1000
    print(f"20k-entry lookup: {elapsed_ms:.1f} ms per call")  # informational; no timed assertion
    assert typo[0].code == "C07AB02"
    assert exact[0] == CodeMatch("C07AB02", "Metoprolol", "Beloc Zok", 100.0, True)
    assert len(typo) == 5


# --- dispatcher and schema ---------------------------------------------------------------------------


def test_normalise_number() -> None:
    assert normalise("1,2 l", {"kind": "number", "units": ["ml"]}) == NormalisedValue(1200.0, "ml", None)
    with pytest.raises(NormalisationError, match=r"'55 mmHg'.*%"):
        normalise("55 mmHg", {"kind": "number", "units": ["%"]})


def test_normalise_none() -> None:
    assert normalise("anything", None) == NormalisedValue(None, None, None)


def test_normalise_code(drugs: Vocabulary) -> None:
    normaliser = {"kind": "code", "vocabulary": "ATC"}
    assert normalise("Delix", normaliser, drugs) == NormalisedValue(code="C09AA05")
    assert normalise("metoprolool", normaliser, drugs) == NormalisedValue(code="C07AB02")
    with pytest.raises(NormalisationError, match="could not find 'Quantenchromodynamik' in vocabulary 'ATC'"):
        normalise("Quantenchromodynamik", normaliser, drugs)
    with pytest.raises(NormalisationError, match=r"'Delix'.*'ATC' is not loaded"):
        normalise("Delix", normaliser, None)
    with pytest.raises(NormalisationError, match="at least 99"):
        normalise("metoprolool", {**normaliser, "min_score": 99}, drugs)


def test_normalise_validates_the_normaliser() -> None:
    with pytest.raises(SchemaError):
        normalise("55 %", {"kind": "date"})


@pytest.mark.parametrize(
    ("normaliser", "expected"),
    [
        ({"kind": "number", "units": ["%"]}, {"kind": "number", "units": ["%"]}),
        ({"kind": "number", "units": ("mL/m2", "L/m^2")}, {"kind": "number", "units": ["ml/m²", "l/m²"]}),
        ({"kind": "code", "vocabulary": " ATC "}, {"kind": "code", "vocabulary": "ATC"}),
        (
            {"kind": "code", "vocabulary": "ICD", "min_score": 80},
            {"kind": "code", "vocabulary": "ICD", "min_score": 80.0},
        ),
    ],
)
def test_validate_normaliser_returns_a_clean_copy(normaliser: dict, expected: dict) -> None:
    assert validate_normaliser(normaliser) == expected


@pytest.mark.parametrize(
    ("normaliser", "problem"),
    [
        ("number", "must be a dict"),
        ({}, "unknown normaliser kind None"),
        ({"kind": "date"}, "unknown normaliser kind 'date'"),
        ({"kind": "number"}, "needs a list of units"),
        ({"kind": "number", "units": []}, "needs a list of units"),
        ({"kind": "number", "units": "%"}, "needs a list of units"),
        ({"kind": "number", "units": ["%", "furlong"]}, "unknown unit 'furlong'"),
        ({"kind": "number", "units": [3]}, "unknown unit 3"),
        ({"kind": "number", "units": ["ml", "mL"]}, "listed twice"),
        ({"kind": "number", "units": ["%"], "vocabulary": "x"}, "remove vocabulary"),
        ({"kind": "code"}, "name of its vocabulary"),
        ({"kind": "code", "vocabulary": "  "}, "name of its vocabulary"),
        ({"kind": "code", "vocabulary": "A", "min_score": 120}, "min_score"),
        ({"kind": "code", "vocabulary": "A", "min_score": True}, "min_score"),
    ],
)
def test_validate_normaliser_rejects(normaliser: object, problem: str) -> None:
    with pytest.raises(SchemaError, match=None) as info:
        validate_normaliser(normaliser)  # type: ignore[arg-type]
    assert problem in str(info.value)


def test_module_imports_neither_qt_nor_torch() -> None:
    import subprocess
    import sys

    code = "import sys, medlabel.core.normalize as n; print(sorted({'torch', 'PySide6'} & set(sys.modules)))"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "[]"
