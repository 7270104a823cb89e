"""Evidence selection (long_text="evidence"): which sentences a long report is cut to, and the
classifier trained and predicting through it."""

from __future__ import annotations

import json
import random

import pytest

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import RecordingReporter
from medlabel.ml.models import load_tokenizer
from medlabel.ml.recipes import RunContext, classifier
from medlabel.ml.recipes.evidence import SELECTOR_FILE, EvidenceSelector, sentences, split_long
from medlabel.ml.settings import ClassifierSettings
from medlabel.ml.tasks import DocExample, DocTask

FILLER = [
    "The patient was seen in clinic today.",
    "Blood pressure was well controlled.",
    "Lungs were clear on auscultation.",
    "She walks her dog every morning.",
    "Labs showed a normal sodium.",
    "Follow up in two weeks.",
    "No known drug allergies.",
    "He lives with his family.",
]
EVIDENCE = {"smoker": "Smokes one pack a day.", "non-smoker": "Never smoked tobacco.", "unknown": ""}


def report(label: str, rng: random.Random) -> str:
    body = rng.sample(FILLER, 6)
    if EVIDENCE[label]:
        body.insert(rng.randrange(len(body) + 1), EVIDENCE[label])
    return f"Discharge summary\nAdmission date: 2020-01-0{rng.randint(1, 9)}\n" + " ".join(body)


def corpus(n: int, seed: int) -> list[DocExample]:
    rng = random.Random(seed)
    labels = list(EVIDENCE)
    return [DocExample(i, report(labels[i % 3], rng), labels[i % 3]) for i in range(n)]


def count_words(text: str) -> int:
    return len(text.split())


def test_sentences_break_after_stops_and_at_lines():
    assert sentences("Title\nA b. C d; e f?  G!\n\n h") == ["Title", "A b.", "C d;", "e f?", "G!", "h"]
    assert sentences("  \n ") == []


def test_a_long_report_keeps_its_opening_and_the_deciding_sentence_in_order():
    train = corpus(60, 1)
    selector = EvidenceSelector.fit([e.text for e in train], [e.label for e in train])
    text = report("smoker", random.Random(7))
    kept, cut = selector.select(text, count_words, budget=12)
    assert cut
    lines = kept.split("\n")
    assert lines[:2] == ["Discharge summary", sentences(text)[1]]  # the opening, dates included
    assert EVIDENCE["smoker"] in lines
    assert count_words(kept) <= 12
    # The report's order is kept: every kept sentence comes after the one before it.
    positions = [text.index(line) for line in lines]
    assert positions == sorted(positions)


def test_a_report_within_the_budget_is_left_as_it_is():
    train = corpus(30, 2)
    selector = EvidenceSelector.fit([e.text for e in train], [e.label for e in train])
    text = train[0].text
    assert selector.select(text, count_words, budget=count_words(text)) == (text, False)
    assert selector.select("", count_words, budget=40) == ("", False)


def test_an_unpunctuated_report_is_cut_into_runs_of_words_that_fit():
    train = corpus(60, 9)
    selector = EvidenceSelector.fit([e.text for e in train], [e.label for e in train])
    words = [w.strip(".") for w in " ".join(FILLER * 2).split()]
    # Runs of 5 words (half the budget): the deciding words make up the last run.
    line = " ".join(words[: len(words) // 5 * 5]) + " she never smoked tobacco ever"
    kept, cut = selector.select(line, count_words, budget=10)
    assert cut and 0 < count_words(kept) <= 10
    assert "never smoked tobacco" in kept.replace("\n", " ")
    assert split_long(["a b c d e", "f"], count_words, 2) == ["a b", "c d", "e", "f"]


def test_the_deciding_sentences_score_above_the_filler():
    train = corpus(60, 3)
    selector = EvidenceSelector.fit([e.text for e in train], [e.label for e in train])
    scores = selector.scores([EVIDENCE["smoker"], EVIDENCE["non-smoker"], *FILLER])
    assert min(scores[:2]) > max(scores[2:])


def test_one_label_only_is_refused_with_what_to_do():
    with pytest.raises(MedlabelError, match=r"at least two labels.*head_tail"):
        EvidenceSelector.fit(["a report", "another"], ["smoker", "smoker"])


def test_saved_selector_scores_the_same_and_a_missing_one_is_named(tmp_path):
    train = corpus(30, 4)
    selector = EvidenceSelector.fit([e.text for e in train], [e.label for e in train])
    selector.save(tmp_path / SELECTOR_FILE)
    loaded = EvidenceSelector.load(tmp_path / SELECTOR_FILE)
    assert list(loaded.scores(FILLER)) == pytest.approx(list(selector.scores(FILLER)))
    with pytest.raises(MedlabelError, match=r"evidence\.npz is missing"):
        EvidenceSelector.load(tmp_path / "other" / SELECTOR_FILE)


def test_classifier_trains_and_predicts_on_the_evidence(tiny_bert_dir, tmp_path):
    task = DocTask("smoking", list(EVIDENCE))
    config = ClassifierSettings(
        epochs=1.0, batch_size=8, max_length=64, lora_r=4, lora_alpha=8, long_text="evidence",
        evidence_tokens=32,
    ).validate()  # fmt: skip
    reporter = RecordingReporter()
    result = classifier.train(
        task, corpus(24, 5), corpus(6, 6), RunContext(config, tiny_bert_dir, tmp_path, reporter, None)
    )
    assert result["long_text"] == "evidence"
    assert result["evidence_tokens"] == 32
    assert result["truncated_reports"] == 24  # every toy report is longer than 32 tokens
    assert (tmp_path / SELECTOR_FILE).is_file()
    assert json.loads((tmp_path / "classifier.json").read_text())["evidence_tokens"] == 32
    assert any(
        "longer than 32 tokens: evidence" in line for line in (e["message"] for e in reporter.of("log"))
    )

    # Prediction cuts reports as training did: the selector's cut changes what the model reads.
    texts = [e.text for e in corpus(4, 8)]
    predictions = classifier.predict(
        texts, RunContext(config, tiny_bert_dir, tmp_path, RecordingReporter(), None)
    )
    assert len(predictions) == 4
    assert all(sum(p.probabilities.values()) == pytest.approx(1.0, abs=1e-6) for p in predictions)
    tokenizer = load_tokenizer(tiny_bert_dir)
    read = classifier.report_reader(EvidenceSelector.load(tmp_path / SELECTOR_FILE), tokenizer, 32)
    kept, cut = read(texts[0])
    assert cut and len(tokenizer(kept, add_special_tokens=False)["input_ids"]) <= 32

    (tmp_path / SELECTOR_FILE).unlink()
    with pytest.raises(MedlabelError, match="evidence selector was not saved"):
        classifier.predict(texts, RunContext(config, tiny_bert_dir, tmp_path, RecordingReporter(), None))
