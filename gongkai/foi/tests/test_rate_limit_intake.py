"""A flood of applications from one address is stopped: 429, a clear message, nothing stored.

Only applications that pass validation count (those are the ones that would
be stored); a citizen correcting mistakes is not locked out. The portal and
the API share one count per address.
"""

from dataclasses import asdict

from django.test import override_settings

from gongkai.foi.models import InfoRequest
from gongkai.foi.tests.conftest import zhang_wei

FLOODER = "203.0.113.66"


def form_data(**changes):
    return {"unit": "tanzhou", **asdict(zhang_wei(**changes))}


def api_post(client, address=FLOODER, **changes):
    return client.post(
        "/api/v1/applications",
        form_data(**changes),
        content_type="application/json",
        REMOTE_ADDR=address,
    )


@override_settings(GONGKAI_INTAKE_RATE="3/h")
def test_a_portal_flood_is_refused_after_the_limit_and_nothing_more_is_stored(client, zhongshan):
    for _ in range(3):
        assert client.post("/yisqgk/", form_data(), REMOTE_ADDR=FLOODER).status_code == 302

    for _ in range(5):
        refused = client.post("/yisqgk/", form_data(), REMOTE_ADDR=FLOODER)
        assert refused.status_code == 429
        assert "提交的申请过于频繁" in refused.content.decode()

    assert InfoRequest.objects.count() == 3


@override_settings(GONGKAI_INTAKE_RATE="3/h")
def test_an_api_flood_is_refused_with_a_chinese_detail(client, zhongshan):
    for _ in range(3):
        assert api_post(client).status_code == 201

    refused = api_post(client)

    assert refused.status_code == 429
    assert "过于频繁" in refused.json()["detail"]
    assert InfoRequest.objects.count() == 3


@override_settings(GONGKAI_INTAKE_RATE="2/h")
def test_portal_and_api_share_one_count_per_address(client, zhongshan):
    assert client.post("/yisqgk/", form_data(), REMOTE_ADDR=FLOODER).status_code == 302
    assert api_post(client).status_code == 201

    assert client.post("/yisqgk/", form_data(), REMOTE_ADDR=FLOODER).status_code == 429
    assert api_post(client).status_code == 429
    assert InfoRequest.objects.count() == 2


@override_settings(GONGKAI_INTAKE_RATE="2/h")
def test_rejected_attempts_do_not_count_and_other_addresses_are_not_affected(client, zhongshan):
    for _ in range(5):
        mistaken = client.post("/yisqgk/", form_data(phone="123"), REMOTE_ADDR=FLOODER)
        assert mistaken.status_code == 200  # the form again, with the phone error
    for _ in range(2):
        assert client.post("/yisqgk/", form_data(), REMOTE_ADDR=FLOODER).status_code == 302
    assert client.post("/yisqgk/", form_data(), REMOTE_ADDR=FLOODER).status_code == 429

    neighbour = client.post("/yisqgk/", form_data(), REMOTE_ADDR="198.51.100.20")

    assert neighbour.status_code == 302
    assert InfoRequest.objects.count() == 3
