"""Each kind of attachment gives the text the gate checks; what cannot be checked says so."""

import io

from docx import Document
from docx.oxml import parse_xml

from gongkai.privacy.detectors import scan_text
from gongkai.privacy.extract import CHECKED, NOT_CHECKED, extract_text
from gongkai.privacy.tests.files import (
    CARD_19,
    ID_CHEN,
    ID_HUANG,
    ID_LIANG,
    docx_bytes,
    grouped,
    pdf_bytes,
    png_bytes,
    relief_form,
    subsidy_sheet,
)

LIST_TEXT = f"陈阿婆\t{ID_CHEN}\t13812345678\r\n黄志明\t{ID_HUANG}\t\r\n"


def kinds(extraction) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in scan_text(extraction.text)]


def test_utf8_text_with_bom_and_gb18030_text_read_the_same():
    utf8 = extract_text("名单.txt", LIST_TEXT.encode("utf-8-sig"))
    gbk = extract_text("名单.csv", LIST_TEXT.encode("gb18030"))

    assert utf8 == gbk
    assert (utf8.text, utf8.status, utf8.reason) == (LIST_TEXT, CHECKED, "")


def test_docx_body_table_header_footer_and_split_runs():
    extraction = extract_text("临时救助审批表.docx", relief_form())

    assert extraction.status == CHECKED
    assert "中山市坦洲镇临时救助审批表" in extraction.text
    assert "经办人电话:0760-86661234" in extraction.text  # header
    assert "tzsw@zs.gov.cn" in extraction.text  # footer
    assert kinds(extraction) == [
        ("id_number", ID_HUANG),  # split across a bold and an italic run
        ("mobile", "139-2345-6789"),
        ("address", "新前进村七组12号"),
        ("bank_card", grouped(CARD_19)),
        ("email", "huangzm1978@163.com"),
    ]


def test_docx_text_boxes_content_controls_deletions_and_link_targets_are_read():
    document = Document()
    paragraph = document.add_paragraph("联系方式见附表")
    for xml in (
        # a text box: its paragraph sits inside a run of the outer paragraph
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>陈阿婆 13812345678</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></w:r>",
        f"<w:sdt><w:sdtContent><w:r><w:t>身份证{ID_CHEN};</w:t></w:r></w:sdtContent></w:sdt>",
        '<w:del w:id="1" w:author="经办人"><w:r><w:delText>原电话13923456789</w:delText></w:r></w:del>',
    ):
        paragraph._p.append(parse_xml(xml.replace(">", f" {W_NS}>", 1)))
    document.part.relate_to("mailto:chenapo@qq.com", HYPERLINK, is_external=True)

    extraction = extract_text("说明.docx", docx_bytes(document))

    assert kinds(extraction) == [
        ("id_number", ID_CHEN),
        ("mobile", "13923456789"),
        ("mobile", "13812345678"),
        ("email", "chenapo@qq.com"),
    ]
    assert "陈阿婆 13812345678" in extraction.text.split("\n")  # its own line


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def test_xlsx_every_sheet_row_and_cell():
    extraction = extract_text("补贴发放表.xlsx", subsidy_sheet())

    lines = extraction.text.split("\n")
    assert lines[0] == "[2024年3月发放表]"
    assert lines[3] == "\t".join(
        ["1", "陈阿婆", ID_CHEN, "13812345678", "139-2345-6789", grouped(CARD_19), "1500"]
    )
    assert "[原始名单]" in lines  # the hidden sheet
    found = kinds(extraction)
    assert ("mobile", "13590001234") in found  # stored as a float
    assert ("id_number", ID_LIANG.lower()) in found
    assert ("mobile", "13800001111") in found
    assert len(found) == 12


def test_pdf_text_layer():
    data = pdf_bytes(["Name: Chen A Po", f"ID: {ID_CHEN}", "Tel: 138-1234-5678"])

    extraction = extract_text("公示.pdf", data)

    assert extraction.status == CHECKED
    assert kinds(extraction) == [("id_number", ID_CHEN), ("mobile", "138-1234-5678")]


def test_pdf_without_text_layer_is_not_checked():
    extraction = extract_text("扫描件.pdf", pdf_bytes([]))

    assert (extraction.status, extraction.reason) == (NOT_CHECKED, "扫描件或无文字层,未能检查")


def test_image_is_not_checked_even_when_named_otherwise():
    photo = extract_text("名单照片.jpg", png_bytes())  # a PNG saved as .jpg is still an image

    assert (photo.text, photo.status) == ("", NOT_CHECKED)
    assert "图片" in photo.reason


def test_pictures_inside_a_word_file_are_named_in_the_reason():
    document = Document()
    document.add_paragraph("附:身份证复印件")
    document.add_picture(io.BytesIO(png_bytes()))

    extraction = extract_text("材料.docx", docx_bytes(document))

    assert extraction.status == CHECKED
    assert extraction.reason == "文档中有 1 张图片,图片中的文字未能检查"


def test_a_file_without_extension_is_read_by_content():
    assert extract_text("名单", LIST_TEXT.encode()).text == LIST_TEXT
