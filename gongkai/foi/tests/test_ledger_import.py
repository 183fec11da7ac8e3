"""坦洲镇's ledger in through `gongkai foi import` and out through `gongkai foi list --format json`.

The due date follows the issue's formula: base = 补正收到日期 if given, else
收到日期; due = add_workdays(base, 20 + 延期工作日 + workdays_between(征询开始, 征询结束)).
"""

import datetime

import pytest

from gongkai.core.workdays import add_workdays, workdays_between
from gongkai.foi.models import InfoRequest, Pause
from gongkai.foi.tests.ledger_files import import_ledger, list_ledger, row, write_csv, write_xlsx

D = datetime.date


def tanzhou_ledger(text_dates: bool = False) -> list[dict]:
    """Six cases of 2024–2026; with `text_dates` the dates are typed the ways officials type them."""

    def day(value: datetime.date, style: int = 0):
        if not text_dates:
            return value
        return [
            f"{value.year}/{value.month}/{value.day}",
            f"{value.year}年{value.month}月{value.day}日",
            f"{value.year}.{value.month:02d}.{value.day:02d}",
        ][style % 3]

    return [
        # Received Sat 2025-01-25 (before the Spring Festival 2025 makeup Sunday).
        row("TZ-2025-002", day(D(2025, 1, 25)), 答复日期=day(D(2025, 2, 20), 1), 办理结果="disclosed"),
        # 补正 restart: corrected Fri 2025-02-07; replied a day late.
        row(
            "TZ-2025-001", day(D(2025, 1, 20), 2),
            申请人类型="法律服务机构", 申请人="中山市明德律师事务所",
            补正告知日期=day(D(2025, 1, 24)), 补正收到日期=day(D(2025, 2, 7), 1),
            答复日期=day(D(2025, 3, 7)), 办理结果="不予公开/保护第三方合法权益",
        ),
        # Received Fri before National Day 2024, replied on the due date.
        row("TZ-2024-031", day(D(2024, 9, 27)), 答复日期=day(D(2024, 10, 30)), 办理结果="予以公开"),
        # Consultation across National Day 2025 (6 working days) and 5 days' extension.
        row(
            "TZ-2025-017", day(D(2025, 9, 15)), 申请人类型="商业企业", 申请人="中山市坦洲某建筑工程有限公司",
            征询开始日期=day(D(2025, 9, 25)), 征询结束日期=day(D(2025, 10, 10), 2),
            延期工作日=5, 答复日期=day(D(2025, 10, 31)), 办理结果="refused.4",
        ),
        # Still awaiting the applicant's 补正.
        row("TZ-2026-088", day(D(2026, 11, 16)), 补正告知日期=day(D(2026, 11, 18))),
        # Open, not yet answered.
        row("TZ-2026-090", day(D(2026, 11, 20)), 延期工作日="0"),
    ]  # fmt: skip


EXPECTED = [
    {"ledger_no": "TZ-2024-031", "received_on": "2024-09-27", "due_on": "2024-10-30",
     "replied_on": "2024-10-30", "outcome": "disclosed", "on_time": True, "status": "archived"},
    {"ledger_no": "TZ-2025-001", "received_on": "2025-01-20", "due_on": "2025-03-06",
     "replied_on": "2025-03-07", "outcome": "refused.4", "on_time": False, "status": "archived"},
    {"ledger_no": "TZ-2025-002", "received_on": "2025-01-25", "due_on": "2025-02-27",
     "replied_on": "2025-02-20", "outcome": "disclosed", "on_time": True, "status": "archived"},
    {"ledger_no": "TZ-2025-017", "received_on": "2025-09-15", "due_on": "2025-11-03",
     "replied_on": "2025-10-31", "outcome": "refused.4", "on_time": True, "status": "archived"},
    {"ledger_no": "TZ-2026-088", "received_on": "2026-11-16", "due_on": None,
     "replied_on": None, "outcome": None, "on_time": None, "status": "awaiting_correction"},
    {"ledger_no": "TZ-2026-090", "received_on": "2026-11-20", "due_on": "2026-12-18",
     "replied_on": None, "outcome": None, "on_time": None, "status": "in_progress"},
]  # fmt: skip


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda p: write_csv(p / "台账.csv", tanzhou_ledger()), id="csv-utf8"),
        pytest.param(lambda p: write_csv(p / "台账.csv", tanzhou_ledger(), bom=True), id="csv-bom"),
        pytest.param(lambda p: write_csv(p / "台账.csv", tanzhou_ledger(True)), id="csv-text-dates"),
        pytest.param(lambda p: write_xlsx(p / "台账.xlsx", tanzhou_ledger()), id="xlsx-date-cells"),
        pytest.param(lambda p: write_xlsx(p / "台账.xlsx", tanzhou_ledger(True)), id="xlsx-text-dates"),
    ],
)  # fmt: skip
def test_import_then_list(official_calendar, tmp_path, write):
    out = import_ledger(write(tmp_path))
    assert "新增 6 件" in out
    assert list_ledger() == EXPECTED


def test_list_rows_have_exactly_the_documented_keys(official_calendar, tmp_path):
    import_ledger(write_csv(tmp_path / "台账.csv", tanzhou_ledger()))
    keys = {"ledger_no", "received_on", "due_on", "replied_on", "outcome", "on_time", "status"}
    assert all(set(entry) == keys for entry in list_ledger())


def test_due_dates_follow_the_formula_of_the_issue(official_calendar, tmp_path):
    ledger = tanzhou_ledger()
    import_ledger(write_xlsx(tmp_path / "台账.xlsx", ledger))
    due = {entry["ledger_no"]: entry["due_on"] for entry in list_ledger()}
    for cells in ledger:
        if cells.get("补正告知日期") and not cells.get("补正收到日期"):
            assert due[cells["申请编号"]] is None
            continue
        base = cells.get("补正收到日期") or cells["收到日期"]
        paused = 0
        if cells.get("征询开始日期"):
            paused = workdays_between(cells["征询开始日期"], cells["征询结束日期"])
        extension = int(cells.get("延期工作日") or 0)
        expected = add_workdays(base, 20 + extension + paused)
        assert due[cells["申请编号"]] == expected.isoformat(), cells["申请编号"]


def test_imported_cases_keep_their_clock_facts(official_calendar, tmp_path):
    import_ledger(write_csv(tmp_path / "台账.csv", tanzhou_ledger()))
    case = InfoRequest.objects.get(unit__code="tanzhou", ledger_no="TZ-2025-017")
    assert case.source == "ledger"
    assert case.applicant_kind == "business"
    assert case.extension_workdays == 5
    pause = case.pauses.get()
    assert (pause.kind, pause.started_on, pause.ended_on) == (
        Pause.Kind.THIRD_PARTY,
        D(2025, 9, 25),
        D(2025, 10, 10),
    )
    firm = InfoRequest.objects.get(unit__code="tanzhou", ledger_no="TZ-2025-001")
    assert (firm.applicant_kind, firm.corrected_on) == ("legal_service", D(2025, 2, 7))
    assert firm.events.get().data == {"kind": "ledger_import"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("refused.4", "refused.4"),
        ("不予公开/保护第三方合法权益", "refused.4"),
        ("不予公开／保护第三方合法权益", "refused.4"),  # full-width slash, as typed in Excel
        (" 予以公开 ", "disclosed"),
        ("部分公开", "partly_disclosed"),
        ("无法提供/本机关不掌握相关政府信息", "unavailable.1"),
        ("other.3", "other.3"),
    ],
)
def test_outcome_as_code_or_label(official_calendar, tmp_path, text, code):
    ledger = [row("TZ-2026-001", D(2026, 3, 2), 答复日期=D(2026, 3, 20), 办理结果=text)]
    import_ledger(write_csv(tmp_path / "台账.csv", ledger))
    assert list_ledger()[0]["outcome"] == code
