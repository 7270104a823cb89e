"""Words for a run's progress: the phase line, durations, the task overview's warnings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QLocale

from medlabel.gui.i18n import tr


def duration_text(seconds: float | None) -> str:
    """'45 s', '3 min 20 s', '1 h 05 min'."""
    if seconds is None:
        return "–"
    s = max(0, round(seconds))
    if s < 60:
        return tr("{0} s").format(s)
    if s < 3600:
        return tr("{0} min {1} s").format(s // 60, s % 60)
    return tr("{0} h {1} min").format(s // 3600, f"{(s % 3600) // 60:02d}")


def phase_text(event: Mapping[str, Any]) -> str:
    """'model 2 of 3 · epoch 4 of 15 · training' for a progress event of the run contract."""
    parts = []
    phase = str(event.get("phase") or "")
    if (event.get("members") or 1) > 1 and event.get("member") and "model" not in phase:
        parts.append(tr("model {0} of {1}").format(event["member"], event["members"]))
    if event.get("epoch") and event.get("epochs"):
        parts.append(tr("epoch {0} of {1}").format(int(event["epoch"]), round(event["epochs"])))
    if phase:
        parts.append(phase_words(phase))
    return " · ".join(parts)


def phase_words(phase: str) -> str:
    """The engine names its phases in English; the common ones are worded here, others shown as they are."""
    words = {
        "training": tr("training"),
        "predicting": tr("predicting"),
        "loading data": tr("loading data"),
        "loading the model": tr("loading the model"),
        "choosing what to read of each report": tr("choosing what to read of each report"),
    }
    if phase.startswith("baseline: "):
        return tr("baseline: {0}").format(phase_words(phase[10:]))
    member = re.fullmatch(r"(training|predicting),? model (\d+) of (\d+)", phase)
    if member:  # the model's number is shown on its own when the event carries it
        return tr("{0}, model {1} of {2}").format(words[member[1]], member[2], member[3])
    return words.get(phase, phase)


def warning_text(code: str, params: Mapping[str, Any], message: str) -> str:
    """A warning of the task overview or of a run, in the user's language."""
    locale = QLocale()
    if code == "train.few_examples":
        count = locale.toString(int(params["count"]))
        return tr("Only {0} training reports are labelled '{1}': the model will hardly learn it "
                  "(aim for at least 10).").format(count, params["label"])  # fmt: skip
    if code == "train.no_test_split":
        return tr("There is no test split yet: {0} of the labelled reports will be set aside as the test "
                  "split when the run starts, and kept for every later run.").format(
            locale.toString(int(params["size"]))
        )  # fmt: skip
    if code == "train.too_few_reports":
        return tr("Only {0} reports are labelled for this task; label at least 10 (better 100 or more) "
                  "before training.").format(locale.toString(int(params["count"])))  # fmt: skip
    if code == "run.one_label":
        return tr("The model gave every test report the same label, '{0}'. It has not learnt to tell the "
                  "labels apart: label more reports of the rarer labels, or try a lower learning rate."
                  ).format(params.get("label", ""))  # fmt: skip
    if code == "run.baseline_better":
        model, baseline = (locale.toString(float(params[k]), "f", 2) for k in ("model", "baseline"))
        return tr("The baseline (word statistics) scored higher on the validation reports ({0} against {1}): "
                  "for this task it is probably the better model. Compare the two on the test split before "
                  "using this run.").format(baseline, model)  # fmt: skip
    if code == "train.use_qlora":
        return tr("Turn on “4-bit model (QLoRA)” under Advanced settings: the model's weights then take a "
                  "quarter of the memory.")  # fmt: skip
    if code == "train.smaller_batch_size":
        value, steps = params["value"], params["gradient_accumulation"]
        return tr("Set “Batch size” to {0} and “Gradient accumulation” to {1} under Advanced settings "
                  "(the same effective batch).").format(value, steps)  # fmt: skip
    if code == "train.shorter_max_length":
        return tr("Set “Maximum length” to {0} under Advanced settings (longer reports are cut)."
                  ).format(params["value"])  # fmt: skip
    if code == "train.model_too_large":
        needed = QLocale().formattedDataSize(int(params["needed_bytes"]))
        return tr("Even at the smallest settings the run needs about {0}: choose a smaller model or a "
                  "computer with a graphics card.").format(needed)  # fmt: skip
    if code == "train.device_missing":
        return tr("This computer has no CUDA graphics card; set the device to automatic or CPU.")
    return message
