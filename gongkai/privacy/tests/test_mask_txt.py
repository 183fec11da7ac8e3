"""A text file is masked in its own encoding, line endings and byte-order mark kept."""

from gongkai.privacy.masking import mask_attachment
from gongkai.privacy.tests.files import ID_CHEN

LIST_TEXT = f"序号,姓名,身份证号码,联系电话\r\n1,陈阿婆,{ID_CHEN},13812345678\r\n"
MASKED = "序号,姓名,身份证号码,联系电话\r\n1,陈阿婆,4420**********0423,138****5678\r\n"


def test_utf8_with_bom():
    masked = mask_attachment("名单.csv", LIST_TEXT.encode("utf-8-sig"))

    assert masked == MASKED.encode("utf-8-sig")


def test_gb18030_stays_gb18030():
    masked = mask_attachment("名单.txt", LIST_TEXT.encode("gb18030"))

    assert masked == MASKED.encode("gb18030")
