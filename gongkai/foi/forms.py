"""Forms of the staff pages: one per step of a case, each only turning posted text into values.

The rules (which step is valid now, which dates are allowed) live in
services.py; a form checks types and ranges so that a typo gets a message on
its field before the service is asked.
"""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.foi import fees
from gongkai.foi.application_form import ApplicationForm
from gongkai.foi.deadlines import MAX_EXTENSION_WORKDAYS
from gongkai.foi.intake import intake_units
from gongkai.foi.models import Appeal, Channel, Outcome, Pause
from gongkai.foi.services import (
    CONFIRMED_CHANNELS,
    DELIVERY_METHODS,
    MAX_CORRECTION_WORKDAYS,
    MAX_DESCRIPTION_CHARS,
    RECEIPT_RULES,
)
from gongkai.orgs.models import Membership, Unit

STAFF_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]

# The six result blocks of the annual report's table 3 (国办公开办函〔2021〕30号).
OUTCOME_BLOCKS = [
    ("disclosed", _("予以公开")),
    ("partly_disclosed", _("部分公开")),
    ("refused", _("不予公开")),
    ("unavailable", _("无法提供")),
    ("not_processed", _("不予处理")),
    ("other", _("其他处理")),
]


def outcome_choices() -> list:
    """Outcome options grouped by table-3 block, each with its full label from models.Outcome."""
    choices: list = [("", "---------")]
    for block, block_label in OUTCOME_BLOCKS:
        options = [
            (code, label) for code, label in Outcome.choices if Outcome.group_of(code) == block
        ]
        choices.append((block_label, options))
    return choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, today=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput,
        initial=timezone.localdate if today else None,
        help_text=help_text,
    )


def unit_request_handlers(unit):
    return (
        get_user_model()
        .objects.filter(
            memberships__unit=unit,
            memberships__role=Membership.Role.REQUEST_HANDLER,
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class RegisterForm(ApplicationForm):
    """登记: an application that came in person, by post, fax or e-mail (《条例》第三十一条)."""

    unit = forms.ModelChoiceField(label=_("受理机关"), queryset=Unit.objects.none())
    channel = forms.ChoiceField(label=_("申请渠道"), choices=STAFF_CHANNELS)
    received_on = date_field(
        _("收到申请日期"),
        required=False,
        help_text=_(
            "按申请渠道确定,规则见下。平信或传真暂时无法与申请人确认的可以留空,确认后再登记日期"
        ),
    )

    field_order = ["unit", "channel", "received_on"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
            self.fields["unit"].empty_label = None

    @staticmethod
    def receipt_rules() -> list[tuple[str, str]]:
        return [
            (str(Channel(value).label), RECEIPT_RULES[value]) for value, _label in STAFF_CHANNELS
        ]

    def clean(self):
        cleaned = super().clean()
        received_on = cleaned.get("received_on")
        if received_on and received_on > timezone.localdate():
            self.add_error("received_on", _("收到申请日期不能晚于今天"))
        elif not received_on and "received_on" not in self.errors:
            if cleaned.get("channel") not in CONFIRMED_CHANNELS:
                self.add_error("received_on", _("请填写收到申请日期"))
        return cleaned


class CaseForm(forms.Form):
    """A step on a case; `case` narrows the choices (its unit's staff, its open pauses)."""

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


class ConfirmForm(CaseForm):
    confirmed_on = date_field(_("确认日期"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        # The channel's receipt rule (《条例》第三十一条): the confirmation date counts.
        self.fields["confirmed_on"].help_text = RECEIPT_RULES.get(case.channel, "")


class AskCorrectionForm(CaseForm):
    items = forms.CharField(
        label=_("需补正的内容"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_DESCRIPTION_CHARS,
        help_text=_("一次性告知申请人需要补正的全部事项(《条例》第三十条)"),
    )
    period_workdays = forms.IntegerField(
        label=_("补正期限(工作日)"),
        min_value=1,
        max_value=MAX_CORRECTION_WORKDAYS,
        initial=MAX_CORRECTION_WORKDAYS,
    )
    asked_on = date_field(_("告知日期"), help_text=_("须在收到申请之日起7个工作日内"))


class ReceiveCorrectionForm(CaseForm):
    corrected_on = date_field(_("收到补正日期"), help_text=_("答复期限自此日重新计算"))
    description = forms.CharField(
        label=_("补正后的内容描述(如有变化)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_DESCRIPTION_CHARS,
        required=False,
    )


class AcceptForm(CaseForm):
    handler = StaffChoiceField(
        label=_("经办人"),
        queryset=None,
        required=False,
        empty_label=_("由我办理"),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["handler"].queryset = unit_request_handlers(case.unit)


class AssignForm(AcceptForm):
    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["handler"].required = True
        self.fields["handler"].empty_label = "---------"


class TransferForm(CaseForm):
    to_unit = forms.ModelChoiceField(label=_("转至单位"), queryset=Unit.objects.none())
    note = forms.CharField(
        label=_("转办理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        # The units that take applications (the portal's list): a case goes nowhere
        # a citizen could not have sent it.
        self.fields["to_unit"].queryset = (
            intake_units().exclude(pk=case.unit_id).order_by("kind", "sort_order", "name")
        )


class PauseStartForm(CaseForm):
    kind = forms.ChoiceField(label=_("类型"), choices=Pause.Kind.choices)
    party = forms.CharField(
        label=_("征求意见对象"),
        max_length=200,
        required=False,
        help_text=_("征求第三方或其他机关意见时填写"),
    )
    amount_yuan = forms.DecimalField(
        label=_("收费金额(元)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        help_text=_("发出收费通知时填写"),
    )
    reason = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500, required=False
    )
    started_on = date_field(_("开始日期"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        # The handler decides the fee; the system only says what 按件计收 would charge
        # (国办函〔2020〕109号, bands in data/fees.toml). Only a count, never who else applied.
        nth = fees.nth_this_month(case)
        self.fields["amount_yuan"].help_text = _(
            "发出收费通知时填写。本申请为该申请人本月第%(n)s件,按件计收参考金额%(yuan)s元"
        ) % {"n": nth, "yuan": fees.per_request_fee(nth)}


class PauseEndForm(CaseForm):
    pause = forms.ModelChoiceField(label=_("事项"), queryset=Pause.objects.none())
    ended_on = date_field(_("结束日期"))
    result = forms.CharField(label=_("结果"), max_length=200, help_text=_("如第三方意见、已缴费"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        pauses = Pause.objects.filter(info_request=case, ended_on__isnull=True)
        self.fields["pause"].queryset = pauses
        if len(pauses) == 1:
            self.fields["pause"].initial = pauses[0].pk
            self.fields["pause"].empty_label = None


class ExtendForm(CaseForm):
    workdays = forms.IntegerField(
        label=_("延长工作日"),
        min_value=1,
        max_value=MAX_EXTENSION_WORKDAYS,
        help_text=_("合计不超过20个工作日(《条例》第三十三条第二款)"),
    )
    reason = forms.CharField(
        label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
    decided_on = date_field(_("批准日期"))


class ReplyForm(CaseForm):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=outcome_choices)
    provided_how = forms.CharField(
        label=_("信息提供方式或已公开的位置"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_DESCRIPTION_CHARS,
        required=False,
        help_text=_("予以公开、部分公开时必填"),
    )
    reason = forms.CharField(
        label=_("理由或说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_DESCRIPTION_CHARS,
        required=False,
        help_text=_("予以公开以外的结果必填"),
    )
    issued_on = date_field(_("答复书出具日期"))


class DeliverForm(CaseForm):
    method = forms.ChoiceField(label=_("送达方式"), choices=list(DELIVERY_METHODS.items()))
    posted_on = date_field(_("交邮日期"), required=False, today=False, help_text=_("邮政寄送填写"))
    signed_on = date_field(
        _("签收日期"), required=False, today=False, help_text=_("直接送达、委托送达填写")
    )
    sent_on = date_field(
        _("发送或发布日期"), required=False, today=False, help_text=_("电子邮件、网上送达填写")
    )

    # The way the applicant asked to receive the information (《条例》第二十九条第二款第三项)
    # is the likely delivery method.
    SUGGESTED = {"post": "post", "email": "email", "online": "online", "pick_up": "direct"}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["method"].initial = self.SUGGESTED.get(case.receive_by, "direct")


class SignatureForm(CaseForm):
    signed_on = date_field(
        _("签收日期"), help_text=_("邮寄回执上的签收日期;答复日期仍以交邮日期为准")
    )


class ArchiveForm(CaseForm):
    pass


class AppealForm(CaseForm):
    kind = forms.ChoiceField(label=_("类型"), choices=Appeal.Kind.choices)
    filed_on = date_field(_("申请或起诉日期"), today=False)
    result = forms.ChoiceField(
        label=_("结果"), choices=Appeal.Result.choices, initial=Appeal.Result.PENDING
    )
    decided_on = date_field(_("审结日期"), required=False, today=False)
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500, required=False
    )


class AppealDecideForm(CaseForm):
    appeal = forms.ModelChoiceField(label=_("案件"), queryset=Appeal.objects.none())
    result = forms.ChoiceField(
        label=_("审结结果"),
        choices=[c for c in Appeal.Result.choices if c[0] != Appeal.Result.PENDING],
    )
    decided_on = date_field(_("审结日期"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        pending = Appeal.objects.filter(info_request=case, result=Appeal.Result.PENDING)
        self.fields["appeal"].queryset = pending
        if len(pending) == 1:
            self.fields["appeal"].initial = pending[0].pk
            self.fields["appeal"].empty_label = None
