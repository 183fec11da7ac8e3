"""Demo applications for 坦洲镇, driven through the real services by its demo staff.

Dates are counted back from today in working days, so the workbench always
shows the situations an official meets: an online application waiting to be
confirmed, one due soon, one overdue, one waiting for a 补正, one paused for a
third party's opinion, one extended, replies delivered and archived (one under
行政复议), a repeated application, two citizens asking for the same list (the
cue to publish it proactively), and 2025's ledger moved in from Excel.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.core.workdays import is_workday
from gongkai.foi import services
from gongkai.foi.ledger import LedgerRow, ledger_import
from gongkai.foi.models import Appeal, ApplicantKind, InfoRequest, Outcome, Pause
from gongkai.foi.services import ApplicationData
from gongkai.orgs.models import Unit
from gongkai.privacy.checks import id_check_character


def _id(first17: str) -> str:
    """A fictitious resident ID number with a valid GB 11643-1999 check character."""
    return first17 + id_check_character(first17)


def _workdays_ago(today: datetime.date, n: int) -> datetime.date:
    day = today
    while n > 0:
        day -= datetime.timedelta(days=1)
        if is_workday(day, provisional=True):
            n -= 1
    return day


def _person(name: str, id17: str, phone: str, email: str = "", **changes) -> ApplicationData:
    values = {
        "applicant_kind": ApplicantKind.NATURAL_PERSON,
        "applicant_name": name,
        "id_type": "resident_id",
        "id_number": _id(id17),
        "phone": phone,
        "email": email,
        "address": "中山市坦洲镇",
        "form_wanted": "electronic",
        "receive_by": "email" if email else "pick_up",
    }
    return ApplicationData(**(values | changes))


# 统一社会信用代码 with valid GB 32100 check characters (fictitious firms).
FIRM_CODE = "91442000MA4UP8QX3L"
LAW_FIRM_CODE = "31440000MD0246357R"

LEDGER_2025 = [
    # (received, outcome, kind, description) — 2025's cases kept in the town's Excel ledger.
    ("2025-01-08", "disclosed", "natural_person", "2024年度坦洲镇低保对象人数统计"),
    ("2025-02-11", "disclosed", "natural_person", "坦洲镇2025年春节慰问困难群众资金使用情况"),
    ("2025-03-04", "partly_disclosed", "business", "坦洲镇某道路改造工程施工合同"),
    ("2025-03-19", "refused.4", "natural_person", "某村集体经济组织成员个人收入情况"),
    ("2025-04-07", "unavailable.1", "natural_person", "中山市2024年度全市房价统计报告"),
    ("2025-04-22", "disclosed", "legal_service", "坦洲镇2024年行政处罚决定书清单"),
    ("2025-05-13", "refused.6", "business", "坦洲镇关于某项目用地的请示"),
    ("2025-06-03", "not_processed.1", "natural_person", "反映邻居违章搭建问题"),
    ("2025-06-24", "disclosed", "research", "坦洲镇2024年财政决算报告"),
    ("2025-07-15", "unavailable.2", "research", "近十年坦洲镇人口流动分析"),
    ("2025-08-05", "other.1", "natural_person", "有关部门的文件"),
    ("2025-08-26", "disclosed", "nonprofit", "坦洲镇养老服务机构名单"),
    ("2025-09-16", "not_processed.2", "natural_person", "某村集体经济组织成员个人收入情况"),
    ("2025-10-14", "refused.5", "other_org", "坦洲镇政府内部考勤制度"),
    ("2025-11-11", "disclosed", "natural_person", "坦洲镇2025年农村危房改造对象名单"),
    ("2025-12-02", "disclosed", "business", "坦洲镇2025年政府采购项目清单"),
    (
        "2025-12-23",
        "disclosed",
        "natural_person",
        "坦洲镇2025年防汛物资采购情况",
    ),  # replied in 2026
]


def _ledger_rows() -> list[LedgerRow]:
    rows = []
    for number, (received, outcome, kind, description) in enumerate(LEDGER_2025, start=1):
        received_on = datetime.date.fromisoformat(received)
        replied_on = received_on + datetime.timedelta(days=14) if outcome else None
        rows.append(
            LedgerRow(
                row=number + 1,
                ledger_no=f"坦依申〔2025〕{number}号",
                received_on=received_on,
                applicant_kind=kind,
                applicant_name="申请人" + str(number),
                description=description,
                correction_asked_on=received_on + datetime.timedelta(days=2)
                if outcome == "other.1"
                else None,
                corrected_on=None,
                consultation_start=received_on + datetime.timedelta(days=3)
                if outcome == "refused.4"
                else None,
                consultation_end=received_on + datetime.timedelta(days=17)
                if outcome == "refused.4"
                else None,
                extension_workdays=0,
                replied_on=replied_on,
                outcome=outcome,
            )
        )
    return rows


@transaction.atomic
def load(*, actor=None, out=None) -> list[dict]:
    unit = Unit.objects.get(code="tanzhou")
    if InfoRequest.objects.filter(unit=unit).exists():
        return []  # idempotent: the demo cases are created once
    users = get_user_model().objects.in_bulk(
        ["tanzhou_handler", "tanzhou_approver"], field_name="username"
    )
    handler, approver = users["tanzhou_handler"], users["tanzhou_approver"]
    today = timezone.localdate()
    ago = lambda n: _workdays_ago(today, n)  # noqa: E731 - reads as a unit in the steps below

    def register(data, days, channel="in_person"):
        case, _code = services.info_request_register(
            unit=unit, actor=handler, data=data, channel=channel, received_on=ago(days)
        )
        return case

    # An online application, submitted today, waiting for the receipt to be confirmed.
    services.info_request_submit(
        unit=unit,
        data=_person(
            "李明", "44200019900215" + "301", "13926012345", "liming@example.cn",
            description="坦洲镇2026年城乡居民医疗保险参保补助标准及发放情况",
        ),
        source="portal",
    )  # fmt: skip
    # Registered three working days ago, not yet vetted.
    register(
        _person("黄丽娟", "44200019760921" + "402", "13531234567",
                description="坦洲镇2026年义务教育阶段学位申请审核结果公示名单"),
        3, channel="post_signed",
    )  # fmt: skip
    # Due in three working days; a company and a citizen ask for the same bid results.
    for data in (
        ApplicationData(
            applicant_kind=ApplicantKind.BUSINESS, applicant_name="中山市华粤建设工程有限公司",
            id_type="org_code", id_number=FIRM_CODE, phone="0760-86612345",
            address="中山市坦洲镇环洲北路9号", description="坦洲镇界狮南路改造工程中标结果及中标价",
            doc_number="坦府〔2026〕31号", form_wanted="paper", receive_by="post",
        ),
        _person("陈国强", "44200019680707" + "115", "13702345678",
                description="界狮南路改造工程的中标结果", doc_number="坦府〔2026〕31号"),
    ):  # fmt: skip
        case = register(data, 17)
        services.info_request_accept(info_request=case, actor=handler)
    # Overdue: received 22 working days ago and still being handled.
    case = register(
        _person("刘芳", "44200019820330" + "226", "13822345678",
                description="坦洲镇2026年上半年行政处罚案件数量及罚没金额"),
        22,
    )  # fmt: skip
    services.info_request_accept(info_request=case, actor=handler)
    # Waiting for a 补正: the application did not say which village.
    case = register(_person("梁志文", "44200019950112" + "339", "13690012345",
                            description="村里的征地补偿款"), 5)  # fmt: skip
    services.info_request_ask_correction(
        info_request=case, actor=handler, items="请写明村(社区)名称、征地项目名称或文号,以及所需信息的年份",
        asked_on=ago(2), period_workdays=15,
    )  # fmt: skip
    # Paused: the list names a third party, whose opinion is awaited.
    case = register(_person("何建华", "44200019710403" + "516", "13925678901",
                            description="坦洲镇某村集体土地出租合同(含承租方信息)"), 10)  # fmt: skip
    services.info_request_accept(info_request=case, actor=handler)
    services.pause_start(
        info_request=case, actor=handler, kind=Pause.Kind.THIRD_PARTY,
        party="中山市坦洲镇某实业有限公司", started_on=ago(4),
    )  # fmt: skip
    # Extended by 15 working days with the approver's consent.
    case = register(
        ApplicationData(
            applicant_kind=ApplicantKind.LEGAL_SERVICE, applicant_name="广东明德律师事务所",
            id_type="org_code", id_number=LAW_FIRM_CODE, email="office@mingde-law.example.cn",
            description="2019年至2025年坦洲镇历年征地补偿安置方案及批复文件",
            form_wanted="electronic", receive_by="email",
        ),
        25, channel="email",
    )  # fmt: skip
    services.info_request_accept(info_request=case, actor=handler)
    services.info_request_extend(
        info_request=case, actor=approver, workdays=15, reason="申请的信息跨越多个年度,需调取档案查找",
        decided_on=ago(6),
    )  # fmt: skip
    # Disclosed, delivered by e-mail and archived.
    repeat = _person("张伟", "44200019850314" + "231", "13800138000", "zhangwei@example.cn",
                     description="坦洲镇2025年农村危房改造补助资金发放名单")  # fmt: skip
    case = register(repeat, 40, channel="email")
    services.info_request_accept(info_request=case, actor=handler)
    services.info_request_reply(
        info_request=case, actor=handler, outcome=Outcome.DISCLOSED, issued_on=ago(29),
        provided_how="随本答复书以电子邮件发送《坦洲镇2025年农村危房改造补助资金发放名单》(已遮蔽个人身份信息)",
    )  # fmt: skip
    services.info_request_deliver(info_request=case, actor=handler, method="email", sent_on=ago(29))
    services.info_request_archive(info_request=case, actor=handler)
    # The same applicant asks again: a repeated application (不予处理).
    case = register(repeat, 12, channel="email")
    services.info_request_accept(info_request=case, actor=handler)
    services.info_request_reply(
        info_request=case, actor=handler, outcome=Outcome.NOT_PROCESSED_2, issued_on=ago(8),
        reason="本机关已于此前答复您相同内容的申请并提供了相关信息",
    )  # fmt: skip
    services.info_request_deliver(info_request=case, actor=handler, method="email", sent_on=ago(8))
    # Refused to protect a third party; delivered by post; the applicant seeks 行政复议.
    case = register(_person("周小燕", "44200019890826" + "642", "13570012345",
                            address="中山市坦洲镇前进二路18号",
                            description="某村2025年集体经济组织成员分红名单及每户金额"), 35)  # fmt: skip
    services.info_request_accept(info_request=case, actor=handler)
    pause = services.pause_start(
        info_request=case, actor=handler, kind=Pause.Kind.THIRD_PARTY,
        party="坦洲镇某村股份合作经济联合社", started_on=ago(32),
    )  # fmt: skip
    services.pause_end(
        pause=pause, actor=handler, ended_on=ago(22), result="第三方书面表示不同意公开"
    )
    services.info_request_reply(
        info_request=case, actor=handler, outcome=Outcome.REFUSED_4, issued_on=ago(18),
        reason="名单包含各户成员姓名及分红金额,属于个人隐私,第三方不同意公开,不公开不会对公共利益造成重大影响",
    )  # fmt: skip
    services.info_request_deliver(
        info_request=case, actor=handler, method="post", posted_on=ago(17)
    )
    services.info_request_record_signature(info_request=case, actor=handler, signed_on=ago(15))
    services.appeal_record(
        info_request=case, actor=approver, kind=Appeal.Kind.REVIEW, filed_on=ago(5),
        result=Appeal.Result.PENDING,
    )  # fmt: skip
    ledger_import(unit=unit, rows=_ledger_rows(), actor=handler)
    return []
