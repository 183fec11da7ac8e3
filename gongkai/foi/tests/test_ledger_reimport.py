"""Importing the same ledger twice changes nothing; a case that moved on since is updated."""

import datetime

from django.forms.models import model_to_dict

from gongkai.core.models import AuditEvent
from gongkai.foi.models import InfoRequest, Pause, RequestEvent
from gongkai.foi.tests.ledger_files import import_ledger, list_ledger, row, write_csv, write_xlsx

D = datetime.date


def ledger(**last_row_cells) -> list[dict]:
    return [
        row("TZ-2025-002", D(2025, 1, 25), 答复日期=D(2025, 2, 20), 办理结果="予以公开"),
        row(
            "TZ-2025-017", D(2025, 9, 15), 征询开始日期=D(2025, 9, 25),
            征询结束日期=D(2025, 10, 10), 延期工作日=5,
        ),
        row("TZ-2026-088", D(2026, 11, 16), 补正告知日期=D(2026, 11, 18), **last_row_cells),
    ]  # fmt: skip


def database() -> dict:
    cases = InfoRequest.objects.filter(unit__code="tanzhou").order_by("ledger_no")
    return {
        "cases": [model_to_dict(case) for case in cases],
        "pauses": list(Pause.objects.values()),
        "events": RequestEvent.objects.count(),
    }


def test_the_same_csv_twice_changes_nothing(official_calendar, tmp_path):
    path = write_csv(tmp_path / "台账.csv", ledger())
    assert "新增 3 件,更新 0 件,未变 0 件" in import_ledger(path)
    before, listed = database(), list_ledger()
    assert "新增 0 件,更新 0 件,未变 3 件" in import_ledger(path)
    assert database() == before
    assert list_ledger() == listed


def test_the_same_rows_as_xlsx_after_csv_change_nothing(official_calendar, tmp_path):
    import_ledger(write_csv(tmp_path / "台账.csv", ledger(), bom=True))
    before = database()
    assert "未变 3 件" in import_ledger(write_xlsx(tmp_path / "台账.xlsx", ledger()))
    assert database() == before


def test_a_row_that_moved_on_updates_its_case(official_calendar, tmp_path):
    import_ledger(write_csv(tmp_path / "台账.csv", ledger()))
    audits = AuditEvent.objects.count()
    later = ledger(补正收到日期=D(2026, 11, 20), 答复日期=D(2026, 11, 25), 办理结果="unavailable.3")
    assert "新增 0 件,更新 1 件,未变 2 件" in import_ledger(write_csv(tmp_path / "台账.csv", later))
    case = InfoRequest.objects.get(unit__code="tanzhou", ledger_no="TZ-2026-088")
    assert (case.status, case.outcome, case.corrected_on) == (
        "archived",
        "unavailable.3",
        D(2026, 11, 20),
    )
    assert case.due_on == D(2026, 12, 18)  # 20 working days from the 补正 on 11-20
    update = case.events.get(data__kind="ledger_update")
    assert {"corrected_on", "outcome", "status", "due_on"} <= set(update.data["fields"])
    assert AuditEvent.objects.count() == audits + 1
