"""An experiment, not a recipe: the smoking classifier reading 128-token windows with attention.

    OMP_NUM_THREADS=1 .venv/bin/python tests/bench/window_attention.py --seed 13   # ~55 min on one thread

``tests/bench/smoking_evidence.py`` showed that MiniLM classifies the smoking demo far better when it is
handed only the sentences on smoking. This script asks whether a model can find them by itself: each
report is cut into overlapping windows of 128 tokens (the length all-MiniLM-L6-v2 was trained on);
MiniLM with LoRA (as the classifier recipe: rank 16, all linear layers) takes the mean of each window's
token vectors; a gated attention (Ilse et al. 2018, started at zero, so at first the plain mean)
weighs the windows of one report, and the head reads their weighted sum. The loss is per report, so a
window without evidence is never trained towards the report's label, unlike the chunks mode earlier
versions trained with (windows cut by ``classifier.encode_windows``, which still reads such runs).

Same data, split, class weights, optimiser, schedule and early stopping as ``ml_quality.py smoking
--test 300`` with the classifier's defaults; a plain training loop with shuffled batches instead of
the Trainer's length-grouped ones. Prints validation and test macro-F1 after every epoch (the test
figure is for reading the curve only; the kept epoch is chosen on validation), then the kept epoch's
test macro-F1 with a bootstrap 95 % CI, per-class F1 and the confusion matrix.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import confusion_matrix, f1_score

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from medlabel.core.demo.project import create_demo_project
from medlabel.ml.data import load_task, split_validation, stratified_order
from medlabel.ml.device import plan_device
from medlabel.ml.models import load_tokenizer, resolve_model
from medlabel.ml.recipes.classifier import encode_windows
from medlabel.ml.recipes.hf_data import TRAIN_ATTENTION_DROPOUT, load_base
from medlabel.ml.settings import ClassifierSettings
from medlabel.ml.trainer_setup import class_weights


class WindowAttention(torch.nn.Module):
    """Gated attention over the windows of each report, then a linear head."""

    def __init__(self, hidden: int, n_labels: int) -> None:
        super().__init__()
        self.V = torch.nn.Linear(hidden, 128)
        self.U = torch.nn.Linear(hidden, 128)
        self.w = torch.nn.Linear(128, 1)
        torch.nn.init.zeros_(self.w.weight)
        torch.nn.init.zeros_(self.w.bias)
        self.drop = torch.nn.Dropout(0.1)
        self.out = torch.nn.Linear(hidden, n_labels)

    def forward(self, h: torch.Tensor, owner: torch.Tensor, n: int) -> torch.Tensor:
        score = self.w(torch.tanh(self.V(h)) * torch.sigmoid(self.U(h))).squeeze(-1)
        # A softmax over the windows of each report.
        top = torch.full((n,), -1e9).scatter_reduce(0, owner, score, "amax")
        e = torch.exp(score - top[owner])
        weight = e / torch.zeros(n).index_add(0, owner, e)[owner]
        pooled = torch.zeros(n, h.shape[1]).index_add(0, owner, weight.unsqueeze(-1) * h)
        return self.out(self.drop(pooled))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--window", type=int, default=128, help="tokens per window, special tokens included")
    p.add_argument("--stride", type=int, default=32, help="tokens two neighbouring windows share")
    p.add_argument("--epochs", type=int, default=15)
    p.add_argument("--patience", type=int, default=5)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--test", type=int, default=300)
    args = p.parse_args()
    print(vars(args), flush=True)

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    project = create_demo_project(Path(tempfile.mkdtemp()) / "p", "smoking", documents=500 + args.test,
                                  labelled=300 + args.test, test=args.test)  # fmt: skip
    data = load_task(project, "smoking_status")
    labels = list(data.task.labels)
    index = {label: i for i, label in enumerate(labels)}
    fit, val = split_validation(stratified_order(data.train, args.seed), 0.15, args.seed)
    test = data.test
    print(len(fit), len(val), len(test), flush=True)

    source = resolve_model("minilm")
    tok = load_tokenizer(source)

    def cut(examples: list) -> list[list[list[int]]]:
        return [encode_windows(tok, e.text, args.window, "chunks", args.stride)[0] for e in examples]

    fit_w, val_w, test_w = cut(fit), cut(val), cut(test)
    counts = [len(w) for w in fit_w]
    print("windows per report: mean", np.mean(counts), "max", max(counts), flush=True)

    from peft import LoraConfig, get_peft_model
    from transformers import AutoModel, get_linear_schedule_with_warmup

    base = load_base(AutoModel, source, plan_device(ClassifierSettings(), False), TRAIN_ATTENTION_DROPOUT)
    base.pooler = None
    encoder = get_peft_model(
        base, LoraConfig(r=16, lora_alpha=32, lora_dropout=0.1, target_modules="all-linear")
    )
    head = WindowAttention(base.config.hidden_size, len(labels))

    def forward(reports: list[list[list[int]]]) -> torch.Tensor:
        seqs, owner = [], []
        for i, ws in enumerate(reports):
            seqs += ws
            owner += [i] * len(ws)
        padded = tok.pad(
            [{"input_ids": s, "attention_mask": [1] * len(s)} for s in seqs], return_tensors="pt"
        )
        hidden = encoder(
            input_ids=padded["input_ids"], attention_mask=padded["attention_mask"]
        ).last_hidden_state
        mask = padded["attention_mask"].unsqueeze(-1).float()
        return head((hidden * mask).sum(1) / mask.sum(1).clamp(min=1), torch.tensor(owner), len(reports))

    def predict(reports: list[list[list[int]]]) -> np.ndarray:
        encoder.eval()
        head.eval()
        found = {}
        with torch.no_grad():
            order = sorted(range(len(reports)), key=lambda i: -len(reports[i]))
            for k in range(0, len(order), 8):
                batch = order[k : k + 8]
                found.update(zip(batch, forward([reports[i] for i in batch]).softmax(-1), strict=True))
        encoder.train()
        head.train()
        return torch.stack([found[i] for i in range(len(reports))]).argmax(-1).numpy()

    y_fit = [index[e.label] for e in fit]
    y_val = [index[e.label] for e in val]
    y_test = [index[e.label] for e in test]
    weights = torch.tensor(class_weights(y_fit, len(labels)))
    params = [p for p in encoder.parameters() if p.requires_grad] + list(head.parameters())
    optimiser = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    batch_size = 8
    steps = (len(fit) + batch_size - 1) // batch_size
    schedule = get_linear_schedule_with_warmup(
        optimiser, int(0.06 * steps * args.epochs), steps * args.epochs
    )
    best, best_state, bad, best_epoch = -1.0, None, 0, 0
    rng = random.Random(args.seed)
    for epoch in range(1, args.epochs + 1):
        started = time.time()
        order = list(range(len(fit)))
        rng.shuffle(order)
        losses = []
        for k in range(0, len(order), batch_size):
            batch = order[k : k + batch_size]
            logits = forward([fit_w[i] for i in batch])
            loss = torch.nn.functional.cross_entropy(
                logits, torch.tensor([y_fit[i] for i in batch]), weight=weights
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            losses.append(loss.item())
        val_f1 = f1_score(y_val, predict(val_w), average="macro")
        test_f1 = f1_score(y_test, predict(test_w), average="macro")
        print(f"epoch {epoch}: loss {np.mean(losses):.3f} val {val_f1:.3f} test {test_f1:.3f} "
              f"({time.time() - started:.0f} s)", flush=True)  # fmt: skip
        if val_f1 > best:
            best, bad, best_epoch = val_f1, 0, epoch
            best_state = (
                {k: v.clone() for k, v in encoder.state_dict().items() if "lora" in k},
                {k: v.clone() for k, v in head.state_dict().items()},
            )
        else:
            bad += 1
            if bad >= args.patience:
                break
    assert best_state is not None
    encoder.load_state_dict(best_state[0], strict=False)
    head.load_state_dict(best_state[1])
    predicted = predict(test_w)
    f1 = f1_score(y_test, predicted, average="macro")
    gold, rng_boot = np.array(y_test), np.random.default_rng(0)
    boot = []
    for _ in range(1000):
        s = rng_boot.integers(0, len(gold), len(gold))
        boot.append(f1_score(gold[s], predicted[s], average="macro"))
    print(f"KEPT epoch {best_epoch} (val {best:.3f}): test macro-F1 {f1:.3f} "
          f"(95% CI {np.percentile(boot, 2.5):.3f}-{np.percentile(boot, 97.5):.3f})")  # fmt: skip
    print(
        "per class F1", dict(zip(labels, np.round(f1_score(y_test, predicted, average=None), 3), strict=True))
    )
    print(confusion_matrix(y_test, predicted))


if __name__ == "__main__":
    main()
