"""Synthetic English discharge summaries of patients admitted with shortness of breath.

``generate(documents, seed)`` returns an :class:`~medlabel.core.records.ImportBatch` whose reports each
carry one ``principal_diagnosis``: heart failure, COPD exacerbation, pneumonia or pulmonary embolism.
Only ``random.Random(seed)`` drives the choices, so the same seed gives the same corpus everywhere.

Why this corpus: in the smoking demo one sentence settles the label. Here no sentence does. Every
section (complaint, history, exam, labs, imaging, course, medications, follow-up) is sampled from
class-conditional tables whose rows overlap, so a section alone is weak, probabilistic evidence and
only the sum over the report points to the diagnosis, as when a coder reads a summary whose diagnosis
line is withheld. Each patient also leans towards a second, "mimic" class by a random weight (a heart
failure patient with COPD and a cough, a pneumonia that got furosemide), and cross-over is built in:
bronchodilators for heart failure patients with COPD, apixaban for atrial fibrillation, empirical
antibiotics, and PE considered and ruled out. No report names its diagnosis in a fixed sentence; a
minority carry a hedged impression, and a few of those point to the mimic.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from medlabel.core.demo import dyspnea_phrases as ph
from medlabel.core.records import DocRecord, ImportBatch, LabelSetSpec

LABEL_SET = "principal_diagnosis"
HF, COPD, PNA, PE = "HEART FAILURE", "COPD EXACERBATION", "PNEUMONIA", "PULMONARY EMBOLISM"
LABELS = [HF, COPD, PNA, PE]
SECTIONS = ("cc", "hpi", "pmh", "social", "exam", "labs", "imaging", "course", "meds", "followup")

# Roughly the mix of a medical ward's dyspnea admissions.
_SHARES = {HF: 0.35, COPD: 0.25, PNA: 0.25, PE: 0.15}
# Which other class a patient's picture may lean towards, and how often.
_MIMICS = {
    HF: ((COPD, 0.4), (PNA, 0.4), (PE, 0.2)),
    COPD: ((HF, 0.45), (PNA, 0.45), (PE, 0.1)),
    PNA: ((HF, 0.35), (COPD, 0.4), (PE, 0.25)),
    PE: ((PNA, 0.45), (HF, 0.35), (COPD, 0.2)),
}
_MIMIC_MAX = 0.45
_Say = Callable[[str], str]  # a phrase-bank key -> one filled-in wording
_PRONOUNS = ("He", "he", "His", "his", "him", "Mr", "man", "spouse")
_COMORBIDITIES = "copd hf af cad cancer vte htn dm ckd osa obesity dementia".split()
# Problems and drugs that only fit one sex.
_SEXED = {"F": re.compile(r"prostat|tamsulosin"), "M": re.compile(r"breast")}

DEFINITION = (
    "The condition chiefly responsible for this admission for shortness of breath, judged from the "
    "whole summary: presentation, examination, laboratory results, imaging, treatment and its "
    "response, discharge medications and follow-up. Comorbidities (e.g. a history of COPD in a heart "
    "failure admission) and diagnoses that were considered and ruled out do not count."
)
LABEL_DEFINITIONS = {
    HF: "Decompensated heart failure (volume overload): e.g. orthopnea, edema, congestion on imaging, "
    "high natriuretic peptides, reduced or stiff ventricle on echo, responds to IV diuresis.",
    COPD: "Acute exacerbation of COPD: e.g. wheeze, sputum change, hyperinflation, CO2 retention, "
    "treated with bronchodilators and systemic steroids (antibiotics often added).",
    PNA: "Pneumonia: e.g. fever, purulent sputum, focal signs, infiltrate or consolidation, leukocytosis "
    "or high procalcitonin, treated with a full course of antibiotics.",
    PE: "Acute pulmonary embolism: e.g. sudden onset, pleuritic pain, risk factors, clot on CTPA or "
    "V/Q scan or a DVT, right heart strain, treated with therapeutic anticoagulation.",
}

# Class-conditional tables, one row per value of a finding: P(value) in (HF, COPD, PNA, PE); what a
# column leaves below 1 is "not mentioned" (value ""). "+" rows are findings present or not. A zero
# for the patient's own class is a hard rule (no clot on CTPA in heart failure), see ``_Patient.p``.
_TABLE = """
# finding      value             HF COPD  PNA   PE
cc             none            0.45 0.35 0.30 0.45    cc             cough           0.10 0.35 0.35 0.08
cc             fever           0.02 0.03 0.25 0.03    cc             legs            0.33 0.02 0.02 0.10
cc             chest           0.05 0.03 0.06 0.32    cc             wheeze          0.05 0.22 0.02 0.02
onset          sudden          0.05 0.05 0.05 0.50    onset          hours           0.10 0.15 0.20 0.25
onset          days            0.35 0.60 0.65 0.20    onset          weeks           0.50 0.20 0.10 0.05
cough          dry             0.30 0.15 0.20 0.20    cough          sputum          0.05 0.70 0.65 0.05
cough          denies          0.20 0.05 0.05 0.30    fever          yes             0.05 0.15 0.65 0.12
fever          denies          0.45 0.40 0.10 0.40    orthopnea      yes             0.60 0.20 0.08 0.05
orthopnea      denies          0.10 0.25 0.30 0.35    legs           bilateral       0.55 0.12 0.08 0.08
legs           unilateral      0.02 0.02 0.03 0.35    legs           denies          0.10 0.30 0.30 0.25
chest          pleuritic       0.05 0.08 0.35 0.50    chest          pressure        0.20 0.05 0.03 0.10
chest          denies          0.35 0.35 0.20 0.15    trigger        uri             0.10 0.50 0.25 0.08
trigger        diet            0.40 0.02 0.02 0.02    trigger        immobile        0.03 0.05 0.05 0.45
lungs          bibasal         0.45 0.06 0.12 0.08    lungs          focal           0.05 0.04 0.40 0.07
lungs          wheeze          0.07 0.45 0.05 0.05    lungs          mixed           0.15 0.10 0.08 0.02
lungs          diminished      0.08 0.25 0.05 0.05    lungs          clear           0.18 0.08 0.10 0.70
lungs          bronchial       0.02 0.02 0.20 0.03    jvp            elevated        0.55 0.12 0.05 0.25
jvp            normal          0.10 0.30 0.35 0.25    edema          bilateral       0.60 0.15 0.10 0.07
edema          unilateral      0.02 0.02 0.03 0.30    edema          none            0.38 0.83 0.87 0.63
extra          s3              0.20 0.02 0.02 0.02    extra          accessory       0.05 0.40 0.12 0.10
bnp            high            0.70 0.08 0.12 0.15    bnp            mild            0.20 0.22 0.25 0.35
bnp            normal          0.03 0.40 0.35 0.30    ddimer         high            0.15 0.12 0.25 0.65
ddimer         normal          0.10 0.12 0.08 0.00    pct            high            0.03 0.08 0.45 0.03
pct            low             0.25 0.30 0.08 0.15    wbc            high            0.15 0.35 0.70 0.30
wbc            normal          0.85 0.65 0.30 0.70    trop           mild            0.40 0.12 0.15 0.45
trop           normal          0.35 0.50 0.45 0.30    abg            hypercapnia     0.08 0.45 0.06 0.02
abg            hypocapnia      0.12 0.05 0.15 0.35    abg            normal          0.10 0.10 0.09 0.08
cxr            congestion      0.50 0.07 0.10 0.05    cxr            infiltrate      0.10 0.12 0.55 0.12
cxr            hyperinflation  0.07 0.50 0.05 0.05    cxr            atelectasis     0.05 0.05 0.10 0.30
cxr            clear           0.28 0.26 0.20 0.48    ct             pos             0.00 0.00 0.00 0.55
ct             neg             0.15 0.15 0.10 0.00    ct             consolidation   0.02 0.03 0.15 0.00
ct             vq_high         0.00 0.00 0.00 0.15    ct             vq_low          0.03 0.02 0.02 0.00
echo           reduced         0.35 0.02 0.03 0.02    echo           preserved       0.25 0.03 0.03 0.02
echo           rv              0.03 0.07 0.02 0.35    echo           normal          0.02 0.08 0.07 0.11
doppler        dvt             0.00 0.00 0.00 0.35    doppler        neg             0.05 0.03 0.03 0.15
# present      +     HF COPD  PNA   PE
copd           +   0.35 1.00 0.35 0.15    hf             +   0.70 0.15 0.15 0.08
af             +   0.35 0.18 0.18 0.10    cad            +   0.40 0.20 0.15 0.10
cancer         +   0.05 0.06 0.10 0.30    vte            +   0.05 0.05 0.05 0.18
htn            +   0.70 0.50 0.50 0.45    dm             +   0.40 0.25 0.30 0.20
ckd            +   0.30 0.10 0.15 0.10    osa            +   0.15 0.10 0.05 0.08
obesity        +   0.30 0.12 0.15 0.30    dementia       +   0.03 0.03 0.12 0.03
inhaler        +   0.25 0.55 0.20 0.15    weight         +   0.45 0.05 0.03 0.03
syncope        +   0.02 0.02 0.02 0.15    hemoptysis     +   0.01 0.02 0.08 0.10
febrile        +   0.05 0.15 0.60 0.15    tachy          +   0.45 0.50 0.60 0.80
diuretic       +   0.92 0.08 0.05 0.03    diuretic_minor +   0.00 0.10 0.30 0.05
abx            +   0.05 0.25 0.95 0.08    abx_empiric    +   0.20 0.40 0.00 0.20
steroid        +   0.03 0.85 0.10 0.02    nebs           +   0.20 0.90 0.35 0.08
anticoag       +   0.00 0.00 0.00 0.95    new_af         +   0.12 0.05 0.05 0.00
niv            +   0.15 0.30 0.05 0.02    new_diuretic   +   0.50 0.08 0.10 0.02
new_gdmt       +   0.30 0.02 0.02 0.01    d_steroid      +   0.05 0.45 0.10 0.00
new_inhaler    +   0.03 0.30 0.02 0.00    oral_abx       +   0.05 0.40 0.60 0.05
f_hf           +   0.60 0.05 0.05 0.03    f_labs         +   0.30 0.10 0.12 0.10
f_pulm         +   0.10 0.55 0.12 0.20    f_cxr          +   0.03 0.05 0.50 0.05
f_vaccine      +   0.05 0.15 0.25 0.03    f_echo         +   0.15 0.02 0.02 0.15
"""


def _tables(text: str) -> tuple[dict[str, dict[str, tuple[float, ...]]], dict[str, tuple[float, ...]]]:
    choices: dict[str, dict[str, tuple[float, ...]]] = {}
    bernoulli: dict[str, tuple[float, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split()  # two table rows of six cells share a line
        for name, value, *weights in (cells[i : i + 6] for i in range(0, len(cells), 6)):
            row = tuple(float(w) for w in weights)
            if value == "+":
                bernoulli[name] = row
            else:
                choices.setdefault(name, {})[value] = row
    for table in choices.values():
        rest = tuple(round(1 - sum(column), 6) for column in zip(*table.values(), strict=True))
        if any(rest):
            table[""] = rest
    return choices, bernoulli


_T, _P = _tables(_TABLE)
_MIN_WORDS, _MAX_WORDS = 160, 320
# Words and punctuation marks: MiniLM's word pieces run about 1.26 per piece here, so 390 keeps about
# 99 % of reports within its 512 tokens (tests/bench/dyspnea_corpus_check.py prints the share).
_MAX_PIECES = 390
_PIECE = re.compile(r"\w+|[^\w\s]")
_CHANGE_MARK = re.compile(r" \((?:new|increased|dose increased|new, replaces lisinopril|long-term)\)")


def label_counts(n: int) -> dict[str, int]:
    """Exact class counts for ``n`` reports (cumulative rounding); every class present once ``n >= 4``."""
    bounds, total = [0], 0.0
    for label in LABELS:
        total += _SHARES[label]
        bounds.append(round(n * total))
    return {label: bounds[i + 1] - bounds[i] for i, label in enumerate(LABELS)}


def generate(documents: int = 600, seed: int = 0) -> ImportBatch:
    """``documents`` synthetic discharge summaries labelled with ``principal_diagnosis``; same seed,
    same output."""
    if documents < 0:
        raise ValueError(f"documents must be >= 0, got {documents}")
    rng = random.Random(seed)
    labels = [label for label, count in label_counts(documents).items() for _ in range(count)]
    rng.shuffle(labels)
    docs = [_document(rng, i + 1, label) for i, label in enumerate(labels)]
    spec = LabelSetSpec(
        name=LABEL_SET, labels=list(LABELS), definition=DEFINITION, label_definitions=dict(LABEL_DEFINITIONS)
    )
    return ImportBatch(
        source="demo:dyspnea",
        documents=docs,
        label_sets=[spec],
        notes=[f"synthetic dyspnea discharge summaries, {documents} reports, seed {seed}"],
    )


_HEADING_KEYS = {h.lower(): key for key, (full, short) in ph.HEADINGS.items() for h in full + short}
_HEADING = re.compile(
    r"^(" + "|".join(re.escape(h) for h in sorted(_HEADING_KEYS, key=len, reverse=True)) + r"):[ \n]",
    re.I | re.M,
)


def split_sections(text: str) -> dict[str, str]:
    """A report's sections by key (``SECTIONS``; the title block is ``"header"``), bodies stripped."""
    found = list(_HEADING.finditer(text))
    sections = {"header": text[: found[0].start() if found else len(text)].strip()}
    for match, after in zip(found, [*found[1:], None], strict=True):
        body = text[match.end() : after.start() if after else len(text)]
        sections[_HEADING_KEYS[match[1].lower()]] = body.strip()
    return sections


@dataclass
class _Patient:
    label: str
    mimic: str
    weight: float  # how far this patient's findings lean towards the mimic class
    history: set[str]

    def p(self, probs: tuple[float, ...]) -> float:
        i, j = LABELS.index(self.label), LABELS.index(self.mimic)
        # What the true class rules out (a clot on CTPA in heart failure) the mimic cannot bring in.
        return 0.0 if probs[i] == 0 else (1 - self.weight) * probs[i] + self.weight * probs[j]

    def has(self, rng: random.Random, key: str) -> bool:
        return rng.random() < self.p(_P[key])

    def pick(self, rng: random.Random, name: str, exclude: tuple[str, ...] = ()) -> str:
        values = [value for value in _T[name] if value not in exclude]
        return rng.choices(values, [self.p(_T[name][value]) for value in values])[0]


def _patient(rng: random.Random, label: str) -> _Patient:
    others, shares = zip(*_MIMICS[label], strict=True)
    pat = _Patient(label, rng.choices(others, shares)[0], rng.uniform(0, _MIMIC_MAX), set())
    pat.history = {key for key in _COMORBIDITIES if pat.has(rng, key)}
    if label == COPD:
        pat.history.add("copd")  # an exacerbation needs the disease, whatever the mimic
    return pat


def _document(rng: random.Random, number: int, label: str) -> DocRecord:
    sex = rng.choice("MF")
    age = rng.randint(45 if label != PE else 28, 92)
    admitted = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3650))
    attending = rng.choice(ph.ATTENDINGS)
    pat = _patient(rng, label)
    # Retry with fresh wording until the length fits (else keep the shortest); the patient stays fixed.
    shortest: tuple[int, str, dt.date] | None = None
    for _ in range(20):
        text, discharged = _report(rng, pat, sex, age, admitted, attending)
        pieces = len(_PIECE.findall(text))
        if _MIN_WORDS <= len(text.split()) <= _MAX_WORDS and pieces <= _MAX_PIECES:
            break
        if shortest is None or pieces < shortest[0]:
            shortest = (pieces, text, discharged)
    else:
        assert shortest is not None
        _, text, discharged = shortest
    metadata = {
        "age": age,
        "sex": sex,
        "admission_date": admitted.isoformat(),
        "discharge_date": discharged.isoformat(),
        "attending": f"Dr. {attending}",
    }
    return DocRecord(text=text, external_id=f"dys-{number:04d}", labels={LABEL_SET: label}, metadata=metadata)


_NUMBER_SPECS = [item.split() for line in ph.NUMBERS.splitlines() for item in line.split("|")]


def _numbers(rng: random.Random) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, low, *rest in (spec for spec in _NUMBER_SPECS if spec):
        if low == "=":
            values[name] = rng.choice(rest)
        elif rest[1:] and rest[1].startswith("/"):
            values[name] = rng.randrange(int(low), int(rest[0]) + 1, int(rest[1][1:]))
        elif "." in low:
            values[name] = f"{rng.uniform(float(low), float(rest[0])):.{len(low.split('.')[1])}f}"
        else:
            values[name] = rng.randint(int(low), int(rest[0]))
    return values


def _slots(rng: random.Random, pat: _Patient, sex: str, age: int) -> dict[str, object]:
    male = sex == "M"
    a_age = f"an {age}" if age in (18, 11) or str(age).startswith("8") else f"a {age}"
    side = rng.choice(("right", "left"))
    febrile = pat.has(rng, "febrile")
    doac = rng.choices(list(ph.ANTICOAG), (0.55, 0.3, 0.15))[0]
    facility = "dementia" in pat.history and rng.random() < 0.7
    words = "He he His his him Mr. man wife" if male else "She she Her her her Ms. woman husband"
    slots: dict[str, object] = dict(zip(_PRONOUNS, words.split(), strict=True))
    slots |= {
        "surname": rng.choice(ph.SURNAMES),
        "pcp": rng.choice(ph.ATTENDINGS),
        "age": age,
        "a_age": a_age,
        "a_Age": a_age[0].upper() + a_age[1:],
        "complaint": rng.choice(ph.PHRASES["complaints"]),
        "when_sudden": rng.choice(ph.PHRASES["when_sudden"]),
        "surgery": rng.choice(ph.PHRASES["surgeries"]),
        "job": rng.choice(ph.PHRASES["jobs"]),
        "sex": sex,
        "side": side,
        "side_cap": side.capitalize(),
        "febrile": febrile,
        "temp": f"{rng.uniform(38.1, 39.4) if febrile else rng.uniform(36.3, 37.4):.1f}",
        "hr": rng.randint(102, 128) if pat.has(rng, "tachy") else rng.randint(68, 99),
        "doac": doac,
        "Doac": doac.capitalize(),
        "facility": facility,
        "home": f"back to {'his' if male else 'her'} facility" if facility else "home",
    }
    slots.update(_numbers(rng))
    return slots


def _say(rng: random.Random, key: str, slots: dict[str, object]) -> str:
    return rng.choice(ph.PHRASES[key]).format(**slots)


def _history_names(rng: random.Random, pat: _Patient, slots: dict[str, object]) -> list[str]:
    sexed = _SEXED[str(slots["sex"])]

    def pool(key: str) -> list[str]:
        return [name for name in ph.PHRASES[f"history.{key}"] if not sexed.search(name)]

    names = [rng.choice(pool(key)).format(**slots) for key in sorted(pat.history)]
    names += rng.sample(pool("other"), rng.randint(max(1, 2 - len(names)), 2))  # the HPI names two
    rng.shuffle(names)
    return names


def _report(
    rng: random.Random, pat: _Patient, sex: str, age: int, admitted: dt.date, attending: str
) -> tuple[str, dt.date]:
    slots = _slots(rng, pat, sex, age)
    history = _history_names(rng, pat, slots)
    slots["pmh_a"], slots["pmh_b"] = history[:2]
    cc = pat.pick(rng, "cc")
    slots["ct"] = pat.pick(rng, "ct")  # imaging reports it, the course may say it ruled PE out

    def say(key: str) -> str:
        return _say(rng, key, slots)

    sections = {
        "cc": say(f"cc.{cc}"),
        "hpi": " ".join(_hpi(rng, pat, say, slots, cc)),
        "pmh": _listing(rng, [h[0].upper() + h[1:] for h in history]),
        "social": " ".join(_social(rng, pat, say, slots)),
        "exam": " ".join(_exam(rng, pat, say, slots)),
        "labs": _join_labs(rng, _labs(rng, pat, say, slots)),
        "course": " ".join(_course(rng, pat, say, slots)),
        "imaging": rng.choice(("\n", " ")).join(_imaging(rng, pat, say, slots)),
        "meds": _listing(rng, _meds(rng, pat, slots)),
        "followup": " ".join(_followup(rng, pat, say, slots)),
    }
    stay = {HF: (3, 8), COPD: (2, 6), PNA: (3, 7), PE: (2, 5)}[pat.label]
    discharged = admitted + dt.timedelta(days=rng.randint(*stay))
    return _render(rng, sections, admitted, discharged, attending), discharged


def _hpi(rng: random.Random, pat: _Patient, say: _Say, slots: dict[str, object], cc: str) -> list[str]:
    # The HPI must not deny what the chief complaint names.
    names = ("cough", "fever", "orthopnea", "legs", "chest")
    found = [f"hpi.{name}.{pat.pick(rng, name, ('denies',) if name == cc else ())}" for name in names]
    found += [f"hpi.trigger.{pat.pick(rng, 'trigger')}"]
    found = [key for key in found if not key.endswith(".")]
    if "copd" in pat.history and pat.has(rng, "inhaler"):
        found.append("hpi.inhaler")
    found += [f"hpi.{key}" for key in ("weight", "syncope", "hemoptysis") if pat.has(rng, key)]
    if slots["facility"]:
        found.append("hpi.nh")
    rng.shuffle(found)
    lines = [say("hpi.open")]
    if rng.random() < 0.8:
        lines.append(say(f"hpi.onset.{pat.pick(rng, 'onset')}"))
    lines += [say(key) for key in found]
    if rng.random() < 0.4:
        lines.append(say("hpi.ed"))
    return lines


def _social(rng: random.Random, pat: _Patient, say: _Say, slots: dict[str, object]) -> list[str]:
    smoker = "copd" in pat.history or rng.random() < 0.3
    living = "social.facility" if slots["facility"] else "social.living"
    lines = [say("social.smoker" if smoker else "social.never"), say(living)]
    if rng.random() < 0.3:
        lines.append(say("social.alcohol"))
    return lines


def _exam(rng: random.Random, pat: _Patient, say: _Say, slots: dict[str, object]) -> list[str]:
    lines = [say("exam.vitals")]
    if rng.random() < 0.3:
        lines.append(say("exam.temp.febrile" if slots["febrile"] else "exam.temp.afebrile"))
    if rng.random() < 0.3:
        lines.append(say("exam.general"))
    for name in ("jvp", "lungs", "extra", "edema"):
        value = pat.pick(rng, name)
        if value:
            lines.append(say(f"exam.{name}.{value}"))
    if rng.random() < 0.25:
        lines.insert(-1, say("exam.heart"))
    return lines


def _labs(rng: random.Random, pat: _Patient, say: _Say, slots: dict[str, object]) -> list[str]:
    found = [say("labs.chem")] if rng.random() < 0.5 else []
    for name in ("bnp", "ddimer", "pct", "wbc", "trop", "abg"):
        value = slots[f"{name}_level"] = pat.pick(rng, name)
        if value:
            found.append(say(f"labs.{name}.{value}"))
    found += [say(key) for key in ("labs.cbc", "labs.lactate") if rng.random() < 0.25]
    rng.shuffle(found)
    return found


def _join_labs(rng: random.Random, found: list[str]) -> str:
    sep = rng.choice(("; ", " ", "\n"))
    if sep == "; ":
        return "; ".join(item.rstrip(".") for item in found) + "."
    return sep.join(found)


def _imaging(rng: random.Random, pat: _Patient, say: _Say, slots: dict[str, object]) -> list[str]:
    # Findings sampled one by one must still fit together: no frank congestion with a normal BNP.
    no_congestion = slots["bnp_level"] == "normal"
    cxr = pat.pick(rng, "cxr", ("congestion",) if no_congestion else ())
    lines = [say(f"imaging.cxr.{cxr}")]
    if "copd" in pat.history and cxr != "hyperinflation" and rng.random() < 0.4:
        lines.append(say("imaging.cxr.emphysema"))
    for name in ("ct", "echo", "doppler"):
        value = slots[name] if name == "ct" else pat.pick(rng, name, ("reduced",) if no_congestion else ())
        if value:
            lines.append(say(f"imaging.{name}.{value}"))
    if rng.random() < 0.35:
        lines.append(say("imaging.ecg"))
    return lines


def _course(rng: random.Random, pat: _Patient, say: _Say, slots: dict[str, object]) -> list[str]:
    lines = [say("course.open")]
    if rng.random() < 0.15:
        lines.append(say("course.differential"))
    if rng.random() < 0.12:
        lines.append(say(f"course.initially.{pat.mimic}"))
    treat: list[str] = []
    for full, token in (("diuretic", "diuretic_minor"), ("abx", "abx_empiric")):
        if pat.has(rng, full):
            treat.append(f"course.{full}")
        elif pat.has(rng, token):  # a token dose, e.g. one furosemide shot in pneumonia
            treat.append(f"course.{token}")
    copd_hx = "copd" in pat.history
    if pat.has(rng, "steroid") or (copd_hx and pat.label != COPD and rng.random() < 0.15):
        treat.append("course.steroid")
    if pat.has(rng, "nebs") or (copd_hx and rng.random() < 0.35):
        treat.append("course.nebs")
    if pat.has(rng, "anticoag"):
        treat.append("course.anticoag")
        if rng.random() < 0.05:
            treat.append("course.lysis")
    elif pat.has(rng, "new_af"):
        # The same heparin-then-apixaban course as for a clot, for another reason.
        treat += ["course.new_af", "course.anticoag"]
        slots["new_af"] = True
    elif slots["ct"] == "neg" and rng.random() < 0.3:
        treat.append("course.heparin_empiric")
    elif "af" in pat.history and rng.random() < 0.7:
        treat.append("course.af_anticoag")
    elif rng.random() < 0.45:
        treat.append("course.prophylaxis")
    if pat.has(rng, "niv"):
        treat.append("course.niv")
    if slots["ct"] in ("neg", "consolidation") and rng.random() < 0.6:
        treat.append("course.ruled_out")
    elif slots["ddimer_level"] == "normal" and rng.random() < 0.6:
        treat.append("course.ddimer_out")
    if not slots["ct"] and rng.random() < (0.4 if pat.label == PE else 0.1):
        treat.append("course.outside_imaging")  # a CT elsewhere, result not restated
    if rng.random() < 0.2:
        treat.append(f"course.hedge.{pat.label if rng.random() < 0.8 else pat.mimic}")
    rng.shuffle(treat)
    # Some courses are terse ("treated as outlined"): a given treatment goes unmentioned now and then.
    lines += [say(key) for key in treat if rng.random() < 0.75]
    lines += [say("course.end") for _ in range(1 if rng.random() < 0.75 else 2)]
    return list(dict.fromkeys(lines))


def _meds(rng: random.Random, pat: _Patient, slots: dict[str, object]) -> list[str]:
    keys = [key for key in ("copd", "hf", "cad", "htn", "dm") if key in pat.history]
    if "af" in pat.history and rng.random() < 0.5:
        keys.append("af_rate")
    if "hf" in pat.history:
        keys.append("hf_gdmt")
    if "copd" in pat.history and rng.random() < 0.7:
        keys.append("prn_albuterol")
    keys += ["other"] * rng.randint(0, 1)
    for key, treatment in (
        ("new_diuretic", "new_diuretic"),
        ("new_gdmt", "new_gdmt"),
        ("d_steroid", "steroid"),
        ("new_inhaler", "new_inhaler"),
        ("oral_abx", "oral_abx"),
    ):
        if pat.has(rng, key):
            keys.append(treatment)
    lines = list(dict.fromkeys(rng.choice(ph.PHRASES[f"meds.{key}"]).format(**slots) for key in keys))
    lines = [line for line in lines if not _SEXED[str(slots["sex"])].search(line)]
    long_term, new_clot = ph.ANTICOAG[str(slots["doac"])]
    if pat.label == PE and rng.random() < 0.95:
        lines.append(new_clot if rng.random() < 0.5 else long_term)
    elif {"af", "vte"} & pat.history or slots.get("new_af"):
        lines.append(long_term)
    if rng.random() < 0.5:  # many lists do not mark what is new or changed
        lines = list(dict.fromkeys(_CHANGE_MARK.sub("", line) for line in lines))
    rng.shuffle(lines)
    return lines


def _followup(rng: random.Random, pat: _Patient, say: _Say, slots: dict[str, object]) -> list[str]:
    keys = ["followup.pcp"] if rng.random() < 0.7 else []
    if pat.has(rng, "f_hf") or ("hf" in pat.history and rng.random() < 0.2):
        keys.append("followup.hf")
    for key in ("labs", "pulm", "cxr", "vaccine", "echo"):
        if pat.has(rng, f"f_{key}"):
            keys.append(f"followup.{key}")
    if (pat.label == PE and rng.random() < 0.6) or ("af" in pat.history and rng.random() < 0.2):
        keys.append("followup.anticoag")
    if ("cancer" in pat.history and rng.random() < 0.5) or (pat.label == PE and rng.random() < 0.15):
        keys.append("followup.onc")
    if "copd" in pat.history and rng.random() < 0.3:
        keys.append("followup.smoking")
    if rng.random() < 0.4 or not keys:
        keys.append("followup.return")
    return list(dict.fromkeys(_say(rng, key, slots) for key in keys))


def _listing(rng: random.Random, items: list[str]) -> str:
    if not items:
        return "None."
    if rng.random() < 0.5:
        return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
    return "; ".join(items) + "."


def _title_word(match: re.Match[str]) -> str:
    return match[0] if match[0] in ("of", "and", "on", "the") else match[0].capitalize()


def _render(
    rng: random.Random, sections: dict[str, str], admitted: dt.date, discharged: dt.date, attending: str
) -> str:
    fmt = (lambda d: d.isoformat()) if rng.random() < 0.3 else (lambda d: d.strftime("%m/%d/%Y"))
    head = [rng.choice(("DISCHARGE SUMMARY", "Discharge Summary", "DISCHARGE SUMMARY - MEDICINE"))]
    head.append(
        rng.choice(("Admission Date: {a}  Discharge Date: {d}", "ADMITTED: {a}   DISCHARGED: {d}")).format(
            a=fmt(admitted), d=fmt(discharged)
        )
    )
    head.append(f"Attending: Dr. {attending}")
    order = list(SECTIONS)
    if rng.random() < 0.3:  # social history before the past history in some templates
        order[2], order[3] = order[3], order[2]
    if rng.random() < 0.25:  # imaging before the labs
        order[order.index("imaging")], order[order.index("labs")] = "labs", "imaging"
    if rng.random() < 0.1:
        order.remove("cc")
    style = rng.randrange(4)  # 0 UPPER inline, 1 Title own line, 2 abbreviations, 3 UPPER own line
    blocks = ["\n".join(head)]
    for key in order:
        full, short = ph.HEADINGS[key]
        heading = rng.choice(short) if style == 2 and rng.random() < 0.7 else rng.choice(full)
        if style == 1:
            heading = re.sub(r"[A-Za-z]+", _title_word, heading.lower())
        body = sections[key]
        own_line = style in (1, 3) or "\n" in body
        blocks.append(f"{heading}:\n{body}" if own_line else f"{heading}: {body}")
    return "\n\n".join(blocks) + "\n"
