"""Demo annual reports, driven through the real services by the demo staff.

- 坦洲镇's 2024 report is published (the starting text and the carried-in check
  of 2025 come from it); its 2025 report is a draft with the licensing and
  penalty figures entered and the rest left to do, so the report page shows
  what blocks submission and an official can finish, approve, submit and
  publish it in the browser.
- 市民政局 and 小榄镇 published their 2025 reports on time; every other unit has
  not, so the office's board shows who is late.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.orgs.models import Unit
from gongkai.reports import services
from gongkai.reports.models import AnnualReport

Code = services.Code

OVERVIEW = """
{年度}年,{单位}坚持以公开为常态、不公开为例外,对照基层政务公开标准目录推进政务公开标准化规范化工作。

(一)主动公开。全年通过政府网站主动公开政府信息{主动公开信息数}条,重点公开财政预决算、社会救助、涉农补贴、义务教育等领域信息,其中行政规范性文件{本年制发规范性文件数}件。

(二)依申请公开。全年新收政府信息公开申请{新收申请数}件,上年结转{上年结转申请数}件;办结{办结申请数}件,其中予以公开{予以公开数}件、部分公开{部分公开数}件;结转下年度继续办理{结转下年申请数}件。

(三)政府信息管理。落实公开前保密审查和个人信息保护,村(居)务公开栏与政府网站同步更新。

(四)平台建设。依托中山市人民政府门户网站政府信息公开专栏和镇政务服务中心政务公开专区提供查阅服务。

(五)监督保障。将政务公开纳入各办(局)年度考核;全年因政府信息公开被申请行政复议{行政复议数}件、提起行政诉讼{行政诉讼数}件。
"""

PROBLEMS = """
{年度}年,{单位}政务公开工作仍存在部分村(居)公开栏更新不及时、政策解读形式较单一等问题。

下一步,将建立村(居)公开栏月度检查制度,增加图解、音视频等解读形式,提升群众获取信息的便利度。
"""

OTHER_MATTERS = """
(一)信息处理费收取情况。依据《政府信息公开信息处理费管理办法》(国办函〔2020〕109号),本年度共对{收费申请件数}件政府信息公开申请收取信息处理费{收费金额元}元。

(二)本年度政务公开工作要点已全部落实;人大代表建议和政协提案办理结果均在政府网站公开。
"""

# Per (unit code, years before this one): {figure: (value, source)}; "{y}" is
# the year after the report's, when the figures were exported.
FIGURES = {
    ("tanzhou", 2): {
        Code.LICENSING: ("312", "广东政务服务网行政许可系统 {y}-01-06 导出"),
        Code.PENALTY: ("87", "中山市综合行政执法平台 {y}-01-06 导出"),
        Code.ENFORCEMENT: ("9", "中山市综合行政执法平台 {y}-01-06 导出"),
        Code.FEES: ("0", "镇财政分局 {y}-01-07 确认,本年无行政事业性收费"),
    },
    ("tanzhou", 1): {
        Code.LICENSING: ("338", "广东政务服务网行政许可系统 {y}-01-05 导出"),
        Code.PENALTY: ("91", "中山市综合行政执法平台 {y}-01-05 导出"),
    },
    ("civil-affairs", 1): {
        Code.LICENSING: ("46", "广东政务服务网行政许可系统 {y}-01-08 导出"),
        Code.PENALTY: ("3", "市民政局行政执法台账 {y}-01-08"),
        Code.ENFORCEMENT: ("0", "市民政局行政执法台账 {y}-01-08"),
        Code.FEES: ("0", "市财政局非税收入系统 {y}-01-09 查询,本年无收费"),
    },
    ("xiaolan", 1): {
        Code.LICENSING: ("405", "广东政务服务网行政许可系统 {y}-01-06 导出"),
        Code.PENALTY: ("126", "中山市综合行政执法平台 {y}-01-06 导出"),
        Code.ENFORCEMENT: ("14", "中山市综合行政执法平台 {y}-01-06 导出"),
        Code.FEES: ("1.25", "镇财政分局 {y}-01-07 确认"),
    },
}


def _figures(unit: Unit, year: int) -> dict:
    entries = FIGURES[(unit.code, timezone.localdate().year - year)]
    return {code: (value, source.format(y=year + 1)) for code, (value, source) in entries.items()}


def _published(unit: Unit, year: int, editor, approver, problems: str) -> AnnualReport:
    report = services.start(unit, year, actor=editor)
    services.save_text(
        report, actor=editor, overview=OVERVIEW.strip(), problems=problems.strip(),
        other_matters=OTHER_MATTERS.strip(),
    )  # fmt: skip
    services.enter_figures(report, _figures(unit, year), actor=editor)
    for step in (services.approve, services.submit, services.publish):
        report = step(report, actor=approver)
    return report


def load(*, actor=None, out=None) -> list[dict]:
    if AnnualReport.objects.exists():
        return []  # idempotent: the demo reports are created once
    users = get_user_model().objects.in_bulk(
        [
            "tanzhou_editor", "tanzhou_approver", "minzheng_editor", "minzheng_approver",
            "xiaolan_editor", "xiaolan_approver",
        ],
        field_name="username",
    )  # fmt: skip
    units = Unit.objects.in_bulk(["tanzhou", "civil-affairs", "xiaolan"], field_name="code")
    last_year = timezone.localdate().year - 1
    tanzhou = units["tanzhou"]
    _published(tanzhou, last_year - 1, users["tanzhou_editor"], users["tanzhou_approver"], PROBLEMS)
    # This year's draft starts from last year's text (the placeholders carry the new figures).
    draft = services.start(tanzhou, last_year, actor=users["tanzhou_editor"])
    services.enter_figures(draft, _figures(tanzhou, last_year), actor=users["tanzhou_editor"])
    for code, editor, approver in (
        ("civil-affairs", "minzheng_editor", "minzheng_approver"),
        ("xiaolan", "xiaolan_editor", "xiaolan_approver"),
    ):
        _published(units[code], last_year, users[editor], users[approver], PROBLEMS)
    return []
