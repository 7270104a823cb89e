"""The command line as a user runs it: real subprocess-free calls of ``medlabel.cli.main``."""

import json
import sys

import pytest

from medlabel.cli import EXIT_DECIDE, EXIT_ERROR, EXIT_OK, main
from medlabel.core.project import open_project
from medlabel.core.stats import project_info


def _info(root):
    with open_project(root, read_only=True) as project:
        return project_info(project)


@pytest.mark.parametrize("corpus", ["smoking", "cardio"])
def test_demo_then_info(tmp_path, capsys, corpus):
    root = tmp_path / corpus
    assert main(["demo", str(root), "--corpus", corpus]) == EXIT_OK
    capsys.readouterr()
    assert main(["info", str(root), "--json"]) == EXIT_OK
    info = json.loads(capsys.readouterr().out)
    assert info["documents"] == 600
    assert info["splits"] == {"train": 300, "test": 100, "none": 200}
    if corpus == "smoking":
        (ls,) = info["label_sets"]
        assert ls["name"] == "smoking_status" and ls["labelled"] == 400 and ls["unlabelled"] == 200
        counts = {name: c["total"] for name, c in ls["labels"].items()}
        assert max(counts, key=counts.get) == "UNKNOWN" and min(counts, key=counts.get) == "SMOKER"
        assert all(c["by_split"].get("test", 0) >= 1 for c in ls["labels"].values())  # stratified
    else:
        types = {et["name"]: et for et in info["entity_types"]}
        assert len(types) >= 12 and types["LV-EF"]["documents"] == 400
        assert types["LVEDV"]["normaliser"] == {"kind": "number", "units": ["ml"], "plausible": [30.0, 600.0]}
    assert main(["info", str(root)]) == EXIT_OK
    text = capsys.readouterr().out
    assert "documents: 600" in text and ("UNKNOWN" in text or "LV-EF" in text)


def test_demo_refuses_existing_project(tmp_path, capsys):
    assert (
        main(
            [
                "demo",
                str(tmp_path / "d"),
                "--corpus",
                "cardio",
                "--documents",
                "60",
                "--labelled",
                "40",
                "--test",
                "10",
            ]
        )
        == EXIT_OK
    )
    assert main(["demo", str(tmp_path / "d")]) == EXIT_ERROR
    assert "already holds a project" in capsys.readouterr().err


def test_import_asks_for_decision_and_leaves_no_project(tmp_path, capsys):
    csv = tmp_path / "in.csv"
    csv.write_text("id,text,label\n1,first,yes\n1,again,no\n2,,yes\n", encoding="utf-8")
    root = tmp_path / "p"
    assert main(["import", str(root), str(csv)]) == EXIT_DECIDE
    err = capsys.readouterr().err
    assert "id appears more than once" in err and "empty text" in err and "--on-invalid skip" in err
    assert not root.exists()  # the project it would have created is not left behind half-made
    assert main(["import", str(root), str(csv), "--on-invalid", "skip"]) == EXIT_OK
    info = _info(root)
    assert info["documents"] == 1 and info["label_sets"][0]["labels"]["yes"]["total"] == 1


def test_import_check_changes_nothing(tmp_path, capsys):
    csv = tmp_path / "in.csv"
    csv.write_text("id;text;label\na;eins;x\nb;zwei;y\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "p"), str(csv), "--check"]) == EXIT_OK
    assert "2 to import" in capsys.readouterr().out
    assert not (tmp_path / "p").exists()


def test_unreadable_file_and_missing_project(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{"text": broken\n', encoding="utf-8")
    assert main(["import", str(tmp_path / "p"), str(bad)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "bad.jsonl" in err and "line 2" in err
    assert not (tmp_path / "p").exists()
    assert main(["info", str(tmp_path / "nowhere")]) == EXIT_ERROR
    assert "there is no folder" in capsys.readouterr().err


@pytest.mark.parametrize("corpus", ["smoking", "cardio"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "labelstudio"])
def test_export_import_round_trip_through_the_store(tmp_path, fmt, corpus):
    from medlabel.core.documents import iter_export_documents

    src = tmp_path / "src"
    assert (
        main(["demo", str(src), "--corpus", corpus, "--documents", "30", "--labelled", "20", "--test", "5"])
        == 0
    )
    out = tmp_path / f"export.{'json' if fmt == 'labelstudio' else fmt}"
    assert main(["export", str(src), str(out), "--format", fmt]) == EXIT_OK
    dst = tmp_path / "dst"
    assert main(["import", str(dst), str(out), "--format", fmt]) == EXIT_OK

    def content(root):
        with open_project(root, read_only=True) as project:
            docs = iter_export_documents(project)
            return [(d.external_id, d.text, d.labels, d.spans, d.split, d.metadata) for d in docs]

    before, after = content(src), content(dst)
    assert len(before) == 30
    assert (
        sum(len(d[3]) for d in before) > 100 if corpus == "cardio" else sum(len(d[2]) for d in before) == 20
    )
    if fmt == "csv":  # a CSV cell has no types: metadata numbers come back as their text
        before = [(*d[:5], {k: str(v) for k, v in d[5].items()}) for d in before]
    assert after == before


def test_export_conll(tmp_path):
    src = tmp_path / "src"
    assert (
        main(["demo", str(src), "--corpus", "cardio", "--documents", "12", "--labelled", "10", "--test", "2"])
        == 0
    )
    out = tmp_path / "out.conll"
    assert main(["export", str(src), str(out), "--format", "conll"]) == EXIT_OK
    text = out.read_text(encoding="utf-8")
    assert text.count("-DOCSTART-") == 12 and "B-LV-EF" in text


def test_help_for_every_command(capsys):
    for command in ["demo", "import", "export", "info", "train", "predict", "evaluate", "curve", "runs"]:
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        assert "usage: medlabel " + command in capsys.readouterr().out


def test_gui_without_a_screen_explains_instead_of_crashing(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 1  # no command means the application
    assert "no screen" in capsys.readouterr().err


def _project_with_formula_cells(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [
        {
            "id": '=HYPERLINK("http://evil.example","click")',
            "text": "+1 tablet daily\r\n-2 kg since May",
            "labels": {"grade": "-2"},
            "spans": [{"start": 0, "end": 2, "type": "Dose"}],
            "metadata": {"ward": "@SUM(A1:A9)", "=key": "\tTab"},
        },
        {"id": "b", "text": "\t=1+1", "labels": {"grade": "@x"}, "spans": [], "metadata": {"ward": "K"}},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    root = tmp_path / "p"
    assert main(["import", str(root), str(src), "--unknown-labels", "add"]) == EXIT_OK
    return root, rows


def _csv_rows(path):
    import csv

    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_export_csv_escapes_formula_cells_unless_raw(tmp_path, capsys):
    root, rows = _project_with_formula_cells(tmp_path)
    out = tmp_path / "out.csv"
    assert main(["export", str(root), str(out), "--format", "csv"]) == EXIT_OK
    header, first, second = _csv_rows(out)
    assert header == ["id", "text", "split", "label:grade", "spans", "ward", "'=key"]
    assert first[:4] == ["'" + rows[0]["id"], "'" + rows[0]["text"], "", "'-2"]
    assert first[5:] == ["'@SUM(A1:A9)", "'\tTab"]
    assert second == ["b", "'\t=1+1", "", "'@x", "", "K", ""]

    assert main(["export", str(root), str(out), "--format", "csv", "--raw-cells"]) == EXIT_OK
    header, first, second = _csv_rows(out)
    assert header[6] == "=key"
    assert first[:4] == [rows[0]["id"], rows[0]["text"], "", "-2"]
    assert first[5:] == ["@SUM(A1:A9)", "\tTab"]
    assert second[1] == "\t=1+1" and second[3] == "@x"


def test_export_xlsx_writes_text_cells(tmp_path, capsys):
    import openpyxl

    root, rows = _project_with_formula_cells(tmp_path)
    out = tmp_path / "out.xlsx"
    assert main(["export", str(root), str(out), "--format", "xlsx"]) == EXIT_OK
    assert "Wrote 2 document(s)" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out).active
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {"=key", rows[0]["id"], "-2", "@SUM(A1:A9)", "\tTab", "\t=1+1", "@x"} <= set(cells)
    assert set(cells.values()) == {"s"}
    assert main(["export", str(root), str(out), "--format", "xlsx", "--raw-cells"]) == 2
    assert "--raw-cells is for --format csv only" in capsys.readouterr().err


@pytest.mark.parametrize("corpus", ["smoking", "cardio"])
def test_export_xlsx_import_round_trip_through_the_store(tmp_path, corpus):
    from medlabel.core.documents import iter_export_documents

    src = tmp_path / "src"
    assert (
        main(["demo", str(src), "--corpus", corpus, "--documents", "30", "--labelled", "20", "--test", "5"])
        == 0
    )
    out = tmp_path / "export.xlsx"
    assert main(["export", str(src), str(out), "--format", "xlsx"]) == EXIT_OK
    dst = tmp_path / "dst"
    assert main(["import", str(dst), str(out)]) == EXIT_OK

    def content(root):
        with open_project(root, read_only=True) as project:
            docs = iter_export_documents(project)
            # Cells are text: metadata numbers come back as their text, as from CSV.
            return [(d.external_id, d.text, d.labels, d.spans, d.split, _texts(d.metadata)) for d in docs]

    before, after = content(src), content(dst)
    assert len(before) == 30 and after == before


def _texts(metadata):
    return {k: str(v) for k, v in metadata.items()}


def test_import_refusals_keep_the_command_line_advice(tmp_path, capsys):
    # The app words these refusals from their codes; the command line prints the message with its flag.
    source = tmp_path / "long.jsonl"
    source.write_text('{"id": "a", "text": "' + "x" * 50 + '"}\n', encoding="utf-8")
    root = tmp_path / "p"
    assert main(["import", str(root), str(source), "--max-document-chars", "10"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"medlabel import: {source}, line 1: the text has 50 characters")
    assert "--max-document-chars" in err
    assert not root.exists()


def test_import_check_into_an_existing_project_reads_it_without_the_lock(tmp_path, capsys):
    csv = tmp_path / "in.csv"
    csv.write_text("id,text\na,eins\nb,zwei\n", encoding="utf-8")
    root = tmp_path / "p"
    assert main(["import", str(root), str(csv)]) == EXIT_OK
    capsys.readouterr()
    # The same check the app's import wizard runs: a read-only view, so an open window does not block it.
    with open_project(root):
        assert main(["import", str(root), str(csv), "--check"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "2 document(s) in the file; 0 to import" in out and "id already in the project" in out
