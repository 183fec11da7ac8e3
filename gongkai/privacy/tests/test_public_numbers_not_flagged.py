"""What is public by design is never flagged: a clean notice scans clean."""

import pytest

from gongkai.privacy.detectors import scan_text
from gongkai.privacy.tests.files import USCC_COMPANY, USCC_OFFICE, id_number

NOTICE = f"""中山市坦洲镇人民政府关于2024年度城乡居民最低生活保障资金发放情况的公示
索引号:{USCC_OFFICE}/2024-00123  发文字号:坦府〔2024〕41号  成文日期:2024年3月1日(20240301)
根据《中山市最低生活保障办法》(中府〔2021〕41号),本月共发放低保金1,234,567.89元,
其中新增12户、共计3,456.00万元。承办单位:坦洲镇社会事务局(统一社会信用代码{USCC_OFFICE}),
发放银行:中国工商银行股份有限公司中山坦洲支行({USCC_COMPANY})。
公示期为2024-03-01至2024-03-07。如有异议,请致电0760-86661234、(0760)86661235
或拨打12345政务服务便民热线,邮政编码528467,邮箱tzmz@zs.gov.cn。
已脱敏信息示例:陈阿婆 4420**********0423 138****5678 6222 **** **** ***0 128。
"""


def test_a_realistic_notice_has_no_personal_data():
    assert scan_text(NOTICE) == []


@pytest.mark.parametrize(
    "public",
    [
        pytest.param(USCC_OFFICE, id="USCC of a government office"),
        pytest.param(USCC_COMPANY, id="USCC of a company"),
        pytest.param(f"{USCC_OFFICE}/2024-00123", id="索引号"),
        pytest.param("007239458/2024-00123", id="索引号 with the organisation code"),
        pytest.param("2024年3月1日", id="date"),
        pytest.param("20240301", id="compact date"),
        pytest.param("2024-03-01 09:30:00", id="timestamp"),
        pytest.param("1,234,567.89元", id="amount"),
        pytest.param("528400", id="postal code"),
        pytest.param("中府〔2021〕41号", id="文号"),
        pytest.param("138****1234", id="masked mobile"),
        pytest.param("4420**********1234", id="masked ID"),
        pytest.param("1234567890123456789012", id="22 digits"),
        pytest.param(id_number("442000", "19520308", "042")[:17] + "5", id="wrong check digit"),
    ],
)
def test_public_values_are_not_flagged(public):
    assert scan_text(f"({public})") == []
