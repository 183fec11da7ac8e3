"""What an application must say (《条例》第二十九条), and the codes that let its applicant follow it."""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, fields

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.foi.models import (
    ApplicantKind,
    InfoRequest,
)
from gongkai.privacy.checks import id15_valid, id18_valid, uscc_valid

MAX_DESCRIPTION_CHARS = 2000
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]")
_MOBILE = re.compile(r"^(\+?86[- ]?)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3}[- ]?)?\d{7,8}([- ]?\d{1,5})?$")
_POSTCODE = re.compile(r"^\d{6}$")
# Unambiguous characters for codes people copy by hand (no 0/O, 1/I/L).
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass
class ApplicationData:
    """What an application says (《条例》第二十九条), from a form, the API or a ledger."""

    applicant_kind: str
    applicant_name: str
    id_type: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    description: str = ""
    doc_number: str = ""
    form_wanted: str = InfoRequest.Form.ELECTRONIC
    receive_by: str = InfoRequest.ReceiveBy.ONLINE

    def cleaned(self) -> "ApplicationData":
        values = {}
        for field in fields(self):
            value = getattr(self, field.name)
            values[field.name] = value.strip() if isinstance(value, str) else value
        values["id_number"] = values["id_number"].upper().replace(" ", "")
        return ApplicationData(**values)


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text))


def validate_application(data: ApplicationData) -> dict[str, str]:
    """Problems by field name; empty when the application may be stored."""
    errors: dict[str, str] = {}
    if data.applicant_kind not in ApplicantKind.values:
        errors["applicant_kind"] = _("请选择申请人类型")
    if not data.applicant_name:
        errors["applicant_name"] = _("请填写申请人姓名或名称")
    elif len(data.applicant_name) > 100:
        errors["applicant_name"] = _("姓名或名称不能超过100字")
    person = data.applicant_kind == ApplicantKind.NATURAL_PERSON
    if data.id_type not in InfoRequest.IdType.values:
        errors["id_type"] = _("请选择证件类型")
    elif person and data.id_type == InfoRequest.IdType.ORG_CODE:
        errors["id_type"] = _("自然人请填写身份证件,不是统一社会信用代码")
    elif not person and data.applicant_kind and data.id_type != InfoRequest.IdType.ORG_CODE:
        errors["id_type"] = _("法人或其他组织请填写统一社会信用代码")
    if not data.id_number:
        errors["id_number"] = _("请填写证件号码")
    elif data.id_type == InfoRequest.IdType.RESIDENT_ID and not (
        (len(data.id_number) == 18 and id18_valid(data.id_number))
        or (len(data.id_number) == 15 and id15_valid(data.id_number))
    ):
        errors["id_number"] = _("居民身份证号码无效(位数、出生日期或校验位不对)")
    elif data.id_type == InfoRequest.IdType.ORG_CODE and not uscc_valid(data.id_number):
        errors["id_number"] = _("统一社会信用代码无效(应为18位,校验位须正确)")
    elif len(data.id_number) > 40:
        errors["id_number"] = _("证件号码过长")
    if not (data.phone or data.email or data.address):
        errors["phone"] = _("请至少填写一种联系方式(电话、电子邮箱或通信地址),以便送达答复")
    if data.phone and not (_MOBILE.match(data.phone) or _LANDLINE.match(data.phone)):
        errors["phone"] = _("电话号码格式不对(手机11位,或区号加座机号码)")
    if len(data.email) > 254:
        errors["email"] = _("电子邮箱过长(不超过254个字符)")
    elif data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            errors["email"] = _("电子邮箱格式不对")
    if data.postcode and not _POSTCODE.match(data.postcode):
        errors["postcode"] = _("邮政编码应为6位数字")
    if len(data.address) > 200:
        errors["address"] = _("通信地址不能超过200字")
    if data.receive_by == InfoRequest.ReceiveBy.EMAIL and not data.email and "email" not in errors:
        errors["email"] = _("选择电子邮件获取信息时,请填写电子邮箱")
    if data.receive_by == InfoRequest.ReceiveBy.POST and not data.address:
        errors["address"] = _("选择邮寄获取信息时,请填写通信地址")
    if data.form_wanted not in InfoRequest.Form.values:
        errors["form_wanted"] = _("请选择信息的载体形式")
    if data.receive_by not in InfoRequest.ReceiveBy.values:
        errors["receive_by"] = _("请选择获取信息的方式")
    if not data.description:
        errors["description"] = _("请描述所需政府信息的名称、文号或便于查询的其他特征")
    elif len(data.description) > MAX_DESCRIPTION_CHARS:
        errors["description"] = _("内容描述不能超过%(n)s字(当前%(m)s字);多项信息可分别申请") % {
            "n": MAX_DESCRIPTION_CHARS,
            "m": len(data.description),
        }
    if len(data.doc_number) > 200:
        errors["doc_number"] = _("文件名称或文号不能超过200字")
    for name in ("applicant_name", "description", "doc_number", "address"):
        if name not in errors and has_markup(getattr(data, name)):
            errors[name] = _("不能包含网页代码(HTML 标记),请只填写文字")
    return errors


def new_code(length: int) -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


def new_tracking_number() -> str:
    """A fresh 申请编号 like 2026-K7M2Q9TX: the year, then 8 characters hard to guess.

    Callers check it is unused (a collision is vanishingly rare, and drawn again).
    """
    return f"{timezone.localdate().year}-{new_code(8)}"


def query_code_hash(tracking_number: str, code: str) -> str:
    """Keyed hash of a query code: a database copy alone cannot be used to read cases."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{tracking_number}:{code}".encode(), hashlib.sha256).hexdigest()


def query_code_matches(info_request: InfoRequest | None, code: str) -> bool:
    """Constant-time check; a missing case is checked against a dummy, taking the same time."""
    tracking = info_request.tracking_number if info_request else "-"
    expected = info_request.query_code_hash if info_request else "0" * 64
    return hmac.compare_digest(query_code_hash(tracking, code.strip().upper()), expected) and bool(
        info_request
    )
