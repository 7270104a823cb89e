"""The app's words for the errors the Review page can show: comparing runs, reviewing one, the label
check, and writing the predictions table. ``messages.wordings`` includes these."""

from __future__ import annotations

from medlabel.gui.i18n import tr
from medlabel.gui.messages import Params, Wording, _count, _words


def _status(p: Params) -> str:
    from medlabel.gui.train.history import status_text

    return status_text(str(p.get("status")))


def review_wordings() -> dict[str, Wording]:
    return {
        "compare.same_run": _words(
            tr("Run {0} was chosen twice. Choose a second, different run of the same task to compare with."),
            "run",
        ),
        "compare.not_completed": lambda p: tr(
            "Run {0} is {1}, so it has no complete set of test predictions. Compare completed runs."
        ).format(p["run"], _status(p)),
        "compare.different_task": _words(
            tr(
                "Run {0} learnt the task {1} and run {2} the task {3}; only runs of the same task can be "
                "compared."
            ),
            "run_a",
            "task_a",
            "run_b",
            "task_b",
        ),
        "compare.no_common": _words(
            tr(
                "Runs {0} and {1} predicted no test report in common: the test split may have changed since. "
                "Predict the test split again with both runs."
            ),
            "run_a",
            "run_b",
        ),
        "review.not_completed": lambda p: tr(
            "Run {0} is {1}, so it has no predictions to review. Choose a completed run."
        ).format(p["run"], _status(p)),
        "label_errors.too_few": lambda p: tr(
            "The task {0} has only {1} labelled training report(s). Label at least 10 before checking the "
            "labels.",
            "",
            _count(p, "n"),
        ).format(p["task"], p["n"]),
        "label_errors.one_label": _words(
            tr(
                "The training reports of the task {0} have fewer than two labels with two or more reports "
                "each, so no model can tell them apart. Label reports of other labels first."
            ),
            "task",
        ),
        "label_errors.not_document_task": _words(
            tr(
                "The label check works on label tasks; {0} is not one (marked values cannot be checked "
                "this way yet)."
            ),
            "task",
        ),
        "label_errors.run_unusable": _words(
            tr(
                "Run {0} cannot check the labels: it is not a completed fine-tuned run. Check with the fast "
                "baseline, or choose a completed fine-tuned run."
            ),
            "run",
        ),
        "label_errors.fold_failed": _words(
            tr("Training the model of run {0} on part of the training reports failed: {1}"), "run", "error"
        ),
        "curve.not_found": _words(
            tr("There is no learning curve {0} in this project. Start one with “Run a learning curve…”."),
            "group",
        ),
        "predict.out_format": _words(
            tr("The predictions cannot be written to {0}: the file name must end in .csv, .xlsx or .jsonl."),
            "path",
        ),
        "predict.too_many_rows": _words(
            tr("{0} rows do not fit in an Excel sheet, so {1} was not written. Export as .csv or .jsonl."),
            "rows",
            "path",
        ),
        **opinion_wordings(),
    }


def opinion_wordings() -> dict[str, Wording]:
    """Importing a second annotator's labels, and agreement."""
    return {
        "opinions.no_name": lambda _p: tr("Give the name of the annotator who made the second opinion."),
        "opinions.name_too_long": _words(
            tr("The name is longer than {0} characters; choose a shorter one."), "limit"
        ),
        "opinions.reserved_name": _words(
            tr("“{0}” is how agreement names this project's own labels; use the annotator's name."), "name"
        ),
        "opinions.not_a_project": _words(
            tr(
                "{0} is not a medlabel project. Choose the folder of the project in which the second "
                "annotator labelled the reports."
            ),
            "path",
        ),
        "opinions.text_differs": lambda p: tr(
            "{0} report(s) in {1} have the id of a report here but a different text, so their labels may "
            "not belong to these reports. Nothing was imported.",
            "",
            _count(p, "count"),
        ).format(p["count"], p["path"]),
        "opinions.unknown_label": lambda p: tr(
            "The label set {0} here has no label {1}, which {2} report(s) in {3} carry. Nothing was "
            "imported: add the label here, or correct those reports there.",
            "",
            _count(p, "count"),
        ).format(p["label_set"], p["label"], p["count"], p["path"]),
        "opinions.nothing_shared": _words(
            tr(
                "{0} holds none of this project's reports, so there is nothing to compare. Choose the "
                "project in which the same reports were labelled."
            ),
            "path",
        ),
        "agreement.no_opinions": lambda _p: tr(
            "There is no second opinion yet. Let a colleague label a copy of this project, then import it "
            "with “Import a colleague's labels…”."
        ),
        "agreement.no_entity_types": lambda _p: tr(
            "The project has no entity types, so there are no spans to compare."
        ),
    }
