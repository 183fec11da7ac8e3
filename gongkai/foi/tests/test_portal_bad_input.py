"""Bad input on the portal form: a Chinese message on the named field, nothing stored, no trace."""

from dataclasses import asdict

import pytest

from gongkai.foi.models import InfoRequest, RequestEvent
from gongkai.foi.tests.conftest import ZHANG_WEI_ID, zhang_wei

SCRIPT = "<script>alert(1)</script>"
WRONG_CHECK = ZHANG_WEI_ID[:17] + ("0" if ZHANG_WEI_ID[17] != "0" else "1")


def form_data(unit="tanzhou", **changes):
    return {"unit": unit, **asdict(zhang_wei(**changes))}


CASES = {
    "bad check digit": (form_data(id_number=WRONG_CHECK), "证件号码", "居民身份证号码无效"),
    "no contact": (
        form_data(phone="", email="", address="", receive_by="online"),
        "联系电话",
        "请至少填写一种联系方式",
    ),
    "empty description": (form_data(description=""), "所需信息的内容描述", "必填"),
    "2001 characters": (form_data(description="申" * 2001), "所需信息的内容描述", "2000"),
    "script in description": (
        form_data(description=SCRIPT),
        "所需信息的内容描述",
        "不能包含网页代码",
    ),
    "script in name": (form_data(applicant_name=SCRIPT), "姓名或名称", "不能包含网页代码"),
    "unknown unit": (form_data(unit="atlantis"), "受理机关", "所选受理机关不存在"),
    "no unit": (form_data(unit=""), "受理机关", "请选择受理机关"),
    "unknown applicant kind": (form_data(applicant_kind="robot"), "申请人类型", "有效的选项"),
    "unknown id type": (form_data(id_type="dog_tag"), "证件类型", "有效的选项"),
    "org code for a person": (
        form_data(id_type="org_code"),
        "证件类型",
        "自然人请填写身份证件",
    ),
}


@pytest.mark.parametrize("data, label, message", CASES.values(), ids=CASES.keys())
def test_bad_input_names_the_field_in_chinese_and_stores_nothing(
    client, zhongshan, data, label, message
):
    response = client.post("/yisqgk/", data)

    page = response.content.decode()
    assert response.status_code == 200
    summary = page[
        page.index('id="error-summary"') : page.index("</ul>", page.index("error-summary"))
    ]
    assert label in summary and message in summary
    assert SCRIPT not in page  # echoed back escaped, never as markup
    assert "Traceback" not in page
    assert not InfoRequest.objects.exists() and not RequestEvent.objects.exists()


def test_tampered_extra_fields_are_ignored(client, zhongshan):
    data = form_data() | {
        "status": "replied",
        "outcome": "disclosed",
        "tracking_number": "2026-AAAAAAAA",
        "query_code_hash": "0" * 64,
        "received_on": "2020-01-01",
        "source": "staff",
        "client_ip": "10.0.0.1",
    }

    assert client.post("/yisqgk/", data, REMOTE_ADDR="198.51.100.4").status_code == 302

    case = InfoRequest.objects.get()
    assert case.status == "received" and case.outcome == "" and case.received_on is None
    assert case.tracking_number != "2026-AAAAAAAA" and case.query_code_hash != "0" * 64
    assert (case.source, case.client_ip) == ("portal", "198.51.100.4")


def test_a_forged_post_without_the_csrf_token_is_refused(zhongshan):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/yisqgk/", form_data())

    assert response.status_code == 403
    assert not InfoRequest.objects.exists()
