"""/api/v1/: online applications, their status for the applicant, and the staff case list.

The OpenAPI schema at /api/v1/openapi.json documents every endpoint. The
interactive docs page is off: ninja would load Swagger UI from a CDN unless
"ninja" is an installed app, and a government site should neither depend on
nor leak visitors to a third-party host.

Every error is JSON with Chinese text, never a stack trace: bad input is 400
{"errors": {field: message}} (ninja's own schema errors included), a rate
limit is 429 {"detail": …}, anything else {"detail": …}. Unknown fields in an
application are refused (400), so a misspelt optional field (say "emial")
is not silently dropped from the case.
"""

import datetime
import logging

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import django_auth
from pydantic import ConfigDict

from gongkai.foi import deadlines, intake, permissions, selectors, services
from gongkai.foi.models import InfoRequest
from gongkai.foi.services import ApplicationData

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="Gongkai API",
    version="1",
    description="中山市政务公开平台接口:政府信息公开申请的提交与查询,工作人员的申请列表。",
    urls_namespace="api",
    docs_url=None,
)

MAX_STAFF_PAGE = 200


# --- Errors: Chinese, in one shape --------------------------------------------------------------

FIELD_LABELS = {
    "unit": "受理机关",
    "tracking_number": "申请编号",
    "query_code": "查询码",
    "limit": "limit",
    "offset": "offset",
    "status": "状态",
    **{
        field.name: field.verbose_name
        for field in InfoRequest._meta.get_fields()
        if field.name in ApplicationData.__dataclass_fields__
    },
}


def _field_of(loc) -> str:
    names = [str(part) for part in loc if part not in ("body", "query", "payload", "filters")]
    return names[-1][:50] if names else "body"


def _message(error: dict, field: str) -> str:
    label = FIELD_LABELS.get(field, field)
    kind = error.get("type", "")
    if field == "body":
        return _("请求内容应为 JSON 对象(UTF-8 编码)")
    if kind == "missing":
        return _("缺少必填项“%(label)s”") % {"label": label}
    if kind == "extra_forbidden":
        return _("不接受的字段“%(name)s”,请对照接口文档") % {"name": field}
    if kind == "string_type":
        return _("“%(label)s”应为文字") % {"label": label}
    if kind == "string_too_long":
        return _("“%(label)s”过长") % {"label": label}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("“%(label)s”应为整数") % {"label": label}
    if kind in ("greater_than_equal", "less_than_equal"):
        return _("“%(label)s”超出允许范围") % {"label": label}
    return _("“%(label)s”的值无效") % {"label": label}


def _errors(request, errors: dict[str, str]):
    return api.create_response(request, {"errors": errors}, status=400)


@api.exception_handler(ValidationError)
def _schema_error(request, exc: ValidationError):
    errors: dict[str, str] = {}
    for error in exc.errors:
        field = _field_of(error.get("loc", ()))
        errors.setdefault(field, _message(error, field))
    return _errors(request, errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("请先登录工作人员账号")}, status=401)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400:
        # Ninja's only plain 400: a body that is not JSON.
        return _errors(request, {"body": _("请求内容应为 JSON 对象(UTF-8 编码)")})
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return api.create_response(request, {"detail": _("请求内容过大")}, status=413)


@api.exception_handler(Exception)
def _unexpected(request, exc):
    # Ninja's default shows a traceback when DEBUG is on; clients get this line, the log the rest.
    log.exception("API error on %s", request.path)
    return api.create_response(request, {"detail": _("服务暂时不可用,请稍后再试")}, status=500)


# --- Schemas -------------------------------------------------------------------------------------


class Errors(Schema):
    errors: dict[str, str] = Field(..., description="字段名 → 中文说明")


class Detail(Schema):
    detail: str


class ApplicationIn(Schema):
    """《条例》第二十九条 content; contact: at least one of phone, email, address."""

    model_config = ConfigDict(extra="forbid")

    unit: str = Field(..., description="受理机关代码,如 tanzhou", max_length=40)
    applicant_kind: str = Field(
        ...,
        description="natural_person / business / research / nonprofit / legal_service / other_org",
    )
    applicant_name: str
    id_type: str = Field(..., description="resident_id / passport / other / org_code")
    id_number: str
    phone: str | None = ""
    email: str | None = Field("", max_length=254)
    address: str | None = ""
    postcode: str | None = ""
    description: str = Field(..., description="所需信息的名称、文号或其他特征性描述,不超过2000字")
    doc_number: str | None = ""
    form_wanted: str | None = Field("electronic", description="paper / electronic")
    receive_by: str | None = Field("online", description="post / email / pick_up / online")


class ApplicationCreated(Schema):
    tracking_number: str
    query_code: str = Field(..., description="只返回这一次;凭申请编号和查询码查询")
    status: str


class StatusIn(Schema):
    tracking_number: str = Field(..., max_length=intake.MAX_CODE_CHARS)
    query_code: str = Field(..., max_length=intake.MAX_CODE_CHARS)


class LetterOut(Schema):
    number: str
    title: str
    issued_on: datetime.date


class StatusOut(Schema):
    tracking_number: str
    unit: str
    status: str
    status_label: str
    received_on: datetime.date | None
    due_on: datetime.date | None
    replied_on: datetime.date | None
    outcome: str | None = Field(None, description="答复后才有")
    outcome_label: str | None = None
    letters: list[LetterOut]


class Applicant(Schema):
    applicant_name: str
    id_number: str
    phone: str
    email: str
    address: str
    postcode: str


class StaffCase(Schema):
    tracking_number: str
    unit: str
    unit_name: str
    status: str
    status_label: str
    applicant_kind: str
    applicant: Applicant = Field(..., description="无权查看身份信息的人员看到的是打码后的内容")
    description: str
    submitted_at: datetime.datetime
    received_on: datetime.date | None
    due_on: datetime.date | None
    urgency: str = Field(
        ..., description="overdue / due_today / due_soon / paused / stopped / ok / closed"
    )


class StaffCases(Schema):
    count: int
    items: list[StaffCase]


# --- Endpoints -----------------------------------------------------------------------------------


@api.post(
    "/applications",
    response={201: ApplicationCreated, 400: Errors, 429: Detail},
    summary="提交政府信息公开申请",
    tags=["依申请公开"],
)
def application_submit(request, payload: ApplicationIn):
    """Same rules as the portal form; at most GONGKAI_INTAKE_RATE stored applications per address."""
    values = payload.model_dump()
    errors: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, str) and "\x00" in value:
            errors[name] = _("“%(label)s”含有不允许的控制字符") % {"label": FIELD_LABELS[name]}
    unit_code = values.pop("unit")
    try:
        unit = intake.intake_unit(unit_code)
    except ValueError as exc:
        errors["unit"] = str(exc)
    defaults = {"form_wanted": "electronic", "receive_by": "online"}
    data = ApplicationData(
        **{
            name: value if value is not None else defaults.get(name, "")
            for name, value in values.items()
        }
    ).cleaned()
    for field, message in services.validate_application(data).items():
        errors.setdefault(field, message)
    if errors:
        return Status(400, {"errors": errors})
    if intake.intake_limited(request):
        return Status(429, {"detail": str(intake.INTAKE_LIMITED)})
    try:
        case, code = services.info_request_submit(
            unit=unit, data=data, source="api", client_ip=intake.client_ip(request)
        )
    except DjangoValidationError as exc:
        return Status(400, {"errors": _django_errors(exc)})
    return Status(
        201, {"tracking_number": case.tracking_number, "query_code": code, "status": case.status}
    )


def _django_errors(exc: DjangoValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {field: messages[0] for field, messages in exc.message_dict.items()}
    return {"__all__": exc.messages[0]}


@api.post(
    "/applications/status",
    response={200: StatusOut, 400: Errors, 404: Detail, 429: Detail},
    summary="凭申请编号和查询码查询办理进度",
    tags=["依申请公开"],
)
def application_status(request, payload: StatusIn):
    """A wrong query code and an unknown tracking number get the same 404."""
    if intake.query_limited(request):
        return Status(429, {"detail": str(intake.QUERY_LIMITED)})
    case = intake.case_for_applicant(payload.tracking_number, payload.query_code)
    if case is None:
        return Status(404, {"detail": str(intake.QUERY_FAILED)})
    replied = intake.outcome_is_public(case)
    return Status(
        200,
        {
            "tracking_number": case.tracking_number,
            "unit": case.unit.name,
            "status": case.status,
            "status_label": case.get_status_display(),
            "received_on": case.received_on,
            "due_on": case.due_on,
            "replied_on": case.replied_on,
            "outcome": case.outcome if replied else None,
            "outcome_label": case.get_outcome_display() if replied else None,
            "letters": [
                {"number": letter.number, "title": letter.title, "issued_on": letter.issued_on}
                for letter in intake.applicant_letters(case)
            ],
        },
    )


@api.get(
    "/staff/cases",
    auth=django_auth,
    response={200: StaffCases, 400: Errors},
    summary="工作人员可见的申请(按答复期限排序)",
    tags=["工作人员"],
)
def staff_cases(
    request,
    unit: str = Query("", description="单位代码"),
    status: str = Query("", description="状态代码,如 in_progress"),
    limit: int = Query(50, ge=1, le=MAX_STAFF_PAGE),
    offset: int = Query(0, ge=0),
):
    """Cases the signed-in user may see; applicants' identities masked where the role requires."""
    if status and status not in InfoRequest.Status.values:
        return Status(400, {"errors": {"status": _("未知的状态代码")}})
    cases = permissions.visible_cases(request.user)
    if unit:
        cases = cases.filter(unit__code=unit)
    cases = selectors.workbench(cases, status=status, open_only=False)
    today = timezone.localdate()
    identity = permissions.IdentityRule(request.user)
    page = list(cases[offset : offset + limit])
    return Status(
        200,
        {
            "count": cases.count(),
            "items": [
                {
                    "tracking_number": case.tracking_number,
                    "unit": case.unit.code,
                    "unit_name": case.unit.name,
                    "status": case.status,
                    "status_label": case.get_status_display(),
                    "applicant_kind": case.applicant_kind,
                    "applicant": identity.applicant(case),
                    "description": case.description,
                    "submitted_at": case.submitted_at,
                    "received_on": case.received_on,
                    "due_on": case.due_on,
                    "urgency": deadlines.urgency(case, today),
                }
                for case in page
            ],
        },
    )
