"""The baseline's regularisation C, chosen by cross-validation on training reports only.

For each demo corpus with a document label this generates the 300 training reports a demo project
holds, and scores the baseline pipeline (``medlabel.ml.recipes.baseline.build_pipeline``) with each C
by stratified 5-fold cross-validated macro-F1, repeated over three fold seeds. No test report is read.

    .venv/bin/python tests/bench/baseline_c.py
"""

from __future__ import annotations

import argparse
import importlib
import statistics

from defaults_check import TASKS

from medlabel.ml.recipes.baseline import build_pipeline, one_thread


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--grid", type=float, nargs="+", default=[1, 3, 10, 30, 100, 300])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--seeds", type=int, nargs="+", default=[13, 7, 21])
    args = parser.parse_args()
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    for corpus, label_set in TASKS.items():
        batch = importlib.import_module(f"medlabel.core.demo.{corpus}").generate(args.reports, seed=1)
        texts = [d.text for d in batch.documents]
        gold = [d.labels[label_set] for d in batch.documents]
        print(f"{corpus}: {len(texts)} training reports, {len(set(gold))} labels")
        for c in args.grid:
            means = []
            for seed in args.seeds:
                pipe = build_pipeline(int(len(texts) * 0.8), len(set(gold)), True, seed)
                pipe.set_params(logreg__C=c)
                folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
                with one_thread():
                    means.append(cross_val_score(pipe, texts, gold, cv=folds, scoring="f1_macro").mean())
            print(f"  C={c:<6g} CV macro-F1 {statistics.mean(means):.3f} (fold seeds {args.seeds})")


if __name__ == "__main__":
    main()
