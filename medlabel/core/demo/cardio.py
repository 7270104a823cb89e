"""Synthetic German cardiac MRI reports with annotated cardiac function values.

Each report is written for one simulated patient whose values are physiologically consistent
(SV = EDV − ESV, EF = SV / EDV, indexed = absolute / body surface area, HZV = SV × heart rate). A span
covers only the value as written (number plus a unit written right after it); its ``value`` is what
that text says in the field's canonical unit, so a number normaliser run on the span text gives it back
(``0,55`` for an EF means 55 %, ``0,15 l`` for a volume 150 ml). Normal ranges, dates, heart rate,
contrast dose, T1/T2 times, ECV and wall thickness are written as unannotated distractors.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass

from medlabel.core.demo import cardio_phrases as P
from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch, SpanRecord

SOURCE = "demo:cardio"
FIELD_NAMES: tuple[str, ...] = tuple(f[0] for f in P.FIELDS)
CANONICAL_UNIT: dict[str, str] = {f[0]: f[3] for f in P.FIELDS}

_LV_UNITS = (("LVEDV", "LVEDVi"), ("LVESV", "LVESVi"), ("LVSV",))
_RV_UNITS = (("RVEDV", "RVEDVi"), ("RVESV",), ("RVSV",))
_MASS_UNITS = (("LVM", "LVMi"),)
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def entity_types() -> list[EntityTypeSpec]:
    """The cardiac function fields, each with a number normaliser in its canonical unit."""
    # Wide adult limits beyond which a value is a slip (wrong field, unit or digit), not disease: the
    # normaliser warns outside them, it does not refuse.
    plausible = {
        "LV-EF": [5, 95], "RV-EF": [5, 95], "LVEDV": [30, 600], "LVESV": [5, 500], "LVSV": [10, 250],
        "RVEDV": [30, 600], "RVESV": [5, 500], "RVSV": [10, 250], "LVM": [30, 500], "LVEDVi": [20, 300],
        "LVESVi": [3, 250], "RVEDVi": [20, 300], "LVMi": [15, 250], "HZV": [1, 20],
    }  # fmt: skip
    return [
        EntityTypeSpec(
            name, colour, definition, {"kind": "number", "units": [unit], "plausible": plausible[name]}
        )
        for name, colour, definition, unit in P.FIELDS
    ]


def generate(n: int = 600, seed: int = 0) -> ImportBatch:
    """``n`` synthetic cardiac MRI reports; the same seed always gives the same batch."""
    rng = random.Random(seed)
    docs = [_report(rng, i + 1) for i in range(n)]
    return ImportBatch(
        source=SOURCE,
        documents=docs,
        entity_types=entity_types(),
        notes=[f"synthetic cardiac MRI reports (seed {seed})"],
    )


@dataclass
class _Patient:
    archetype: str
    sex: str
    age: int
    height: int
    weight: int
    bsa: float
    hr: int
    raw: dict[str, float]  # field -> exact value in the canonical unit


@dataclass
class _Style:
    """Writing habits of one report's author, kept for the whole report."""

    sep: str
    space: str
    ml: str
    idx_ml: str
    idx_g: str
    ef_dec: int
    idx_dec: int
    frac_p: float
    litre_p: float
    norm_p: float
    norm_tpl: str
    dash: str


def _gauss(rng: random.Random, mean_sd: tuple[float, float], lo: float) -> float:
    return max(lo, rng.gauss(*mean_sd))


def _patient(rng: random.Random) -> _Patient:
    names = [a[0] for a in P.ARCHETYPES]
    arch = rng.choices(names, weights=[a[1] for a in P.ARCHETYPES])[0]
    _, _, edvi, ef, lvmi, rvedvi, rvef, ages = P.ARCHETYPES[names.index(arch)]
    sex = "F" if rng.random() < (0.25 if arch == "athlete" else 0.42) else "M"
    # Women have smaller indexed volumes and mass for the same condition.
    f_vol, f_mass = (0.92, 0.85) if sex == "F" else (1.0, 1.0)
    while True:
        height = round(rng.gauss(178, 7) if sex == "M" else rng.gauss(165, 6))
        weight = round(rng.gauss(84, 13) if sex == "M" else rng.gauss(69, 12))
        bsa = round(math.sqrt(height * weight / 3600), 2)
        if 1.6 <= bsa <= 2.3:
            break
    hr_mean = 68 + (10 if arch == "dcm" else 0) - (14 if arch == "athlete" else 0)
    hr = round(min(105, max(42, rng.gauss(hr_mean, 9))))
    lvedv = round(_gauss(rng, edvi, 48) * f_vol * bsa)
    lvesv = round(lvedv * (1 - rng.uniform(*ef) / 100))
    rvedv = round(_gauss(rng, rvedvi, 50) * f_vol * bsa)
    rvesv = round(rvedv * (1 - rng.uniform(*rvef) / 100))
    lvm = round(_gauss(rng, lvmi, 35) * f_mass * bsa)
    lvsv, rvsv = lvedv - lvesv, rvedv - rvesv
    raw = {
        "LVEDV": lvedv,
        "LVESV": lvesv,
        "LVSV": lvsv,
        "LV-EF": lvsv / lvedv * 100,
        "RVEDV": rvedv,
        "RVESV": rvesv,
        "RVSV": rvsv,
        "RV-EF": rvsv / rvedv * 100,
        "LVM": lvm,
        "LVEDVi": lvedv / bsa,
        "LVESVi": lvesv / bsa,
        "RVEDVi": rvedv / bsa,
        "LVMi": lvm / bsa,
        "HZV": lvsv * hr / 1000,
    }
    return _Patient(arch, sex, rng.randint(*ages), height, weight, bsa, hr, raw)


def _style(rng: random.Random) -> _Style:
    ml = "mL" if rng.random() < 0.25 else "ml"
    return _Style(
        sep="." if rng.random() < 0.15 else ",",
        space="" if rng.random() < 0.2 else " ",
        ml=ml,
        idx_ml=rng.choice(("mL/m²", "ml/m2") if ml == "mL" else ("ml/m²", "ml/m²", "ml/m2")),
        idx_g=rng.choice(("g/m²", "g/m²", "g/m2")),
        ef_dec=1 if rng.random() < 0.2 else 0,
        idx_dec=1 if rng.random() < 0.15 else 0,
        frac_p=0.5 if rng.random() < 0.15 else 0.0,
        litre_p=0.5 if rng.random() < 0.15 else 0.0,
        norm_p=rng.choice((0.0, 0.0, 0.3, 0.6)),
        norm_tpl=rng.choice(P.NORM_BRACKETS),
        dash=rng.choice(("–", "-")),
    )


def _choose_fields(rng: random.Random) -> tuple[str, set[str]]:
    r = rng.random()
    if r < 0.08:
        return "minimal", {"LV-EF"}
    if r < 0.22:
        extra = {"LVSV": 0.5, "LVM": 0.6, "LVEDVi": 0.3, "LVMi": 0.2, "RV-EF": 0.5}
        return "lv", {"LV-EF", "LVEDV", "LVESV"} | {f for f, p in extra.items() if rng.random() < p}
    return "full", {f for f in FIELD_NAMES if rng.random() >= P.FULL_DROP.get(f, 0.0)} | {"LV-EF"}


class _Report:
    """One report being written: patient, style, chosen fields and the text with its spans so far."""

    def __init__(self, rng: random.Random, pat: _Patient, style: _Style, fields: set[str]) -> None:
        self.rng, self.pat, self.style, self.fields = rng, pat, style, fields
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[SpanRecord] = []
        self.pre: list[tuple[str, str, float]] = []  # table cells formatted ahead, to size columns
        self.ctx = _context(rng, pat, style)

    # -- values -------------------------------------------------------------------------------
    def number(self, x: float, dec: int) -> str:
        return f"{x:.{dec}f}".replace(".", self.style.sep)

    def unit_token(self, name: str) -> str:
        unit = CANONICAL_UNIT[name]
        return {"ml": self.style.ml, "ml/m²": self.style.idx_ml, "g/m²": self.style.idx_g}.get(unit, unit)

    def fmt(self, name: str, mode: str) -> tuple[str, float]:
        """Text and value of one occurrence; mode is prose, summary, cell (unit written) or bare."""
        st, raw, unit = self.style, self.pat.raw[name], CANONICAL_UNIT[name]
        if unit == "%" and mode in ("prose", "summary") and self.rng.random() < st.frac_p:
            pct = round(raw)
            return self.number(pct / 100, 2), float(pct)
        if name in ("LVEDV", "RVEDV") and mode == "prose" and self.rng.random() < st.litre_p:
            vol = int(raw)
            return self.number(vol / 1000, 2 if vol % 10 == 0 else 3) + " l", float(vol)
        dec = {"%": st.ef_dec, "ml/m²": st.idx_dec, "g/m²": st.idx_dec, "l/min": 1}.get(unit, 0)
        if mode == "summary" and unit != "l/min":
            dec = 0
        num = self.number(raw, dec)
        value = round(float(num.replace(",", ".")), dec)
        if mode == "bare":
            return num, value
        return num + st.space + self.unit_token(name), value

    def norm_text(self, name: str, bracket: bool) -> str:
        lo, hi = P.NORMS[name][self.pat.sex]
        dec = 1 if CANONICAL_UNIT[name] == "l/min" else 0
        lo_s, hi_s = self.number(lo, dec), self.number(hi, dec)
        unit = self.unit_token(name)
        if not bracket:
            return f"{lo_s}{self.style.dash}{hi_s} {unit}"
        return self.style.norm_tpl.format(lo=lo_s, hi=hi_s, d=self.style.dash, s=self.style.space, u=unit)

    def cell(self, name: str, mode: str) -> tuple[str, int]:
        """A slot for a value formatted now, and its width, for padding table columns."""
        text, value = self.fmt(name, mode)
        self.pre.append((name, text, value))
        return f"{{#{len(self.pre) - 1}}}", len(text)

    # -- writing ------------------------------------------------------------------------------
    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def add_value(self, name: str, text: str, value: float) -> None:
        self.spans.append(SpanRecord(self.length, self.length + len(text), name, value, CANONICAL_UNIT[name]))
        self.add(text)

    def render(self, template: str, mode: str = "prose") -> None:
        pos = 0
        for m in _PLACEHOLDER.finditer(template):
            self.add(template[pos : m.start()])
            pos = m.end()
            key = m.group(1)
            if key.startswith("#"):
                self.add_value(*self.pre[int(key[1:])])
            elif key.rstrip("+") in CANONICAL_UNIT:
                name = key.rstrip("+")
                self.add_value(name, *self.fmt(name, mode))
                if key.endswith("+") and self.rng.random() < self.style.norm_p:
                    self.add(self.norm_text(name, bracket=True))
            else:
                self.add(_lookup(self.ctx, key))
        self.add(template[pos:])

    def eligible(self, templates: tuple[str, ...]) -> list[str]:
        """Templates whose values are all in this report and whose words are all known."""
        out = []
        for t in templates:
            keys = [k.rstrip("+") for k in _PLACEHOLDER.findall(t)]
            if all(k in self.fields if k in CANONICAL_UNIT else _known(self.ctx, k) for k in keys):
                out.append(t)
        return out

    def text(self) -> str:
        return "".join(self.parts)


def _lookup(ctx: dict[str, str], key: str) -> str:
    if key in ctx:
        return ctx[key]
    word = ctx[key[0].lower() + key[1:]]
    return word[:1].upper() + word[1:]


def _known(ctx: dict[str, str], key: str) -> bool:
    return key in ctx or (key[0].lower() + key[1:]) in ctx


def _grade(value: float, lo: float, hi: float) -> int:
    """0 hyperdynamic, 1 normal, 2 mildly, 3 moderately, 4 severely reduced."""
    if value > hi + 3:
        return 0
    if value >= lo - 2:
        return 1
    return 2 if value >= lo - 12 else 3 if value >= lo - 22 else 4


def _size_words(indexed: float, hi: float) -> tuple[str, str]:
    if indexed <= hi:
        return "normal großer", "normal groß"
    if indexed <= hi * 1.2:
        return "leicht dilatierter", "leicht dilatiert"
    return "deutlich dilatierter", "deutlich dilatiert"


def _context(rng: random.Random, pat: _Patient, st: _Style) -> dict[str, str]:
    """Words and distractor numbers for one report (none of them is annotated)."""
    raw, sex, arch = pat.raw, pat.sex, pat.archetype
    num = lambda x, d=0: f"{x:.{d}f}".replace(".", st.sep)  # noqa: E731
    lv_nom, lv_dat, lv_pred = P.FUNC_WORDS[_grade(raw["LV-EF"], *P.NORMS["LV-EF"][sex])]
    rv_nom, rv_dat, rv_pred = P.FUNC_WORDS[_grade(raw["RV-EF"], *P.NORMS["RV-EF"][sex])]
    lvsize, lvsize_pred = _size_words(raw["LVEDVi"], P.NORMS["LVEDVi"][sex][1])
    rvsize, rvsize_pred = _size_words(raw["RVEDVi"], P.NORMS["RVEDVi"][sex][1])
    tesla3 = rng.random() < 0.35
    t1lo, t1hi = (1150, 1250) if tesla3 else (950, 1050)
    t1_shift = {"myocarditis": 90, "amyloid": 160, "dcm": 50, "hcm": 40, "ischemic": 30}.get(arch, 0)
    ecv = {"amyloid": (45, 65), "myocarditis": (28, 36), "dcm": (28, 34), "hcm": (28, 35)}.get(arch, (23, 29))
    wall = {"hcm": (16, 28), "hypertensive": (12, 15), "amyloid": (13, 18), "athlete": (10, 12)}.get(
        arch, (7, 11)
    )
    wall_mm = rng.randint(*wall)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2018, 2024)
    ctx = {
        "date": f"{day:02d}.{month:02d}.{year}",
        "prev_date": (
            f"{rng.randint(1, 28):02d}.{rng.randint(1, month - 1):02d}.{year}"
            if month > 1
            else f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year - 1}"
        ),
        "age": str(pat.age),
        "height": str(pat.height),
        "weight": str(pat.weight),
        "sex_word": "männlich" if sex == "M" else "weiblich",
        "age_phrase": f"{pat.age}-jähriger Patient" if sex == "M" else f"{pat.age}-jährige Patientin",
        "bsa_text": num(pat.bsa, 2),
        "hr": str(pat.hr),
        "field": "3" if tesla3 else num(1.5, 1),
        "scanner": rng.choice(P.SCANNERS),
        "slice": rng.choice(("6", "8")),
        "egfr": str(rng.randint(12, 29)),
        "dose": num(rng.choice((0.1, 0.1, 0.15, 0.2)), 2 if rng.random() < 0.2 else 1),
        "vol": num(rng.choice((7.5, 8, 10, 12, 15)), 1),
        "lvfunc_nom": lv_nom,
        "lvfunc_dat": lv_dat,
        "lvfunc_pred": lv_pred,
        "rvfunc_nom": rv_nom,
        "rvfunc_dat": rv_dat,
        "rvfunc_pred": rv_pred,
        "lvsize": lvsize,
        "lvsize_pred": lvsize_pred,
        "rvsize": rvsize,
        "rvsize_pred": rvsize_pred,
        "lvwall": (
            "asymmetrisch septal hypertrophiert"
            if arch == "hcm"
            else "konzentrisch hypertrophiert"
            if raw["LVMi"] > P.NORMS["LVMi"][sex][1]
            else "normale Wanddicke"
        ),
        "t1": str(rng.randint(t1lo + 10, t1hi - 10) + t1_shift),
        "t1lo": str(t1lo),
        "t1hi": str(t1hi),
        "t2": str(rng.randint(56, 66) if arch == "myocarditis" else rng.randint(43, 52)),
        "t2hi": "50" if tesla3 else "55",
        "ecv": str(rng.randint(*ecv)),
        "wall": str(wall_mm),
        "wall2": str(rng.randint(6, min(wall_mm, 11))),
        "wall_site": rng.choice(("anteroseptal basal", "inferoseptal midventrikulär", "septal")),
        "territory": rng.choice(P.TERRITORIES),
        "segment": rng.choice(P.SEGMENTS),
        "transmural": rng.choice(("< 25", "25–50", "50–75", "> 75")),
        "lge_pct": str(rng.randint(3, 18)),
        "la": str(rng.randint(15, 30)),
        "aorta": str(rng.randint(26, 37)),
        "rf": str(rng.randint(5, 25)),
        "effusion": str(rng.randint(3, 8)),
        "doctor": rng.choice(P.DOCTORS),
        "doctor2": rng.choice(P.DOCTORS),
    }
    ctx["contrast"] = _lookup_all(rng.choice(P.CONTRASTS), ctx)
    return ctx


def _lookup_all(template: str, ctx: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: _lookup(ctx, m.group(1)), template)


# -- sections --------------------------------------------------------------------------------------
_UNIT_KEYS = {"ml": "ml", "%": "%", "idx": "idx_ml", "g": "g", "gidx": "idx_g", "lmin": "l/min"}
_TABLE_ORDER = (
    "LVEDV",
    "LVEDVi",
    "LVESV",
    "LVESVi",
    "LVSV",
    "LV-EF",
    "LVM",
    "LVMi",
    "HZV",
    "RVEDV",
    "RVEDVi",
    "RVESV",
    "RVSV",
    "RV-EF",
)


def _units(rep: _Report, groups: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """Fields of a group in report order; an absolute value and its index are sometimes written as a pair."""
    out: list[tuple[str, ...]] = []
    for group in groups:
        present = tuple(f for f in group if f in rep.fields)
        if len(present) == 2 and rep.rng.random() < 0.5:
            out.append(present)
        else:
            out.extend((f,) for f in present)
    return out


def _prose_block(rep: _Report, units: list[tuple[str, ...]], prefixes: tuple[str, ...], sent_p: float) -> str:
    rng, out, clauses = rep.rng, [], []

    def flush() -> None:
        if clauses:
            # Only the first list of a paragraph gets a lead-in; a second "LV:" would read oddly.
            listing = ", ".join(clauses)
            lead = rng.choice(prefixes) if not any(p in o for o in out for p in prefixes) else ""
            out.append((lead + listing if lead else listing[0].upper() + listing[1:]) + ".")
            clauses.clear()

    for unit in units:
        if len(unit) == 2:
            clauses.append(rng.choice(P.PAIRS[unit]))
        elif rng.random() < sent_p:
            flush()
            out.append(rng.choice(P.SENTENCES[unit[0]]))
        else:
            clauses.append(rng.choice(P.CLAUSES[unit[0]]))
    flush()
    return " ".join(out)


def _prose_function(rep: _Report, inline: bool) -> str:
    rng = rep.rng
    sent_p = 0.0 if inline else 0.45
    lv = _units(rep, _LV_UNITS)
    ef = [("LV-EF",)]
    lv = ef + lv if rng.random() < 0.5 else lv + ef
    if "HZV" in rep.fields:
        lv.append(("HZV",))
    lines = []
    lv_text = _prose_block(
        rep, lv, ("Volumetrie LV: ",) if inline else P.LIST_PREFIX_LV, 1.0 if len(lv) == 1 else sent_p
    )
    short = len(lv) == 1  # a report with only the EF still describes both ventricles in words
    if not inline and (short or rng.random() < 0.5):
        lv_text = rng.choice(rep.eligible(P.LV_OPENERS)) + " " + lv_text
    lines.append(lv_text)
    rv = _units(rep, _RV_UNITS)
    if "RV-EF" in rep.fields:
        rv.append(("RV-EF",))
    if rv:
        rv_text = _prose_block(rep, rv, ("Volumetrie RV: ",) if inline else P.LIST_PREFIX_RV, sent_p)
        if not inline and rng.random() < 0.4:
            rv_text = rng.choice(P.RV_OPENERS) + " " + rv_text
        lines.append(rv_text)
    elif short or rng.random() < 0.5:
        lines.append(rng.choice(P.RV_OPENERS))
    return "\n".join(lines)


def _pipe_table(rep: _Report, names: list[str]) -> str:
    rng = rep.rng
    head = list(
        rng.choice(
            (
                ("Parameter", "Wert", "Norm"),
                ("Messgröße", "Messwert", "Normbereich"),
                ("Parameter", "Ergebnis", "Referenz"),
            )
        )
    )
    with_norm = rng.random() < 0.6
    rows = [
        [(rng.choice(P.ROW_LABELS[f]), None), rep.cell(f, "cell"), (rep.norm_text(f, False), None)]
        for f in names
    ]
    header = [(h, None) for h in head]
    table = [header, *rows]
    if not with_norm:
        table = [r[:2] for r in table]
    widths = [max(len(r[c][0]) if r[c][1] is None else r[c][1] for r in table) for c in range(len(table[0]))]
    edge = rng.random() < 0.4
    lines = []
    for row in table:
        cells = [
            text + " " * (widths[c] - (len(text) if w is None else w)) for c, (text, w) in enumerate(row)
        ]
        line = " | ".join(cells)
        lines.append(f"| {line} |" if edge else line.rstrip())
    rule = rng.choice(("none", "dash", "markdown"))
    if rule == "dash":
        lines.insert(1, "-" * len(lines[0]))
    elif rule == "markdown":
        dashes = "|".join("-" * (w + 2) for w in widths)
        lines.insert(1, f"|{dashes}|" if edge else dashes[1:-1])
    return "\n".join(lines)


def _aligned_table(rep: _Report, names: list[str]) -> str:
    rng = rep.rng
    norm = rng.choice(("none", "bracket", "plain"))
    rows = [(rng.choice(P.ROW_LABELS[f]), *rep.cell(f, "cell"), f) for f in names]
    w0 = max(len(r[0]) for r in rows) + rng.randint(2, 8)
    wv = max(r[2] for r in rows)
    lines = []
    if rng.random() < 0.5:
        lines.append("Parameter".ljust(w0) + "Wert".rjust(wv) + ("   Norm" if norm != "none" else ""))
    for label, token, width, name in rows:
        line = label.ljust(w0) + " " * (wv - width) + token
        if norm == "bracket":
            line += "  " + rep.norm_text(name, True).strip()
        elif norm == "plain":
            line += "   " + rep.norm_text(name, False)
        lines.append(line)
    return "\n".join(lines)


def _lvrv_table(rep: _Report) -> str:
    rng = rep.rng
    bare = rng.random() < 0.6
    cols = rng.choice((("LV", "RV"), ("links", "rechts"), ("LV", "RV")))
    missing = rng.choice(("–", "-", "n. b."))
    rows = []
    for labels, lv, rv, unit_key in P.LVRV_ROWS:
        if lv not in rep.fields and (rv is None or rv not in rep.fields):
            continue
        label = rng.choice(labels)
        if bare:
            unit = _UNIT_KEYS[unit_key]
            label += f" ({getattr(rep.style, unit, unit)})"
        cells = [
            rep.cell(f, "bare" if bare else "cell")
            if f is not None and f in rep.fields
            else (missing, len(missing))
            for f in (lv, rv)
        ]
        rows.append((label, cells))
    w0 = max(len(r[0]) for r in rows) + rng.randint(2, 6)
    wv = max(max(c[1] for c in r[1]) for r in rows) + rng.randint(3, 6)
    lines = [" " * w0 + cols[0].rjust(wv) + cols[1].rjust(wv)]
    for label, cells in rows:
        lines.append(label.ljust(w0) + "".join(" " * (wv - width) + token for token, width in cells))
    return "\n".join(lines)


def _after_table(rep: _Report) -> str:
    """The words a reader says about the numbers, as most authors add under a table."""
    rng = rep.rng
    if rng.random() < 0.3:
        return ""
    words = [rng.choice(rep.eligible(P.LV_OPENERS))]
    if rng.random() < 0.6:
        words.append(rng.choice(P.RV_OPENERS))
    return "\n" + " ".join(words)


def _function(rep: _Report, layout: str) -> str:
    if layout in ("prose", "inline"):
        return _prose_function(rep, inline=layout == "inline")
    title = rep.rng.choice(P.TABLE_TITLES) + "\n"
    if layout == "lvrv":
        return title + _lvrv_table(rep) + _after_table(rep)
    names = [f for f in _TABLE_ORDER if f in rep.fields]
    if rep.rng.random() < 0.4:  # some put EF first
        names.sort(key=lambda f: f not in ("LV-EF", "RV-EF"))
    table = _pipe_table(rep, names) if layout == "pipe" else _aligned_table(rep, names)
    return title + table + _after_table(rep)


def _morphology(rep: _Report, layout: str, contrast: bool) -> list[str]:
    rng, arch = rep.rng, rep.pat.archetype
    out = [rng.choice(P.WALL_LINES) + " " + rng.choice(P.WALL_MOTION.get(arch, P.WALL_MOTION["normal"]))]
    if layout in ("prose", "inline"):
        mass = _units(rep, _MASS_UNITS)
        if mass:
            out[0] += " " + _prose_block(
                rep, mass, ("Myokard: ", "Linksventrikuläres Myokard: "), 0.0 if layout == "inline" else 0.5
            )
    if contrast:
        out.append(rng.choice(P.TISSUE))
        out.append(rng.choice(P.LGE.get(arch, P.LGE["normal"])))
    else:
        out.append("Native T1-Zeit {t1} ms, T2-Zeit {t2} ms.")
        out.append("LGE nicht untersucht (keine KM-Gabe).")
    groups = list(P.EXTRAS)
    if rep.fields == {"LV-EF"} or rng.random() < 0.6:
        out[0] += " " + rng.choice(P.ATRIA_VALVES)
        groups = groups[2:]
    extras = [rng.choice(g) for g in rng.sample(groups, min(len(groups), rng.randint(1, 3)))]
    out.append(" ".join([rng.choice(P.PERICARD), *extras]))
    return out


def _assessment(rep: _Report) -> str:
    rng = rep.rng
    items = [rng.choice(rep.eligible(P.SUMMARY_LV))]
    if "RV-EF" in rep.fields or rng.random() < 0.4:
        items.append(rng.choice(rep.eligible(P.SUMMARY_RV)))
    diagnosis = rng.choice(rep.eligible(P.DIAGNOSES[rep.pat.archetype]))
    if rng.random() < 0.3:
        items.insert(0, diagnosis)
    else:
        items.append(diagnosis)
    if rng.random() < 0.6:
        items.append(rng.choice(P.RECOMMENDATIONS[rep.pat.archetype]))
    bullet = rng.choice(("num", "dash", "plain"))
    if bullet == "num":
        return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
    if bullet == "dash":
        return "\n".join(f"- {item}" for item in items)
    return " ".join(items)


def _report(rng: random.Random, number: int) -> DocRecord:
    pat = _patient(rng)
    scope, fields = _choose_fields(rng)
    rep = _Report(rng, pat, _style(rng), fields)
    layout = (
        "prose"
        if scope == "minimal"
        else rng.choices([x[0] for x in P.LAYOUTS], weights=[x[1] for x in P.LAYOUTS])[0]
    )
    if layout == "lvrv" and not fields & {"RVEDV", "RVESV", "RVSV", "RV-EF", "RVEDVi"}:
        layout = "aligned"  # an LV/RV table with an empty RV column looks broken
    contrast = rng.random() > 0.05
    indication = rng.choice(P.INDICATIONS[pat.archetype])
    header = [
        rng.choice(P.HEADERS),
        rng.choice(P.PATIENT_LINES),
        rng.choice(P.INDICATION_PREFIX) + indication,
        rng.choice(P.TECHNIQUES) if contrast else P.TECHNIQUE_NO_CONTRAST,
    ]
    volumetry = rng.choice(P.VOLUMETRY)
    if volumetry and layout not in ("pipe", "aligned", "lvrv"):
        header.append(volumetry)
    if "HZV" in fields or rng.random() < 0.7:
        header.append(rng.choice(P.HR_LINES))
    header.append(" ".join(rng.sample(P.PRIOR, 1) + rng.sample(P.QUALITY, int(rng.random() < 0.7))))
    function = _function(rep, layout)
    morph = _morphology(rep, layout, contrast)
    heads = rng.random() < 0.5  # subheadings per Befund part, or one running text
    rep.render("\n".join(header) + "\n\n" + rng.choice(P.BEFUND_HEAD) + "\n")
    rep.render(("Funktion:\n" if heads else "") + function + "\n")
    labels = ("Morphologie: ", "Gewebecharakterisierung: ", "Late Enhancement: ", "Perikard/Sonstiges: ")
    parts = [(lab if heads else "") + part for lab, part in zip(labels, morph, strict=True)]
    rep.render("\n".join(parts) + "\n\n")
    rep.render(rng.choice(P.BEURTEILUNG_HEAD) + "\n" + _assessment(rep), mode="summary")
    if rng.random() < 0.4 or len(rep.text().split()) < 135:  # keeps the sparsest reports report-sized
        rep.render("\n\n" + rng.choice(P.SIGNATURES))
    metadata = {
        "age": pat.age,
        "sex": pat.sex,
        "indication": indication,
        "bsa": pat.bsa,
        "heart_rate": pat.hr,
        "profile": pat.archetype,
        "layout": layout,
        "scope": scope,
    }
    return DocRecord(text=rep.text(), external_id=f"cmr-{number:04d}", spans=rep.spans, metadata=metadata)
