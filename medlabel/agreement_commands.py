"""The inter-annotator agreement commands of the ``medlabel`` CLI: opinions-import and agreement.

They parse flags and print; the work is done by ``medlabel.core.second_opinions`` and
``medlabel.ml.agreement``, the same functions the app calls.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def cmd_opinions_import(args: argparse.Namespace) -> int:
    from medlabel.core.project import open_project
    from medlabel.core.second_opinions import import_opinions

    with open_project(args.project) as project:
        done = import_opinions(project, Path(args.source), args.name)
    print(
        f"Imported the second opinion of {done.annotator}: {done.documents} report(s), {done.labels} "
        f"label(s), {done.spans} span(s)."
    )
    if done.unmatched:
        print(f"{done.unmatched} report(s) of {args.source} are not in this project and were left out.")
    if done.skipped:
        print(f"Left out, as this project does not have them: {', '.join(done.skipped)}.")
    return 0


def _tasks(project: Any, task: str | None) -> list[str]:
    """The tasks to compare: the one asked for, else every label set with second opinions and the spans
    when the project has entity types and a second opinion covered reports for them."""
    from medlabel.core import second_opinions
    from medlabel.core.schema import load_schema
    from medlabel.ml.agreement import no_opinions_error
    from medlabel.ml.tasks import ENTITIES_TASK

    if task is not None:
        return [task]
    schema = load_schema(project)
    names = [ls.name for ls in schema.label_sets if second_opinions.opinion_labels(project, ls.name)]
    if schema.entity_types and any(
        second_opinions.opinion_spans(project, name) for name in second_opinions.annotators(project)
    ):
        names.append(ENTITIES_TASK)
    if not names:
        raise no_opinions_error(project, "yet")
    return names


def cmd_agreement(args: argparse.Namespace) -> int:
    from medlabel.core.project import open_project
    from medlabel.ml.agreement import label_agreement, span_agreement
    from medlabel.ml.tasks import ENTITIES_TASK

    results: dict[str, Any] = {}
    with open_project(args.project, read_only=True) as project:
        for task in _tasks(project, args.task):
            if task == ENTITIES_TASK:
                results[task] = span_agreement(project)
            else:
                results[task] = label_agreement(project, task)
    if args.json == "-":
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print("\n\n".join(format_agreement(task, result) for task, result in results.items()))
    return 0


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def format_agreement(task: str, result: dict[str, Any]) -> str:
    """A plain-text report of ``label_agreement`` or ``span_agreement`` for the terminal."""
    raters = ", ".join(
        f"{r['name']}"
        + (
            f" ({', '.join(r['annotators'])})"
            if r.get("annotators") and r["annotators"] != [r["name"]]
            else ""
        )
        + f": {r['documents']} reports"
        for r in result["raters"]
    )
    lines = [f"{task} — raters: {raters}", ""]
    if "label_set" in result:
        lines += _label_lines(result)
    else:
        lines += _span_lines(result)
    return "\n".join(lines)


def _pair_name(pair: dict[str, Any]) -> str:
    return f"{pair['a']} – {pair['b']}"


def _label_lines(result: dict[str, Any]) -> list[str]:
    width = max([len(_pair_name(p)) for p in result["pairs"]] + [4])
    lines = [f"{'pair':<{width}}  reports  observed  Cohen's kappa  95% CI"]
    for p in result["pairs"]:
        ci = f"{_num(p['ci_low'], 2)} to {_num(p['ci_high'], 2)}" if p["ci_low"] is not None else "–"
        lines.append(
            f"{_pair_name(p):<{width}}  {p['n']:>7}  {_num(p['observed']):>8}  {_num(p['kappa']):>13}  {ci}"
        )
    fleiss = result["fleiss"]
    if fleiss is not None:
        lines += ["", f"Fleiss' kappa ({fleiss['raters']} raters, {fleiss['n']} reports all labelled): "
                  f"{_num(fleiss['kappa'])}"]  # fmt: skip
    width = max(len(label) for label in result["per_label"])
    lines += ["", f"{'label':<{width}}  specific agreement  given"]
    for label, row in result["per_label"].items():
        lines.append(f"{label:<{width}}  {_num(row['agreement']):>18}  {row['assigned']:>5}")
    settled = sum(d["adjudicated"] for d in result["disagreements"])
    lines += ["", f"Disagreements: {len(result['disagreements'])} report(s), {settled} of them adjudicated"]
    return lines


def _span_lines(result: dict[str, Any]) -> list[str]:
    width = max([len(_pair_name(p)) for p in result["pairs"]] + [4])
    lines = [f"{'pair':<{width}}  reports  strict F1  lenient F1"]
    for p in result["pairs"]:
        strict = p["strict"]["overall"]["f1"] if p["strict"] else None
        lenient = p["lenient"]["overall"]["f1"] if p["lenient"] else None
        lines.append(f"{_pair_name(p):<{width}}  {p['n']:>7}  {_num(strict):>9}  {_num(lenient):>10}")
    for p in result["pairs"]:
        if not p["strict"]:
            continue
        width = max(len(name) for name in [*p["strict"]["per_type"], "type"])
        lines += ["", f"{_pair_name(p)}, per entity type:", f"  {'type':<{width}}  strict F1  lenient F1"]
        for name, row in p["strict"]["per_type"].items():
            lenient = p["lenient"]["per_type"][name]["f1"]
            lines.append(f"  {name:<{width}}  {_num(row['f1']):>9}  {_num(lenient):>10}")
    lines += ["", f"Reports with span disagreements: {len(result['disagreements'])}"]
    return lines


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "opinions-import",
        help="import another annotator's labels and spans of the same reports as a second opinion",
        description="Bring back the annotations a second annotator made in a copy of this project (or in a "
        "project of their own with the same reports) as a separate layer named after them; the project's "
        "own labels stay as they are. Reports are matched by id and must have the same text. Importing again "
        "under the same name replaces that annotator's earlier opinion.",
    )
    p.add_argument("project", help="project folder")
    p.add_argument("source", help="the other annotator's project folder (read only)")
    p.add_argument("--as", dest="name", required=True, metavar="NAME", help="the second annotator's name")
    p.set_defaults(handler=cmd_opinions_import)

    p = sub.add_parser(
        "agreement",
        help="inter-annotator agreement between the project's labels and the second opinions",
        description="Cohen's kappa (with a bootstrap 95% interval) for each pair of raters, Fleiss' kappa "
        "for three raters or more, agreement per label and the number of reports they disagree on; for "
        "spans, strict and lenient span F1 between raters.",
    )
    p.add_argument("project", help="project folder")
    p.add_argument(
        "--task",
        metavar="NAME",
        help="a label set, or 'entities' for the spans (default: every task with second opinions)",
    )
    p.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="print JSON, or write it to FILE beside the table",
    )
    p.set_defaults(handler=cmd_agreement)
