"""What cannot be masked is refused, and a masked file that still holds data is never returned."""

import pytest

from gongkai.privacy import masking
from gongkai.privacy.extract import AttachmentError
from gongkai.privacy.masking import MaskingFailed, MaskingNotSupported, mask_attachment
from gongkai.privacy.tests.files import ID_CHEN, pdf_bytes, png_bytes, relief_form


def test_pdf_cannot_be_masked():
    with pytest.raises(MaskingNotSupported) as caught:
        mask_attachment("公示.pdf", pdf_bytes([f"ID {ID_CHEN}"]))

    assert caught.value.errors == ["PDF 附件不能自动遮蔽,请在源文件中遮蔽后重新上传"]


def test_image_cannot_be_masked():
    with pytest.raises(MaskingNotSupported) as caught:
        mask_attachment("名单照片.png", png_bytes())

    assert "人工核对" in caught.value.errors[0]


def test_content_that_does_not_match_the_extension_is_refused():
    with pytest.raises(AttachmentError) as caught:
        mask_attachment("公示.pdf", b"<html><body>404</body></html>")

    assert "不是PDF 文件" in caught.value.errors[0]


def test_a_masker_that_misses_something_is_caught_by_the_rescan(monkeypatch):
    # Stands in for a masking bug: the rewrite changes nothing.
    monkeypatch.setattr(masking, "mask_segments", lambda segments: segments)

    with pytest.raises(MaskingFailed) as caught:
        mask_attachment("临时救助审批表.docx", relief_form())

    assert {f.kind for f in caught.value.findings} == {
        "id_number",
        "mobile",
        "address",
        "bank_card",
        "email",
    }
    (message,) = caught.value.errors
    assert message == "自动遮蔽后仍检出 5 处个人信息,未生成遮蔽文件;请在源文件中遮蔽后重新上传"
