"""`gongkai privacy scan`: JSON findings with offsets into the text, exit 2 on unreadable input."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.privacy.extract import extract_text
from gongkai.privacy.tests.files import ID_CHEN, pdf_bytes, png_bytes, subsidy_sheet

LIST_TEXT = f"坦洲镇低保名单\n1\t陈阿婆\t{ID_CHEN}\t电话 138-1234-5678\n监督电话:12345\n"


def scan(*args) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("privacy", "scan", *map(str, args), stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def test_json_shape_and_offsets_into_the_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(LIST_TEXT))

    findings, err = scan("-")

    assert findings == [
        {"kind": "id_number", "start": 14, "end": 32, "text": ID_CHEN},
        {"kind": "mobile", "start": 36, "end": 49, "text": "138-1234-5678"},
    ]
    assert all(LIST_TEXT[f["start"] : f["end"]] == f["text"] for f in findings)
    assert err == ""


def test_stdin_bytes_in_gb18030(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LIST_TEXT.encode("gb18030"))))

    findings, _ = scan("-")

    assert [f["text"] for f in findings] == [ID_CHEN, "138-1234-5678"]


def test_a_file_is_scanned_in_its_extracted_text(tmp_path):
    path = tmp_path / "补贴发放表.xlsx"
    path.write_bytes(subsidy_sheet())
    text = extract_text(path.name, path.read_bytes()).text

    findings, _ = scan(path)

    assert len(findings) == 12
    assert all(text[f["start"] : f["end"]] == f["text"] for f in findings)


@pytest.mark.parametrize(
    ("name", "data"), [("扫描件.pdf", pdf_bytes([])), ("名单照片.png", png_bytes())]
)
def test_a_file_that_cannot_be_checked_prints_an_empty_list_and_a_note(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)

    findings, err = scan(path)

    assert findings == []
    assert err.startswith("注意:") and "未能检查" in err


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        (None, None, "找不到文件"),
        ("审批表.docx", b"PK\x03\x04broken", "可能已损坏"),
        ("公示.pdf", b"<html></html>", "不是PDF 文件"),
        ("材料.rar", b"Rar!\x1a\x07\x00", "不支持"),
    ],
)
def test_unreadable_input_exits_2(tmp_path, name, data, said):
    path = tmp_path / (name or "不存在.txt")
    if data is not None:
        path.write_bytes(data)

    with pytest.raises(CommandError) as caught:
        scan(path)

    assert caught.value.returncode == 2
    assert said in str(caught.value)


@pytest.mark.scripts
def test_a_real_process_reads_stdin_and_exits_0_or_2(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings_test",
        "GONGKAI_VAR_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "gongkai", "privacy", "scan"]
    root = Path(__file__).resolve().parents[3]

    found = subprocess.run(
        [*command, "-"], input=LIST_TEXT.encode(), capture_output=True, env=env, cwd=root
    )
    missing = subprocess.run(
        [*command, str(tmp_path / "无.pdf")], capture_output=True, env=env, cwd=root
    )

    assert found.returncode == 0, found.stderr.decode()
    assert [f["kind"] for f in json.loads(found.stdout)] == ["id_number", "mobile"]
    assert missing.returncode == 2
    assert "找不到文件" in missing.stderr.decode()
    assert missing.stdout == b""
