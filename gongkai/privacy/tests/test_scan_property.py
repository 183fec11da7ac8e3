"""Property: any valid ID number in any Chinese text is found at its offsets, and masking removes it."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.privacy.detectors import scan_text
from gongkai.privacy.masking import mask_text
from gongkai.privacy.tests.files import full_width, id_number

# 中山市, 广州市越秀区, 北京市东城区, 香港居民居住证, 新疆乌鲁木齐市
REGIONS = ["442000", "440104", "110101", "810000", "650102"]
chinese = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.sampled_from(",。:;、()《》 \n\t"),
    ),
    max_size=40,
)


@st.composite
def written_ids(draw) -> str:
    born = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2024, 12, 31)))
    number = id_number(
        draw(st.sampled_from(REGIONS)),
        born.strftime("%Y%m%d"),
        f"{draw(st.integers(0, 999)):03d}",
    )
    if draw(st.booleans()):
        number = number.lower()
    if draw(st.booleans()):
        number = full_width(number.upper())
    return number


@settings(max_examples=300, deadline=None)
@given(before=chinese, number=written_ids(), after=chinese)
def test_any_valid_id_in_chinese_text_is_found_and_masked(before, number, after):
    text = before + number + after

    findings = scan_text(text)

    assert [(f.kind, f.start, f.end, f.text) for f in findings] == [
        ("id_number", len(before), len(before) + 18, number)
    ]
    masked = mask_text(text)
    assert number not in masked
    assert len(masked) == len(text)
    assert masked[: len(before)] == before and masked[len(before) + 18 :] == after
    assert scan_text(masked) == []
