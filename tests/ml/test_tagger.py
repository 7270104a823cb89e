"""The tagger recipe end to end on tiny random models: train, save, load, predict, windows, cancel."""

from __future__ import annotations

import json
import random
import threading

import pytest

from medlabel.core.jobs import Cancelled, NullReporter, RecordingReporter
from medlabel.core.normalize import Vocabulary, VocabularyEntry
from medlabel.core.records import SpanRecord
from medlabel.ml.models import ModelError
from medlabel.ml.recipes import RunContext, tagger
from medlabel.ml.settings import TaggerSettings
from medlabel.ml.tasks import SpanExample, SpanPrediction, SpanTask

NORMALISERS = {"LV-EF": {"kind": "number", "units": ["%"]}, "LVEDV": {"kind": "number", "units": ["ml"]}}
TASK = SpanTask("entities", ["LV-EF", "LVEDV"], NORMALISERS)
TEMPLATES = [
    "Die LVEF beträgt {ef} %. LVEDV {v} ml.",
    "LV-EF {ef} %, LVEDV {v} ml.",
    "Linksventrikuläre EF: {ef} %. Enddiastolisches Volumen {v} ml.",
    "Normale Funktion, EF {ef} %, LVEDV {v} ml.",
]
LONG_TAIL = " Keine Perikardergüsse, keine Wandbewegungsstörungen, unauffällige Klappen." * 3


def example(doc_id: int, rng: random.Random, long: bool = False) -> SpanExample:
    ef, v = f"{rng.randint(20, 70)} %", f"{rng.randint(80, 250)} ml"
    template = rng.choice(TEMPLATES)
    text = (LONG_TAIL if long else "") + template.format(ef=ef[:-2], v=v[:-3])
    a, b = text.index(ef), text.index(v, text.index(ef) + len(ef))
    return SpanExample(
        doc_id, text, (SpanRecord(a, a + len(ef), "LV-EF"), SpanRecord(b, b + len(v), "LVEDV"))
    )


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Tiny models train several times faster on one thread; on a busy machine two threads wait on
    each other (torch's thread pool spins) far longer than they compute."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def data() -> tuple[list[SpanExample], list[SpanExample]]:
    rng = random.Random(1)
    examples = [example(i, rng, long=i % 10 == 0) for i in range(40)]
    # A span of a type outside the task (e.g. annotated for another project question) is ignored.
    first = examples[1]
    examples[1] = SpanExample(first.doc_id, first.text, (*first.spans, SpanRecord(0, 3, "Other")))
    return examples[:32], examples[32:]


def config(**overrides) -> TaggerSettings:
    settings = {
        "epochs": 12.0, "learning_rate": 5e-3, "batch_size": 8, "max_length": 32, "stride": 8,
        "early_stopping": 0, "eval_batch_size": 8, "lora_r": 4, "lora_alpha": 8, "lora_dropout": 0.0,
    }  # fmt: skip
    return TaggerSettings(**{**settings, **overrides}).validate()


@pytest.fixture(scope="module")
def trained(tiny_bert_dir, data, tmp_path_factory):
    out = tmp_path_factory.mktemp("tagger-run")
    reporter = RecordingReporter()
    result = tagger.train(TASK, data[0], data[1], RunContext(config(), tiny_bert_dir, out, reporter, None))
    return out, result, reporter


@pytest.fixture(scope="module")
def minilm_run(tmp_path_factory):
    """The real MiniLM, which (unlike a tiny random model) learns the toy task in a few epochs."""
    from medlabel.ml.models import resolve_model

    rng = random.Random(7)
    examples = [example(i, rng) for i in range(40)]
    out = tmp_path_factory.mktemp("tagger-minilm")
    settings = TaggerSettings(
        epochs=4.0, learning_rate=3e-3, batch_size=16, max_length=32, stride=8, early_stopping=0
    ).validate()
    source = resolve_model("minilm")
    result = tagger.train(
        TASK, examples[:32], examples[32:], RunContext(settings, source, out, NullReporter(), None)
    )
    return out, result, settings, source, examples[32:]


def test_train_saves_a_loadable_adapter_and_labels(trained, tiny_bert_dir):
    from peft import PeftModel
    from transformers import AutoModelForTokenClassification

    out, result, _ = trained
    meta = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    assert meta["labels"] == ["O", "B-LV-EF", "I-LV-EF", "B-LVEDV", "I-LVEDV"]
    assert meta["normalisers"] == NORMALISERS
    assert not (out / "checkpoints").exists()
    base = AutoModelForTokenClassification.from_pretrained(tiny_bert_dir.path, num_labels=5)
    model = PeftModel.from_pretrained(base, out / "adapter")
    assert model.peft_config["default"].task_type == "TOKEN_CLS"
    total = sum(p.numel() for p in model.parameters())
    assert 0 < result["trainable_params"] < total / 10


def test_train_reports_facts_and_windows_long_reports(trained):
    _, result, _ = trained
    assert set(result) == {
        "epochs_run", "best_val_span_f1", "train_seconds", "train_examples", "windows", "long_reports",
        "trainable_params", "device",
    }  # fmt: skip
    assert result["epochs_run"] == 12 and result["train_examples"] == 32
    assert result["long_reports"] == 4 and result["windows"] > 32
    assert 0.0 <= result["best_val_span_f1"] <= 1.0
    assert result["device"].startswith("cpu")


def test_training_loss_falls_and_span_f1_is_evaluated(trained):
    _, _, reporter = trained
    values = [e["values"] for e in reporter.of("metrics")]
    losses = [v["loss"] for v in values if "loss" in v]
    assert len(losses) >= 4 and losses[-1] < 0.7 * losses[0]
    assert sum("eval_span_f1" in v for v in values) == 12
    progress = reporter.of("progress")
    assert progress[-1]["done"] == progress[-1]["total"] > 0


def test_predict_gives_one_sorted_prediction_per_text_within_the_text(trained, tiny_bert_dir, data):
    out, _, _ = trained
    texts = [e.text for e in data[1]] + ["", "Die LVEF beträgt 55 %." + LONG_TAIL * 2]
    reporter = RecordingReporter()
    predictions = tagger.predict(texts, RunContext(config(), tiny_bert_dir, out, reporter, None))
    assert len(predictions) == len(texts)
    assert predictions[-2] == SpanPrediction(spans=(), confidence=None, span_confidences=())
    for text, prediction in zip(texts, predictions, strict=True):
        check_prediction(text, prediction)
    progress = reporter.of("progress")
    assert progress[-1]["done"] == progress[-1]["total"] >= 2  # 8 + 2 texts, one long, batches of 8
    assert "could not be normalised" in reporter.of("log")[-1]["message"]


def check_prediction(text: str, prediction: SpanPrediction) -> None:
    starts = [s.start for s in prediction.spans]
    assert starts == sorted(starts)
    assert len(prediction.span_confidences) == len(prediction.spans)
    for span, confidence in zip(prediction.spans, prediction.span_confidences, strict=True):
        assert 0 <= span.start < span.end <= len(text) and span.type in TASK.types
        assert text[span.start : span.end] == text[span.start : span.end].strip()
        assert 0.0 < confidence <= 1.0


def test_minilm_learns_the_spans_and_their_values(minilm_run):
    out, result, settings, source, val = minilm_run
    assert result["best_val_span_f1"] >= 0.5
    predictions = tagger.predict(
        [e.text for e in val], RunContext(settings, source, out, NullReporter(), None)
    )
    gold = {(e.doc_id, s.start, s.end, s.type) for e in val for s in e.spans}
    found = {}
    for e, prediction in zip(val, predictions, strict=True):
        check_prediction(e.text, prediction)
        found |= {(e.doc_id, s.start, s.end, s.type): (e.text, s) for s in prediction.spans}
    hits = gold & set(found)
    assert len(hits) >= len(gold) // 2
    for key in hits:  # exact spans carry their normalised value: "42 %" -> 42.0 %, "150 ml" -> 150.0 ml
        text, span = found[key]
        number, unit = text[span.start : span.end].split()
        assert (span.value, span.unit) == (float(number), unit)


def test_long_text_is_predicted_through_windows(minilm_run):
    out, _, settings, source, _ = minilm_run
    head = "Die LVEF beträgt 55 %. LVEDV 150 ml."
    text = head + LONG_TAIL + " " + head + LONG_TAIL + " " + head
    tokenizer, _ = tagger.tagger_tokenizer(source)
    assert len(tagger.bio.encode_text(tokenizer, text)[0]) > 4 * settings.max_length
    (alone,) = tagger.predict([head], RunContext(settings, source, out, NullReporter(), None))
    (long_one,) = tagger.predict([text], RunContext(settings, source, out, NullReporter(), None))
    check_prediction(text, long_one)
    values = [(s.type, s.value, s.unit) for s in alone.spans]
    assert ("LV-EF", 55.0, "%") in values
    # Each copy of the head, at the start, in the middle and at the end, is found as when alone.
    starts = [0, len(head) + len(LONG_TAIL) + 1, len(text) - len(head)]
    for offset in starts:
        copy = [(s.type, s.value, s.unit) for s in long_one.spans if offset <= s.start < offset + len(head)]
        assert copy == values


def test_normalise_spans_numbers_and_units():
    text = "Die LVEF beträgt 55 %. LVEDV 0,15 l. LVEF nicht messbar."
    spans = [(17, 21, "LV-EF"), (29, 35, "LVEDV"), (37, 41, "LV-EF")]
    records, failed = tagger.normalise_spans(text, spans, NORMALISERS)
    assert records == [
        SpanRecord(17, 21, "LV-EF", 55.0, "%"),
        SpanRecord(29, 35, "LVEDV", 150.0, "ml"),
        SpanRecord(37, 41, "LV-EF"),
    ]
    assert failed == 1


def test_normalise_spans_codes_and_types_without_normaliser():
    text = "Therapie mit Beloc und ASS."
    normalisers = {"Drug": {"kind": "code", "vocabulary": "ATC"}, "Other": None}
    spans = [(13, 18, "Drug"), (23, 26, "Other")]
    records, failed = tagger.normalise_spans(text, spans, normalisers)
    assert records == [SpanRecord(13, 18, "Drug"), SpanRecord(23, 26, "Other")] and failed == 1
    atc = Vocabulary([VocabularyEntry("C07AB02", "Metoprolol", ("Beloc",))])
    records, failed = tagger.normalise_spans(text, spans, normalisers, {"ATC": atc})
    assert records[0].code == "C07AB02" and failed == 0


def test_lora_adapts_all_linear_layers_outside_the_head(tiny_bert_dir):
    from medlabel.ml.device import plan_device
    from medlabel.ml.recipes.hf_data import add_lora

    def adapted(settings: TaggerSettings) -> set[str]:
        plan = plan_device(settings, False)
        base = tagger._load_base(
            tiny_bert_dir, ["O", "B-X", "I-X"], plan, tagger.tagger_tokenizer(tiny_bert_dir)[0]
        )
        model = add_lora(base, settings, "TOKEN_CLS", plan)
        return {
            name.split(".lora_A")[0].split(".")[-1]
            for name, _ in model.named_parameters()
            if "lora_A" in name
        }

    assert adapted(config()) == {"dense", "key", "query", "value"}  # the head ("classifier") trains in full
    assert adapted(config(lora_targets="query, value")) == {"query", "value"}


def test_cancel_before_training_raises(tiny_bert_dir, data, tmp_path):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        tagger.train(
            TASK, data[0], data[1], RunContext(config(), tiny_bert_dir, tmp_path, NullReporter(), cancel)
        )


def test_cancel_during_training_stops_and_saves_nothing(tiny_bert_dir, data, tmp_path):
    cancel = threading.Event()

    class CancelOnFirstStep(RecordingReporter):
        def progress(self, done, total, phase="", eta_s=None):
            super().progress(done, total, phase, eta_s)
            if done >= 1:
                cancel.set()

    reporter = CancelOnFirstStep()
    with pytest.raises(Cancelled):
        tagger.train(TASK, data[0], data[1], RunContext(config(), tiny_bert_dir, tmp_path, reporter, cancel))
    assert max(e["done"] for e in reporter.of("progress")) == 1
    assert not (tmp_path / "adapter").exists() and not (tmp_path / "checkpoints").exists()


def test_cancel_during_prediction_raises(trained, tiny_bert_dir):
    out, _, _ = trained
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        tagger.predict(["LVEF 55 %."], RunContext(config(), tiny_bert_dir, out, NullReporter(), cancel))


def test_a_slow_tokenizer_is_refused_with_a_clear_message(tiny_bert_dir, monkeypatch):
    class Slow:
        is_fast = False

    monkeypatch.setattr(tagger, "load_tokenizer", lambda source: Slow())
    with pytest.raises(ModelError, match="fast tokenizer"):
        tagger.tagger_tokenizer(tiny_bert_dir)


def test_decoder_models_tag_too(tiny_llama_dir, data, tmp_path):
    settings = config(epochs=1.0, max_length=24, stride=4)
    result = tagger.train(
        TASK, data[0][:8], data[1][:2], RunContext(settings, tiny_llama_dir, tmp_path, NullReporter(), None)
    )
    assert result["long_reports"] >= 1 and (tmp_path / "adapter" / "adapter_config.json").is_file()
    texts = [e.text for e in data[1][:3]]
    predictions = tagger.predict(texts, RunContext(settings, tiny_llama_dir, tmp_path, NullReporter(), None))
    assert len(predictions) == 3
    for text, prediction in zip(texts, predictions, strict=True):
        # Byte-level tokens carry their leading space; predicted spans must not.
        assert all(not text[s.start].isspace() and s.end <= len(text) for s in prediction.spans)
