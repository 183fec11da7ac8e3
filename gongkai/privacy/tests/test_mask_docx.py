"""A Word file is masked in place: runs keep their formatting, the rest of the file is untouched."""

import io
import zipfile

from docx import Document

from gongkai.privacy.detectors import scan_text
from gongkai.privacy.extract import extract_text
from gongkai.privacy.masking import mask_attachment
from gongkai.privacy.tests.files import ID_HUANG, docx_bytes, relief_form

HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def test_relief_form_is_masked_and_proven_clean():
    masked = mask_attachment("临时救助审批表.docx", relief_form())

    text = extract_text("临时救助审批表.docx", masked).text
    assert scan_text(text) == []
    assert "4420**********3135" in text
    assert "139-****-6789" in text
    assert "坦洲镇新前进村七组**号" in text
    assert "6222 **** **** ***0 128" in text
    assert "申请人电子邮箱:h***@163.com。" in text
    # Public values stay as they were.
    for public in ("0760-86661234", "tzsw@zs.gov.cn", "坦府社〔2024〕15号", "2,000.00元"):
        assert public in text


def test_an_id_split_across_runs_keeps_each_runs_formatting():
    masked = Document(io.BytesIO(mask_attachment("审批表.docx", relief_form(id_split_at=8))))

    cell = masked.tables[0].cell(0, 3).paragraphs[0]
    runs = [(run.text, run.bold, run.italic) for run in cell.runs]
    assert runs == [("4420****", True, None), ("******3135", None, True)]
    assert ID_HUANG not in "".join(text for text, _, _ in runs)


def test_the_table_keeps_its_shape():
    original = Document(io.BytesIO(relief_form()))
    masked = Document(io.BytesIO(mask_attachment("审批表.docx", relief_form())))

    shape = [[cell.text for cell in row.cells][:2] for row in original.tables[0].rows]
    assert [[cell.text for cell in row.cells][:2] for row in masked.tables[0].rows] == [
        [
            label,
            value.replace("139-2345-6789", "139-****-6789")
            .replace("坦洲镇新前进村七组12号", "坦洲镇新前进村七组**号")
            .replace("6222 0212 3456 7890 128", "6222 **** **** ***0 128"),
        ]
        for label, value in shape
    ]


def test_link_targets_are_masked_and_the_preview_picture_dropped():
    document = Document()
    document.add_paragraph("申请人邮箱见链接")
    document.part.relate_to("mailto:huangzm1978@163.com", HYPERLINK, is_external=True)
    data = docx_bytes(document)
    assert "docProps/thumbnail.jpeg" in zipfile.ZipFile(io.BytesIO(data)).namelist()

    masked = mask_attachment("说明.docx", data)

    members = zipfile.ZipFile(io.BytesIO(masked))
    assert b"mailto:h***@163.com" in members.read("word/_rels/document.xml.rels")
    assert "docProps/thumbnail.jpeg" not in members.namelist()
    Document(io.BytesIO(masked))  # still opens


def test_a_file_without_personal_data_comes_back_byte_for_byte():
    document = Document()
    document.add_paragraph("咨询电话:0760-88123456,邮编528400,文号中府〔2021〕41号")
    data = docx_bytes(document)

    assert mask_attachment("通知.docx", data) == data
