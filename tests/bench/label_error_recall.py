"""Does the label-error check find labels a clinician got wrong? Recall and precision on flipped gold labels.

    nice -n 19 .venv/bin/python tests/bench/label_error_recall.py    # smoking + dyspnea, seeds 0-4
    nice -n 19 .venv/bin/python tests/bench/label_error_recall.py --corpora smoking --seeds 0 1

For each demo corpus (the demo's full labelled size: 600 documents, 400 labelled, 100 of them test, so
300 training reports) and each seed, 5 % of the training reports get their gold label changed at
random to a different label of the task; ``medlabel.ml.label_errors.find_label_issues`` (5-fold
TF-IDF + logistic regression, cleanlab self-confidence) then ranks all training reports. It prints

- recall@10 %: share of the flipped reports among the top 10 % of the list (a random order finds 10 %);
- precision@10 %: share of the top 10 % that was flipped (at most flipped / top = 0.5 here);
- what cleanlab flags: how many, and their recall and precision;

per seed, then mean and minimum over the seeds. The demo's own gold labels are taken as right.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from medlabel.core.annotations import set_label
from medlabel.core.demo.project import create_demo_project
from medlabel.ml.data import load_task
from medlabel.ml.label_errors import find_label_issues

TASKS = {"smoking": "smoking_status", "dyspnea": "principal_diagnosis"}
ANNOTATOR = "bench-flip"


def run_seed(project, task: str, seed: int, flip_fraction: float, top_fraction: float) -> dict[str, float]:
    """Flip, rank, score, and put the gold labels back."""
    data = load_task(project, task, freeze_split=False)
    train = sorted((e for e in data.train if e.label is not None), key=lambda e: e.doc_id)
    rng = random.Random(seed)
    flipped = rng.sample(train, round(flip_fraction * len(train)))
    for e in flipped:
        set_label(
            project,
            e.doc_id,
            task,
            rng.choice([lab for lab in data.task.labels if lab != e.label]),
            ANNOTATOR,
        )
    try:
        started = time.perf_counter()
        report = find_label_issues(project, task, folds=5, seed=seed)
        seconds = time.perf_counter() - started
    finally:
        for e in flipped:
            set_label(project, e.doc_id, task, e.label, ANNOTATOR)
    wrong = {e.doc_id for e in flipped}
    top = {issue.doc_id for issue in report.issues[: math.ceil(top_fraction * len(report.issues))]}
    flagged = {issue.doc_id for issue in report.issues if issue.flagged}
    return {
        "train": len(train),
        "flipped": len(wrong),
        "top": len(top),
        "recall": len(top & wrong) / len(wrong),
        "precision": len(top & wrong) / len(top),
        "flagged": len(flagged),
        "flag_recall": len(flagged & wrong) / len(wrong),
        "flag_precision": len(flagged & wrong) / len(flagged) if flagged else float("nan"),
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", nargs="+", default=list(TASKS), choices=list(TASKS))
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2, 3, 4])
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--labelled", type=int, default=400)
    parser.add_argument("--test", type=int, default=100)
    parser.add_argument("--flip", type=float, default=0.05, help="share of training reports flipped")
    parser.add_argument("--top", type=float, default=0.10, help="share of the list that is checked")
    args = parser.parse_args()
    print("command: nice -n 19 .venv/bin/python tests/bench/label_error_recall.py " + " ".join(sys.argv[1:]))
    header = f"{'corpus':<8} {'seed':>4} {'train':>5} {'flip':>4} {'top':>4} {'rec@top':>7} {'prec@top':>8} "
    header += f"{'flagged':>7} {'flag_rec':>8} {'flag_prec':>9} {'s':>5}"
    print(header)
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in args.corpora:
            project = create_demo_project(
                Path(tmp) / corpus, corpus, documents=args.documents, labelled=args.labelled, test=args.test
            )
            try:
                rows = [run_seed(project, TASKS[corpus], s, args.flip, args.top) for s in args.seeds]
            finally:
                project.close()
            for seed, r in zip(args.seeds, rows, strict=True):
                print(
                    f"{corpus:<8} {seed:>4} {r['train']:>5} {r['flipped']:>4} {r['top']:>4} "
                    f"{r['recall']:>7.2f} {r['precision']:>8.2f} {r['flagged']:>7} {r['flag_recall']:>8.2f} "
                    f"{r['flag_precision']:>9.2f} {r['seconds']:>5.1f}"
                )
            summary.append((corpus, rows))
    print(f"\nsummary over seeds {args.seeds} (top = first {args.top:.0%} of the ranked list)")
    print(f"{'corpus':<8} {'recall mean':>11} {'recall min':>10} {'prec mean':>9} {'prec min':>8}")
    for corpus, rows in summary:
        recall, precision = [r["recall"] for r in rows], [r["precision"] for r in rows]
        print(
            f"{corpus:<8} {sum(recall) / len(rows):>11.2f} {min(recall):>10.2f} "
            f"{sum(precision) / len(rows):>9.2f} {min(precision):>8.2f}"
        )


if __name__ == "__main__":
    main()
