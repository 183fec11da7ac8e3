"""The portal's 年报 column lists published reports only, and each shows its frozen tables."""

import pytest
from django.urls import reverse

from gongkai.reports import services

pytestmark = pytest.mark.django_db


def test_the_column_lists_published_reports_only(client, published_2024, complete_2025):
    page = client.get(reverse("reports_portal:index")).content.decode()
    assert "坦洲镇2024年政府信息公开工作年度报告" in page
    assert "坦洲镇2025年政府信息公开工作年度报告" not in page


def test_a_published_report_page_has_all_six_sections_and_a_word_file(client, published_2024):
    page = client.get(reverse("reports_portal:report", args=["tanzhou", 2024])).content.decode()
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                    "六、其他需要报告的事项"):  # fmt: skip
        assert heading in page
    assert "/staff/" not in page.split("<main", 1)[1]  # no drill-down links for the public
    word = client.get(reverse("reports_portal:docx", args=["tanzhou", 2024]))
    assert word.status_code == 200 and word.content[:2] == b"PK"


def test_unknown_or_unpublished_reports_are_404(client, complete_2025, tanzhou_approver):
    services.approve(complete_2025, actor=tanzhou_approver)
    for args in (["tanzhou", 2025], ["tanzhou", 1999], ["nowhere", 2024]):
        assert client.get(reverse("reports_portal:report", args=args)).status_code == 404
        assert client.get(reverse("reports_portal:docx", args=args)).status_code == 404
