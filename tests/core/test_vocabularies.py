import pytest

from medlabel.cli import EXIT_ERROR, EXIT_OK, main
from medlabel.core.errors import NotFoundError
from medlabel.core.project import create_project, open_project
from medlabel.core.vocabularies import load_vocabulary, vocabularies_for, vocabulary_names


def test_vocabulary_csv_round_trip_through_project(tmp_path, capsys):
    csv = tmp_path / "atc.csv"
    csv.write_text("code;term;synonyms\nC07AB02;Metoprolol;Beloc|Lopresor\nC09AA05;Ramipril;Delix\n", "utf-8")
    create_project(tmp_path / "p").close()
    assert main(["vocabulary", str(tmp_path / "p"), "ATC", str(csv)]) == EXIT_OK
    assert "2 codes" in capsys.readouterr().out
    with open_project(tmp_path / "p") as project:
        assert vocabulary_names(project) == ["ATC"]
        vocab = load_vocabulary(project, "ATC")
        assert vocab.lookup("beloc")[0].code == "C07AB02"
        assert vocab.lookup("Ramiprill")[0].code == "C09AA05"
        assert set(vocabularies_for(project, {"drug": {"kind": "code", "vocabulary": "ATC"}, "x": None})) == {
            "ATC"
        }
        with pytest.raises(NotFoundError, match="no vocabulary 'ICD'"):
            load_vocabulary(project, "ICD")


def test_bad_vocabulary_changes_nothing(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("code,term\nA,Alpha\n", "utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,term\nA,Alpha\nA,Again\n", "utf-8")
    create_project(tmp_path / "p").close()
    assert main(["vocabulary", str(tmp_path / "p"), "V", str(good)]) == EXIT_OK
    assert main(["vocabulary", str(tmp_path / "p"), "V", str(bad)]) == EXIT_ERROR
    assert "row 3" in capsys.readouterr().err
    with open_project(tmp_path / "p") as project:
        assert [e.term for e in load_vocabulary(project, "V").entries] == ["Alpha"]
