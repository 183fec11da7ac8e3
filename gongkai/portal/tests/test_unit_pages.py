"""Each unit's 政府信息公开 pages: index, 指南 from its data, 制度, 法定主动公开内容, 年报."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def get(client, name, *args, **query):
    response = client.get(reverse(f"portal:{name}", args=args), query)
    return response.status_code, response.content.decode()


def test_the_index_links_every_town_and_department(client, zhongshan):
    status, page = get(client, "unit_index")
    assert status == 200
    assert reverse("portal:unit_home", args=["tanzhou"]) in page
    assert reverse("portal:unit_home", args=["civil-affairs"]) in page
    assert "坦洲村" not in page  # villages have no pages of their own here


def test_the_guide_is_generated_from_the_units_data(client, tanzhou):
    tanzhou.office_name = "坦洲镇党政综合办公室"
    tanzhou.address = "中山市坦洲镇德秀路1号"
    tanzhou.phone = "0760-86612345"
    tanzhou.fax = "0760-86612346"
    tanzhou.save()
    status, page = get(client, "unit_guide", "tanzhou")
    assert status == 200
    for fact in ("坦洲镇党政综合办公室", "中山市坦洲镇德秀路1号", "0760-86612345",
                 "传真至 0760-86612346", "20个工作日内答复", "中山市人民政府"):  # fmt: skip
        assert fact in page, fact


def test_rules_topic_and_reports(client, tanzhou_records, published_2024_report):
    _, rules = get(client, "unit_rules", "tanzhou")
    assert "坦洲镇政府信息公开工作制度" in rules and "招生计划" not in rules
    _, by_topic = get(client, "unit_proactive", "tanzhou", topic="教育")
    assert "坦洲镇2027年春季义务教育招生计划" in by_topic and "工作制度</a>" not in by_topic
    _, reports = get(client, "unit_reports", "tanzhou")
    assert "坦洲镇2024年政府信息公开工作年度报告" in reports


def test_unknown_units_villages_and_odd_pages(client, zhongshan):
    assert get(client, "unit_home", "nowhere")[0] == 404
    assert get(client, "unit_guide", "tanzhoucun")[0] == 404
    assert get(client, "unit_proactive", "tanzhou", page="99999999999999")[0] == 200
    assert get(client, "unit_proactive", "tanzhou", page="-1", topic="<script>")[0] == 200
