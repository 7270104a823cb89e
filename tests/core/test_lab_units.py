"""Laboratory units (issue 23): spellings, conversions through an analyte's molar mass, plausible ranges,
and editing a type's value settings in the store."""

from __future__ import annotations

import math
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlabel.core.annotations import add_span, get_spans
from medlabel.core.audit import history
from medlabel.core.demo import cardio
from medlabel.core.demo.project import create_demo_project
from medlabel.core.errors import NormalisationError, SchemaError
from medlabel.core.normalize import (
    NumberValue,
    check_plausible,
    format_number,
    implausible,
    normalise,
    parse_number,
    validate_normaliser,
)
from medlabel.core.records import EntityTypeSpec
from medlabel.core.schema import add_entity_type, entity_type_usage, load_schema, update_entity_type
from medlabel.core.units import ANALYTES, KNOWN_UNITS, UNIT_KIND, conversion_factor, needs_analyte

GLUCOSE = {"kind": "number", "units": ["mmol/l"], "analyte": "glucose"}
CREATININE = {"kind": "number", "units": ["µmol/l"], "analyte": "creatinine"}

# --- spellings ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "value", "canonical"),
    [
        ("100 mg/dl", "mg/dl", 100.0, "mg/dl"),
        ("100mg/dL", "mg/dl", 100.0, "mg/dl"),
        ("100 MG/DL", "mg/dl", 100.0, "mg/dl"),
        ("13,5 g/dl", "g/dl", 13.5, "g/dl"),
        ("13.5g/dL", "g/dl", 13.5, "g/dl"),
        ("5,5 mmol/l", "mmol/l", 5.5, "mmol/l"),
        ("5.5mmol/L", "mmol/l", 5.5, "mmol/l"),
        ("5,5 mmol / l", "mmol/l", 5.5, "mmol/l"),
        ("88 µmol/l", "µmol/l", 88.0, "µmol/l"),  # micro sign U+00B5
        ("88 μmol/l", "µmol/l", 88.0, "µmol/l"),  # Greek mu U+03BC
        ("88 umol/l", "µmol/l", 88.0, "µmol/l"),
        ("88,5µmol/L", "µmol/l", 88.5, "µmol/l"),
        ("35 U/l", "U/l", 35.0, "U/l"),
        ("35U/L", "U/l", 35.0, "U/l"),
        ("35 IU/l", "IU/l", 35.0, "IU/l"),
        ("35 IE/l", "IU/l", 35.0, "IU/l"),  # German: Internationale Einheiten
        ("35 E/l", "U/l", 35.0, "U/l"),
        ("0,6 µkat/l", "µkat/l", 0.6, "µkat/l"),
        ("35 Punkte/l", None, None, None),  # not a unit: refused, not guessed
        ("2,5 ng/ml", "ng/ml", 2.5, "ng/ml"),
        ("2.5ng/mL", "ng/ml", 2.5, "ng/ml"),
        ("250 pg/ml", "pg/ml", 250.0, "pg/ml"),
        ("250pg/mL", "pg/ml", 250.0, "pg/ml"),
        ("6,5 %", "%", 6.5, "%"),
        ("6.5%", "%", 6.5, "%"),
        ("7500 /µl", "/µl", 7500.0, "/µl"),
        ("7500/ul", "/µl", 7500.0, "/µl"),
        ("7.500 /µl", "/µl", 7500.0, "/µl"),  # German thousands separator
        ("7500 1/µl", "/µl", 7500.0, "/µl"),
        ("7,5 G/l", "G/l", 7.5, "G/l"),
        ("7,5G/L", "G/l", 7.5, "G/l"),
        ("7,5 Gpt/l", "G/l", 7.5, "G/l"),
        ("7,5 10^9/l", "10^9/l", 7.5, "10^9/l"),
        ("7,5 x 10^9/L", "10^9/l", 7.5, "10^9/l"),
        ("7,5 ×10⁹/l", "10^9/l", 7.5, "10^9/l"),
        ("7.5x10^9/l", "10^9/l", 7.5, "10^9/l"),
        ("4,5 10^12/l", "10^12/l", 4.5, "10^12/l"),
        ("7,5 Tsd/µl", "10^3/µl", 7.5, "10^3/µl"),
        ("140 mEq/l", "mEq/l", 140.0, "mEq/l"),
        ("140mEq/L", "mEq/l", 140.0, "mEq/l"),
        ("140 mval/l", "mEq/l", 140.0, "mEq/l"),
        ("290 mosm/kg", "mosm/kg", 290.0, "mosm/kg"),
        ("290mOsm/kg", "mosm/kg", 290.0, "mosm/kg"),
        ("290 mOsmol/kg H2O", "mosm/kg", 290.0, "mosm/kg"),
        ("2,1 µIU/ml", "µIU/ml", 2.1, "µIU/ml"),
        ("14 ng/l", "ng/l", 14.0, "ng/l"),
    ],
)
def test_each_lab_spelling_is_read(text: str, unit: str | None, value: float | None, canonical: str) -> None:
    if unit is None:
        with pytest.raises(NormalisationError, match="is not a known unit"):
            parse_number(text, [])
        return
    assert parse_number(text, [unit]) == NumberValue(value, canonical)
    assert parse_number(text, []) == NumberValue(value, canonical)  # also without expected units


@pytest.mark.parametrize(
    ("text", "units", "expected"),
    [
        ("7500 /µl", ["G/l"], NumberValue(7.5, "G/l")),
        ("7,5 G/l", ["/µl"], NumberValue(7500.0, "/µl")),
        ("7,5 /nl", ["10^9/l"], NumberValue(7.5, "10^9/l")),
        ("4,5 T/l", ["10^6/µl"], NumberValue(4.5, "10^6/µl")),
        ("13,5 g/dl", ["g/l"], NumberValue(135.0, "g/l")),
        ("1 mg/dl", ["mg/l"], NumberValue(10.0, "mg/l")),
        ("2,5 ng/ml", ["pg/ml"], NumberValue(2500.0, "pg/ml")),
        ("14 ng/l", ["pg/ml"], NumberValue(14.0, "pg/ml")),
        ("35 IU/l", ["U/l"], NumberValue(35.0, "U/l")),
        ("0,035 kU/l", ["U/l"], NumberValue(35.0, "U/l")),
        ("0,5 µkat/l", ["U/l"], NumberValue(30.0, "U/l")),
        ("2,1 µIU/ml", ["mU/l"], NumberValue(2.1, "mU/l")),
        ("88 µmol/l", ["mmol/l"], NumberValue(0.088, "mmol/l")),
        ("16 kPa", ["mmHg"], NumberValue(120.009852135, "mmHg")),  # pint's mmHg, exact to 12 digits
    ],
)
def test_units_of_one_kind_convert_without_an_analyte(
    text: str, units: list[str], expected: NumberValue
) -> None:
    assert parse_number(text, units) == expected


def test_gram_and_giga_per_litre_are_told_apart() -> None:
    # Case folding makes "g/l" and "G/l" one spelling: the first letter's case decides, else the type.
    assert parse_number("7,5 G/l", []) == NumberValue(7.5, "G/l")
    assert parse_number("70 g/l", []) == NumberValue(70.0, "g/l")
    assert parse_number("70 g/L", ["g/dl"]) == NumberValue(7.0, "g/dl")
    assert parse_number("7,5 g/l", ["/µl"]) == NumberValue(7500.0, "/µl")  # a leukocyte count in lower case
    assert parse_number("7 G/L", ["g/dl"]) == NumberValue(0.7, "g/dl")


def test_every_known_unit_has_a_kind_and_the_old_units_are_kept() -> None:
    old = ["%", "ml", "dl", "l", "ml/m²", "l/m²", "ml/min", "l/min", "ml/min/m²", "l/min/m²", "mg", "g",
           "kg", "g/m²", "kg/m²", "mm", "cm", "m", "ms", "s", "/min", "mmHg", "kPa"]  # fmt: skip
    lab = ["mg/dl", "g/dl", "mmol/l", "µmol/l", "U/l", "IU/l", "ng/ml", "pg/ml", "/µl", "G/l", "10^9/l",
           "mEq/l", "mosm/kg"]  # fmt: skip
    assert set(old + lab) <= set(KNOWN_UNITS)
    assert set(UNIT_KIND) == set(KNOWN_UNITS)
    assert parse_number("1,2 l", ["ml"]) == NumberValue(1200.0, "ml")
    with pytest.raises(NormalisationError, match="unit 'ml/m2' is not one of mm"):
        parse_number("85 ml/m2", ["mm"])  # pint would call both lengths; the kinds keep them apart


# --- conversions through the analyte --------------------------------------------------------------------


def test_glucose_and_creatinine_convert_through_their_molar_mass() -> None:
    assert normalise("100 mg/dl", GLUCOSE).value == pytest.approx(5.55, abs=0.01)
    assert normalise("100 mg/dl", GLUCOSE).unit == "mmol/l"
    assert normalise("1,0 mg/dl", CREATININE).value == pytest.approx(88.4, abs=0.05)
    assert normalise("1.0 mg/dL", {**CREATININE, "units": ["mmol/l"]}).value == pytest.approx(
        0.0884, abs=1e-4
    )
    assert normalise("5,55 mmol/l", {"kind": "number", "units": ["mg/dl"], "analyte": "glucose"}).value == (
        pytest.approx(100.0, abs=0.05)
    )
    assert normalise("5,5 mmol/l", GLUCOSE).value == 5.5  # the canonical unit itself is not touched


def test_equivalents_convert_through_the_valence() -> None:
    sodium = {"kind": "number", "units": ["mmol/l"], "analyte": "sodium"}
    calcium = {"kind": "number", "units": ["mmol/l"], "analyte": "calcium"}
    assert normalise("140 mEq/l", sodium).value == 140.0
    assert normalise("5 mval/l", calcium).value == 2.5
    assert normalise("10 mg/dl", calcium).value == pytest.approx(2.495, abs=0.001)
    assert normalise("2,5 mmol/l", {**calcium, "units": ["mEq/l"]}).value == 5.0


def test_an_explicit_molar_mass_and_valence_serve_an_analyte_not_in_the_table() -> None:
    spec = {"kind": "number", "units": ["µmol/l"], "molar_mass": 151.16}  # paracetamol
    assert normalise("15 mg/l", spec).value == pytest.approx(99.23, abs=0.01)
    assert normalise("3 mEq/l", {"kind": "number", "units": ["mmol/l"], "valence": 3}).value == 1.0


@pytest.mark.parametrize(
    ("text", "spec", "problem"),
    [
        (
            "100 mg/dl",
            {"kind": "number", "units": ["mmol/l"]},
            "converting mg/dl to mmol/l needs the analyte",
        ),
        (
            "140 mEq/l",
            {"kind": "number", "units": ["mmol/l"]},
            "converting mEq/l to mmol/l needs the analyte",
        ),
        ("140 mEq/l", GLUCOSE, "converting mEq/l to mmol/l needs the analyte"),  # glucose has no valence
    ],
)
def test_a_molar_conversion_without_analyte_is_refused(text: str, spec: dict, problem: str) -> None:
    with pytest.raises(NormalisationError) as info:
        normalise(text, spec)
    assert problem in str(info.value) and "schema editor" in str(info.value)
    assert str(info.value).startswith(f"could not parse {text!r} as a value in mmol/l")
    assert info.value.code == "normalise.needs_analyte"
    assert info.value.params["target"] == "mmol/l"


def test_units_of_unrelated_kinds_are_refused_as_before() -> None:
    with pytest.raises(NormalisationError, match="unit 'U/l' is not one of mmol/l") as info:
        normalise("35 U/l", GLUCOSE)
    assert info.value.code is None
    with pytest.raises(NormalisationError, match="unit 'mg/dl' is not one of ml"):
        parse_number("5 mg/dl", ["ml"], molar_mass=180.16)


def _convertible_pairs() -> list[tuple[str, str]]:
    pairs = []
    for a in KNOWN_UNITS:
        for b in KNOWN_UNITS:
            if a != b and conversion_factor(a, b, 180.16, 2) is not None:
                pairs.append((a, b))
    return pairs


PAIRS = _convertible_pairs()


def test_the_convertible_pairs_are_the_expected_ones() -> None:
    kinds = {(UNIT_KIND[a], UNIT_KIND[b]) for a, b in PAIRS}
    assert ("mass concentration", "substance concentration") in kinds
    assert ("equivalent concentration", "mass concentration") in kinds
    assert all(UNIT_KIND[a] == UNIT_KIND[b] or needs_analyte(a, b) for a, b in PAIRS)
    assert ("mg/dl", "U/l") not in PAIRS and ("ml/m²", "mm") not in PAIRS
    assert len(PAIRS) > 250


magnitudes = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1e6), st.floats(-1e6, -1e-3))


@settings(max_examples=60, deadline=None)  # the first conversion loads pint (about 0.3 s)
@given(value=magnitudes)
def test_every_convertible_pair_round_trips(value: float) -> None:
    for a, b in PAIRS:
        v = NumberValue(value, a)
        there = parse_number(format_number(v), [b], molar_mass=180.16, valence=2)
        back = parse_number(format_number(there), [a], molar_mass=180.16, valence=2)
        assert there.unit == b and back.unit == a
        assert math.isclose(back.value, value, rel_tol=1e-9, abs_tol=0.0), (a, b, value, there, back)


@settings(max_examples=100, deadline=None)
@given(value=st.floats(min_value=0.01, max_value=1e5), analyte=st.sampled_from(sorted(ANALYTES)))
def test_analyte_round_trips_through_normalise(value: float, analyte: str) -> None:
    spec = {"kind": "number", "units": ["mmol/l"], "analyte": analyte}
    back_spec = {**spec, "units": ["mg/dl"]}
    mmol = normalise(format_number(NumberValue(value, "mg/dl")), spec)
    back = normalise(format_number(NumberValue(mmol.value, mmol.unit)), back_spec)
    assert back.unit == "mg/dl" and math.isclose(back.value, value, rel_tol=1e-9)
    # mmol/l is mg/dl × 10 / molar mass, whichever library computes it
    assert math.isclose(mmol.value, value * 10 / ANALYTES[analyte].molar_mass, rel_tol=1e-9)


def test_parsing_ten_thousand_values_stays_fast(capsys: pytest.CaptureFixture[str]) -> None:
    texts = ["100 mg/dl", "5,5 mmol/l", "1,2 l", "7.500 /µl", "88 µmol/l", "140 mEq/l", "55 %"] * 1429
    units = {"mg/dl": ["mmol/l"], "mmol/l": ["mmol/l"], "l": ["ml"], "/µl": ["G/l"], "µmol/l": ["mg/dl"],
             "mEq/l": ["mmol/l"], "%": ["%"]}  # fmt: skip
    jobs = [(t, units[t.split(" ", 1)[1]]) for t in texts[:10_000]]
    parse_number("1 mg/dl", ["mmol/l"], molar_mass=180.16)  # pint loads once, on first use
    start = time.perf_counter()
    values = [parse_number(t, u, molar_mass=180.16, valence=1) for t, u in jobs]
    seconds = time.perf_counter() - start
    assert len(values) == 10_000 and values[0] == parse_number("100 mg/dl", ["mmol/l"], molar_mass=180.16)
    with capsys.disabled():
        print(f"\nparse_number: 10,000 lab values in {seconds * 1000:.0f} ms ({seconds * 100:.1f} µs each)")


def test_importing_normalize_does_not_load_pint() -> None:
    code = "import sys, medlabel.core.normalize; print('pint' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"


# --- the normaliser spec ----------------------------------------------------------------------------


def test_validate_keeps_the_new_keys_in_clean_form() -> None:
    spec = {"kind": "number", "units": ["mmol/L"], "analyte": "Uric_Acid", "plausible": (1, 20)}
    assert validate_normaliser(spec) == {
        "kind": "number",
        "units": ["mmol/l"],
        "analyte": "uric acid",
        "plausible": [1.0, 20.0],
    }
    assert validate_normaliser({"kind": "number", "units": ["%"], "analyte": None}) == {
        "kind": "number",
        "units": ["%"],
    }
    assert validate_normaliser({"kind": "number", "units": ["µmol/l"], "molar_mass": 151, "valence": 1}) == {
        "kind": "number",
        "units": ["µmol/l"],
        "molar_mass": 151.0,
        "valence": 1,
    }


@pytest.mark.parametrize(
    ("extra", "code", "problem"),
    [
        (
            {"analyte": "unobtainium"},
            "schema.unknown_analyte",
            "unknown analyte 'unobtainium'; known analytes: ",
        ),
        ({"plausible": [600, 30]}, "schema.bad_plausible_range", "the lower first"),
        ({"plausible": [30, 30]}, "schema.bad_plausible_range", "the lower first"),
        ({"plausible": [30]}, "schema.bad_plausible_range", "two numbers"),
        ({"plausible": "30-600"}, "schema.bad_plausible_range", "two numbers"),
        ({"plausible": [30, float("inf")]}, "schema.bad_plausible_range", "two numbers"),
        ({"plausible": [True, 5]}, "schema.bad_plausible_range", "two numbers"),
        ({"molar_mass": -5}, "schema.bad_molar_mass", "positive number in g/mol"),
        ({"molar_mass": "180"}, "schema.bad_molar_mass", "positive number in g/mol"),
        ({"valence": True}, "schema.bad_valence", "whole number from 1 to 9"),
        ({"valence": 0}, "schema.bad_valence", "whole number from 1 to 9"),
    ],
)
def test_validate_refuses_bad_settings(extra: dict, code: str, problem: str) -> None:
    with pytest.raises(SchemaError) as info:
        validate_normaliser({"kind": "number", "units": ["ml"], **extra})
    assert problem in str(info.value) and info.value.code == code


# --- plausible ranges ---------------------------------------------------------------------------------

LVEDV = {"kind": "number", "units": ["ml", "l"], "plausible": [30, 600]}


def test_implausible_names_the_value_the_range_and_the_type() -> None:
    assert implausible(LVEDV, 150.0, "ml", "LVEDV") is None
    assert implausible(LVEDV, 30.0, "ml", "LVEDV") is None  # the limits are plausible
    assert implausible(LVEDV, 600.0, None, "LVEDV") is None
    assert implausible(LVEDV, 25.0, "ml", "LVEDV") == (
        "25 ml is outside the plausible range 30–600 ml for LVEDV; check the value and its unit"
    )
    assert implausible(LVEDV, 6000.0, None) == (
        "6000 ml is outside the plausible range 30–600 ml; check the value and its unit"
    )
    found = check_plausible(LVEDV, 25.0, "ml", "LVEDV")
    assert found is not None and found.code == "normalise.implausible"
    assert found.params == {
        "value": 25.0,
        "unit": "ml",
        "low": 30.0,
        "high": 600.0,
        "range_unit": "ml",
        "entity_type": "LVEDV",
    }


def test_implausible_converts_a_value_in_another_unit_first() -> None:
    assert implausible(LVEDV, 0.15, "l", "LVEDV") is None
    assert implausible(LVEDV, 1.5, "l", "LVEDV").startswith("1.5 l is outside the plausible range 30–600 ml")
    glucose = {**GLUCOSE, "plausible": [1, 40]}
    assert implausible(glucose, 100.0, "mg/dl") is None  # 5.55 mmol/l
    assert implausible(glucose, 1000.0, "mg/dl") is not None  # 55.5 mmol/l
    assert implausible(glucose, 100.0, "U/l") is None  # another kind: not judged


def test_implausible_is_none_without_a_range_or_a_number() -> None:
    assert implausible({"kind": "number", "units": ["ml"]}, 1e9, "ml") is None
    assert implausible(None, 1e9, "ml") is None
    assert implausible({"kind": "code", "vocabulary": "ATC"}, 1e9) is None
    assert implausible(LVEDV, None, "ml") is None


def test_every_cardio_type_has_a_range_that_its_demo_values_keep() -> None:
    types = {et.name: et.normaliser for et in cardio.entity_types()}
    assert all(spec["plausible"][0] < spec["plausible"][1] for spec in types.values())
    assert types["LV-EF"]["plausible"] == [5, 95] and types["LVEDV"]["plausible"] == [30, 600]
    batch = cardio.generate(300, seed=5)
    warned = [
        (span.type, span.value)
        for doc in batch.documents
        for span in doc.spans
        if implausible(types[span.type], span.value, span.unit, span.type)
    ]
    assert warned == []
    assert implausible(types["LVEDV"], 73.0, "ml", "LVEDV") is None
    assert implausible(types["LVM"], 7300.0, "g", "LVM") is not None


# --- editing a type's value settings in the store --------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    project = create_demo_project(tmp_path / "c", "cardio", documents=30, labelled=20, test=5)
    yield project
    project.close()


def test_a_used_type_takes_a_new_range_and_analyte_but_keeps_its_values(project) -> None:
    used = entity_type_usage(project, "LVEDV")
    assert used > 0
    spans = [s for d in range(1, 31) for s in get_spans(project, d) if s.type == "LVEDV"]
    update_entity_type(project, "LVEDV", "ann", normaliser={"kind": "number", "units": ["ml", "l"],
                                                            "plausible": [40, 550]})  # fmt: skip
    assert load_schema(project).entity_type("LVEDV").normaliser == {
        "kind": "number",
        "units": ["ml", "l"],
        "plausible": [40.0, 550.0],
    }
    assert [s for d in range(1, 31) for s in get_spans(project, d) if s.type == "LVEDV"] == spans
    entry = [e for e in history(project) if e.action == "update_entity_type"][-1]
    assert entry.after == {"normaliser": {"kind": "number", "units": ["ml", "l"], "plausible": [40.0, 550.0]}}
    assert entry.before["normaliser"] == {"kind": "number", "units": ["ml"], "plausible": [30, 600]}


@pytest.mark.parametrize(
    "normaliser",
    [{"kind": "number", "units": ["l"]}, {"kind": "code", "vocabulary": "ATC"}, None],
)
def test_a_used_type_keeps_the_meaning_of_its_values(project, normaliser) -> None:
    before = load_schema(project).entity_type("LVEDV").normaliser
    with pytest.raises(SchemaError) as info:
        update_entity_type(project, "LVEDV", "ann", normaliser=normaliser)
    assert info.value.code == "schema.normaliser_in_use" and "'LVEDV'" in str(info.value)
    assert load_schema(project).entity_type("LVEDV").normaliser == before


def test_an_unused_type_may_change_its_value_freely(project) -> None:
    add_entity_type(
        project, EntityTypeSpec("Glucose", normaliser={"kind": "number", "units": ["mg/dl"]}), "ann"
    )
    update_entity_type(project, "Glucose", "ann", normaliser=GLUCOSE)
    assert load_schema(project).entity_type("Glucose").normaliser == GLUCOSE
    update_entity_type(project, "Glucose", "ann", normaliser=None)
    assert load_schema(project).entity_type("Glucose").normaliser is None
    update_entity_type(project, "Glucose", "ann", colour="#112233")  # the normaliser is left as it is
    assert load_schema(project).entity_type("Glucose").normaliser is None


def test_a_used_type_without_a_value_may_get_one(project) -> None:
    add_entity_type(project, EntityTypeSpec("Sodium"), "ann")
    add_span(project, 1, 0, 3, "Sodium", "ann")
    update_entity_type(project, "Sodium", "ann", normaliser={"kind": "number", "units": ["mmol/l"]})
    assert load_schema(project).entity_type("Sodium").normaliser == {"kind": "number", "units": ["mmol/l"]}
