"""A ledger case that staff went on to handle here is not overwritten by the spreadsheet.

Imported open (办理中), replied on the platform with a letter; the same ledger
imported again would put it back to 办理中 under its reply letter. It is refused,
row and column named, and nothing changes.
"""

import datetime

import pytest
from django.core.management.base import CommandError

from gongkai.foi import services
from gongkai.foi.models import InfoRequest
from gongkai.foi.tests.case_state import state
from gongkai.foi.tests.ledger_files import import_ledger, row, write_csv

D = datetime.date


def test_a_case_handled_here_since_the_import_is_not_overwritten(
    official_calendar, tmp_path, tanzhou_handler
):
    path = write_csv(tmp_path / "台账.csv", [row("TZ-2026-001", D(2026, 3, 2))])
    import_ledger(path)
    case = InfoRequest.objects.get(ledger_no="TZ-2026-001")
    services.info_request_reply(
        info_request=case,
        actor=tanzhou_handler,
        outcome="unavailable.1",
        issued_on=D(2026, 3, 20),
        reason="本机关未制作该信息",
    )
    before = state(case)

    with pytest.raises(CommandError, match="第2行“申请编号”列:“TZ-2026-001”已是本平台受理的申请"):
        import_ledger(path)

    assert state(case) == before
    assert InfoRequest.objects.get(pk=case.pk).status == "replied"
