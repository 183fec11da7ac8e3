"""POST /api/v1/applications: the fixed contract, and every kind of bad input as 400 in Chinese.

Unknown fields are refused (400), so a misspelt optional field is not silently
dropped from a case.
"""

import datetime
import json
from dataclasses import asdict

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from gongkai.foi import services
from gongkai.foi.models import InfoRequest, RequestEvent
from gongkai.foi.tests.conftest import ZHANG_WEI_ID, law_firm, zhang_wei
from gongkai.orgs.models import Unit

URL = "/api/v1/applications"
SCRIPT = "<script>alert(1)</script>"
WRONG_CHECK = ZHANG_WEI_ID[:17] + ("0" if ZHANG_WEI_ID[17] != "0" else "1")


def body(data=None, unit="tanzhou", **extra):
    return {"unit": unit, **asdict(data or zhang_wei()), **extra}


def post(client, payload, **headers):
    raw = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(URL, raw, content_type="application/json", **headers)


def assert_refused(response, field, message):
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert message in errors[field], errors
    assert not InfoRequest.objects.exists() and not RequestEvent.objects.exists()


def test_a_valid_application_returns_201_with_the_tracking_number_and_query_code(client, zhongshan):
    response = post(client, body(law_firm()), REMOTE_ADDR="192.0.2.8")

    assert response.status_code == 201
    result = response.json()
    assert set(result) == {"tracking_number", "query_code", "status"}
    case = InfoRequest.objects.get(tracking_number=result["tracking_number"])
    assert result["status"] == "received" == case.status
    assert services.query_code_matches(case, result["query_code"])
    assert (case.source, case.channel, case.client_ip) == ("api", "online", "192.0.2.8")
    assert case.applicant_kind == "legal_service" and case.unit.code == "tanzhou"


def test_null_and_absent_optional_fields_count_as_empty(client, zhongshan):
    payload = body(zhang_wei(receive_by="email")) | {"doc_number": None, "postcode": None}
    del payload["form_wanted"]

    assert post(client, payload).status_code == 201
    case = InfoRequest.objects.get()
    assert (case.doc_number, case.postcode, case.form_wanted) == ("", "", "electronic")


def test_the_endpoint_needs_no_csrf_token(zhongshan):
    response = post(Client(enforce_csrf_checks=True), body())

    assert response.status_code == 201


BAD = {
    "bad check digit": (body(zhang_wei(id_number=WRONG_CHECK)), "id_number", "居民身份证号码无效"),
    "no contact": (
        body(zhang_wei(phone="", email="", address="", receive_by="online")),
        "phone",
        "请至少填写一种联系方式",
    ),
    "empty description": (body(zhang_wei(description="")), "description", "请描述所需政府信息"),
    "2001 characters": (body(zhang_wei(description="申" * 2001)), "description", "不能超过2000字"),
    "script": (body(zhang_wei(description=SCRIPT)), "description", "不能包含网页代码"),
    "script in name": (body(zhang_wei(applicant_name=SCRIPT)), "applicant_name", "网页代码"),
    "unknown unit": (body(unit="atlantis"), "unit", "受理机关代码不存在"),
    "public institution": (body(unit="power-supply"), "unit", "不受理"),
    "unknown applicant kind": (
        body(zhang_wei(applicant_kind="robot")),
        "applicant_kind",
        "请选择申请人类型",
    ),
    "unknown id type": (body(zhang_wei(id_type="dog_tag")), "id_type", "请选择证件类型"),
    "unknown receive_by": (body(zhang_wei(receive_by="pigeon")), "receive_by", "获取信息的方式"),
    "extra field": (body(status="replied"), "status", "不接受的字段“status”"),
    "missing name": (
        {k: v for k, v in body().items() if k != "applicant_name"},
        "applicant_name",
        "缺少必填项“申请人姓名或名称”",
    ),
    "number for text": (body(description=12345), "description", "应为文字"),
    "NUL character": (body(zhang_wei(address="坦洲\x00镇")), "address", "控制字符"),
    "email over 254": (body(zhang_wei(email="a" * 250 + "@x.cn")), "email", "过长"),
    "not JSON": ("{unit: tanzhou", "body", "JSON"),
    "a list": ([body()], "body", "JSON 对象"),
    "empty body": ("", "body", "JSON 对象"),
}


@pytest.mark.parametrize("payload, field, message", BAD.values(), ids=BAD.keys())
def test_bad_input_is_400_with_a_chinese_message_on_the_field(
    client, zhongshan, payload, field, message
):
    response = post(client, payload)

    assert_refused(response, field, message)
    assert SCRIPT not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_a_merged_unit_points_to_its_successor(client, zhongshan):
    Unit.objects.filter(code="cuiheng").update(
        valid_to=timezone.localdate() - datetime.timedelta(days=1),
        successor=Unit.objects.get(code="tanzhou"),
    )

    assert_refused(
        post(client, body(unit="cuiheng")), "unit", "翠亨新区已撤销或合并,请向坦洲镇申请"
    )


def test_every_problem_is_reported_at_once(client, zhongshan):
    payload = body(zhang_wei(id_number=WRONG_CHECK, description=""), unit="atlantis")

    errors = post(client, payload).json()["errors"]

    assert {"unit", "id_number", "description"} <= set(errors)


def test_an_unexpected_failure_is_a_json_500_without_a_trace(client, zhongshan, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(services, "info_request_submit", broken)

    response = post(client, body())

    assert response.status_code == 500
    assert response.json() == {"detail": "服务暂时不可用,请稍后再试"}


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_an_oversized_body_is_413_in_chinese(client, zhongshan):
    response = post(client, body(zhang_wei(description="申" * 5000)))

    assert response.status_code == 413
    assert response.json() == {"detail": "请求内容过大"}
    assert not InfoRequest.objects.exists()
