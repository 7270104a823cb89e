"""The synthetic cardiac MRI corpus: deterministic, consistent values, spans a number normaliser can read."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from medlabel.core.demo import cardio
from medlabel.core.records import ImportBatch

CORE_FIELDS = ("LV-EF", "RV-EF", "LVEDV", "LVESV", "LVSV", "LVM", "RVEDV", "RVESV")
INDEXED = ("LVEDVi", "LVESVi", "RVEDVi", "LVMi")
PERCENT = ("LV-EF", "RV-EF")

# An independent reading of a span text, kept deliberately small: number, optional unit.
SPAN_TEXT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(%|ml|mL|l|ml/m²|ml/m2|mL/m²|mL/m2|g|g/m²|g/m2|l/min)?$")
# A bracket holding a range ("(Norm 106–214 ml)", "[57–77 %]", "(NW 14 bis 38 ml/m²)").
BRACKETED_RANGE = re.compile(r"[(\[][^()\[\]]*\d\s*(?:[–-]|bis)\s*\d[^()\[\]]*[)\]]")
NORM_BRACKET = re.compile(r"[(\[](?:Norm|Referenz|NW)[^()\[\]]*[)\]]")
TABLE_LINE = re.compile(r"^.*\S(?: \| |  {2,})\S.*$", re.MULTILINE)


def reparse(text: str, type_: str) -> float:
    m = SPAN_TEXT.match(text)
    assert m, f"span text {text!r} does not fit the number grammar"
    number, unit = float(m.group(1).replace(",", ".")), m.group(2)
    if unit == "l":
        return number * 1000
    if type_ in PERCENT and unit is None and number < 1:
        return number * 100
    return number


@pytest.fixture(scope="module")
def batch() -> ImportBatch:
    return cardio.generate(600, seed=0)


def first_values(doc) -> dict[str, float]:
    out: dict[str, float] = {}
    for s in doc.spans:
        out.setdefault(s.type, s.value)
    return out


def dump(b: ImportBatch) -> list[tuple]:
    return [(d.external_id, d.text, d.spans, d.metadata) for d in b.documents]


def test_same_seed_same_batch_other_seed_differs() -> None:
    assert dump(cardio.generate(40, seed=3)) == dump(cardio.generate(40, seed=3))
    assert dump(cardio.generate(40, seed=3)) != dump(cardio.generate(40, seed=4))


def test_every_template_slot_is_filled(batch: ImportBatch) -> None:
    for doc in batch.documents:
        assert not re.search(r"[{}]", doc.text), doc.text


def test_n_respected_and_ids_unique(batch: ImportBatch) -> None:
    assert cardio.generate(0).documents == []
    assert len(cardio.generate(7, seed=1).documents) == 7
    assert len(batch.documents) == 600
    ids = [d.external_id for d in batch.documents]
    assert len(set(ids)) == 600
    assert ids[0] == "cmr-0001" and all(re.fullmatch(r"cmr-\d{4}", i) for i in ids)
    assert batch.source == "demo:cardio"


def test_entity_types_declare_number_normalisers(batch: ImportBatch) -> None:
    types = {t.name: t for t in batch.entity_types}
    assert len(types) >= 12
    assert set(CORE_FIELDS) | set(INDEXED) <= set(types)
    assert types["LV-EF"].normaliser == {"kind": "number", "units": ["%"], "plausible": [5, 95]}
    assert types["LVEDVi"].normaliser == {"kind": "number", "units": ["ml/m²"], "plausible": [20, 300]}
    assert types["LVMi"].normaliser == {"kind": "number", "units": ["g/m²"], "plausible": [15, 250]}
    assert types["LVM"].normaliser == {"kind": "number", "units": ["g"], "plausible": [30, 500]}
    colours = [t.colour for t in types.values()]
    assert all(re.fullmatch(r"#[0-9a-fA-F]{6}", c) for c in colours) and len(set(colours)) == len(colours)
    assert all(t.definition for t in types.values())


def test_spans_are_well_formed_and_reparse_to_their_value(batch: ImportBatch) -> None:
    types = {t.name: t.normaliser["units"][0] for t in batch.entity_types}
    for doc in batch.documents:
        assert doc.spans, doc.external_id
        for s in doc.spans:
            assert 0 <= s.start < s.end <= len(doc.text)
            text = doc.text[s.start : s.end]
            assert text == text.strip()
            assert s.type in types and s.unit == types[s.type]
            assert s.value == pytest.approx(reparse(text, s.type), abs=1e-6), (doc.external_id, text)
        ends = [(s.start, s.end) for s in sorted(doc.spans, key=lambda s: s.start)]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends)), "spans overlap"


def test_field_coverage(batch: ImportBatch) -> None:
    per_doc = Counter(t for d in batch.documents for t in {s.type for s in d.spans})
    for name in CORE_FIELDS:
        assert per_doc[name] >= 0.3 * len(batch.documents), name
    for name in (*INDEXED, "RVSV", "HZV"):
        assert per_doc[name] >= 0.05 * len(batch.documents), name
    only_ef = [d for d in batch.documents if {s.type for s in d.spans} == {"LV-EF"}]
    assert len(only_ef) >= 10
    # Absolute and indexed values of the same volume side by side in one report.
    assert sum({"LVEDV", "LVEDVi"} <= {s.type for s in d.spans} for d in batch.documents) >= 50


def test_bracketed_normal_ranges_are_never_spans(batch: ImportBatch) -> None:
    with_ranges = 0
    for doc in batch.documents:
        brackets = [m.span() for m in BRACKETED_RANGE.finditer(doc.text)]
        brackets += [m.span() for m in NORM_BRACKET.finditer(doc.text)]
        with_ranges += bool(brackets)
        for s in doc.spans:
            assert not any(s.start < b_end and b_start < s.end for b_start, b_end in brackets), (
                doc.external_id,
                doc.text[s.start : s.end],
            )
    assert with_ranges >= 0.2 * len(batch.documents)


def test_tables_and_prose(batch: ImportBatch) -> None:
    both = tables = prose_only = 0
    for doc in batch.documents:
        table_lines = [m.span() for m in TABLE_LINE.finditer(doc.text)]
        in_table = [any(a <= s.start < b for a, b in table_lines) for s in doc.spans]
        tables += any(in_table)
        both += any(in_table) and not all(in_table)
        prose_only += not any(in_table)
    assert tables >= 150 and both >= 100 and prose_only >= 100
    assert sum(" | " in d.text for d in batch.documents) >= 50
    layouts = Counter(d.metadata["layout"] for d in batch.documents)
    assert set(layouts) == {"prose", "inline", "pipe", "lvrv", "aligned"}


def test_written_forms_vary(batch: ImportBatch) -> None:
    texts = Counter()
    for doc in batch.documents:
        for s in doc.spans:
            text = doc.text[s.start : s.end]
            if s.type in PERCENT and re.fullmatch(r"0[.,]\d\d", text):
                assert 10 <= s.value <= 90
                texts["fraction"] += 1
            texts["litre"] += text.endswith(" l")
            texts["comma"] += "," in text
            texts["dot"] += "." in text
            texts["bare"] += text.replace(",", "").replace(".", "").isdigit()
            texts["mL"] += "mL" in text
            texts["m2"] += text.endswith("/m2")
    assert all(texts[k] >= 10 for k in ("fraction", "comma", "dot", "bare", "mL", "m2")), texts
    assert texts["litre"] >= 5, texts


def test_values_are_physiologically_consistent(batch: ImportBatch) -> None:
    for doc in batch.documents:
        v = first_values(doc)
        bsa, hr = doc.metadata["bsa"], doc.metadata["heart_rate"]
        assert 1.6 <= bsa <= 2.3
        for side in ("LV", "RV"):
            edv, esv, sv = v.get(f"{side}EDV"), v.get(f"{side}ESV"), v.get(f"{side}SV")
            if None not in (edv, esv, sv):
                assert sv == pytest.approx(edv - esv, abs=1e-6)
            if edv is not None and esv is not None and f"{side}-EF" in v:
                assert v[f"{side}-EF"] == pytest.approx((edv - esv) / edv * 100, abs=0.51)
        for idx, absolute in (("LVEDVi", "LVEDV"), ("LVESVi", "LVESV"), ("RVEDVi", "RVEDV"), ("LVMi", "LVM")):
            if idx in v and absolute in v:
                assert v[idx] == pytest.approx(v[absolute] / bsa, abs=0.51)
        if "HZV" in v and "LVSV" in v:
            assert v["HZV"] == pytest.approx(v["LVSV"] * hr / 1000, abs=0.051)
        if "LV-EF" in v:
            assert 10 <= v["LV-EF"] <= 90
        if "LVEDV" in v:
            assert 60 <= v["LVEDV"] <= 500
        # Repeated mentions (table and assessment) may round differently but never disagree.
        by_type: dict[str, list[float]] = {}
        for s in doc.spans:
            by_type.setdefault(s.type, []).append(s.value)
        assert all(max(vals) - min(vals) <= 1.0 for vals in by_type.values()), doc.external_id
    efs = [first_values(d)["LV-EF"] for d in batch.documents]
    assert sum(e < 45 for e in efs) >= 60 and sum(e >= 55 for e in efs) >= 250


def test_named_values_are_annotated_and_distractors_are_not(batch: ImportBatch) -> None:
    named = re.compile(
        r"\b(LVEDVi|LVESVi|RVEDVi|LVMi|LVEDV|LVESV|RVEDV|RVESV|LVSV|RVSV|LV-?EF|RV-?EF)"
        r":? (\d+(?:[.,]\d+)?)"
    )
    distractor = re.compile(r"(?:ECV\)? |T1 nativ |T2-Zeit |Septum |HF |Regurgitationsfraktion )(\d+)")
    seen = 0
    for doc in batch.documents:
        starts = {s.start: s.type for s in doc.spans}
        covered = {i for s in doc.spans for i in range(s.start, s.end)}
        for m in named.finditer(doc.text):
            assert starts.get(m.start(2)) == m.group(1).replace("LVEF", "LV-EF").replace("RVEF", "RV-EF"), (
                doc.external_id,
                m.group(0),
            )
            seen += 1
        for m in distractor.finditer(doc.text):
            assert m.start(1) not in covered, (doc.external_id, m.group(0))
        assert "mmol/kg" in doc.text or "ml Gadobutrol" in doc.text or "eGFR" in doc.text
    assert seen >= 1000


def test_reports_are_realistic_length(batch: ImportBatch) -> None:
    words = [len(d.text.split()) for d in batch.documents]
    assert min(words) >= 120 and max(words) <= 400
    for doc in batch.documents[:50]:
        assert "Befund" in doc.text and ("Beurteilung" in doc.text or "Zusammenfassung" in doc.text)
        assert doc.metadata["sex"] in ("M", "F") and 18 <= doc.metadata["age"] <= 90
        assert doc.metadata["indication"] in doc.text
