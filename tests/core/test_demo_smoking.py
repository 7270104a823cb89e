"""The synthetic smoking-status corpus: deterministic, skewed like i2b2 2006, labels that follow the text."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import asdict

import pytest

from medlabel.core.demo import smoking_phrases as ph
from medlabel.core.demo.smoking import LABELS, generate

CURRENT, PAST, SMOKER, NON, UNKNOWN = "CURRENT SMOKER", "PAST SMOKER", "SMOKER", "NON-SMOKER", "UNKNOWN"

# Any word that can carry smoking status, typos and abbreviations included.
SMOKING_WORD = re.compile(r"smok|tob+a?c+o|\btob\b|cig|ppd|nicotine|pack-year|pk-yr|varenicline", re.I)
# Smoking words that say nothing about the patient's own smoking.
NOT_ABOUT_PATIENT = re.compile(
    r"\b(wife|husband|son|daughter|father|mother)\b[^.]*\bsmok|second-hand smoke|smoke detector|smoked salmon"
    r"|tobacco history not obtained|tobacco use: not documented",
    re.I,
)
NEVER = re.compile(
    r"never smok|never used tobacco|nonsmoker|non-smoker|tobacco: none|tob: never|smoking: never", re.I
)
QUIT_MONTHS = re.compile(
    r"\b(?:quit|stopped)(?: smoking| cigarettes| cigs| tobacco)? (\d+) (?:months|mos) ago", re.I
)
QUIT_YEAR = re.compile(r"(?:quit(?: smoking| tobacco)? in|since|until) (\d{4})\b", re.I)
QUIT_MONTH_YEAR = re.compile(
    r"(?:since|in) (January|February|March|April|May|June|July|August|September|"
    r"October|November|December) (\d{4})"
)
MONTHS = [
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
]


@pytest.fixture(scope="module")
def corpus():
    return generate(600, 0)


def by_label(corpus, label):
    return [d for d in corpus.documents if d.labels["smoking_status"] == label]


def sentences(text):
    return [s for s in re.split(r"(?<=[.;])\s+|\n", text) if s.strip()]


def test_same_seed_same_output_other_seed_differs():
    random.seed(1)  # the generator must not depend on the global random state
    first = [asdict(d) for d in generate(80, seed=3).documents]
    random.seed(2)
    again = [asdict(d) for d in generate(80, seed=3).documents]
    other = [asdict(d) for d in generate(80, seed=4).documents]
    assert first == again
    assert [d["text"] for d in first] != [d["text"] for d in other]


@pytest.mark.parametrize("n", [0, 1, 7, 50, 123])
def test_n_respected_and_small_corpora_have_every_class(n):
    docs = generate(n, seed=5).documents
    assert len(docs) == n
    if n >= 50:
        assert set(Counter(d.labels["smoking_status"] for d in docs)) == set(LABELS)


def test_batch_declares_the_label_set(corpus):
    assert corpus.source == "demo:smoking"
    (spec,) = corpus.label_sets
    assert spec.name == "smoking_status"
    assert spec.labels == [CURRENT, PAST, SMOKER, NON, UNKNOWN]
    assert spec.definition
    assert set(spec.label_definitions) == set(spec.labels)
    assert "one year" in spec.label_definitions[PAST] and "one year" in spec.label_definitions[CURRENT]


def test_skew_like_real_notes(corpus):
    counts = Counter(d.labels["smoking_status"] for d in corpus.documents)
    assert counts.most_common(1)[0][0] == UNKNOWN
    assert min(counts, key=counts.__getitem__) == SMOKER
    share = {label: counts[label] / 600 for label in LABELS}
    assert 0.45 <= share[UNKNOWN] <= 0.55
    assert 0.15 <= share[NON] <= 0.20
    assert 0.12 <= share[PAST] <= 0.16 and 0.12 <= share[CURRENT] <= 0.16
    assert 0.04 <= share[SMOKER] <= 0.06


def test_ids_unique_metadata_and_length(corpus):
    ids = [d.external_id for d in corpus.documents]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"smk-\d{4}", i) for i in ids)
    for doc in corpus.documents:
        assert doc.metadata["sex"] in ("M", "F")
        assert 18 <= doc.metadata["age"] <= 100
        assert doc.metadata["service"] in ph.SCENARIOS
    words = [len(d.text.split()) for d in corpus.documents]
    assert sum(180 <= w <= 420 for w in words) >= 0.95 * len(words)


def test_every_template_slot_is_filled(corpus):
    # A problem name with a slot of its own ("Obesity (BMI {bmi})") once reached the HPI unfilled.
    for doc in corpus.documents:
        assert not re.search(r"[{}]", doc.text), doc.text


def test_texts_have_several_section_headings(corpus):
    for doc in corpus.documents:
        found = {
            key
            for key, (full, short) in ph.HEADINGS.items()
            if any(re.search(rf"^{re.escape(h)}:", doc.text, re.I | re.M) for h in full + short)
        }
        assert len(found) >= 6, doc.text
        assert {"hpi", "course"} <= found


def test_labelled_notes_mention_the_patients_smoking(corpus):
    for doc in corpus.documents:
        if doc.labels["smoking_status"] == UNKNOWN:
            continue
        about_patient = [
            s for s in sentences(doc.text) if SMOKING_WORD.search(s) and not NOT_ABOUT_PATIENT.search(s)
        ]
        assert about_patient, doc.text


def test_unknown_notes_say_nothing_about_the_patients_smoking(corpus):
    unknown = by_label(corpus, UNKNOWN)
    for doc in unknown:
        for sentence in sentences(doc.text):
            if SMOKING_WORD.search(sentence):
                assert NOT_ABOUT_PATIENT.search(sentence), (doc.external_id, sentence)
    # ... but many of them do contain smoke-words, so a keyword cannot tell them apart.
    assert sum(bool(SMOKING_WORD.search(d.text)) for d in unknown) >= 0.25 * len(unknown)


def test_no_contradictions_between_classes(corpus):
    for doc in by_label(corpus, NON):
        patient_smoked = (
            r"\b(quit|stopped) (smoking|cigarettes|cigs|tobacco)|ex-smoker|former smoker"
            r"|pack-year|pk-yr|nicotine patch|counseled on smoking"
        )
        assert not re.search(patient_smoked, doc.text, re.I), doc.text
    for label in (CURRENT, PAST, SMOKER):
        for doc in by_label(corpus, label):
            assert not NEVER.search(doc.text), doc.text
    # SMOKER: nothing in a smoking sentence may say "now" or "no longer".
    for doc in by_label(corpus, SMOKER):
        for sentence in sentences(doc.text):
            if SMOKING_WORD.search(sentence) and not NOT_ABOUT_PATIENT.search(sentence):
                assert not re.search(
                    r"quit|current|now|nicotine|resum|ex-|former|since|ago|until|still", sentence, re.I
                ), sentence


def test_quit_times_match_the_label(corpus):
    """Quit < 1 year before admission is CURRENT, >= 1 year is PAST, judged against the admission date."""
    checked = Counter()
    for label in (CURRENT, PAST):
        for doc in by_label(corpus, label):
            admitted_year = int(doc.metadata["admission_date"][:4])
            admitted_month = int(doc.metadata["admission_date"][5:7])
            for match in QUIT_MONTHS.finditer(doc.text):
                months = int(match[1])
                assert (months < 12) if label == CURRENT else (months >= 12), (label, match[0])
                checked[label, "months"] += 1
            for match in QUIT_MONTH_YEAR.finditer(doc.text):
                quit_month = int(match[2]) * 12 + MONTHS.index(match[1]) + 1
                gap = admitted_year * 12 + admitted_month - quit_month
                assert label == CURRENT and 0 < gap < 12, (label, match[0])
                checked[label, "month-year"] += 1
            if label == PAST:
                for match in QUIT_YEAR.finditer(doc.text):
                    assert int(match[1]) <= admitted_year - 2, match[0]  # a whole year at least, any month
                    checked[label, "year"] += 1
    assert checked[CURRENT, "months"] and checked[CURRENT, "month-year"]
    assert checked[PAST, "months"] and checked[PAST, "year"]


def count(docs, pattern):
    return sum(bool(re.search(pattern, d.text, re.I)) for d in docs)


def test_phenomena_are_present(corpus):
    current, past, smoker, non, unknown = (by_label(corpus, label) for label in LABELS)
    # Time expressions on both sides of the one-year line.
    assert count(past, r"(quit|stopped)[^.]*years ago") >= 10
    assert count(current, r"(quit|stopped)[^.]*(months|weeks|mos) (ago|prior)") >= 10
    assert count(past, r"quit[^.]*months ago") >= 1  # "quit 18 months ago" is PAST
    assert count(current, r"resumed|again|relapsed|restarted") >= 3
    assert count(current, r"cut (down|back)") >= 1
    assert count(current, r"nicotine patch|varenicline|counseled") >= 10  # outside the social history
    assert count(past, r"nicotine") >= 1
    assert count(past, r"COPD, ex-smoker") >= 1
    assert count(past, r"does not currently smoke|denies current tobacco") >= 1
    assert count(current, r"denies current tobacco") + count(current, r"former smoker|ex-smoker") >= 1
    assert count(smoker, r"pack-year|pk-yr") >= 3 and count(smoker, r"history of tobacco|h/o tob") >= 3
    # Typos and abbreviations.
    assert count(corpus.documents, r"tobbaco") >= 5
    assert count(corpus.documents, r"\bppd\b") >= 20
    assert count(corpus.documents, r"\bcigs\b") >= 5
    assert count(corpus.documents, r"etoh/tob") >= 1
    # Negation and smoke-words that are not about the patient.
    assert count(non, r"denies (tob|ever smoking)") >= 5
    assert count(non, r"(wife|husband|son|daughter)[^.]*smokes|second-hand") >= 5
    assert count(unknown, r"(wife|husband|son|daughter)[^.]*smokes|second-hand") >= 10
    assert count(unknown, r"smoke detector") >= 5 and count(unknown, r"smoked salmon") >= 5
    assert count(unknown, r"father smoked") >= 5
    # "quit"/"years ago"/"months ago" in unrelated history, in every class.
    assert count(unknown, r"quit (taking|his|her|running|alcohol)") >= 20


def test_smoking_mention_position_varies(corpus):
    positions = []
    for doc in corpus.documents:
        if doc.labels["smoking_status"] in (CURRENT, PAST, SMOKER, NON):
            first = SMOKING_WORD.search(doc.text)
            positions.append(first.start() / len(doc.text))
    assert min(positions) < 0.2
    assert max(positions) > 0.6
    assert sum(p > 0.5 for p in positions) >= 10
