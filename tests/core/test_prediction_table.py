"""The prediction table: one row per document with the predicted label or values, the gold beside them,
and its .csv / .xlsx / .jsonl files (round trips, a BOM for Excel, formula cells kept inert)."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import iter_export_documents
from medlabel.core.errors import MedlabelError
from medlabel.core.prediction_table import prediction_table, write_prediction_table
from medlabel.core.records import SpanRecord
from medlabel.core.runs import (
    StoredPrediction,
    finish_run,
    get_predictions,
    get_run,
    start_run,
    store_predictions,
)


@pytest.fixture(scope="module")
def smoking(tmp_path_factory):
    """A smoking demo project with a completed baseline run (module-wide: training takes seconds)."""
    from medlabel.core.jobs import RecordingReporter
    from medlabel.ml.train import run_training

    project = create_demo_project(tmp_path_factory.mktemp("pt") / "s", "smoking", 160, 120, 30)
    run_id = run_training(project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter())
    yield project, run_id
    project.close()


def _read_csv(path, like: pd.DataFrame) -> pd.DataFrame:
    return pd.read_csv(
        path, encoding="utf-8-sig", dtype=like.dtypes.to_dict(), keep_default_na=False, na_values=[""]
    )


def test_document_run_gives_label_confidence_gold_and_correct(smoking):
    project, run_id = smoking
    df = prediction_table(project, run_id)
    assert list(df.columns) == ["id", "split", "label", "confidence", "label (gold)", "correct", "valid"]
    predictions = get_predictions(project, run_id)
    docs = {d.doc_id: d for d in iter_export_documents(project)}
    assert len(df) == len(predictions) == 30
    assert list(df["id"]) == [docs[p.document_id].external_id for p in predictions]
    assert set(df["split"]) == {"test"}
    assert list(df["label"]) == [p.label for p in predictions]
    assert list(df["confidence"]) == pytest.approx([p.confidence for p in predictions])
    gold = [docs[p.document_id].labels["smoking_status"] for p in predictions]
    assert list(df["label (gold)"]) == gold
    assert list(df["correct"]) == [p.label == g for p, g in zip(predictions, gold, strict=True)]
    # The share marked correct is the accuracy the run recorded on the same test split.
    assert df["correct"].mean() == pytest.approx(get_run(project, run_id).metrics["accuracy"]["value"])
    assert df["correct"].any() and not df["correct"].all()

    without = prediction_table(project, run_id, include_gold=False)
    assert list(without.columns) == ["id", "split", "label", "confidence", "valid"]
    some = [p.document_id for p in predictions[:3]]
    assert list(prediction_table(project, run_id, document_ids=some)["id"]) == list(df["id"][:3])


def test_files_round_trip(smoking, tmp_path):
    project, run_id = smoking
    df = prediction_table(project, run_id)

    csv_path = write_prediction_table(df, tmp_path / "p.csv")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfid,split,label,confidence")
    pd.testing.assert_frame_equal(_read_csv(csv_path, df), df)

    xlsx_path = write_prediction_table(df, tmp_path / "p.xlsx")
    back = pd.read_excel(xlsx_path, sheet_name="predictions", dtype=df.dtypes.to_dict())
    pd.testing.assert_frame_equal(back, df)

    jsonl_path = write_prediction_table(df, tmp_path / "p.JSONL")  # the suffix in any case
    rows = [json.loads(line) for line in jsonl_path.read_text(encoding="utf-8").splitlines()]
    assert rows == df.astype(object).where(df.notna(), None).to_dict("records")
    assert isinstance(rows[0]["correct"], bool) and isinstance(rows[0]["confidence"], float)
    pd.testing.assert_frame_equal(pd.read_json(jsonl_path, lines=True).astype(df.dtypes.to_dict()), df)


def test_umlauts_empty_cells_and_formula_texts(tmp_path):
    from openpyxl import load_workbook

    df = pd.DataFrame({
        "id": pd.array(["Müller-1", "=HYPERLINK(\"http://x\")", "-3"], dtype="string"),
        "split": pd.array(["test", None, "train"], dtype="string"),
        "LV-EF": pd.array(["55 %", None, "-18 %"], dtype="string"),
        "valid": pd.array([True, False, True], dtype="boolean"),
    })  # fmt: skip
    text = write_prediction_table(df, tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    # Cells a spreadsheet would run as formulas get a leading apostrophe; empty cells stay empty.
    assert list(csv.reader(io.StringIO(text))) == [
        ["id", "split", "LV-EF", "valid"],
        ["Müller-1", "test", "55 %", "True"],
        ['\'=HYPERLINK("http://x")', "", "", "False"],
        ["'-3", "train", "'-18 %", "True"],
    ]
    sheet = load_workbook(write_prediction_table(df, tmp_path / "f.xlsx"))["predictions"]
    cell = sheet["A3"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"  # text, not a formula
    assert sheet["B3"].value is None and sheet["D3"].value is False
    rows = [
        json.loads(line) for line in (write_prediction_table(df, tmp_path / "f.jsonl")).open(encoding="utf-8")
    ]
    assert rows[1] == {"id": '=HYPERLINK("http://x")', "split": None, "LV-EF": None, "valid": False}


def test_a_bad_suffix_is_refused_and_nothing_written(tmp_path):
    df = pd.DataFrame({"id": ["a"]})
    for name in ("p.txt", "p"):
        with pytest.raises(MedlabelError, match=r"\.csv, \.xlsx or \.jsonl") as info:
            write_prediction_table(df, tmp_path / name)
        assert info.value.code == "predict.out_format" and info.value.params["path"] == str(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_span_run_gives_values_with_units_beside_gold(tmp_path):
    project = create_demo_project(tmp_path / "c", "cardio", documents=40, labelled=30, test=8)
    docs = list(iter_export_documents(project))
    annotated = next(d for d in docs if d.split == "test" and any(s.type == "LV-EF" for s in d.spans))
    unlabelled = next(d for d in docs if d.split is None and not d.spans)
    gold_ef = [s for s in annotated.spans if s.type == "LV-EF"]
    loose = (10, 17)  # a predicted span without a value shows its text
    run = start_run(project, task="entities", task_kind="spans", recipe="tagger", config={})
    store_predictions(project, run, [
        StoredPrediction(annotated.doc_id, None, 0.8, {}, [
            SpanRecord(gold_ef[0].start, gold_ef[0].end, "LV-EF", 55.0, "%"),
            SpanRecord(loose[0], loose[1], "LVEDV"),
            SpanRecord(gold_ef[0].end + 1, gold_ef[0].end + 3, "LV-EF", 0.5, "%"),
            SpanRecord(gold_ef[0].end + 5, gold_ef[0].end + 6, "LV-EF", 55.0, "%"),  # the same value again
            SpanRecord(1, 2, "LVM", code="C0018787"),
        ], [], None, True),
        StoredPrediction(
            unlabelled.doc_id, None, None, {}, [SpanRecord(0, 4, "HZV", 1250.0, "l/min")], [], None, False
        ),
    ])  # fmt: skip
    finish_run(project, run, "completed")

    df = prediction_table(project, run)
    types = [name for name in df.columns if name not in ("id", "split", "valid") and "(gold)" not in name]
    assert types[:3] == ["LV-EF", "RV-EF", "LVEDV"] and len(types) == 14
    assert list(df.columns) == ["id", "split", *[c for t in types for c in (t, f"{t} (gold)")], "valid"]
    row, other = df.iloc[0], df.iloc[1]
    assert (row["id"], row["split"], bool(row["valid"])) == (annotated.external_id, "test", True)
    assert row["LV-EF"] == "55 %; 0.5 %"
    assert row["LVEDV"] == " ".join(annotated.text[loose[0] : loose[1]].split())
    assert row["LVM"] == "C0018787" and pd.isna(row["RV-EF"])
    for name in types:  # gold values written as a person would, "<value> <unit>", in text order
        values = [f"{s.value:g} {s.unit}" for s in annotated.spans if s.type == name]
        expected = "; ".join(dict.fromkeys(values)) or None
        got = row[f"{name} (gold)"]
        assert (None if pd.isna(got) else got) == expected
    assert other["id"] == unlabelled.external_id and pd.isna(other["split"]) and not other["valid"]
    assert other["HZV"] == "1250 l/min"
    assert all(pd.isna(other[f"{t} (gold)"]) for t in types)  # a report outside the task has no gold

    assert not any("(gold)" in c for c in prediction_table(project, run, include_gold=False).columns)
    out = write_prediction_table(df, tmp_path / "c.csv")
    pd.testing.assert_frame_equal(_read_csv(out, df), df)
    project.close()
