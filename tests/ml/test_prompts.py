"""Prompts and answer parsing of the instruct recipe: pure Python, no model."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlabel.core.normalize import NormalisedValue
from medlabel.core.records import SpanRecord
from medlabel.ml.recipes import prompts as P
from medlabel.ml.tasks import DocExample, DocTask, SpanExample, SpanTask

SMOKING = DocTask(
    "smoking_status",
    ["CURRENT SMOKER", "PAST SMOKER", "SMOKER", "NON-SMOKER", "UNKNOWN"],
    "The patient's own smoking status.",
    {"PAST SMOKER": "Quit at least one year before admission.", "NON-SMOKER": "Never smoked."},
)
CARDIO = SpanTask(
    "entities",
    ["LV-EF", "LVEDV", "LVEDVi", "HZV", "DRUG"],
    {
        "LV-EF": {"kind": "number", "units": ["%"]},
        "LVEDV": {"kind": "number", "units": ["ml"]},
        "LVEDVi": {"kind": "number", "units": ["ml/m²"]},
        "HZV": {"kind": "number", "units": ["l/min"]},
        "DRUG": None,
    },
    {"LV-EF": "Linksventrikuläre Ejektionsfraktion.", "LVEDV": "Enddiastolisches Volumen, absolut."},
)
REPORT = (
    "Kardio-MRT vom 21.02.2019, Kontrastmittel 8,0 ml Gadobutrol.\n"
    "LV-EDV 158 ml (NW 106 bis 214 ml), LVEDV-Index 85 ml/m².\n"
    "LV-EF 0,55 (NW 57–77 %). HZV 5,9 l/min. Medikation: Bisoprolol 5 mg.\n"
    "Beurteilung: normale LV-Funktion, EF 55 %."
)


class FakeTokenizer:
    """A whitespace tokenizer with a ChatML-like template: enough for prompt fitting, no model needed."""

    chat_template = "fake"
    eos_token = "<eos>"

    def apply_chat_template(self, messages, tokenize=False, add_generation_prompt=False):
        text = "".join(f"<|{m['role']}|>\n{m['content']}<|end|>\n" for m in messages)
        return text + ("<|assistant|>\n" if add_generation_prompt else "")

    def __call__(self, text, add_special_tokens=False, return_offsets_mapping=False):
        spans = [m.span() for m in re.finditer(r"\S+", text)]
        out = {"input_ids": list(range(len(spans)))}
        if return_offsets_mapping:
            out["offset_mapping"] = spans
        return out


# --- prompts --------------------------------------------------------------------------------------------


def test_document_prompt_holds_definitions_report_and_format():
    messages = P.build_messages(SMOKING, "He quit smoking in 1998.")
    assert [m["role"] for m in messages] == ["system", "user"]
    user = messages[1]["content"]
    for text in (
        "smoking_status",
        "The patient's own smoking status.",
        "- PAST SMOKER: Quit at least one",
        "- UNKNOWN",
        "He quit smoking in 1998.",
        '{"smoking_status": "<one of the labels>"}',
    ):
        assert text in user
    assert "JSON" in messages[0]["content"]


def test_span_prompt_names_each_field_with_unit_and_definition():
    user = P.user_message(CARDIO, REPORT)
    assert "- LV-EF (a number in %): Linksventrikuläre Ejektionsfraktion." in user
    assert "- LVEDVi (a number in ml/m²)" in user
    assert "- DRUG (the text as written in the report)" in user
    assert REPORT in user and '{"LV-EF": "<number> %"}' in user


def test_gold_answers_are_compact_json():
    assert P.gold_answer(SMOKING, DocExample(1, "x", "PAST SMOKER")) == '{"smoking_status": "PAST SMOKER"}'
    text = "EF 0,55 und später EF 60 %; LVEDV 0,15 l; Bisoprolol."

    def at(part: str) -> tuple[int, int]:
        return text.index(part), text.index(part) + len(part)

    spans = (
        SpanRecord(*at("0,15 l"), "LVEDV", 150.0, "ml"),
        SpanRecord(*at("60 %"), "LV-EF", 60.0, "%"),
        SpanRecord(*at("0,55"), "LV-EF", 55.0, "%"),
        SpanRecord(*at("Bisoprolol"), "DRUG"),
        SpanRecord(0, 2, "UNKNOWN-TYPE"),
    )
    answer = P.gold_answer(CARDIO, SpanExample(1, text, spans))
    # Text order, first occurrence per field, value and unit from the span; text fields as written.
    assert answer == '{"LV-EF": "55 %", "LVEDV": "150 ml", "DRUG": "Bisoprolol"}'
    assert P.parse_answer(CARDIO, answer).fields["LVEDV"] == NormalisedValue(150.0, "ml")


def test_end_of_turn_comes_from_the_template():
    assert P.end_of_turn(FakeTokenizer(), SMOKING) == "<|end|>"


def test_short_reports_are_left_whole():
    tok = FakeTokenizer()
    assert P.fit_report(tok, SMOKING, "He smokes.", 500, 20) == ("He smokes.", False)


@pytest.mark.parametrize("long_text", ["head_tail", "head"])
def test_long_reports_are_cut_to_fit(long_text):
    tok = FakeTokenizer()
    report = " ".join(f"w{i}" for i in range(1000))
    text, truncated = P.fit_report(tok, SMOKING, report, 400, 30, long_text)
    assert truncated and P.OMITTED in text
    assert len(tok(P.render_prompt(tok, SMOKING, text))["input_ids"]) + 30 <= 400
    assert text.startswith("w0 w1 ")
    assert text.endswith("w999") == (long_text == "head_tail")


def test_a_context_too_small_for_the_definitions_is_a_clear_error():
    with pytest.raises(P.MedlabelError, match="max_length"):
        P.fit_report(FakeTokenizer(), SMOKING, "text", 60, 20)


# --- reading answers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"smoking_status": "PAST SMOKER"}',
        'Sure! ```json\n{"smoking_status": "PAST SMOKER"}\n``` Hope this helps {not json}',
        "{'smoking_status': 'PAST SMOKER',}",  # Python quotes, trailing comma
        '{"smoking_status": "past smoker"}',
        '{"Smoking Status": "Past-Smoker"}',
        '{"status": "PAST SMOKER"}',  # a one-key object: only the key is misspelled
        '{\n  "smoking_status": "PAST SMOKER"\n}\n\nThe patient quit {years} ago.',
    ],
)
def test_document_answers_are_read_leniently(text):
    parsed = P.parse_answer(SMOKING, text)
    assert parsed == P.ParsedAnswer(True, label="PAST SMOKER")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("PAST SMOKER", "no JSON"),
        ('{"smoking_status": "PAST SMO', "no JSON"),  # cut off at max_new_tokens
        ('{"smoking_status": "EX-SMOKER"}', "not one of the labels"),
        ('{"smoking_status": ["PAST SMOKER"]}', "not a string"),
        ('{"a": "PAST SMOKER", "b": "x"}', "no 'smoking_status' key"),
        ("", "no JSON"),
        ("[1, 2]", "no JSON"),
    ],
)
def test_invalid_document_answers_are_counted_not_raised(text, error):
    parsed = P.parse_answer(SMOKING, text)
    assert not parsed.valid and parsed.label is None and error in parsed.error


def test_span_answer_values_are_normalised_and_located():
    answer = '{"LV-EF": "0,55", "LVEDV": "158 ml", "LVEDVi": 85, "HZV": "5,9 l/min", "DRUG": "bisoprolol"}'
    parsed = P.parse_answer(CARDIO, answer, REPORT)
    assert parsed.valid and parsed.error is None
    assert parsed.fields["LV-EF"] == NormalisedValue(55.0, "%")  # a bare fraction of a percent field
    assert parsed.fields["LVEDVi"] == NormalisedValue(85.0, "ml/m²")
    assert parsed.values["DRUG"] == "bisoprolol"
    found = {s.type: REPORT[s.start : s.end] for s in parsed.spans}
    # "0,55" after "LV-EF", not "EF 55 %" further on; "158 ml" not the range; the unit written after
    # the number belongs to the span.
    assert found == {"LV-EF": "0,55", "LVEDV": "158 ml", "LVEDVi": "85 ml/m²", "HZV": "5,9 l/min",
                     "DRUG": "Bisoprolol"}  # fmt: skip
    assert [s.start for s in parsed.spans] == sorted(s.start for s in parsed.spans)
    ef = next(s for s in parsed.spans if s.type == "LV-EF")
    assert (ef.value, ef.unit) == (55.0, "%")


def test_values_in_other_spellings_and_units_are_found():
    report = "Volumetrie: LVEDV 0,15 l. Ejektionsfraktion (LVEF) 55,0 %."
    parsed = P.parse_answer(CARDIO, '{"LVEF": "55 %", "LVEDV": "150 ml"}', report)
    assert parsed.valid  # "LVEF" is the field "LV-EF"
    assert {s.type: report[s.start : s.end] for s in parsed.spans} == {"LV-EF": "55,0 %", "LVEDV": "0,15 l"}


def test_the_occurrence_nearest_the_field_name_wins():
    report = "EF 60 %. Volumen 60 ml. LVEDV 60 ml, sonst 60 ml."
    parsed = P.parse_answer(CARDIO, '{"LVEDV": "60 ml"}', report)
    (span,) = parsed.spans
    assert span.start == report.index("LVEDV 60") + 6


def test_a_value_not_in_the_report_still_counts_for_values():
    parsed = P.parse_answer(CARDIO, '{"LV-EF": "42 %"}', REPORT)
    assert parsed.valid and parsed.fields == {"LV-EF": NormalisedValue(42.0, "%")} and parsed.spans == ()


def test_one_occurrence_is_never_given_to_two_fields():
    task = SpanTask(
        "e", ["LV-EF", "RV-EF"], {t: {"kind": "number", "units": ["%"]} for t in ("LV-EF", "RV-EF")}
    )
    report = "EF links/rechts: 60 %   60 %"
    parsed = P.parse_answer(task, '{"LV-EF": "60 %", "RV-EF": "60 %"}', report)
    assert len({(s.start, s.end) for s in parsed.spans}) == 2


def test_unknown_fields_and_bad_values_make_the_answer_invalid_but_keep_the_rest():
    parsed = P.parse_answer(CARDIO, '{"LV-EF": "55 %", "RVEF": "50 %", "LVEDV": "viel"}', REPORT)
    assert not parsed.valid
    assert "unknown field 'RVEF'" in parsed.error and "LVEDV" in parsed.error
    assert parsed.fields == {"LV-EF": NormalisedValue(55.0, "%")}


def test_absent_fields_may_be_null():
    parsed = P.parse_answer(CARDIO, '{"LV-EF": null, "LVEDV": "not mentioned", "HZV": ""}', REPORT)
    assert parsed.valid and parsed.fields == {}


def test_wrong_unit_is_rejected():
    parsed = P.parse_answer(CARDIO, '{"LV-EF": "55 ml"}', REPORT)
    assert not parsed.valid and "LV-EF" in parsed.error


def test_gold_answers_round_trip_on_the_demo_corpus():
    from medlabel.core.demo import cardio

    batch = cardio.generate(15, seed=5)
    task = SpanTask(
        "entities", [e.name for e in batch.entity_types], {e.name: e.normaliser for e in batch.entity_types}
    )
    for doc in batch.documents:
        parsed = P.parse_answer(
            task, P.gold_answer(task, SpanExample(0, doc.text, tuple(doc.spans))), doc.text
        )
        assert parsed.valid
        gold = {(s.start, s.end, s.type) for s in doc.spans}
        assert {(s.start, s.end, s.type) for s in parsed.spans} <= gold
        assert len(parsed.spans) == len(parsed.fields)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parsing_never_raises_on_any_text(text):
    for task in (SMOKING, CARDIO):
        parsed = P.parse_answer(task, text, REPORT)
        assert isinstance(parsed, P.ParsedAnswer)
        assert parsed.valid == (parsed.error is None)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["LV-EF", "lvedv", "HZV", "DRUG", "x", ""]),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.floats(),
            st.text(max_size=12),
            st.lists(st.integers(), max_size=2),
        ),
        max_size=5,
    )
)
def test_any_json_object_is_read_without_raising(data):
    text = json.dumps(data)
    parsed = P.parse_answer(CARDIO, text, REPORT)
    assert parsed.valid == (parsed.error is None)
    assert all(REPORT[s.start : s.end] for s in parsed.spans)


def test_the_prompt_ends_with_the_answers_opening():
    tok = FakeTokenizer()
    assert P.answer_prefix(SMOKING) == '{"smoking_status": "'
    assert P.gold_answer(SMOKING, DocExample(1, "x", "PAST SMOKER")).startswith(P.answer_prefix(SMOKING))
    assert P.render_prompt(tok, SMOKING, "report").endswith('{"smoking_status": "')
    assert P.render_prompt(tok, CARDIO, "report").endswith("{")
