"""Synthetic English discharge summaries for the i2b2-2006-style smoking status task.

``generate(n, seed)`` returns an :class:`~medlabel.core.records.ImportBatch` of ``n`` notes, each with
one ``smoking_status`` label that the text really implies. Only ``random.Random(seed)`` drives the
choices, so the same seed gives the same corpus on every machine.

Why synthetic and why this hard: the real i2b2 corpus cannot be shipped, and a demo whose labels a
keyword lookup settles would make fine-tuning look pointless. So the class hinges on time ("quit
3 months ago" is CURRENT, "quit 18 months ago" PAST, "quit in <year>" needs the admission date),
negation, whose smoking it is, and where the mention sits (HPI, PMH, plan), while the same words
("quit", "former", "smokes", "years ago", "tobacco") occur in several classes.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from medlabel.core.demo import smoking_phrases as ph
from medlabel.core.records import DocRecord, ImportBatch, LabelSetSpec

LABEL_SET = "smoking_status"
CURRENT, PAST, SMOKER, NON, UNKNOWN = "CURRENT SMOKER", "PAST SMOKER", "SMOKER", "NON-SMOKER", "UNKNOWN"
LABELS = [CURRENT, PAST, SMOKER, NON, UNKNOWN]

# Roughly the skew of real discharge summaries (i2b2 2006: most notes never mention smoking).
_SHARES = {UNKNOWN: 0.50, NON: 0.17, PAST: 0.14, CURRENT: 0.14, SMOKER: 0.05}

DEFINITION = (
    "The patient's own smoking status as stated anywhere in the note (social history, HPI, past "
    "history, assessment, plan). Smoking by relatives or others, family history and second-hand smoke "
    "do not count. Judge time relative to the admission date."
)
LABEL_DEFINITIONS = {
    CURRENT: "Smokes now, or quit less than one year before admission (e.g. 'smokes 1 ppd', 'cut down to "
    "5 cigarettes a day', 'former smoker, quit 3 months ago', 'quit in 2005 but resumed'), or receives "
    "a nicotine patch or smoking cessation counseling.",
    PAST: "Smoked before but quit at least one year before admission (e.g. 'quit 20 years ago', "
    "'quit in 1998', 'quit 18 months ago'); also 'ex-smoker', 'former smoker' or 'does not currently "
    "smoke but has a 30 pack-year history' when no date says the quit was recent.",
    SMOKER: "Smokes or smoked, but the note does not say whether currently or in the past "
    "(e.g. '40 pack-year smoking history', 'history of tobacco use', 'smoked x 30 yrs').",
    NON: "Never smoked (e.g. 'denies tobacco', 'never smoker', 'Tobacco: none'), even if others smoke.",
    UNKNOWN: "The note says nothing about the patient's own smoking (a smoking spouse, a father who "
    "smoked or second-hand smoke alone do not count).",
}

_SERVICES = list(ph.SCENARIOS)
_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MIN_WORDS, _MAX_WORDS = 180, 420


def label_counts(n: int) -> dict[str, int]:
    """Exact class counts for ``n`` notes (largest remainder); every class present once ``n >= 5``."""
    raw = {label: n * share for label, share in _SHARES.items()}
    counts = {label: int(value) for label, value in raw.items()}
    by_remainder = sorted(raw, key=lambda label: raw[label] - counts[label], reverse=True)
    for label in by_remainder[: n - sum(counts.values())]:
        counts[label] += 1
    if n >= len(LABELS):
        for label in counts:
            if counts[label] == 0:  # take it from the largest class so the total stays n
                counts[label] = 1
                counts[max(counts, key=counts.__getitem__)] -= 1
    return counts


def generate(n: int = 600, seed: int = 0) -> ImportBatch:
    """``n`` synthetic discharge summaries labelled with ``smoking_status``; same seed, same output."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = random.Random(seed)
    labels = [label for label, count in label_counts(n).items() for _ in range(count)]
    rng.shuffle(labels)
    documents = [_document(rng, i + 1, label) for i, label in enumerate(labels)]
    spec = LabelSetSpec(
        name=LABEL_SET, labels=list(LABELS), definition=DEFINITION, label_definitions=dict(LABEL_DEFINITIONS)
    )
    return ImportBatch(
        source="demo:smoking",
        documents=documents,
        label_sets=[spec],
        notes=[f"synthetic smoking-status corpus, {n} notes, seed {seed}"],
    )


def _document(rng: random.Random, number: int, label: str) -> DocRecord:
    sex = rng.choice("MF")
    age = rng.randint(35, 88)
    service = rng.choice(_SERVICES)
    admitted = dt.date(2003, 1, 1) + dt.timedelta(days=rng.randint(0, 3650))
    # Retry with fresh wording until the length fits; the label and demographics stay fixed.
    for _ in range(8):
        text = _note(rng, label, sex, age, service, admitted)
        if _MIN_WORDS <= len(text.split()) <= _MAX_WORDS:
            break
    return DocRecord(
        text=text,
        external_id=f"smk-{number:04d}",
        labels={LABEL_SET: label},
        metadata={"age": age, "sex": sex, "service": service, "admission_date": admitted.isoformat()},
    )


def _slots(rng: random.Random, sex: str, age: int, admitted: dt.date) -> dict[str, object]:
    male = sex == "M"
    quit_y = rng.randint(2, min(40, age - 30))
    recent_m2 = rng.randint(2, 9)
    month_index = admitted.year * 12 + admitted.month - 1 - recent_m2
    old_quit_y = rng.randint(3, 15)
    ppd, packs = rng.choice(
        (
            ("1/2", "half a pack"),
            ("1", "one pack"),
            ("1", "a pack"),
            ("1.5", "a pack and a half"),
            ("2", "two packs"),
            ("1-2", "one to two packs"),
        )
    )
    recent_m, recent_w = rng.randint(2, 10), rng.randint(2, 8)
    job = rng.choice(ph.JOBS)
    return {
        "He": "He" if male else "She",
        "he": "he" if male else "she",
        "His": "His" if male else "Her",
        "his": "his" if male else "her",
        "him": "him" if male else "her",
        "sex": sex,
        "man_woman": "man" if male else "woman",
        "Mr": "Mr." if male else "Ms.",
        "spouse": "wife" if male else "husband",
        "surname": rng.choice(ph.PATIENT_SURNAMES),
        "age": age,
        "a_age": f"an {age}" if str(age).startswith("8") else f"a {age}",
        "dur": rng.choice(("2 days", "three days", "1 week", "several days", "24 hours", "two weeks")),
        "ago_y": rng.randint(2, 20),
        "ago_m": rng.randint(2, 10),
        "ago_w": rng.randint(2, 6),
        "job": job,
        "a_job": f"an {job}" if job[0] in "aeiou" else f"a {job}",
        "doctor": rng.choice(ph.DOCTORS),
        "fu_w": rng.randint(1, 4),
        "drinks": rng.randint(2, 12),
        "fa_age": rng.randint(55, 80),
        # Smoking slots: chosen so that every PAST time is >= 1 year and every CURRENT quit < 1 year.
        "ppd": ppd,
        "packs": packs,
        "cigs": rng.randint(3, 15),
        "pk": rng.randrange(10, max(15, age - 15), 5),
        "smoked_yrs": rng.randint(5, max(5, age - 18 - quit_y)),
        "quit_y": quit_y,
        "quit_y_word": _NUMBER_WORDS[quit_y] if quit_y <= 12 else str(quit_y),
        "quit_year": admitted.year - quit_y,
        "quit_age": age - quit_y,
        "long_m": rng.randint(15, 30),
        "recent_m": recent_m,
        "recent_m_word": _NUMBER_WORDS[recent_m],
        "recent_w": recent_w,
        "recent_w_word": _NUMBER_WORDS[recent_w],
        "recent_month_year": f"{_MONTHS[month_index % 12]} {month_index // 12}",
        "old_quit_y": old_quit_y,
        "old_quit_year": admitted.year - old_quit_y,
        "quit_gap": rng.randint(2, 10),
        "start_age": rng.randint(12, 18),
        "resume_m": rng.randint(2, 9),
        # Clinical values.
        "temp": f"{rng.uniform(97.0, 101.5):.1f}",
        "tmax": f"{rng.uniform(100.6, 103.4):.1f}",
        "hr": rng.randint(58, 118),
        "sbp": rng.randint(98, 172),
        "dbp": rng.randint(54, 96),
        "rr": rng.randint(14, 26),
        "spo2": rng.randint(89, 99),
        "na": rng.randint(131, 144),
        "k": f"{rng.uniform(3.3, 5.2):.1f}",
        "cl": rng.randint(96, 108),
        "hco3": rng.randint(19, 30),
        "bun": rng.randint(8, 48),
        "cr": f"{rng.uniform(0.6, 2.0):.1f}",
        "glu": rng.randint(78, 265),
        "wbc": f"{rng.uniform(4.2, 17.5):.1f}",
        "hgb": f"{rng.uniform(8.6, 15.8):.1f}",
        "plt": rng.randint(130, 430),
        "trop": rng.choice(("<0.01", "0.03", f"{rng.uniform(0.2, 14):.2f}")),
        "bnp": rng.randint(35, 2400),
        "inr": f"{rng.uniform(0.9, 2.9):.1f}",
        "a1c": f"{rng.uniform(5.6, 11.4):.1f}",
        "lipase": rng.randint(320, 3100),
        "ef": rng.randrange(20, 66, 5),
        "bmi": rng.randint(27, 44),
        "sten": rng.randint(70, 99),
        "artery": rng.choice(("LAD", "proximal LAD", "RCA", "left circumflex")),
        "wt": rng.randint(4, 15),
        "liters": f"{rng.uniform(2.5, 7.5):.1f}",
        "hr_af": rng.randint(118, 165),
        "chads": rng.randint(2, 6),
        "glu_high": rng.randint(450, 780),
        "hgb_low": f"{rng.uniform(6.4, 8.0):.1f}",
        "cr_high": f"{rng.uniform(2.4, 4.8):.1f}",
        "k_high": f"{rng.uniform(6.1, 7.2):.1f}",
        "cycle": rng.randint(2, 6),
        "anc": rng.randrange(100, 460, 10),
    }


def _smoking_mentions(rng: random.Random, label: str) -> list[tuple[str, str]]:
    """(section, template) pairs that together imply ``label``; [] for UNKNOWN.

    One main mention, often followed by a second, number-free one elsewhere, as real notes repeat
    the status in HPI, problem list or plan. Number-free, because two different quit dates in one
    note would make the label arguable.
    """
    if label == UNKNOWN:
        return []
    if label == CURRENT:
        r = rng.random()
        if r < 0.42:
            main, kind = ("social", rng.choice(ph.CURRENT_SOCIAL)), "active"
        elif r < 0.68:
            # A recent quit sometimes appears in the HPI rather than the social history.
            where = rng.choice(("social", "social", "hpi"))
            main, kind = (where, rng.choice(ph.CURRENT_RECENT_QUIT)), "recent_quit"
        elif r < 0.80:
            main, kind = ("social", rng.choice(ph.CURRENT_RESUMED)), "active"
        else:
            main, kind = rng.choice(ph.CURRENT_ELSEWHERE), "active"
        extras, p_extra = ph.CURRENT_EXTRA, 0.7
    elif label == PAST:
        main = _main(rng, 0.7, ph.PAST_SOCIAL, ph.PAST_ELSEWHERE)
        extras, p_extra, kind = ph.PAST_EXTRA, 0.6, "past"
    elif label == SMOKER:
        main = _main(rng, 0.65, ph.SMOKER_SOCIAL, ph.SMOKER_ELSEWHERE)
        extras, p_extra, kind = ph.SMOKER_EXTRA, 0.5, "smoker"
    else:
        main = _main(rng, 0.8, ph.NON_SOCIAL, ph.NON_ELSEWHERE)
        extras, p_extra, kind = ph.NON_EXTRA, 0.5, "non"
    if main[0] in ("social", "hpi") and rng.random() < 0.7:
        main = (main[0], main[1] + " " + rng.choice(ph.DETAILS[kind]))
    extra = rng.choice(extras)
    return [main, extra] if rng.random() < p_extra and extra[0] != main[0] else [main]


def _main(
    rng: random.Random, p_social: float, social: tuple[str, ...], elsewhere: tuple[tuple[str, str], ...]
) -> tuple[str, str]:
    return ("social", rng.choice(social)) if rng.random() < p_social else rng.choice(elsewhere)


def _distractors(rng: random.Random, label: str) -> list[tuple[str, str]]:
    """Smoke-words that say nothing about the patient: frequent in UNKNOWN/NON, rare elsewhere."""
    weight = {UNKNOWN: 1.0, NON: 0.8, PAST: 0.35, SMOKER: 0.3, CURRENT: 0.25}[label]
    found: list[tuple[str, str]] = []
    if label != CURRENT and rng.random() < 0.3 * weight:
        found.append(("social", rng.choice(ph.OTHER_SMOKERS)))
    if rng.random() < 0.18 * weight:
        found.append(("family", ph.FAMILY_SMOKER))
    if rng.random() < 0.12 * weight:
        found.append(("social", ph.SMOKE_DETECTOR))
    if rng.random() < 0.12 * weight:
        found.append(("plan", ph.SMOKED_SALMON))
    return found


def _fill(template: str, slots: dict[str, object]) -> str:
    return template.format(**slots)


def _for_sex(items: tuple, sex: str) -> list:
    if sex == "M":
        return list(items)
    return [item for item in items if (item if isinstance(item, str) else item[0]) not in ph.MALE_ONLY]


def _inline_item(item: str) -> str:
    # "Hypertension" -> "hypertension" inside a sentence, but "GERD"/"COPD" stay as they are.
    return item[0].lower() + item[1:] if len(item) > 1 and item[1].islower() else item


def _note(rng: random.Random, label: str, sex: str, age: int, service: str, admitted: dt.date) -> str:
    slots = _slots(rng, sex, age, admitted)
    extra: dict[str, list[str]] = {}
    for section, template in _smoking_mentions(rng, label):
        extra.setdefault(section, []).append(_fill(template, slots))
    smoking_social = extra.pop("social", [])
    for section, template in _distractors(rng, label):
        extra.setdefault(section, []).append(_fill(template, slots))
    cc, hpi_core, diagnosis, course = rng.choice(ph.SCENARIOS[service])
    more = rng.choice((0, 0, 1, 2))  # some notes are terse, some verbose: lengths and positions vary
    pmh = rng.sample(_for_sex(ph.PMH_ITEMS, sex), rng.randint(3, 6 + more))
    # Problem names may hold slots themselves ("Obesity (BMI {bmi})"), filled before they go into a sentence.
    slots["pmh_a"], slots["pmh_b"] = (_inline_item(_fill(item, slots)) for item in pmh[:2])
    numbered = rng.random() < 0.5

    hpi = [_fill(rng.choice(ph.HPI_OPENERS), slots) + " " + _fill(hpi_core, slots)]
    hpi += [_fill(t, slots) for t in rng.sample(ph.HISTORY_REMARKS, rng.randint(1, 2 + more))]
    for sentence in extra.get("hpi", []):
        hpi.insert(rng.randint(1, len(hpi)), sentence)  # never before the opener, else anywhere
    if rng.random() < 0.4:
        hpi.append("ROS otherwise negative.")

    # "COPD, ex-smoker" replaces a plain "COPD" rather than repeating it.
    smoking_pmh = extra.get("pmh", [])
    problems = [_fill(item, slots) for item in pmh if not any(e.startswith(item) for e in smoking_pmh)]
    pmh_items = list(problems)
    for item in smoking_pmh:
        pmh_items.insert(rng.randint(0, len(pmh_items)), item)
    stable = [f"{_inline_item(p)}, stable" for p in problems[: rng.randint(1, 3)]]
    meds = [" ".join(m) for m in rng.sample(_for_sex(ph.MEDICATIONS, sex), rng.randint(3, 8 + 2 * more))]

    def some(items: tuple, low: int, high: int) -> list[str]:
        return [_fill(t, slots) for t in rng.sample(items, rng.randint(low, high))]

    systems = rng.sample(ph.EXAM_FINDINGS, rng.randint(2, 4 + more))
    exam = [_fill(rng.choice(ph.VITALS), slots), *(rng.choice(findings) for findings in systems)]
    sections: dict[str, str] = {
        "cc": cc,
        "hpi": " ".join(hpi),
        "pmh": _listing(pmh_items, numbered),
        "meds": _listing(meds, numbered),
        "allergies": rng.choice(ph.ALLERGIES),
        "exam": " ".join(exam),
        "labs": " ".join(some(ph.LABS, 2, 4 + more)),
        "course": " ".join([_fill(course, slots), *some(ph.COURSE_EXTRAS, 1, 2 + more)]),
        "assessment": _listing([diagnosis, *stable, *extra.get("assessment", [])], numbered),
        "plan": " ".join([*some(ph.PLAN_ITEMS, 1, 3), *extra.get("plan", []), rng.choice(ph.DISPOSITIONS)]),
    }
    social = _social(rng, label, slots, smoking_social, extra.get("social", []))
    if social:
        sections["social"] = social
    if extra.get("family") or rng.random() < 0.6:
        # A smoking father who died of lung cancer must not also be "noncontributory" or die of an MI.
        relatives = ("Mother", "Brother", "Sister") if extra.get("family") else ("",)
        items = [t for t in ph.FAMILY_ITEMS if t.startswith(relatives)]
        family = [_fill(t, slots) for t in rng.sample(items, rng.randint(1, 2))]
        sections["family"] = " ".join(family + extra.get("family", []))
    return _render(rng, sections, slots, service, admitted)


def _social(
    rng: random.Random, label: str, slots: dict[str, object], smoking: list[str], others: list[str]
) -> str:
    """Social history text, or "" when the note has none (only if nothing must go there)."""
    if not smoking and not others and rng.random() < 0.15:
        return ""
    if not smoking and not others and rng.random() < 0.15:
        # Only UNKNOWN notes may say "Tobacco history not obtained": elsewhere it would contradict.
        return rng.choice(ph.SH_NONCONTRIBUTORY + (ph.UNKNOWN_TOBACCO if label == UNKNOWN else ()))
    said = " ".join(smoking).lower()
    # Skip an alcohol or drug line that a combined smoking line ("denies tob/etoh/ivdu") already covers.
    alcohol = "" if "etoh" in said or "alcohol" in said else _fill(rng.choice(ph.ALCOHOL), slots)
    covered = "drug" in said + alcohol.lower() or "ivdu" in said
    drugs = "" if covered or rng.random() < 0.5 else rng.choice(ph.DRUGS)
    living = [_fill(rng.choice(ph.LIVING), slots)]
    if rng.random() < 0.6:
        living.append(_fill(rng.choice(ph.WORK), slots))
    if rng.random() < 0.4:
        # Structured "Tobacco: ... EtOH: ..." lines, as many templates print them.
        lines = [line if re.match(r"[\w/ ]{1,18}:", line) else f"Tobacco: {line}" for line in smoking]
        lines += [f"EtOH: {alcohol}" if alcohol else "", f"Drugs: {drugs}" if drugs else ""]
        return "\n".join(line for line in [*lines, " ".join(living + others)] if line)
    parts = [p for p in [*smoking, alcohol, drugs, *living, *others] if p]
    rng.shuffle(parts)  # the smoking line is not always first
    return " ".join(parts)


def _listing(items: list[str], numbered: bool) -> str:
    if numbered:
        return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
    return "; ".join(item.rstrip(".") for item in items) + "."


def _order(rng: random.Random, sections: dict[str, str]) -> list[str]:
    """Section order with the small variations real summaries show."""
    order = ["cc", "hpi", "pmh", "meds", "allergies", "exam", "labs", "course", "assessment", "plan"]
    if rng.random() < 0.3:
        order[3], order[4] = order[4], order[3]
    if rng.random() < 0.25:  # discharge medications listed after the hospital course
        order.remove("meds")
        order.insert(order.index("course") + 1, "discharge_meds")
        sections["discharge_meds"] = sections.pop("meds")
    history = [key for key in ("social", "family") if key in sections]
    if rng.random() < 0.3:
        history.reverse()
    at = rng.randint(order.index("hpi") + 1, order.index("exam"))
    order[at:at] = history
    if rng.random() < 0.25:
        sections["exam_labs"] = sections.pop("exam") + "\n" + sections.pop("labs")
        order[order.index("exam")] = "exam_labs"
        order.remove("labs")
    if rng.random() < 0.3:
        sections["assessment_plan"] = sections.pop("assessment") + "\n" + sections.pop("plan")
        order[order.index("assessment")] = "assessment_plan"
        order.remove("plan")
    if rng.random() < 0.15:
        order.remove("cc")
    return order


def _title_word(match: re.Match[str]) -> str:
    return match[0] if match[0] in ("of", "and", "on") else match[0].capitalize()


def _render(
    rng: random.Random, sections: dict[str, str], slots: dict[str, object], service: str, admitted: dt.date
) -> str:
    discharged = admitted + dt.timedelta(days=rng.randint(2, 9))
    iso = rng.random() < 0.3
    fmt = (lambda d: d.isoformat()) if iso else (lambda d: d.strftime("%m/%d/%Y"))
    lines = [rng.choice(("DISCHARGE SUMMARY", "Discharge Summary", "DISCHARGE SUMMARY - FINAL"))]
    lines.append(
        rng.choice(
            (
                "Admission Date: {a}  Discharge Date: {d}",
                "ADMITTED: {a}   DISCHARGED: {d}",
                "Date of admission: {a}\nDate of discharge: {d}",
            )
        ).format(a=fmt(admitted), d=fmt(discharged))
    )
    if rng.random() < 0.6:
        lines.append(f"Service: {service}. Attending: Dr. {slots['doctor']}")
    style = rng.randrange(4)  # 0 UPPER: inline, 1 Title: own line, 2 abbreviations, 3 UPPER own line
    blocks = ["\n".join(lines)]
    for key in _order(rng, sections):
        full, short = ph.HEADINGS[key]
        heading = rng.choice(short) if style == 2 and rng.random() < 0.7 else rng.choice(full)
        if style == 1:  # "HISTORY OF PRESENT ILLNESS" -> "History of Present Illness"
            heading = re.sub(r"[a-z]+", _title_word, heading.lower())
        body = sections[key]
        own_line = style in (1, 3) or "\n" in body
        blocks.append(f"{heading}:\n{body}" if own_line else f"{heading}: {body}")
    return "\n\n".join(blocks) + "\n"
