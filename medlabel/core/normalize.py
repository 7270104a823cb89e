"""Turn a span's text into a normalised value: a number with a unit, or a code from a vocabulary.

An entity type may carry a normaliser, a JSON-able dict:

- ``{"kind": "number", "units": ["%"]}``: the first unit is the canonical one; a value written in another
  unit of the same kind (``medlabel.core.units``) is converted to the first expected unit of that kind.
  Optional keys: ``"analyte"`` (a name from ``units.ANALYTES``, e.g. ``"glucose"``) or ``"molar_mass"``
  (g/mol) and ``"valence"``, so that a value in a unit of no expected kind converts between mass and
  substance concentration (100 mg/dl glucose is 5.55 mmol/l) or from mEq/l; ``"plausible": [low, high]``
  in the canonical unit, outside which ``implausible`` warns (it never refuses a value).
- ``{"kind": "code", "vocabulary": "<name>", "min_score": 60}``: a vocabulary of code, preferred term and
  synonyms, loaded from CSV; ``min_score`` is optional.

Number reading rules (the text is a span's text such as ``"55 %"``, not a sentence):

- Surrounding whitespace, a leading ``ca.``/``circa``/``approx.``/``~``/``≈`` and one trailing ``.`` or
  ``,`` are tolerated; any other leading word is not.
- One comma is a decimal comma (``"55,0"``, ``"1,2 l"``, ``"1,250 l"`` is 1.25 l) unless a dot follows it
  (``"1,250.5"``); several commas between groups of three digits separate thousands (``"1,250,000"``).
- Thousands separators: a dot followed by groups of exactly three digits, after a first group of one to
  three digits that does not start with 0, is a German thousands separator: ``"1.250 ml"`` is 1250 ml and
  ``"1.250.000"`` is 1250000, but ``"1.25"``, ``"0.150"`` and ``"1250.5"`` are decimals. So ``"1.250 l"``
  is 1250 l, as a German reader would take it; write ``"1,25 l"`` for one and a quarter litres.
  ``format_number`` never writes that ambiguous form (it writes ``"1.2340"``, not ``"1.234"``).
- When the canonical unit is ``%``, a bare number from 0 to 1 is a fraction: ``"0,55"`` is 55 %.
- Negative numbers are allowed: a global longitudinal strain of ``"-18 %"`` is a real value.
- Ranges (``"55-60 %"``) and bounds (``"< 5 %"``) are errors: they are not one value.
"""

from __future__ import annotations

import functools
import io
import math
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from medlabel.core.errors import ImportFormatError, NormalisationError, SchemaError
from medlabel.core.units import (
    ANALYTES,
    KNOWN_UNITS,
    UNIT_KIND,
    canonical_unit,
    conversion_factor,
    needs_analyte,
)

DEFAULT_MIN_SCORE = 60.0

_PREFIX = re.compile(r"^(?:(?:ca\.?|circa|approx\.?)(?=[\s0-9+\-−])|~|≈)\s*", re.IGNORECASE)
_BOUND = re.compile(r"^(?:<=?|>=?|≤|≥)")
# [0-9], not \d: \d also matches other scripts' digits, which float() would then half-accept.
_NUMBER = re.compile(r"^([+\-−]?)\s*([0-9]+(?:[.,][0-9]+)*)")
_RANGE = re.compile(r"^[^0-9]*?(?:-|–|—|\.\.|\bbis\b|\bto\b)\s*[+\-−]?[0-9]", re.IGNORECASE)


@dataclass(frozen=True)
class NumberValue:
    value: float
    unit: str | None


def _canonical_units(spellings: Iterable[str]) -> list[str]:
    units: list[str] = []
    for spelling in spellings:
        unit = canonical_unit(spelling)
        if unit is None:
            raise SchemaError(f"unknown unit {spelling!r}; known units: {', '.join(KNOWN_UNITS)}")
        if unit in units:
            raise SchemaError(f"unit {spelling!r} is listed twice (as {unit!r}); list each unit once")
        units.append(unit)
    return units


def _thousands_groups(groups: Sequence[str]) -> bool:
    lead, *rest = groups
    return bool(rest) and 1 <= len(lead) <= 3 and lead[0] != "0" and all(len(g) == 3 for g in rest)


def _to_float(digits: str) -> float | None:
    """Read digits with '.'/',' separators by the module's rules; None when they make no number."""
    if "." in digits and "," in digits:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        whole, _, frac = digits.rpartition(decimal)
        groups = whole.split("," if decimal == "." else ".")
        ok = digits.count(decimal) == 1 and _thousands_groups(groups)
        return float("".join(groups) + "." + frac) if ok else None
    sep = "." if "." in digits else ","
    parts = digits.split(sep)
    if len(parts) == 1:
        return float(digits)
    if _thousands_groups(parts) and (sep == "." or len(parts) > 2):
        return float("".join(parts))
    return float(parts[0] + "." + parts[1]) if len(parts) == 2 else None


def _clean(x: float) -> float:
    # 12 significant digits drop conversion noise (1.2 * 1000 = 1200.0000000000002) but, unlike a fixed
    # number of decimals, keep small values; "+ 0.0" turns -0.0 into 0.0.
    return float(f"{x:.12g}") + 0.0


def parse_number(
    text: str, units: Sequence[str], *, molar_mass: float | None = None, valence: int | None = None
) -> NumberValue:
    """Read one number with an optional unit and convert it to the expected unit of its kind.

    ``units`` are the expected units, the first canonical (a bare number gets it); with no units any known
    unit is kept as written (in its canonical spelling) and a bare number has no unit. A unit of no
    expected kind converts between mass and substance concentration with ``molar_mass`` (g/mol) and
    from mEq with ``valence`` (see ``number_chemistry``). Raises ``NormalisationError`` naming the text,
    the expected units and the problem.
    """
    expected = _canonical_units(units)
    wanted = f"a value in {' or '.join(expected)}" if expected else "a number"

    def fail(problem: str) -> NormalisationError:
        return NormalisationError(f"could not parse {text!r} as {wanted}: {problem}")

    s = text.strip()
    if s[-1:] in (".", ","):
        s = s[:-1].rstrip()
    s = _PREFIX.sub("", s)
    if _BOUND.match(s):
        raise fail("it is a bound, not one value")
    m = _NUMBER.match(s)
    if m is None:
        # A number further on means the span took in a word too; say so rather than "no number".
        raise fail(
            "it does not start with a number; select only the value and its unit"
            if re.search("[0-9]", s)
            else "no number found"
        )
    number = _to_float(m.group(2))
    if number is None:
        raise fail(f"{m.group(2)!r} is not a well-formed number")
    if not math.isfinite(number):
        raise fail("the number is too large")
    if m.group(1) in ("-", "−"):
        number = -number
    rest = s[m.end() :].strip()
    if _RANGE.match(rest):
        raise fail("it is a range, not one value")

    if not rest:
        unit = expected[0] if expected else None
        if unit == "%" and 0 <= number <= 1:
            number *= 100  # "0,55" for an ejection fraction means 55 %
        return NumberValue(_clean(number), unit)
    unit = canonical_unit(rest, expected)
    if unit is None:
        raise fail(
            f"{rest!r} is not a known unit" + (f", expected {', '.join(expected)}" if expected else "")
        )
    if not expected:
        return NumberValue(_clean(number), unit)
    kind = UNIT_KIND[unit]
    target = next((u for u in expected if UNIT_KIND[u] == kind), None)
    if target is None:
        chemistry = [u for u in expected if needs_analyte(unit, u)]
        target = next((u for u in chemistry if conversion_factor(unit, u, molar_mass, valence)), None)
        if target is None and chemistry:
            raise NormalisationError(
                f"could not parse {text!r} as {wanted}: converting {unit} to {chemistry[0]} needs the "
                "analyte (its molar mass, for mEq its valence); set the entity type's analyte in the "
                "schema editor, or write the value in " + " or ".join(expected),
                code="normalise.needs_analyte",
                text=text,
                unit=unit,
                target=chemistry[0],
            )
    if target is None:
        raise fail(f"unit {rest!r} is not one of {', '.join(expected)}")
    factor = conversion_factor(unit, target, molar_mass, valence)
    assert factor is not None  # same kind, or chosen above for converting
    number *= factor
    if not math.isfinite(number):
        raise fail("the number is too large")
    return NumberValue(_clean(number), target)


def format_number(v: NumberValue) -> str:
    """Write ``"55.4 %"``: '.' decimal point, no exponent, no trailing zeros, read back by parse_number."""
    text = format(Decimal(repr(_clean(v.value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if _thousands_groups(text.lstrip("-").split(".")):
        text += "0"  # "1.234" would read back as 1234 (German thousands); "1.2340" cannot
    return f"{text} {v.unit}" if v.unit else text


# --- code: vocabularies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VocabularyEntry:
    code: str
    term: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeMatch:
    code: str
    term: str
    matched: str  # the term, synonym or code (as written in the vocabulary) that matched
    score: float
    exact: bool


class VocabularyError(ImportFormatError, NormalisationError):
    """A vocabulary file could not be read; names the file, the row and the problem."""


def _text_key(text: str) -> str:
    # Accent-insensitive so that "Athanol" finds "Äthanol" exactly, and typed text need not match the
    # file's case or spacing.
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def _decode(raw: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):  # what spreadsheets save; utf-8-sig also reads plain UTF-8
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    return None


@functools.cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="medlabel-lookup")


_HEADERS = {
    "code": ("code", "kode", "id"),
    "term": ("term", "preferred term", "begriff", "bezeichnung", "name"),
    "synonyms": ("synonyms", "synonym", "synonyme"),
}


class Vocabulary:
    """Codes with a preferred term and synonyms; exact and fuzzy lookup of span text."""

    def __init__(self, entries: Iterable[VocabularyEntry]) -> None:
        import numpy as np

        self.entries: tuple[VocabularyEntry, ...] = tuple(entries)
        self._by_code: dict[str, VocabularyEntry] = {}
        self._exact: dict[str, list[tuple[int, str]]] = {}  # key -> (entry index, name as written)
        # Built once: one fuzzy choice per term/synonym, an entry's choices adjacent (from _starts[i]), so a
        # lookup takes each entry's best score with one vectorised reduceat instead of a Python loop.
        self._choices: list[str] = []
        self._names: list[str] = []
        starts: list[int] = []
        for i, entry in enumerate(self.entries):
            if entry.code in self._by_code:
                raise NormalisationError(f"code {entry.code!r} is listed twice in the vocabulary")
            if not _text_key(entry.term):
                raise NormalisationError(f"code {entry.code!r} has no term in the vocabulary")
            self._by_code[entry.code] = entry
            starts.append(len(self._choices))
            names = dict.fromkeys((entry.term, *entry.synonyms))
            for name in (entry.code, *names):
                hits = self._exact.setdefault(_text_key(name), [])
                if not hits or hits[-1][0] != i:
                    hits.append((i, name))
            # Codes take part in exact lookup only: fuzzy-matching "C07AB02" against words finds noise.
            for name in names:
                if key := _text_key(name):
                    self._choices.append(key)
                    self._names.append(name)
        self._starts = np.array(starts, dtype=np.intp)
        self._ends = np.append(self._starts[1:], len(self._choices)).astype(np.intp)
        rank = {code: r for r, code in enumerate(sorted(self._by_code))}
        self._rank = np.array([rank[e.code] for e in self.entries], dtype=np.intp)
        # rapidfuzz's cdist parallelises over queries, not choices, so one query runs on one core; scoring
        # chunks of the choices in threads (cdist releases the GIL) keeps a 20,000-entry lookup fast.
        n, parts = len(self._choices), max(1, min(os.cpu_count() or 1, 8, len(self._choices) // 5000))
        self._chunks = [self._choices[k * n // parts : (k + 1) * n // parts] for k in range(parts)]

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, code: str) -> VocabularyEntry | None:
        return self._by_code.get(code)

    def lookup(self, text: str, limit: int = 5, min_score: float = DEFAULT_MIN_SCORE) -> list[CodeMatch]:
        """Exact matches (score 100) first, then fuzzy ones; best first, ties by code."""
        import numpy as np
        from rapidfuzz import fuzz, process

        key = _text_key(text)
        if not key or limit <= 0:
            return []
        found = sorted(self._exact.get(key, ()), key=lambda hit: self.entries[hit[0]].code)
        matches = [CodeMatch(self.entries[i].code, self.entries[i].term, n, 100.0, True) for i, n in found]
        if len(matches) >= limit or not self.entries:
            return matches[:limit]

        # WRatio rather than token_set_ratio: token_set_ratio scores "metoprolol" against "metoprolol
        # succinat" 100, as high as the exact term, while WRatio discounts partial and reordered matches,
        # so the closest whole name ranks first; it still tolerates typos and word order.
        def score(chunk: list[str]) -> Any:
            return process.cdist([key], chunk, scorer=fuzz.WRatio, processor=None, score_cutoff=min_score)[0]

        scores = np.concatenate(list((_pool().map if len(self._chunks) > 1 else map)(score, self._chunks)))
        best = np.maximum.reduceat(scores, self._starts)
        best[[i for i, _ in found]] = -1
        candidates = np.flatnonzero(best >= min_score)
        order = candidates[np.lexsort((self._rank[candidates], -best[candidates]))]
        for i in order[: limit - len(matches)]:
            name = self._names[self._starts[i] + int(np.argmax(scores[self._starts[i] : self._ends[i]]))]
            entry = self.entries[i]
            matches.append(CodeMatch(entry.code, entry.term, name, round(float(best[i]), 2), False))
        return matches

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> Vocabulary:
        """Read a CSV with columns code, term and (optional) synonyms separated by '|' or ';'.

        The separator (',', ';' or tab) is taken from the header row, so a spreadsheet's German CSV export
        loads too; the text may be UTF-8 (with or without BOM) or Windows-1252. Raises ``VocabularyError``
        naming the file and the row as a spreadsheet shows it (header = row 1).
        """
        import pandas as pd

        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise VocabularyError(path, "file not found; check the path or choose the file again") from None
        except OSError as exc:
            raise VocabularyError(path, f"could not be read ({exc.strerror or exc})") from None
        text = _decode(raw)
        if text is None:
            raise VocabularyError(path, "is neither UTF-8 nor Windows-1252 text; save it again as CSV UTF-8")
        header = text.split("\n", 1)[0]
        sep = max((",", ";", "\t"), key=header.count)
        try:
            with warnings.catch_warnings():
                # A row longer than the header makes pandas shift columns into an index or drop data.
                warnings.simplefilter("error", pd.errors.ParserWarning)
                # skip_blank_lines=False keeps pandas' row index in step with the file's rows for messages.
                options = {
                    "dtype": str,
                    "keep_default_na": False,
                    "skip_blank_lines": False,
                    "index_col": False,
                }
                df = pd.read_csv(io.StringIO(text), sep=sep, **options).fillna("")
        except pd.errors.EmptyDataError:
            raise VocabularyError(path, "the file is empty; it needs a header row and entries") from None
        except (pd.errors.ParserError, pd.errors.ParserWarning) as exc:
            problem = str(exc).strip().removeprefix("Error tokenizing data. C error: ")
            raise VocabularyError(
                path, f"not a well-formed CSV table ({problem}); quote cells with {sep!r}"
            ) from None
        columns = {" ".join(str(c).casefold().split()): c for c in df.columns}
        found = {f: next((columns[a] for a in names if a in columns), None) for f, names in _HEADERS.items()}
        for field in ("code", "term"):
            if found[field] is None:
                raise VocabularyError(
                    path,
                    f"there is no {field!r} column (found: {', '.join(map(str, df.columns))}); "
                    "the first row must name the columns code, term and synonyms",
                    location="row 1",
                )
        codes = df[found["code"]].str.strip().tolist()
        terms = df[found["term"]].str.strip().tolist()
        synonyms = df[found["synonyms"]].tolist() if found["synonyms"] is not None else [""] * len(codes)
        entries: list[VocabularyEntry] = []
        seen: dict[str, int] = {}
        for row, (code, term, syn) in enumerate(zip(codes, terms, synonyms, strict=True), start=2):
            where = f"row {row}"
            names = tuple(dict.fromkeys(s.strip() for s in re.split(r"[|;]", syn) if s.strip()))
            if not (code or term or names):
                continue  # a blank row
            if not code:
                raise VocabularyError(path, "the code is empty; fill in a code or delete the row", where)
            if not term:
                raise VocabularyError(path, f"code {code!r} has no term; fill in its preferred term", where)
            if code in seen:
                problem = f"code {code!r} is also in row {seen[code]}; list it once, other names as synonyms"
                raise VocabularyError(path, problem, where)
            seen[code] = row
            entries.append(VocabularyEntry(code, term, names))
        return cls(entries)


# --- dispatcher ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalisedValue:
    value: float | None = None
    unit: str | None = None
    code: str | None = None


_KEYS = {
    "number": {"kind", "units", "analyte", "molar_mass", "valence", "plausible"},
    "code": {"kind", "vocabulary", "min_score"},
}


def _is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _validate_number(normaliser: Mapping[str, Any]) -> dict[str, Any]:
    units = normaliser.get("units")
    if isinstance(units, str) or not isinstance(units, Sequence) or not units:
        raise SchemaError("a number normaliser needs a list of units, e.g. ['%'], the first canonical")
    clean: dict[str, Any] = {"kind": "number", "units": _canonical_units(units)}
    analyte = normaliser.get("analyte")
    if analyte is not None and analyte != "":
        key = " ".join(str(analyte).casefold().replace("_", " ").split())
        if key not in ANALYTES:
            known = ", ".join(ANALYTES)
            raise SchemaError(
                f"unknown analyte {analyte!r}; known analytes: {known}, or give the molar mass instead",
                code="schema.unknown_analyte",
                analyte=str(analyte),
                known=known,
            )
        clean["analyte"] = key
    if normaliser.get("molar_mass") is not None:
        mass = normaliser["molar_mass"]
        if not _is_number(mass) or mass <= 0:
            raise SchemaError(
                f"the molar mass must be a positive number in g/mol, not {mass!r}",
                code="schema.bad_molar_mass",
                value=repr(mass),
            )
        clean["molar_mass"] = float(mass)
    if normaliser.get("valence") is not None:
        valence = normaliser["valence"]
        if isinstance(valence, bool) or not isinstance(valence, int) or not 1 <= valence <= 9:
            raise SchemaError(
                f"the valence must be a whole number from 1 to 9, not {valence!r}",
                code="schema.bad_valence",
                value=repr(valence),
            )
        clean["valence"] = valence
    if normaliser.get("plausible") is not None:
        bounds = normaliser["plausible"]
        ok = isinstance(bounds, Sequence) and not isinstance(bounds, str) and len(bounds) == 2
        if not ok or not all(map(_is_number, bounds)) or not bounds[0] < bounds[1]:
            raise SchemaError(
                f"the plausible range must be two numbers, the lower first, like [30, 600], not {bounds!r}",
                code="schema.bad_plausible_range",
                value=repr(bounds),
            )
        clean["plausible"] = [float(bounds[0]), float(bounds[1])]
    return clean


def number_chemistry(normaliser: Mapping[str, Any]) -> tuple[float | None, int | None]:
    """(molar mass in g/mol, valence) of a clean number normaliser: its own, else its analyte's."""
    analyte = ANALYTES.get(normaliser.get("analyte") or "")
    molar_mass = normaliser.get("molar_mass") or (analyte.molar_mass if analyte else None)
    valence = normaliser.get("valence") or (analyte.valence if analyte else None)
    return molar_mass, valence


def validate_normaliser(normaliser: Mapping[str, Any]) -> dict[str, Any]:
    """Check a normaliser dict and return a clean copy (units in canonical spelling); raise SchemaError."""
    if not isinstance(normaliser, Mapping):
        raise SchemaError("a normaliser must be a dict like {'kind': 'number', 'units': ['%']}")
    kind = normaliser.get("kind")
    if kind not in _KEYS:
        raise SchemaError(f"unknown normaliser kind {kind!r}; use 'number' or 'code'")
    extra = sorted(map(str, set(normaliser) - _KEYS[kind]))
    if extra:
        allowed = ", ".join(sorted(_KEYS[kind]))
        raise SchemaError(f"a {kind} normaliser takes only {allowed}; remove {', '.join(extra)}")
    if kind == "number":
        return _validate_number(normaliser)
    vocabulary = normaliser.get("vocabulary")
    if not isinstance(vocabulary, str) or not vocabulary.strip():
        raise SchemaError("a code normaliser needs the name of its vocabulary, e.g. {'vocabulary': 'ATC'}")
    clean: dict[str, Any] = {"kind": "code", "vocabulary": vocabulary.strip()}
    if "min_score" in normaliser:
        score = normaliser["min_score"]
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 100:
            raise SchemaError(f"min_score must be a number from 0 to 100, not {score!r}")
        clean["min_score"] = float(score)
    return clean


def normalise(
    text: str, normaliser: Mapping[str, Any] | None, vocabulary: Vocabulary | None = None
) -> NormalisedValue:
    """Normalise a span's text by its entity type's normaliser (None: nothing to normalise)."""
    if normaliser is None:
        return NormalisedValue()
    spec = validate_normaliser(normaliser)
    if spec["kind"] == "number":
        molar_mass, valence = number_chemistry(spec)
        number = parse_number(text, spec["units"], molar_mass=molar_mass, valence=valence)
        return NormalisedValue(value=number.value, unit=number.unit)
    name = spec["vocabulary"]
    if vocabulary is None:
        raise NormalisationError(f"could not look up {text!r}: vocabulary {name!r} is not loaded")
    min_score = spec.get("min_score", DEFAULT_MIN_SCORE)
    best = vocabulary.lookup(text, limit=1, min_score=min_score)
    if not best:
        raise NormalisationError(
            f"could not find {text!r} in vocabulary {name!r}: no term or synonym matches with a score of at "
            f"least {min_score:g}; check the spelling or add it as a synonym"
        )
    return NormalisedValue(code=best[0].code)


# --- plausibility ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Implausible:
    """A value outside its type's plausible range: a warning, never a refusal. ``message`` is English;
    ``code`` and ``params`` let the app word it, as they do for a ``MedlabelError``."""

    message: str
    code: str
    params: dict[str, Any]


def check_plausible(
    normaliser: Mapping[str, Any] | None, value: float | None, unit: str | None = None, type_name: str = ""
) -> Implausible | None:
    """The warning for a number outside the normaliser's ``plausible`` range, else None.

    ``unit`` is the value's unit (None: the canonical one, in which the range is given); a value in
    another unit is converted first, and one that does not convert to the canonical unit is not judged.
    """
    if not normaliser or normaliser.get("kind") != "number" or not normaliser.get("plausible"):
        return None
    if value is None or not math.isfinite(value):
        return None
    spec = validate_normaliser(normaliser)
    canonical = spec["units"][0]
    given = canonical if unit is None else canonical_unit(unit, spec["units"])
    factor = conversion_factor(given, canonical, *number_chemistry(spec)) if given else None
    low, high = spec["plausible"]
    if factor is None or low <= value * factor <= high:
        return None
    shown = format_number(NumberValue(value, given))
    bounds = f"{format_number(NumberValue(low, None))}–{format_number(NumberValue(high, canonical))}"
    whose = f" for {type_name}" if type_name else ""
    return Implausible(
        f"{shown} is outside the plausible range {bounds}{whose}; check the value and its unit",
        "normalise.implausible",
        {
            "value": value,
            "unit": given,
            "low": low,
            "high": high,
            "range_unit": canonical,
            "entity_type": type_name,
        },
    )


def implausible(
    normaliser: Mapping[str, Any] | None, value: float | None, unit: str | None = None, type_name: str = ""
) -> str | None:
    """The English warning of ``check_plausible``, e.g. "55 ml is outside the plausible range 30–600 ml for
    LVEDV; check the value and its unit", or None when the value is plausible or there is no range."""
    found = check_plausible(normaliser, value, unit, type_name)
    return found.message if found else None
