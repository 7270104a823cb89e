from __future__ import annotations

from pathlib import Path

import pytest

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import i2b2, read_file
from medlabel.core.records import ImportOptions

SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<ROOT>
<RECORD ID="641">
<SMOKING STATUS="CURRENT SMOKER"></SMOKING>
<TEXT><![CDATA[
977146916
HLGMC
Patient smokes 1 ppd & drinks <socially>.
]]></TEXT>
</RECORD>
<RECORD ID="642">
<SMOKING STATUS="PAST SMOKER"/>
<TEXT><![CDATA[
Quit smoking in 1990.
]]></TEXT>
</RECORD>
<RECORD ID="643">
<SMOKING STATUS="SMOKER"/>
<TEXT><![CDATA[Tobacco use: yes.]]></TEXT>
</RECORD>
<RECORD ID="644">
<SMOKING STATUS="NON-SMOKER"/>
<TEXT>Denies tobacco &amp; alcohol.</TEXT>
</RECORD>
<RECORD ID="645">
<SMOKING STATUS="UNKNOWN"/>
<TEXT><![CDATA[
Discharge: stable. Gr\u00fc\u00dfe.
]]></TEXT>
</RECORD>
</ROOT>
"""


def _write(tmp_path: Path, content: str | bytes, name: str = "smokers.xml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_reads_records_labels_and_exact_texts(tmp_path: Path) -> None:
    batch = i2b2.read(_write(tmp_path, SAMPLE), ImportOptions())
    assert [d.external_id for d in batch.documents] == ["641", "642", "643", "644", "645"]
    assert [d.labels for d in batch.documents] == [
        {"smoking_status": label}
        for label in ["CURRENT SMOKER", "PAST SMOKER", "SMOKER", "NON-SMOKER", "UNKNOWN"]
    ]
    assert batch.documents[0].text == "\n977146916\nHLGMC\nPatient smokes 1 ppd & drinks <socially>.\n"
    assert batch.documents[1].text == "\nQuit smoking in 1990.\n"
    assert batch.documents[2].text == "Tobacco use: yes."
    assert batch.documents[3].text == "Denies tobacco & alcohol."
    assert batch.documents[4].text == "\nDischarge: stable. Grüße.\n"
    assert batch.documents[2].origin == "RECORD 3 (ID=643)"
    assert [(s.name, s.labels) for s in batch.label_sets] == [
        ("smoking_status", ["CURRENT SMOKER", "PAST SMOKER", "SMOKER", "NON-SMOKER", "UNKNOWN"])
    ]
    assert batch.notes == []
    assert batch.source == str(tmp_path / "smokers.xml")


def test_detected_from_xml_ending(tmp_path: Path) -> None:
    batch = read_file(_write(tmp_path, SAMPLE))
    assert len(batch.documents) == 5


def test_record_without_smoking_has_no_label_and_a_note(tmp_path: Path) -> None:
    xml = '<ROOT><RECORD ID="1"><TEXT>a</TEXT></RECORD><RECORD ID="2"><TEXT>b</TEXT></RECORD></ROOT>'
    batch = i2b2.read(_write(tmp_path, xml), ImportOptions())
    assert [d.labels for d in batch.documents] == [{}, {}]
    assert any("2 of 2 records have no SMOKING" in note for note in batch.notes)


def test_unknown_status_is_kept_for_validation_and_noted(tmp_path: Path) -> None:
    xml = '<ROOT><RECORD ID="1"><SMOKING STATUS="Heavy"/><TEXT>a</TEXT></RECORD></ROOT>'
    batch = i2b2.read(_write(tmp_path, xml), ImportOptions())
    assert batch.documents[0].labels == {"smoking_status": "Heavy"}
    assert any("'Heavy'" in note for note in batch.notes)


def test_encoding_comes_from_the_declaration(tmp_path: Path) -> None:
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        '<ROOT><RECORD ID="7"><TEXT>Gr\xfc\xdfe</TEXT></RECORD></ROOT>'
    )
    batch = i2b2.read(_write(tmp_path, xml.encode("latin-1")), ImportOptions())
    assert batch.documents[0].text == "Grüße"


@pytest.mark.parametrize(
    "xml",
    [
        '<!DOCTYPE r [<!ENTITY x "aaaa">]><ROOT><RECORD ID="1"><TEXT>&x;</TEXT></RECORD></ROOT>',
        '<!DOCTYPE ROOT SYSTEM "file:///etc/passwd"><ROOT><RECORD ID="1"><TEXT>a</TEXT></RECORD></ROOT>',
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;">\n]>\n'
        '<ROOT><RECORD ID="1"><TEXT>&lol2;</TEXT></RECORD></ROOT>',
    ],
)
def test_dtd_and_entities_are_refused(tmp_path: Path, xml: str) -> None:
    with pytest.raises(ImportFormatError, match="DOCTYPE") as info:
        i2b2.read(_write(tmp_path, xml), ImportOptions())
    assert info.value.location is not None and info.value.location.startswith("line ")


def test_malformed_xml_names_line_and_column(tmp_path: Path) -> None:
    xml = '<ROOT>\n<RECORD ID="1">\n<TEXT>a</TEXT>\n</RECORDS>\n</ROOT>'
    with pytest.raises(ImportFormatError, match="not well-formed") as info:
        i2b2.read(_write(tmp_path, xml), ImportOptions())
    assert info.value.location == "line 4, column 3"
    assert "line 4" in str(info.value)


def test_record_without_id(tmp_path: Path) -> None:
    xml = '<ROOT>\n<RECORD ID="1"><TEXT>a</TEXT></RECORD>\n<RECORD><TEXT>b</TEXT></RECORD></ROOT>'
    with pytest.raises(ImportFormatError, match="no ID") as info:
        i2b2.read(_write(tmp_path, xml), ImportOptions())
    assert info.value.location == "RECORD 2, line 3"


def test_record_without_text(tmp_path: Path) -> None:
    xml = '<ROOT>\n<RECORD ID="12">\n<SMOKING STATUS="UNKNOWN"/>\n</RECORD></ROOT>'
    with pytest.raises(ImportFormatError, match="no TEXT") as info:
        i2b2.read(_write(tmp_path, xml), ImportOptions())
    assert info.value.location == "RECORD 1 (ID=12), line 2"


@pytest.mark.parametrize(
    ("xml", "problem"),
    [
        ("<ROOT></ROOT>", "no RECORD"),
        ('<ROOT><RECORD ID="1"><TEXT>a</TEXT><TEXT>b</TEXT></RECORD></ROOT>', "more than one TEXT"),
        ('<ROOT><RECORD ID="1"><SMOKING/><TEXT>a</TEXT></RECORD></ROOT>', "no STATUS"),
        ('<ROOT><RECORD ID="1"><RECORD ID="2"><TEXT>a</TEXT></RECORD></RECORD></ROOT>', "inside another"),
        ("", "not well-formed"),
        ('<?xml version="1.0" encoding="x-no-such-code-page"?><ROOT/>', "encoding"),
    ],
)
def test_structural_problems(tmp_path: Path, xml: str, problem: str) -> None:
    with pytest.raises(ImportFormatError, match=problem):
        i2b2.read(_write(tmp_path, xml), ImportOptions())
