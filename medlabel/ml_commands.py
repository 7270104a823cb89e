"""The training-related commands of the ``medlabel`` CLI: train, predict, predictions, evaluate, report,
curve, runs.

They parse flags and print; the work is done by ``medlabel.ml`` functions, the same the GUI calls.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medlabel.core.jobs import TextReporter


@contextlib.contextmanager
def _cancel_routes(args: argparse.Namespace) -> Iterator[threading.Event]:
    """The cancel flag of a run, set by SIGTERM/SIGINT, by a line (or end of input) on stdin when
    ``--cancel-on-stdin`` is given, or by the file ``--cancel-file`` appearing. The run stops within one
    step and is recorded as cancelled; a parent that gets no exit in time may still kill it hard."""
    cancel = threading.Event()
    previous = {}

    def handler(signum: int, _frame: Any) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt  # a second signal: stop now
        cancel.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        previous[sig] = signal.signal(sig, handler)
    stop = threading.Event()
    if getattr(args, "cancel_on_stdin", False):
        # Any line, or the end of input (the parent died or closed the pipe), cancels: a parent that
        # goes away never leaves a run training on for nobody.
        threading.Thread(target=lambda: (sys.stdin.readline(), cancel.set()), daemon=True).start()
    if getattr(args, "cancel_file", None):
        path = Path(args.cancel_file)

        def watch() -> None:
            while not stop.wait(0.5):
                if path.exists():
                    cancel.set()
                    return

        threading.Thread(target=watch, daemon=True).start()
    try:
        yield cancel
    finally:
        stop.set()
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def _reporter(args: argparse.Namespace) -> Iterator[Any]:
    """Progress for a person on stderr, and the event stream on its own channel when asked for."""
    from medlabel.core.events import EventWriter, Fanout

    stream = None
    if getattr(args, "events_file", None):
        stream = open(args.events_file, "a", encoding="utf-8")  # noqa: SIM115 - closed below
    elif getattr(args, "events_fd", None) is not None:
        stream = os.fdopen(args.events_fd, "w", encoding="utf-8", closefd=True)
    try:
        yield Fanout([TextReporter(sys.stderr), *([EventWriter(stream)] if stream else [])])
    finally:
        if stream is not None:
            stream.close()


def _open(project: str, write: bool = True) -> Any:
    from medlabel.core.project import open_project
    from medlabel.core.run_results import close_interrupted_runs
    from medlabel.ml import distributed

    # Under torchrun only the first process writes; the others read the same project.
    opened = open_project(project, read_only=not write or not distributed.is_main())
    close_interrupted_runs(opened)
    return opened


def cmd_train(args: argparse.Namespace) -> int:
    from medlabel.core.jobs import Cancelled
    from medlabel.core.runs import get_run
    from medlabel.ml import distributed
    from medlabel.ml.evaluate import format_evaluation
    from medlabel.ml.settings_flags import given_settings
    from medlabel.ml.train import run_training

    with _reporter(args) as reporter, _cancel_routes(args) as cancel:
        if args.attached is not None:
            from medlabel.ml.attached import run_attached

            result = run_attached(Path(args.project), args.attached, reporter, cancel)
            return {"completed": 0, "cancelled": 130}.get(result.status, 1)
        with _open(args.project) as project:
            try:
                run_id = run_training(project, given_settings(args), reporter, cancel)
            except Cancelled:
                print("Training was cancelled; the run is recorded as cancelled.", file=sys.stderr)
                return 130
            if not distributed.is_main():
                return 0
            run = get_run(project, run_id)
            from medlabel.ml.evaluate import evaluate_run

            print(format_evaluation(evaluate_run(project, run_id)))
            print(
                f"\nRun {run_id} completed in {run.timings.get('total_s', 0):.0f} s; "
                f"its model is in {run.artefact_dir}/"
            )
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    from medlabel.core.documents import document_ids
    from medlabel.core.prediction_table import prediction_table, table_format, write_prediction_table
    from medlabel.core.runs import get_run
    from medlabel.ml.data import load_task
    from medlabel.ml.predict import run_prediction

    if args.out:
        table_format(Path(args.out))  # a wrong suffix is refused before minutes of predicting, not after
    with _open(args.project) as project, _reporter(args) as reporter, _cancel_routes(args) as cancel:
        run = get_run(project, args.run)
        data = load_task(project, run.task, freeze_split=False)
        if args.docs == "test":
            ids = [ex.doc_id for ex in data.test]
        elif args.docs == "unlabelled":
            ids = [ex.doc_id for ex in data.unlabelled]
        else:
            ids = document_ids(project)
        stored = run_prediction(project, args.run, ids, reporter, cancel, allow_pickle=args.allow_pickle)
        if args.out:
            table = prediction_table(project, args.run, document_ids=[p.document_id for p in stored])
            write_prediction_table(table, Path(args.out))
    print(
        f"Stored {len(stored)} prediction(s) of run {args.run}" + (f"; wrote {args.out}" if args.out else "")
    )
    return 0


def cmd_predictions(args: argparse.Namespace) -> int:
    from medlabel.core.prediction_table import prediction_table, table_format, write_prediction_table

    table_format(Path(args.out))
    with _open(args.project, write=False) as project:
        table = prediction_table(project, args.run, include_gold=not args.no_gold)
    path = write_prediction_table(table, Path(args.out))
    print(f"Wrote {len(table)} prediction(s) of run {args.run} to {path}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from medlabel.ml.evaluate import evaluate_run, format_evaluation

    with _open(args.project, write=False) as project:
        result = evaluate_run(project, args.run)
    if args.plot:
        from medlabel.ml.evaluate import plot_run_calibration

        plot_run_calibration(result, args.plot)
        print(
            f"Reliability diagram written to {args.plot}", file=sys.stderr if args.json == "-" else sys.stdout
        )
    if args.json:
        text = json.dumps(result, indent=2, ensure_ascii=False)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
            print(f"Wrote {args.json}")
    else:
        print(format_evaluation(result))
    return 0


def cmd_curve(args: argparse.Namespace) -> int:
    from medlabel.ml.curve import format_curve, plot_curve, run_curve
    from medlabel.ml.settings_flags import given_settings

    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
    with _open(args.project) as project, _reporter(args) as reporter, _cancel_routes(args) as cancel:
        curve = run_curve(project, given_settings(args), reporter, cancel, sizes)
    print(format_curve(curve))
    if args.plot:
        plot_curve(curve, Path(args.plot))
        print(f"Plot written to {args.plot}")
    if args.json:
        Path(args.json).write_text(json.dumps(curve, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from medlabel.core.errors import MedlabelError
    from medlabel.ml.curve import curve_from_runs, curve_groups
    from medlabel.ml.eval_report import write_report

    with _open(args.project, write=False) as project:
        curve = None
        if args.curve_group:
            try:
                curve = curve_from_runs(project, args.curve_group)
            except MedlabelError as exc:
                if exc.code != "curve.not_found":
                    raise
                groups = [name for name, _ in curve_groups(project)]
                raise MedlabelError(
                    f"{exc}; this project's learning curves are: {', '.join(groups) or 'none'}",
                    code=exc.code, **{**exc.params, "groups": groups},
                ) from None  # fmt: skip
        path = write_report(
            project, args.run, Path(args.out), compare_with=args.compare, curve=curve,
            include_examples=args.include_examples,
        )  # fmt: skip
    print(f"Wrote the evaluation report of run {args.run} to {path}")
    if args.include_examples:
        print("It contains patient text (examples of wrong predictions): handle it like the reports.")
    return 0


def cmd_runs(args: argparse.Namespace) -> int:
    from medlabel.core.runs import list_runs

    with _open(args.project, write=False) as project:
        runs = list_runs(project, task=args.task)
    if not runs:
        print("No runs yet. Start one with: medlabel train PROJECT --task NAME")
        return 0
    headlines = [_headline_text(run.metrics) for run in runs]
    width = max(len("headline (95% CI)"), *map(len, headlines))
    print(
        f"{'run':>4}  {'task':<16} {'recipe':<10} {'model':<12} {'status':<10} {'n':>5}  "
        f"{'headline (95% CI)':<{width}}  started"
    )
    for run, headline in zip(runs, headlines, strict=True):
        print(
            f"{run.id:>4}  {run.task[:16]:<16} {run.recipe:<10} {(run.model_name or '-')[:12]:<12} "
            f"{run.status:<10} {run.train_size or 0:>5}  {headline:<{width}}  "
            f"{run.started_at[:19]}"
        )
    for run in runs:
        for warning in (run.info or {}).get("warnings", []):
            print(f"Run {run.id}: {warning}.")
    return 0


def _headline_text(metrics: dict[str, Any]) -> str:
    if not metrics:
        return "-"
    if "macro_f1" in metrics:
        m = metrics["macro_f1"]
        text = f"macro-F1 {m['value']:.3f} ({m['ci_low']:.2f}–{m['ci_high']:.2f})"
        if "baseline" in metrics:
            text += f" vs {metrics['baseline']['macro_f1']['value']:.3f}"
        return text
    v = metrics["values"]["overall"]
    return f"value-F1 {v['f1']:.3f}"


def _add_run_channel(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("for programs that drive a run")
    group.add_argument(
        "--events-file",
        metavar="PATH",
        help="append the run's events (schema medlabel.events/1) to this file, one JSON line each",
    )
    group.add_argument(
        "--events-fd",
        type=int,
        metavar="N",
        help="write the events to this open file descriptor instead (a pipe from the parent)",
    )
    group.add_argument("--cancel-file", metavar="PATH", help="cancel the run when this file appears")
    group.add_argument("--cancel-on-stdin", action="store_true",
                       help="cancel the run when a line arrives on stdin or stdin closes")  # fmt: skip


def add_commands(sub: Any) -> None:
    from medlabel.ml.settings_flags import add_arguments

    p = sub.add_parser(
        "train", help="fine-tune a model on a task and evaluate it on the frozen test split",
        description="Train a model on a task, predict the frozen test split and record the run. Only the "
        "settings of the chosen recipe may be given; each recipe has its own defaults.",
    )  # fmt: skip
    p.add_argument("project", help="project folder")
    add_arguments(p)
    _add_run_channel(p)
    # The app's child process: train a run the app prepared (docs/architecture.md).
    p.add_argument("--attached", type=int, metavar="RUN", help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_train)

    p = sub.add_parser("predict", help="predict documents with a trained run and store the predictions")
    p.add_argument("project", help="project folder")
    p.add_argument("--run", type=int, required=True, help="run id (see 'medlabel runs')")
    p.add_argument("--docs", choices=["unlabelled", "test", "all"], default="unlabelled",
                   help="which documents (default: unlabelled)")  # fmt: skip
    p.add_argument("--out", metavar="FILE",
                   help="also write the predictions as a table (one row per document, with the gold "
                        "labels beside them) to this .csv, .xlsx or .jsonl file")  # fmt: skip
    p.add_argument("--allow-pickle", action="store_true",
                   help="load the run's base model even if its weights are .bin/.pt files, which can "
                        "run code when loaded (only for a model you trust; a project's own setting is "
                        "not enough)")  # fmt: skip
    _add_run_channel(p)
    p.set_defaults(handler=cmd_predict)

    p = sub.add_parser(
        "evaluate", help="metrics of a run on the frozen test split, with 95%% confidence intervals"
    )
    p.add_argument("project", help="project folder")
    p.add_argument("--run", type=int, required=True, help="run id (see 'medlabel runs')")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE",
                   help="print JSON (schema medlabel.evaluation/1) or write it to FILE")  # fmt: skip
    p.add_argument(
        "--plot",
        metavar="FILE",
        help="also write a reliability diagram (calibration before and after) to FILE",
    )
    p.set_defaults(handler=cmd_evaluate)

    p = sub.add_parser(
        "curve", help="learning curve: train on growing subsets, evaluate each on the test split"
    )
    p.add_argument("project", help="project folder")
    add_arguments(p, skip=("train_size",))
    p.add_argument("--sizes", help="comma-separated training sizes (default: ½, 1, 2, 3, 4 of 4 folds)")
    p.add_argument("--plot", help="write the curve as a PNG to this file")
    p.add_argument("--json", help="write the curve as JSON to this file")
    _add_run_channel(p)
    p.set_defaults(handler=cmd_curve)

    p = sub.add_parser(
        "predictions", help="write a run's stored predictions as a table (.csv, .xlsx or .jsonl)",
        description="Write the predictions a run has stored (no new predicting) as one row per document, "
        "with the gold labels or values beside them. The project is only read.",
    )  # fmt: skip
    p.add_argument("project", help="project folder")
    p.add_argument("--run", type=int, required=True, help="run id (see 'medlabel runs')")
    p.add_argument("--out", required=True, metavar="FILE", help="the .csv, .xlsx or .jsonl file to write")
    p.add_argument("--no-gold", action="store_true", help="leave out the gold columns")
    p.set_defaults(handler=cmd_predictions)

    p = sub.add_parser(
        "report", help="write a run's evaluation report as one self-contained HTML file",
        description="Write the evaluation report of a run (run card, metrics with 95% CIs, confusion "
        "matrix, calibration, optional learning curve and comparison) as one HTML file with everything "
        "inside it. It holds no report text and no document ids unless --include-examples is given. The "
        "project is only read.",
    )  # fmt: skip
    p.add_argument("project", help="project folder")
    p.add_argument("--run", type=int, required=True, help="run id (see 'medlabel runs')")
    p.add_argument("--compare", type=int, metavar="ID", help="compare with this second run")
    p.add_argument("--curve-group", metavar="NAME",
                   help="add the learning curve made of the stored runs of this group (as 'medlabel curve' "
                        "names them)")  # fmt: skip
    p.add_argument("--include-examples", action="store_true",
                   help="add examples of wrongly predicted test reports, with their text and ids (the file "
                        "then holds patient text)")  # fmt: skip
    p.add_argument("--out", required=True, metavar="FILE", help="the .html file to write")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("runs", help="list the training runs with their headline metrics")
    p.add_argument("project", help="project folder")
    p.add_argument("--task", help="only runs of this task")
    p.set_defaults(handler=cmd_runs)
