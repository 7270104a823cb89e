"""Mean pooling for sentence-transformers encoders: detection, the vector the head reads, saved runs."""

from __future__ import annotations

import json
import shutil

import pytest

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import NullReporter
from medlabel.ml.device import plan_device
from medlabel.ml.models import check_model_folder, load_tokenizer, resolve_model
from medlabel.ml.recipes import RunContext, classifier
from medlabel.ml.recipes.pooling import choose_pooling, sentence_pooling
from medlabel.ml.settings import ClassifierSettings
from medlabel.ml.tasks import DocTask
from tests.ml.toy import LABELS, toy_examples


def with_pooling(folder, mode: str):  # type: ignore[no-untyped-def]
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    (folder / "1_Pooling").mkdir(exist_ok=True)
    modes = {f"pooling_mode_{m}": m == mode for m in ("cls_token", "mean_tokens", "max_tokens")}
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(modes), encoding="utf-8")
    return check_model_folder(folder)


@pytest.fixture(scope="module")
def sentence_bert(tiny_bert_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny-sentence-bert") / "model"
    shutil.copytree(tiny_bert_dir.path, folder)
    return with_pooling(folder, "mean_tokens")


def test_the_pooling_a_folder_declares(tiny_bert_dir, tiny_llama_dir, sentence_bert, tmp_path):
    assert sentence_pooling(resolve_model("minilm")) == "mean"
    assert sentence_pooling(sentence_bert) == "mean"
    assert sentence_pooling(tiny_bert_dir) is None
    shutil.copytree(tiny_bert_dir.path, tmp_path / "cls")
    assert sentence_pooling(with_pooling(tmp_path / "cls", "cls_token")) == "cls_token"
    (tmp_path / "cls" / "modules.json").write_text("not json", encoding="utf-8")
    assert sentence_pooling(check_model_folder(tmp_path / "cls")) is None

    assert choose_pooling("auto", resolve_model("minilm")) == "mean"
    assert choose_pooling("auto", tiny_bert_dir) == "model"
    assert choose_pooling("mean", tiny_bert_dir) == "mean"
    assert choose_pooling("model", sentence_bert) == "model"
    assert choose_pooling("auto", tiny_llama_dir) == "model"
    with pytest.raises(MedlabelError, match="BERT-type"):
        choose_pooling("mean", tiny_llama_dir)


def test_the_head_reads_the_mean_of_the_unpadded_tokens(sentence_bert):
    import torch

    tokenizer = load_tokenizer(sentence_bert)
    plan = plan_device(ClassifierSettings(), False)
    model = classifier._load_model(sentence_bert, plan, LABELS, tokenizer, "mean").eval()
    assert model.bert.pooler is None
    texts = ["the cat sat", "a much longer report about the dog in the clinic today"]
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        logits = model(**batch).logits
        hidden = model.bert(**batch).last_hidden_state
        for row, text in enumerate(texts):
            n = int(batch["attention_mask"][row].sum())
            expected = model.classifier(hidden[row, :n].mean(0))
            assert torch.allclose(logits[row], expected, atol=1e-5)
            alone = model(**tokenizer([text], return_tensors="pt")).logits[0]
            assert torch.allclose(logits[row], alone, atol=1e-5)  # padding does not change the answer


def test_a_saved_run_predicts_with_the_pooling_it_was_trained_with(sentence_bert, tmp_path):
    task = DocTask("pet", list(LABELS))
    config = ClassifierSettings(
        epochs=1.0, max_length=32, lora_r=4, lora_alpha=8, early_stopping=0, long_text="head_tail"
    )
    result = classifier.train(
        task,
        toy_examples(12, 1),
        toy_examples(3, 2),
        RunContext(config, sentence_bert, tmp_path, NullReporter(), None),
    )
    assert result["pooling"] == "mean"
    assert json.loads((tmp_path / classifier.SETTINGS_FILE).read_text())["pooling"] == "mean"
    texts = [e.text for e in toy_examples(4, 3)]
    predicted = classifier.predict(texts, RunContext(config, sentence_bert, tmp_path, NullReporter(), None))
    assert len(predicted) == 4
    assert all(abs(sum(p.probabilities.values()) - 1) < 1e-6 for p in predicted)

    # Runs saved before the setting existed have no "pooling" and used the model's own head input,
    # the pooler; reading through it gives other probabilities, which shows the setting is honoured.
    settings = json.loads((tmp_path / classifier.SETTINGS_FILE).read_text())
    del settings["pooling"]
    (tmp_path / classifier.SETTINGS_FILE).write_text(json.dumps(settings))
    again = classifier.predict(texts, RunContext(config, sentence_bert, tmp_path, NullReporter(), None))
    assert [p.probabilities for p in again] != [p.probabilities for p in predicted]
