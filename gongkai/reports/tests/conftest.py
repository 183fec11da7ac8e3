"""坦洲镇's 2025 report in the states the tests start from.

- `draft_2025`: started by 陈晓文, sections written without placeholders left to
  fill, no figures entered (so it is blocked on the four table-2 figures only).
- `complete_2025`: the same with the four figures entered: every check passes.
- `published_2024`: 坦洲镇's 2024 report, published (carried-out all zero).
"""

import datetime

import pytest

from gongkai.foi.models import InfoRequest
from gongkai.reports import services
from gongkai.reports.models import EnteredFigure

Code = EnteredFigure.Code
D = datetime.date

TEXTS = {
    "overview": "{年度}年,{单位}新收申请{新收申请数}件,办结{办结申请数}件。",
    "problems": "公开栏更新不及时。下一步建立月度检查制度。",
    "other_matters": "本年度对{收费申请件数}件申请收取信息处理费{收费金额元}元。",
}
FIGURES = {
    Code.LICENSING: ("312", "广东政务服务网行政许可系统 2026-01-06 导出"),
    Code.PENALTY: ("87", "综合行政执法平台 2026-01-06 导出"),
    Code.ENFORCEMENT: ("9", "综合行政执法平台 2026-01-06 导出"),
    Code.FEES: ("1.25", "镇财政分局 2026-01-07 确认"),
}


def case(unit, number, kind, received, replied=None, outcome=""):
    return InfoRequest.objects.create(
        unit=unit, tracking_number=f"T-{unit.code}-{number}", ledger_no=str(number),
        channel="in_person", applicant_kind=kind, applicant_name="申请人",
        description="内容", received_on=received, replied_on=replied, outcome=outcome,
        status="archived" if outcome else "in_progress",
    )  # fmt: skip


def written(unit, year, editor, texts=TEXTS):
    report = services.start(unit, year, actor=editor)
    services.save_text(report, actor=editor, **texts)
    return report


@pytest.fixture
def draft_2025(tanzhou, tanzhou_editor):
    return written(tanzhou, 2025, tanzhou_editor)


@pytest.fixture
def complete_2025(draft_2025, tanzhou_editor):
    services.enter_figures(draft_2025, FIGURES, actor=tanzhou_editor)
    return draft_2025


@pytest.fixture
def published_2024(tanzhou, tanzhou_editor, tanzhou_approver):
    report = written(tanzhou, 2024, tanzhou_editor)
    services.enter_figures(report, FIGURES, actor=tanzhou_editor)
    for step in (services.approve, services.submit, services.publish):
        report = step(report, actor=tanzhou_approver)
    return report
