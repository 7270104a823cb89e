"""Prompts and answers of the instruct recipe: what the LLM is asked, and how its answer is read.

A task becomes a chat: a system message with the instruction, a user message with the label (or field)
definitions and the report, and an assistant answer that is one compact JSON object, e.g.
``{"smoking_status": "PAST SMOKER"}`` or ``{"LV-EF": "55 %", "LVEDV": "150 ml"}``.

Span answers carry no character offsets, so ``parse_answer`` locates each answered value in the report
(every number in the text is normalised and compared with the answered value; the occurrence nearest
to a mention of the field's name wins). A value it cannot locate still counts for value-level
evaluation: it stays in ``ParsedAnswer.fields``, and a ``SpanPrediction`` keeps the answer in ``raw``.

Pure Python: a tokenizer is only duck-typed (``apply_chat_template`` and ``__call__``); no torch here.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.core.normalize import NormalisedValue, NumberValue, format_number, normalise, parse_number
from medlabel.core.records import SpanRecord
from medlabel.ml.tasks import DocExample, DocTask, SpanExample, SpanTask

PROMPT_VERSION = 2  # 2: the prompt ends with the answer's opening (answer_prefix)
OMITTED = "\n[... middle part of the report left out ...]\n"
_SYSTEM = {
    "document": "You are a careful clinical coder. You read one clinical report and classify it by the "
    "definitions given. Answer with one JSON object on one line and nothing else.",
    "spans": "You are a careful clinical coder. You read one clinical report and extract the values of the "
    "fields defined. Answer with one JSON object on one line and nothing else.",
}
# Words a model writes for "not in the report"; such a field is simply absent, not an error.
_ABSENT = {"", "none", "null", "n/a", "na", "not mentioned", "unknown", "not given", "-", "nicht angegeben"}


# --- prompts ------------------------------------------------------------------------------------------


def field_unit(task: SpanTask, name: str) -> str | None:
    """The canonical unit of a number field (the first of its normaliser's units), else None."""
    spec = task.normalisers.get(name) or {}
    units = spec.get("units") if spec.get("kind") == "number" else None
    return units[0] if units else None


def _field_line(task: SpanTask, name: str) -> str:
    unit = field_unit(task, name)
    how = f"a number in {unit}" if unit else "the text as written in the report"
    definition = task.definitions.get(name, "").strip()
    return f"- {name} ({how})" + (f": {definition}" if definition else "")


def user_message(task: DocTask | SpanTask, report: str) -> str:
    """The user turn: the schema's definitions, the answer format and the report."""
    if isinstance(task, DocTask):
        lines = [f"Task: {task.name}"] + ([task.definition.strip()] if task.definition.strip() else [])
        lines += ["", "Labels:"]
        for label in task.labels:
            definition = task.label_definitions.get(label, "").strip()
            lines.append(f"- {label}" + (f": {definition}" if definition else ""))
        example = json.dumps({task.name: "<one of the labels>"}, ensure_ascii=False)
        lines += ["", f"Answer format: {example}"]
    else:
        lines = ["Fields:", *(_field_line(task, name) for name in task.types)]
        first = task.types[0] if task.types else "field"
        unit = field_unit(task, first)
        example = json.dumps({first: f"<number> {unit}" if unit else "<value>"}, ensure_ascii=False)
        lines += [
            "",
            f"Answer format: a JSON object like {example} with each field the report gives a value for "
            "(its first mention), the value as a string in the unit named above; leave out fields the "
            "report does not give.",
        ]
    lines += ["", "Report:", '"""', report, '"""']
    return "\n".join(lines)


def build_messages(task: DocTask | SpanTask, report: str, answer: str | None = None) -> list[dict[str, str]]:
    """The chat: system instruction, user turn and, for training, the assistant's answer."""
    messages = [
        {"role": "system", "content": _SYSTEM[task.kind]},
        {"role": "user", "content": user_message(task, report)},
    ]
    if answer is not None:
        messages.append({"role": "assistant", "content": answer})
    return messages


def _apply_template(tokenizer: Any, messages: list[dict[str, str]], generation_prompt: bool) -> str:
    if not getattr(tokenizer, "chat_template", None):
        raise MedlabelError("the model has no chat template; the instruct recipe needs an instruct model")
    options = {"tokenize": False, "add_generation_prompt": generation_prompt}
    try:
        return tokenizer.apply_chat_template(messages, **options)
    except Exception:
        # Some templates (e.g. Gemma 2) refuse a system role; the instruction then opens the user turn.
        first = {"role": "user", "content": messages[0]["content"] + "\n\n" + messages[1]["content"]}
        return tokenizer.apply_chat_template([first, *messages[2:]], **options)


def answer_prefix(task: DocTask | SpanTask) -> str:
    """The opening of every answer, written at the end of the prompt so that the model only completes
    the JSON: ``{"smoking_status": "`` for document labels, ``{`` for fields. Zero-shot SmolLM2-135M
    wrote code or prose instead of JSON for 100 of 100 demo reports without it."""
    if isinstance(task, DocTask):
        return _dumps({task.name: ""})[:-2]
    return "{"


def render_prompt(tokenizer: Any, task: DocTask | SpanTask, report: str) -> str:
    """The prompt text up to and including the answer's opening (special tokens included as text)."""
    return _apply_template(tokenizer, build_messages(task, report), generation_prompt=True) + answer_prefix(
        task
    )


def end_of_turn(tokenizer: Any, task: DocTask | SpanTask) -> str:
    """The text the chat template puts after an assistant answer (e.g. ``<|im_end|>``), which the model
    must learn to generate so that it stops; falls back to the EOS token."""
    marker = '{"x": "medlabel"}'
    full = _apply_template(tokenizer, build_messages(task, "", marker), generation_prompt=False)
    after = full[full.rfind(marker) + len(marker) :].strip() if marker in full else ""
    return after or (tokenizer.eos_token or "")


def _count(tokenizer: Any, text: str) -> int:
    return len(tokenizer(text, add_special_tokens=False)["input_ids"])


def fit_report(
    tokenizer: Any,
    task: DocTask | SpanTask,
    report: str,
    max_tokens: int,
    reserve: int,
    long_text: str = "head_tail",
    head_share: float = 1 / 3,
) -> tuple[str, bool]:
    """The report, shortened if needed so that the prompt plus ``reserve`` answer tokens fit ``max_tokens``.

    A report that is too long keeps ``head_share`` of the budget from its head and the rest from its
    tail (``long_text="head"``: the head only), with ``OMITTED`` in between so the model sees that text
    is missing. The tail gets more because reports tend to end with what decides (assessment, plan),
    as in ``hf_data.HEAD_SHARE``. Returns (report, truncated).
    """
    overhead = _count(tokenizer, render_prompt(tokenizer, task, ""))
    budget = max_tokens - overhead - reserve
    if budget < 32:
        raise MedlabelError(
            f"a prompt needs {overhead + reserve + 32} tokens at least (definitions, answer, some report "
            f"text) but max_length allows {max_tokens}; raise max_length or shorten the definitions"
        )
    try:
        enc = tokenizer(report, add_special_tokens=False, return_offsets_mapping=True)
        offsets = [tuple(o) for o in enc["offset_mapping"]]
    except (NotImplementedError, KeyError, TypeError, ValueError):
        n = _count(tokenizer, report)  # a slow tokenizer: estimate offsets from characters per token
        offsets = [(len(report) * i // max(n, 1), len(report) * (i + 1) // max(n, 1)) for i in range(n)]
    if len(offsets) <= budget:
        return report, False
    budget -= _count(tokenizer, OMITTED) + 2  # the marker, and tokens merging across the cut
    for _ in range(4):  # a cut can tokenise a little longer than counted; shrink until it fits
        budget = max(budget, 2)
        head = budget if long_text == "head" else max(1, round(budget * head_share))
        tail = budget - head
        text = report[: offsets[head - 1][1]].rstrip() + OMITTED
        text += report[offsets[len(offsets) - tail][0] :].lstrip() if tail else ""
        excess = _count(tokenizer, render_prompt(tokenizer, task, text)) + reserve - max_tokens
        if excess <= 0:
            break
        budget -= excess + 2
    return text, True


# --- gold answers ---------------------------------------------------------------------------------------


def _dumps(answer: dict[str, str]) -> str:
    return json.dumps(answer, ensure_ascii=False)


def gold_answer(task: DocTask | SpanTask, example: DocExample | SpanExample) -> str:
    """The answer the model is taught: the label, or each field's first value in the report."""
    if isinstance(task, DocTask):
        assert isinstance(example, DocExample)
        return _dumps({task.name: example.label or ""})
    assert isinstance(example, SpanExample)
    answer: dict[str, str] = {}
    for span in sorted(example.spans, key=lambda s: (s.start, s.end)):
        if span.type not in task.types or span.type in answer:
            continue
        unit = span.unit or field_unit(task, span.type)
        if span.value is not None and math.isfinite(span.value):
            answer[span.type] = format_number(NumberValue(span.value, unit))
        else:
            answer[span.type] = example.text[span.start : span.end].strip()
    return _dumps(answer)


# --- reading answers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedAnswer:
    """What a generated answer says. ``fields`` holds every accepted field value (located or not);
    ``spans`` only those found in the report. Invalid answers keep whatever part could be read."""

    valid: bool
    label: str | None = None
    fields: dict[str, NormalisedValue] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)  # field -> value as answered
    spans: tuple[SpanRecord, ...] = ()
    error: str | None = None


def _balanced(text: str, start: int) -> str | None:
    """The text from the '{' at ``start`` to its matching '}', respecting quoted strings."""
    depth, quote, escaped = 0, "", False
    for i in range(start, len(text)):
        c = text[i]
        if quote:
            escaped = c == "\\" and not escaped
            if c == quote and not escaped:
                quote = ""
            continue
        if c in "\"'":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
    return None


def extract_json(text: str) -> dict[str, Any] | None:
    """The first JSON object in ``text``: tolerates code fences and text around it, Python-style single
    quotes and trailing commas. None when there is none; never raises."""
    if not isinstance(text, str):
        return None
    decoder = json.JSONDecoder()
    for tries, match in enumerate(re.finditer(r"\{", text)):
        if tries >= 20:  # a model looping on '{' should not cost quadratic time
            break
        try:
            obj, _ = decoder.raw_decode(text, match.start())
        except (ValueError, RecursionError):
            candidate = _balanced(text, match.start())
            if candidate is None or len(candidate) > 20_000:
                continue
            try:
                obj = ast.literal_eval(candidate)  # literals only: evaluates no code
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                continue
        if isinstance(obj, dict):
            return {str(k): v for k, v in obj.items()}
    return None


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(text).casefold())


def match_label(labels: list[str], answer: str) -> str | None:
    """The canonical label for an answered one: exact, then ignoring case, then ignoring spacing and
    punctuation ("non smoker" -> "NON-SMOKER")."""
    if answer in labels:
        return answer
    for normal in (lambda s: s.strip().casefold(), _key):
        hits = [label for label in labels if normal(label) == normal(answer)]
        if len(hits) == 1:
            return hits[0]
    return None


def _field_for(task: SpanTask, key: str) -> str | None:
    if key in task.types:
        return key
    hits = [name for name in task.types if _key(name) == _key(key)]
    return hits[0] if len(hits) == 1 else None


def _parse_document(task: DocTask, data: dict[str, Any]) -> ParsedAnswer:
    key = next((k for k in data if k == task.name), None) or next(
        (k for k in data if _key(k) == _key(task.name)), None
    )
    if key is None and len(data) == 1:
        key = next(iter(data))  # a one-key object: the model only misspelled the key
    if key is None:
        return ParsedAnswer(False, error=f"the answer has no {task.name!r} key")
    answer = data[key]
    if not isinstance(answer, str):
        return ParsedAnswer(False, error=f"the label is not a string: {answer!r}"[:200])
    label = match_label(task.labels, answer)
    if label is None:
        return ParsedAnswer(False, error=f"{answer[:80]!r} is not one of the labels")
    return ParsedAnswer(True, label=label)


def parse_answer(
    task: DocTask | SpanTask,
    text: str,
    report: str = "",
    vocabularies: Mapping[str, Any] | None = None,
) -> ParsedAnswer:
    """Read a generated answer and check it against the schema; never raises.

    Document task: the label must be one of the task's labels (case and spacing may differ).
    Span task: every key must be a known field (spelling like "LVEF" for "LV-EF" is accepted) and every
    value must normalise; an unknown field or a bad value makes the answer invalid, but the good fields
    are still returned. ``vocabularies`` (name -> ``Vocabulary``) turns code fields' terms into codes.
    """
    try:
        data = extract_json(text)
        if data is None:
            return ParsedAnswer(False, error="no JSON object in the answer")
        if isinstance(task, DocTask):
            return _parse_document(task, data)
        return _parse_spans(task, data, report if isinstance(report, str) else "", vocabularies or {})
    except Exception as exc:  # a model's output must never crash a run; it is counted as invalid
        return ParsedAnswer(False, error=f"unreadable answer ({type(exc).__name__}: {exc})"[:300])


def _parse_spans(
    task: SpanTask, data: dict[str, Any], report: str, vocabularies: Mapping[str, Any]
) -> ParsedAnswer:
    fields: dict[str, NormalisedValue] = {}
    values: dict[str, str] = {}
    errors: list[str] = []
    for key, raw in data.items():
        name = _field_for(task, key)
        if name is None:
            errors.append(f"unknown field {key[:40]!r}")
            continue
        if raw is None or (isinstance(raw, str) and raw.strip().casefold() in _ABSENT):
            continue
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            errors.append(f"{name}: the value is not a string or number")
            continue
        value = str(raw).strip()
        spec = task.normalisers.get(name)
        try:
            if spec and spec.get("kind") == "code" and spec.get("vocabulary") not in vocabularies:
                normalised = NormalisedValue()  # no vocabulary at hand: keep the term, code unknown
            else:
                normalised = normalise(value, spec, vocabularies.get((spec or {}).get("vocabulary", "")))
        except MedlabelError as exc:
            errors.append(f"{name}: {exc}")
            continue
        if name in fields:
            continue  # the same field twice (e.g. "LVEF" and "LV-EF"): the first one counts
        fields[name], values[name] = normalised, value
    spans = locate_all(task, report, fields, values) if report else ()
    return ParsedAnswer(
        not errors, fields=fields, values=values, spans=spans, error="; ".join(errors) or None
    )


# --- locating answered values in the report -------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])([+\-−]?)([0-9]+(?:[.,][0-9]+)*)")
_UNIT = re.compile(r"[ \u00a0]?(%|[A-Za-zµ/][A-Za-zµ²³0-9/^]*)")
_RANGE_AFTER = re.compile(r"\s*(?:-|–|—|bis\b|to\b)\s*[+\-−]?[0-9]", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"[0-9]\s*(?:-|–|—|bis|to)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    value: float


def _number_mentions(report: str, units: list[str]) -> list[_Mention]:
    """Every number in the report that reads as a value in ``units`` (with the unit written after it,
    or bare, where a bare fraction counts as percent); ranges are no single value and are skipped."""
    found = []
    for m in _NUMBER.finditer(report):
        if _RANGE_AFTER.match(report, m.end()) or _RANGE_BEFORE.search(
            report, max(0, m.start() - 8), m.start()
        ):
            continue
        number = m.group(0)
        unit = _UNIT.match(report, m.end())
        end = m.end()
        try:
            if unit and _is_unit(unit.group(1)):
                value = parse_number(f"{number} {unit.group(1)}", units)
                end = unit.end()
            elif unit and ("/" in unit.group(1) or not unit.group(0)[0].isspace()):
                continue  # a unit medlabel does not know ("0,2 mmol/kg", "5mg/dl"): not a bare number
            else:
                value = parse_number(number, units)
        except MedlabelError:
            continue
        found.append(_Mention(m.start(), end, value.value))
    return found


def _is_unit(spelling: str) -> bool:
    try:
        return parse_number(f"1 {spelling}", []).unit is not None
    except MedlabelError:
        return False


def _name_pattern(name: str) -> re.Pattern[str]:
    # "LV-EF" should find "LV-EF", "LVEF" and "LV EF"; "LVEDV" finds "LV-EDV" but not "LVEDVi".
    chars = [re.escape(c) for c in name if c.isalnum()]
    return re.compile(r"(?<![^\W_])" + r"[\s\-_/]?".join(chars) + r"(?![^\W_])", re.IGNORECASE)


def _distance(start: int, end: int, names: list[tuple[int, int]]) -> float:
    # Values follow their label ("LV-EF 55 %"), so a name after the value counts as three times as far.
    best = math.inf
    for n_start, n_end in names:
        best = min(best, start - n_end if n_end <= start else 3 * max(0, n_start - end))
    return best


def locate_all(
    task: SpanTask, report: str, fields: Mapping[str, NormalisedValue], values: Mapping[str, str]
) -> tuple[SpanRecord, ...]:
    """Character spans for the answered values found in ``report`` (each occurrence used once)."""
    taken: set[tuple[int, int]] = set()
    spans = []
    for name, normalised in fields.items():
        unit = field_unit(task, name)
        if unit and normalised.value is not None:
            target = normalised.value
            candidates = [
                (m.start, m.end)
                for m in _number_mentions(report, [unit])
                if math.isclose(m.value, target, rel_tol=1e-9, abs_tol=1e-9)
            ]
        else:
            words = values.get(name, "").split()
            if not words:
                continue
            pattern = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)
            candidates = [(m.start(), m.end()) for m in pattern.finditer(report)]
        candidates = [c for c in candidates if c not in taken]
        if not candidates:
            continue
        names = [(m.start(), m.end()) for m in _name_pattern(name).finditer(report)]
        start, end = min(candidates, key=lambda c: (_distance(c[0], c[1], names), c[0]))
        taken.add((start, end))
        spans.append(SpanRecord(start, end, name, normalised.value, normalised.unit, normalised.code))
    return tuple(sorted(spans, key=lambda s: (s.start, s.end)))
