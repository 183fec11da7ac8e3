"""The public side of disclosure on request, shared by the portal pages and /api/v1/.

- Rate limits per client address (django-ratelimit, cache "ratelimit"). Intake
  counts only applications that passed validation, i.e. the ones that would be
  stored: a flood of cases is the harm (each starts a statutory clock), while a
  citizen correcting typos must not lock themself out. Portal and API share
  one count. Tracking queries count every attempt, right or wrong: they are
  guesses at a query code.
- Which units take applications, and the one lookup of a case by tracking
  number and query code, which answers an unknown number and a wrong code alike.
- What the applicant sees of their case: the public timeline (no staff names,
  no internal notes) and the letters addressed to them.
"""

import datetime
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import is_ratelimited

from gongkai.foi import services
from gongkai.foi.models import ANSWERED, InfoRequest, Letter, Pause, RequestEvent
from gongkai.orgs.models import Unit

INTAKE_GROUP = "foi-intake"
QUERY_GROUP = "foi-query"
# Query-code guesses one address may make; a deployment may set GONGKAI_QUERY_RATE.
QUERY_RATE = "30/h"

INTAKE_LIMITED = gettext_lazy(
    "本网络地址提交的申请过于频繁,已暂停接收。请稍后再试;如确有多项申请,可到受理机关当面提交。"
)
QUERY_LIMITED = gettext_lazy("查询次数过多,请一小时后再试。")
QUERY_FAILED = gettext_lazy("申请编号或查询码不正确")

# 行政机关 take applications under the 《条例》. Village committees follow 村务公开
# and public institutions their own rules (第五十五条), so they are not offered.
INTAKE_KINDS = [Unit.Kind.TOWN, Unit.Kind.DEPARTMENT, Unit.Kind.OPENNESS_OFFICE]

MAX_CODE_CHARS = 40


def client_ip(request) -> str | None:
    """The client's address, stored with an online application and counted by the limits.

    Read from the headers GONGKAI_CLIENT_IP_HEADERS names, in order (the same
    list sign-in lockout uses; REMOTE_ADDR unless behind a proxy). Of a
    forwarded list the last entry is taken: the one our own proxy appended,
    which a client cannot forge.
    """
    for header in settings.AXES_IPWARE_META_PRECEDENCE_ORDER:
        raw = request.META.get(header, "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(raw))
        except ValueError:
            continue
    return None


def _rate_key(group, request) -> str:
    # Requests without a usable address share one count rather than escape the limit.
    return client_ip(request) or "unknown"


def intake_limited(request) -> bool:
    """Count one application from this address; True once it is over GONGKAI_INTAKE_RATE.

    Call it only when the application is valid and about to be stored.
    """
    return is_ratelimited(
        request,
        group=INTAKE_GROUP,
        key=_rate_key,
        rate=settings.GONGKAI_INTAKE_RATE,
        increment=True,
    )


def query_limited(request) -> bool:
    """Count one tracking query from this address; True once it is over the query rate."""
    return is_ratelimited(
        request,
        group=QUERY_GROUP,
        key=_rate_key,
        rate=getattr(settings, "GONGKAI_QUERY_RATE", QUERY_RATE),
        increment=True,
    )


def intake_units() -> QuerySet[Unit]:
    return Unit.objects.active().filter(kind__in=INTAKE_KINDS).order_by("sort_order", "code")


def intake_unit(code: str) -> Unit:
    """The unit with this code that takes applications now; ValueError says why not."""
    unit = Unit.objects.filter(code=code.strip()).select_related("successor").first()
    if unit is None or unit.kind not in INTAKE_KINDS:
        raise ValueError(_("受理机关代码不存在或该单位不受理政府信息公开申请"))
    if not unit.is_active_on(timezone.localdate()):
        if unit.successor is not None:
            raise ValueError(
                _("%(old)s已撤销或合并,请向%(new)s申请")
                % {"old": unit.name, "new": unit.successor.name}
            )
        raise ValueError(_("%(old)s已撤销,不再受理申请") % {"old": unit.name})
    return unit


def case_for_applicant(tracking_number: str, query_code: str) -> InfoRequest | None:
    """The case these credentials open, or None: unknown number and wrong code look the same."""
    tracking_number = tracking_number.strip().upper()[:MAX_CODE_CHARS]
    query_code = query_code[:MAX_CODE_CHARS]
    case = (
        InfoRequest.objects.select_related("unit").filter(tracking_number=tracking_number).first()
    )
    # Checked even when the case is missing, against a dummy, so both take the same time.
    if not services.query_code_matches(case, query_code):
        return None
    return case


def outcome_is_public(case: InfoRequest) -> bool:
    """Whether the applicant is told the outcome: once the reply letter is issued."""
    return case.status in ANSWERED and bool(case.outcome)


def applicant_letters(case: InfoRequest) -> QuerySet[Letter]:
    """Letters to the applicant; consultation letters go to third parties and name them."""
    return case.letters.exclude(
        template__code__in=[Pause.Kind.THIRD_PARTY, Pause.Kind.CO_PRODUCER]
    ).order_by("issued_on", "id")


@dataclass(frozen=True)
class TimelineEntry:
    day: datetime.date
    text: str
    status_label: str


Status = InfoRequest.Status

_MOVE_TEXT = {
    Status.RECEIVED: gettext_lazy("网上提交申请"),
    Status.REGISTERED: gettext_lazy("登记受理"),
    Status.AWAITING_CORRECTION: gettext_lazy("告知补正(补正期间答复期限暂停计算)"),
    Status.IN_PROGRESS: gettext_lazy("审核通过,进入办理"),
    Status.REPLIED: gettext_lazy("出具答复"),
    Status.DELIVERED: gettext_lazy("答复已送达"),
    Status.ARCHIVED: gettext_lazy("办结归档"),
}
_KIND_TEXT = {
    "transferred": gettext_lazy("转由其他单位办理"),
    "pause.third_party": gettext_lazy("征求第三方意见(期间不计入答复期限)"),
    "pause.co_producer": gettext_lazy("征求其他机关意见(期间不计入答复期限)"),
    "pause.fee": gettext_lazy("发出信息处理费收费通知(缴费期间不计入答复期限)"),
    "pause_end.third_party": gettext_lazy("征求第三方意见结束,继续计算答复期限"),
    "pause_end.co_producer": gettext_lazy("征求其他机关意见结束,继续计算答复期限"),
    "pause_end.fee": gettext_lazy("收费事项办结,继续计算答复期限"),
    "extended": gettext_lazy("经批准延长答复期限"),
}


def _event_text(event: RequestEvent) -> str:
    # Only facts the applicant already has: never the note (staff write it) or the actor.
    kind = event.data.get("kind")
    if kind == "transferred" and event.data.get("to"):
        return _("转由%(unit)s办理") % {"unit": event.data["to"]}
    if kind == "extended" and event.data.get("workdays"):
        return _("经批准延长答复期限%(n)s个工作日") % {"n": event.data["workdays"]}
    if kind:
        return str(_KIND_TEXT.get(kind, _("办理进展")))
    if event.new_status == Status.REGISTERED and event.old_status == Status.AWAITING_CORRECTION:
        return _("收到补正后的申请,答复期限重新计算")
    return str(_MOVE_TEXT.get(event.new_status, _("办理进展")))


def public_timeline(case: InfoRequest) -> list[TimelineEntry]:
    labels = dict(Status.choices)
    return [
        TimelineEntry(
            day=timezone.localtime(event.at).date(),
            text=_event_text(event),
            status_label=str(labels.get(event.new_status, "")),
        )
        for event in case.events.filter(public=True).order_by("at", "id")
    ]
