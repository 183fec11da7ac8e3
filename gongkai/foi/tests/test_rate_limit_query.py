"""Guessing query codes is throttled per address, on the portal and the API alike."""

import pytest
from django.test import override_settings

from gongkai.foi import services
from gongkai.foi.tests.conftest import zhang_wei
from gongkai.orgs.models import Unit

GUESSER = "203.0.113.99"


@pytest.fixture
def submitted(zhongshan):
    return services.info_request_submit(unit=Unit.objects.get(code="tanzhou"), data=zhang_wei())


@override_settings(GONGKAI_QUERY_RATE="3/h")
def test_after_the_limit_even_the_right_code_is_refused_on_the_portal(client, submitted):
    case, code = submitted
    for n in range(3):
        guess = client.post(
            "/yisqgk/query/",
            {"tracking_number": case.tracking_number, "query_code": f"GUESS{n}"},
            REMOTE_ADDR=GUESSER,
        )
        assert guess.status_code == 200

    right = client.post(
        "/yisqgk/query/",
        {"tracking_number": case.tracking_number, "query_code": code},
        REMOTE_ADDR=GUESSER,
    )

    assert right.status_code == 429 and "查询次数过多" in right.content.decode()
    assert client.get("/yisqgk/query/case/").status_code == 302  # not verified


@override_settings(GONGKAI_QUERY_RATE="3/h")
def test_the_api_shares_the_query_limit(client, submitted):
    case, code = submitted
    body = {"tracking_number": case.tracking_number, "query_code": "WRONG"}
    for _ in range(2):
        post = client.post(
            "/api/v1/applications/status",
            body,
            content_type="application/json",
            REMOTE_ADDR=GUESSER,
        )
        assert post.status_code == 404
    portal = client.post("/yisqgk/query/", body, REMOTE_ADDR=GUESSER)
    assert portal.status_code == 200

    refused = client.post(
        "/api/v1/applications/status",
        body | {"query_code": code},
        content_type="application/json",
        REMOTE_ADDR=GUESSER,
    )

    assert refused.status_code == 429 and refused.json() == {
        "detail": "查询次数过多,请一小时后再试。"
    }
