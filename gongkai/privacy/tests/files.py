"""Personal data and attachments as they appear in Zhongshan's disclosure work, built in memory.

Check characters are computed here from the standards' own formulas
(GB 11643-1999: weights 2^(17-i) mod 11; GB 32100-2015: weights 3^i mod 31;
Luhn), not taken from gongkai.privacy, so a wrong table there cannot agree
with itself.
"""

import io
import struct
import zlib

from docx import Document
from openpyxl import Workbook


def id_number(region: str, born: str, sequence: str) -> str:
    """A resident ID number with its GB 11643-1999 check character."""
    first17 = region + born + sequence
    total = sum(int(digit) * pow(2, 17 - i, 11) for i, digit in enumerate(first17))
    return first17 + "10X98765432"[total % 11]


def card_number(body: str) -> str:
    """`body` followed by its Luhn check digit."""
    total = 0
    for position, char in enumerate(reversed(body)):
        n = int(char)
        if position % 2 == 0:  # these digits are doubled once the check digit is appended
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return body + str((10 - total % 10) % 10)


def uscc(first17: str) -> str:
    """A 统一社会信用代码 with its GB 32100-2015 check character."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return first17 + alphabet[(31 - total % 31) % 31]


def grouped(number: str, size: int = 4, separator: str = " ") -> str:
    return separator.join(number[k : k + size] for k in range(0, len(number), size))


def full_width(text: str) -> str:
    return text.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))


# 中山市 (442000) residents of the 低保 list and the subsidy sheet.
ID_CHEN = id_number("442000", "19520308", "042")  # 陈阿婆
ID_HUANG = id_number("442000", "19780512", "313")  # 黄志明
ID_LIANG = id_number("440682", "19850930", "023")  # 梁少芬, born in 南海; ends in X
ID_WITH_X = "11010519491231002X"  # the worked example of GB 11643-1999
assert ID_WITH_X == id_number("110105", "19491231", "002")
LEGACY_ID = "442000520308042"  # 15 digits: 1952-03-08
CARD_19 = "6222021234567890128"  # 工商银行借记卡 layout, Luhn-valid
assert CARD_19 == card_number("622202123456789012")
CARD_16 = card_number("621700286000123")  # 建设银行龙卡 layout
# 中山市人民政府办公室-like 统一社会信用代码 (机关: 1 1) and a company (9 1).
USCC_OFFICE = uscc("11442000007239458")
USCC_COMPANY = uscc("91442000MA4UJ5QX1")


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def relief_form(id_split_at: int = 8) -> bytes:
    """临时救助审批表: a form table, the ID number split across two runs (bold, then plain)."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = "坦洲镇社会事务局 经办人电话:0760-86661234"
    document.sections[0].footer.paragraphs[0].text = "如有疑问请联系 tzsw@zs.gov.cn"
    document.add_paragraph("中山市坦洲镇临时救助审批表")
    table = document.add_table(rows=5, cols=4)
    rows = [
        ("申请人", "黄志明", "身份证号码", None),
        ("联系电话", "139-2345-6789", "家庭人口", "3"),
        ("家庭住址", "坦洲镇新前进村七组12号", "救助金额", "2,000.00元"),
        ("收款账号", grouped(CARD_19), "开户行", "中国工商银行坦洲支行"),
        ("审批意见", "同意救助", "文号", "坦府社〔2024〕15号"),
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value
    paragraph = table.cell(0, 3).paragraphs[0]
    paragraph.add_run(ID_HUANG[:id_split_at]).bold = True
    paragraph.add_run(ID_HUANG[id_split_at:]).italic = True
    document.add_paragraph("申请人电子邮箱:huangzm1978@163.com。")
    return docx_bytes(document)


SUBSIDY_HEADER = ["序号", "姓名", "身份证号码", "联系电话", "备用电话", "银行卡号", "发放金额(元)"]
SUBSIDY_ROWS = [
    [1, "陈阿婆", ID_CHEN, 13812345678, "139-2345-6789", grouped(CARD_19), 1500.0],
    [2, "黄志明", ID_HUANG, 13590001234.0, "(137)60001234", CARD_16, 800],
    [3, "梁少芬", ID_LIANG.lower(), 15811112222, "", grouped(CARD_19), 1234.5],
]


def subsidy_sheet() -> bytes:
    """补贴发放表: IDs as text, mobiles as numbers and as text, cards grouped and not."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "2024年3月发放表"
    sheet.append(["中山市坦洲镇2024年3月高龄津贴发放表"])
    sheet.append(SUBSIDY_HEADER)
    for row in SUBSIDY_ROWS:
        sheet.append(row)
    sheet.append(["", "合计", "", "", "", "", 3534.5])
    sheet.append(["发放单位", "坦洲镇社会事务局", USCC_OFFICE, "0760-86661234", "", "", ""])
    archive = workbook.create_sheet("原始名单")
    archive.sheet_state = "hidden"
    archive.append(["陈阿婆", "13800001111"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _escape_pdf(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF drawing `lines` (ASCII) in Helvetica; no lines gives a page with no text."""
    shown = " ".join(f"({_escape_pdf(line)}) Tj T*" for line in lines)
    content = f"BT /F1 11 Tf 14 TL 72 760 Td {shown} ET" if lines else "q Q"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def png_bytes() -> bytes:
    """A 1×1 grey PNG: what a phone photo of a paper list looks like to the gate."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + tag
            + body
            + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )
