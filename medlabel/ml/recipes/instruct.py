"""The instruct recipe (Losch et al. 2025): a causal LM reads a chat prompt and answers in JSON.

Training is LoRA supervised fine-tuning with the loss on the answer tokens only (the prompt's labels are
-100); ``zero_shot`` trains nothing and predicts with the base model and the same prompt.

Choices, and why:

- Context: ``max(config.max_length, CONTEXT)`` tokens, CONTEXT = 2048, capped by the model's position
  limit. An encoder-sized window cannot hold the instruction and definitions (350–650 tokens with
  SmolLM2's tokenizer) plus a report; 2048 keeps every demo report whole (smoking prompts ≤ ~1,050
  tokens, cardiac MRI ≤ ~1,550 plus a ~150-token answer). Longer reports keep head and tail
  (``hf_data.HEAD_SHARE``; ``long_text="head"``: the head only).
- Memory: a micro-batch holds at most ``TOKENS_PER_STEP`` tokens (4,096 on the CPU); gradient
  accumulation keeps the configured effective batch. Batches are left-padded so that all answers end
  in the last columns and the model computes logits only for them (``logits_to_keep``): with a
  49k–128k vocabulary, full-length logits would otherwise take most of the memory.
- LoRA on every linear layer but the output head (``hf_data.lora_targets``): attention and MLP.
- Generation is greedy and stops at the end of turn or at the first ``}`` (answers are flat objects).
  Confidence: exp(mean log-probability) of the generated answer tokens.
"""

from __future__ import annotations

import dataclasses
import json
import math
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import check_cancel
from medlabel.ml.device import plan_device
from medlabel.ml.distributed import is_main
from medlabel.ml.models import load_tokenizer
from medlabel.ml.recipes import RunContext
from medlabel.ml.recipes.adapters import load_adapter
from medlabel.ml.recipes.hf_data import (
    HEAD_SHARE,
    TRAIN_ATTENTION_DROPOUT,
    FeatureDataset,
    add_lora,
    load_base,
    parameter_counts,
)
from medlabel.ml.recipes.prompts import (
    PROMPT_VERSION,
    answer_prefix,
    end_of_turn,
    fit_report,
    gold_answer,
    parse_answer,
    render_prompt,
)
from medlabel.ml.settings import InstructSettings
from medlabel.ml.tasks import (
    DocExample,
    DocPrediction,
    DocTask,
    SpanExample,
    SpanPrediction,
    SpanTask,
    labelled,
)

CONTEXT = 2048
TOKENS_PER_STEP = {"cpu": 4096, "mps": 8192, "cuda": 16384}
TASK_FILE, SETTINGS_FILE, ADAPTER_DIR = "task.json", "instruct.json", "adapter"


def context_length(config: InstructSettings, model_limit: int | None = None) -> int:
    """Tokens for prompt plus answer (see the module's notes)."""
    wanted = max(config.max_length, CONTEXT)
    return min(wanted, model_limit) if model_limit else wanted


def save_task(task: DocTask | SpanTask, out_dir: Path) -> None:
    if not is_main():
        return
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    (Path(out_dir) / TASK_FILE).write_text(
        json.dumps(dataclasses.asdict(task), ensure_ascii=False, indent=1), encoding="utf-8"
    )


def load_task(out_dir: Path) -> DocTask | SpanTask:
    values = json.loads((Path(out_dir) / TASK_FILE).read_text(encoding="utf-8"))
    return DocTask(**values) if values.get("kind") == "document" else SpanTask(**values)


def encode_example(
    tokenizer: Any,
    task: DocTask | SpanTask,
    text: str,
    answer: str,
    context: int,
    eot: str,
    long_text: str = "head_tail",
) -> dict[str, Any]:
    """Token ids of prompt + answer + end-of-turn, with labels -100 on the prompt: the model is taught
    to answer, not to reproduce reports. The prompt is tokenised exactly as at prediction time."""
    prefix = answer_prefix(task)
    if not answer.startswith(prefix):
        raise MedlabelError(f"the answer {answer!r} does not start with {prefix!r}")
    # The prompt already holds the answer's opening; the model learns (and later writes) the rest.
    answer_ids = tokenizer(answer[len(prefix) :] + eot, add_special_tokens=False)["input_ids"]
    report, truncated = fit_report(tokenizer, task, text, context, len(answer_ids), long_text, HEAD_SHARE)
    # The template writes BOS etc. itself, so no special tokens are added twice.
    prompt_ids = tokenizer(render_prompt(tokenizer, task, report), add_special_tokens=False)["input_ids"]
    return {
        "input_ids": prompt_ids + answer_ids,
        "labels": [-100] * len(prompt_ids) + answer_ids,
        "truncated": truncated,
    }


def collate(features: Sequence[dict[str, Any]], pad_id: int) -> dict[str, Any]:
    """Left-pad to the longest example (labels with -100). Position ids start at each example's first
    real token, and ``logits_to_keep`` covers the answer columns plus the one predicting their first."""
    import torch

    width = max(len(f["input_ids"]) for f in features)
    ids, labels, mask, positions = [], [], [], []
    for f in features:
        n, pad = len(f["input_ids"]), width - len(f["input_ids"])
        ids.append([pad_id] * pad + list(f["input_ids"]))
        labels.append([-100] * pad + list(f["labels"]))
        mask.append([0] * pad + [1] * n)
        positions.append([0] * pad + list(range(n)))
    answer = max(sum(1 for x in f["labels"] if x != -100) for f in features)
    return {
        "input_ids": torch.tensor(ids),
        "attention_mask": torch.tensor(mask),
        "position_ids": torch.tensor(positions),
        "labels": torch.tensor(labels),
        "logits_to_keep": min(width, answer + 1),
    }


def answer_loss(outputs: Any, labels: Any, num_items_in_batch: Any = None) -> Any:
    """Cross-entropy over the answer tokens; works with logits for the last k positions or all of them.
    Summed and divided by the answer tokens of the whole accumulated batch when the Trainer gives it."""
    import torch.nn.functional as F

    logits = outputs.logits
    keep = logits.shape[1]
    target = labels[:, labels.shape[1] - keep + 1 :].to(logits.device)
    loss = F.cross_entropy(
        logits[:, :-1].float().reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=-100,
        reduction="sum",
    )  # fmt: skip
    count = num_items_in_batch if num_items_in_batch is not None else target.ne(-100).sum().clamp(min=1)
    return loss / count


def train(
    task: DocTask | SpanTask,
    train: Sequence[DocExample | SpanExample],
    val: Sequence[DocExample | SpanExample],
    ctx: RunContext[InstructSettings],
) -> dict[str, Any]:
    """LoRA SFT on ``train``, early-stopped on the answer loss on ``val``; saves the adapter, the task
    and the prompt settings under ``out_dir``. With ``config.zero_shot`` only the settings are saved."""
    config, source, out_dir = ctx.settings, ctx.source, Path(ctx.out_dir)
    reporter, cancel = ctx.reporter, ctx.cancel
    check_cancel(cancel)
    started = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = plan_device(config, is_decoder=True)
    tokenizer = load_tokenizer(source)
    eot = end_of_turn(tokenizer, task)  # also checks that the model has a chat template at all
    settings: dict[str, Any] = {
        "prompt_version": PROMPT_VERSION, "zero_shot": config.zero_shot, "end_of_turn": eot,
        "base_model": source.name, "model_type": source.model_type, "long_text": config.long_text,
        "context_length": context_length(config),
    }  # fmt: skip
    facts: dict[str, Any] = {
        "epochs_run": 0, "best_val_loss": None, "train_seconds": 0.0, "train_examples": 0,
        "truncated_reports": 0, "trainable_params": 0, "device": plan.description,
        "zero_shot": config.zero_shot, "context_length": settings["context_length"],
    }  # fmt: skip
    save_task(task, out_dir)
    if config.zero_shot:
        (out_dir / SETTINGS_FILE).write_text(json.dumps(settings, indent=1), encoding="utf-8")
        reporter.log("zero-shot: nothing to train; predictions use the base model with the same prompt")
        return facts
    train, val = labelled(task, train), labelled(task, val)
    if not train:
        raise MedlabelError(
            "there are no labelled training reports to learn from", code="train.no_training_reports"
        )

    from transformers import AutoModelForCausalLM, set_seed

    from medlabel.ml.trainer_setup import fit

    set_seed(config.seed)
    reporter.log(f"loading {source.name} on {plan.description}")
    model = load_base(AutoModelForCausalLM, source, plan, TRAIN_ATTENTION_DROPOUT)
    context = context_length(config, getattr(model.config, "max_position_embeddings", None))
    settings["context_length"] = facts["context_length"] = context

    def encode(example: DocExample | SpanExample) -> dict[str, Any]:
        answer = gold_answer(task, example)
        return encode_example(tokenizer, task, example.text, answer, context, eot, config.long_text)

    features = [[encode(e) for e in train], [encode(e) for e in val]]
    truncated = sum(f["truncated"] for part in features for f in part)
    reporter.log(
        f"{len(train)} training and {len(val)} validation reports; {truncated} longer than {context} tokens "
        f"(prompt and answer included) keep their head and tail"
    )
    check_cancel(cancel)
    if plan.gradient_checkpointing and not plan.qlora:
        model.enable_input_require_grads()  # frozen embeddings: checkpointed blocks still need a grad path
    model = add_lora(model, config, "CAUSAL_LM", plan)
    trainable, total = parameter_counts(model)

    micro = max(1, min(config.batch_size, TOKENS_PER_STEP.get(plan.device, 4096) // context))
    steps = dataclasses.replace(
        config, batch_size=micro, eval_batch_size=micro,
        gradient_accumulation=config.gradient_accumulation * math.ceil(config.batch_size / micro),
    )  # fmt: skip
    state = fit(
        model, steps, out_dir, plan, FeatureDataset(features[0]),
        FeatureDataset(features[1]) if val else None,
        reporter, cancel, metric="eval_loss", greater_is_better=False, adapter_dir=ADAPTER_DIR,
        data_collator=lambda batch: collate(batch, tokenizer.pad_token_id), compute_loss_func=answer_loss,
    )  # fmt: skip
    if is_main():
        (out_dir / SETTINGS_FILE).write_text(json.dumps(settings, indent=1), encoding="utf-8")
    facts.update(
        epochs_run=round(float(state.epoch or 0), 3), best_val_loss=state.best_metric,
        train_seconds=round(time.monotonic() - started, 2), train_examples=len(train),
        truncated_reports=truncated, trainable_params=trainable, total_params=total,
        micro_batch=micro, gradient_accumulation=steps.gradient_accumulation,
    )  # fmt: skip
    return facts


def predict(texts: Sequence[str], ctx: RunContext[InstructSettings]) -> list[DocPrediction | SpanPrediction]:
    """Greedy answers for ``texts``, parsed and checked against the saved task; one prediction per text.
    An answer that is no valid JSON for the schema becomes a prediction with ``valid=False``."""
    config, source, out_dir = ctx.settings, ctx.source, Path(ctx.out_dir)
    reporter, cancel = ctx.reporter, ctx.cancel
    from transformers import AutoModelForCausalLM

    check_cancel(cancel)
    task = load_task(out_dir)
    settings = json.loads((out_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    adapter = out_dir / ADAPTER_DIR
    use_adapter = adapter.is_dir() and not (config.zero_shot or settings.get("zero_shot"))
    if use_adapter and settings.get("model_type") not in (None, source.model_type):
        raise MedlabelError(
            f"this adapter was trained on {settings['base_model']} ({settings['model_type']}), not on "
            f"{source.name} ({source.model_type}); predict with the model it was trained on"
        )
    # A QLoRA-trained adapter needs no 4-bit base to predict: bf16 on a GPU is simpler and exact.
    plan = plan_device(dataclasses.replace(config, qlora=False), is_decoder=True)
    tokenizer = load_tokenizer(source)
    tokenizer.padding_side = "left"  # generation continues each row right after its prompt
    model = load_base(AutoModelForCausalLM, source, plan)
    if use_adapter:
        model = load_adapter(model, adapter).merge_and_unload()
    model.to(plan.device).eval()
    limit = getattr(model.config, "max_position_embeddings", None)
    context = min(settings.get("context_length") or context_length(config), limit or 1 << 30)
    eot = settings.get("end_of_turn") or end_of_turn(tokenizer, task)
    eot_ids = tokenizer(eot, add_special_tokens=False)["input_ids"] if eot else []
    # A one-token end of turn (<|im_end|>, <|eot_id|>) stops generation; EOS always does.
    stop = sorted({*(eot_ids if len(eot_ids) == 1 else []), tokenizer.eos_token_id} - {None})

    long_text = settings.get("long_text", config.long_text)
    prompts = []
    for text in texts:
        report, _ = fit_report(tokenizer, task, text, context, config.max_new_tokens, long_text, HEAD_SHARE)
        prompts.append(render_prompt(tokenizer, task, report))
    lengths = [len(tokenizer(p, add_special_tokens=False)["input_ids"]) for p in prompts]
    order = sorted(range(len(prompts)), key=lambda i: -lengths[i])  # similar lengths share a batch
    budget = 2 * TOKENS_PER_STEP.get(plan.device, 4096)  # no gradients: twice the training budget
    answers: dict[int, tuple[str, float]] = {}
    started, done = time.monotonic(), 0
    reporter.progress(0, len(prompts), "predicting", None)
    while done < len(order):
        check_cancel(cancel)
        size = max(1, min(config.eval_batch_size, budget // (lengths[order[done]] + config.max_new_tokens)))
        batch = order[done : done + size]
        results = _generate(model, tokenizer, [prompts[i] for i in batch], stop, config)
        answers.update(zip(batch, results, strict=True))
        done += len(batch)
        elapsed = time.monotonic() - started
        reporter.progress(done, len(prompts), "predicting", elapsed / done * (len(prompts) - done))

    predictions: list[DocPrediction | SpanPrediction] = []
    for i, text in enumerate(texts):
        generated, confidence = answers[i]
        raw = answer_prefix(task) + generated  # the prompt ended with the answer's opening
        parsed = parse_answer(task, raw, text)
        if isinstance(task, DocTask):
            predictions.append(DocPrediction(parsed.label, confidence, raw=raw, valid=parsed.valid))
        else:
            predictions.append(SpanPrediction(parsed.spans, confidence, raw=raw, valid=parsed.valid))
    return predictions


def _generate(
    model: Any, tokenizer: Any, prompts: list[str], stop: list[int], config: InstructSettings
) -> list[tuple[str, float]]:
    """(answer text, answer likelihood) per prompt, by greedy decoding."""
    import torch
    from transformers import GenerationConfig

    enc = tokenizer(prompts, add_special_tokens=False, padding=True, return_tensors="pt").to(model.device)
    # Answers are flat JSON objects, so the first "}" ends one: a zero-shot model that goes on chatting
    # after its answer costs no extra tokens.
    generation = GenerationConfig(
        do_sample=False, max_new_tokens=config.max_new_tokens, eos_token_id=stop, stop_strings=["}"],
        pad_token_id=tokenizer.pad_token_id, output_scores=True, return_dict_in_generate=True,
    )  # fmt: skip
    with torch.inference_mode():
        out = model.generate(**enc, generation_config=generation, tokenizer=tokenizer)
        logp = model.compute_transition_scores(out.sequences, out.scores, normalize_logits=True)
    new = out.sequences[:, enc["input_ids"].shape[1] :]
    # Rows that ended early are filled with padding, which may be no stop token of its own.
    ends = torch.tensor([*stop, tokenizer.pad_token_id], device=new.device)
    is_stop = torch.isin(new, ends).long()
    keep = (is_stop.cumsum(1) - is_stop) == 0  # every token up to and including the first stop token
    logp = torch.nan_to_num(logp.float(), neginf=-100.0) * keep
    mean = logp.sum(1) / keep.sum(1).clamp(min=1)
    results = []
    for row, kept, m in zip(new, keep, mean.tolist(), strict=True):
        text = tokenizer.decode(row[kept], skip_special_tokens=True).strip()
        results.append((text, math.exp(m)))
    return results
