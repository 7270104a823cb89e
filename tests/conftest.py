"""Shared fixtures. No test may reach a model hub; the GUI tests have no screen. The tiny random models
are built from a config here (no download) and saved as real local model folders."""

import os

import pytest

# No test may reach a model hub; the GUI tests have no screen.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from medlabel.ml.models import ModelSource, check_model_folder, load_tokenizer, resolve_model


@pytest.fixture(scope="session")
def tiny_bert_dir(tmp_path_factory) -> ModelSource:
    """A 2-layer BERT with random weights and MiniLM's real (uncased WordPiece) tokenizer."""
    import torch
    from transformers import BertConfig, BertModel

    folder = tmp_path_factory.mktemp("tiny-bert")
    tokenizer = load_tokenizer(resolve_model("minilm"))
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=512,
    )  # fmt: skip
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return check_model_folder(folder)


@pytest.fixture(scope="session")
def tiny_llama_dir(tmp_path_factory) -> ModelSource:
    """A 2-layer Llama with random weights and SmolLM2's real tokenizer and chat template."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    folder = tmp_path_factory.mktemp("tiny-llama")
    tokenizer = load_tokenizer(resolve_model("smollm2"))
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        num_key_value_heads=1, intermediate_size=64, max_position_embeddings=2048,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id, tie_word_embeddings=True,
    )  # fmt: skip
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return check_model_folder(folder)
