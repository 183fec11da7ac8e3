"""Disclosure on request (依申请公开): the case, its clock, its letters and its appeals.

Status (where the case is in 接收 → 登记 → 审核 → 办理 → 答复 → 送达 → 归档) is
kept apart from outcome (which row of the annual report's table 3 it ends
in). Whether a case is due soon or overdue is computed from the clock
(`deadlines.py`), never stored as a status.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.transitions import StatusEvent
from gongkai.orgs.models import Unit


class ApplicantKind(models.TextChoices):
    """The applicant columns of the annual report's table 3 (国办公开办函〔2021〕30号)."""

    NATURAL_PERSON = "natural_person", _("自然人")
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    NONPROFIT = "nonprofit", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER_ORG = "other_org", _("其他")


class Outcome(models.TextChoices):
    """The result rows of table 3; each case ends in exactly one (统计口径 4)."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTLY_DISCLOSED = "partly_disclosed", _("部分公开")
    REFUSED_1 = "refused.1", _("不予公开/属于国家秘密")
    REFUSED_2 = "refused.2", _("不予公开/其他法律行政法规禁止公开")
    REFUSED_3 = "refused.3", _("不予公开/危及“三安全一稳定”")
    REFUSED_4 = "refused.4", _("不予公开/保护第三方合法权益")
    REFUSED_5 = "refused.5", _("不予公开/属于三类内部事务信息")
    REFUSED_6 = "refused.6", _("不予公开/属于四类过程性信息")
    REFUSED_7 = "refused.7", _("不予公开/属于行政执法案卷")
    REFUSED_8 = "refused.8", _("不予公开/属于行政查询事项")
    UNAVAILABLE_1 = "unavailable.1", _("无法提供/本机关不掌握相关政府信息")
    UNAVAILABLE_2 = "unavailable.2", _("无法提供/没有现成信息需要另行制作")
    UNAVAILABLE_3 = "unavailable.3", _("无法提供/补正后申请内容仍不明确")
    NOT_PROCESSED_1 = "not_processed.1", _("不予处理/信访举报投诉类申请")
    NOT_PROCESSED_2 = "not_processed.2", _("不予处理/重复申请")
    NOT_PROCESSED_3 = "not_processed.3", _("不予处理/要求提供公开出版物")
    NOT_PROCESSED_4 = "not_processed.4", _("不予处理/无正当理由大量反复申请")
    NOT_PROCESSED_5 = "not_processed.5", _("不予处理/要求行政机关确认或重新出具已获取信息")
    OTHER_1 = (
        "other.1",
        _("其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_2 = (
        "other.2",
        _("其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_3 = "other.3", _("其他处理/其他")

    @classmethod
    def group_of(cls, code: str) -> str:
        """The table-3 block of an outcome: disclosed, partly_disclosed, refused, …"""
        return code.split(".", 1)[0]


class Channel(models.TextChoices):
    """How the application arrived; it decides the receipt date (《条例》第三十一条)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST_SIGNED = "post_signed", _("邮寄(需签收)")
    POST_UNSIGNED = "post_unsigned", _("邮寄(平信等无需签收)")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


class InfoRequest(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("待确认接收")
        REGISTERED = "registered", _("已登记待审核")
        AWAITING_CORRECTION = "awaiting_correction", _("待补正")
        IN_PROGRESS = "in_progress", _("办理中")
        REPLIED = "replied", _("已出具答复")
        DELIVERED = "delivered", _("已送达")
        ARCHIVED = "archived", _("已归档")

    class IdType(models.TextChoices):
        RESIDENT_ID = "resident_id", _("居民身份证")
        PASSPORT = "passport", _("护照")
        OTHER = "other", _("其他身份证件")
        ORG_CODE = "org_code", _("统一社会信用代码")

    class Form(models.TextChoices):
        PAPER = "paper", _("纸质")
        ELECTRONIC = "electronic", _("电子")

    class ReceiveBy(models.TextChoices):
        POST = "post", _("邮寄")
        EMAIL = "email", _("电子邮件")
        PICK_UP = "pick_up", _("当面领取")
        ONLINE = "online", _("网上查看")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="info_requests", verbose_name=_("受理机关")
    )
    tracking_number = models.CharField(_("申请编号"), max_length=40, unique=True)
    # The unit's own ledger number (申请编号 in its Excel ledger); platform cases
    # use the tracking number.
    ledger_no = models.CharField(_("台账编号"), max_length=60)
    query_code_hash = models.CharField(max_length=64, blank=True, editable=False)
    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    # 收到申请之日 by the channel's rule (《条例》第三十一条); empty until confirmed.
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True)

    applicant_kind = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantKind)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=16, choices=IdType, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    description = models.TextField(_("所需信息的内容描述"))
    doc_number = models.CharField(_("文件名称或文号"), max_length=200, blank=True)
    form_wanted = models.CharField(
        _("信息的指定提供载体形式"), max_length=16, choices=Form, default=Form.ELECTRONIC
    )
    receive_by = models.CharField(
        _("获取信息的方式"), max_length=16, choices=ReceiveBy, default=ReceiveBy.ONLINE
    )

    status = models.CharField(_("状态"), max_length=24, choices=Status, default=Status.RECEIVED)
    outcome = models.CharField(_("办理结果"), max_length=20, choices=Outcome, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("经办人"),
    )

    # 补正 (《条例》第三十条): asked once; the clock restarts from the corrected application.
    correction_asked_on = models.DateField(_("补正告知日期"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    correction_note = models.TextField(_("需补正的内容"), blank=True)
    corrected_on = models.DateField(_("补正收到日期"), null=True, blank=True)

    # 延期 (《条例》第三十三条第二款): at most 20 working days, approved.
    extension_workdays = models.PositiveSmallIntegerField(_("延期工作日"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("延期批准人"),
    )

    # Cached from deadlines.due_on() by every service that moves the clock, so the
    # workbench can sort 10,000 cases in the database. None while the clock has
    # not started or is stopped for a correction.
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)

    # 答复日期: the day that counts against the deadline (posted, signed or sent;
    # 国办公开办函〔2016〕235号); set at delivery.
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    delivery_method = models.CharField(_("送达方式"), max_length=16, blank=True)
    posted_on = models.DateField(_("交邮日期"), null=True, blank=True)
    signed_on = models.DateField(_("签收日期"), null=True, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)

    # Where the case came from: "portal", "api", "staff", "ledger".
    source = models.CharField(_("来源"), max_length=16, default="staff")
    client_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "ledger_no"], name="foi_unit_ledger_no"),
            models.CheckConstraint(
                condition=models.Q(extension_workdays__lte=20), name="foi_extension_at_most_20"
            ),
        ]
        indexes = [
            # The workbench's order (due date, then submission) within a unit and overall;
            # status last so the index also answers the open-only filter.
            models.Index(
                fields=["unit", "due_on", "submitted_at", "id", "status"], name="foi_workbench"
            ),
            models.Index(
                fields=["due_on", "submitted_at", "id", "status"], name="foi_workbench_all"
            ),
            models.Index(fields=["replied_on"], name="foi_replied_on"),
            models.Index(fields=["received_on"], name="foi_received_on"),
        ]

    def __str__(self) -> str:
        # Never the applicant's name: this string reaches audit logs and admin lists.
        return self.tracking_number

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED

    @property
    def outcome_group(self) -> str:
        return Outcome.group_of(self.outcome) if self.outcome else ""


# A case is open until its reply is delivered: the delivery date (posted, signed or
# sent), not the letter's date, is what meets the deadline (国办公开办函〔2016〕235号),
# so an issued but undelivered reply stays on the workbench and keeps its reminders.
CLOSED = {
    InfoRequest.Status.DELIVERED,
    InfoRequest.Status.ARCHIVED,
}
# The reply letter exists (the applicant may read it and its outcome).
ANSWERED = {InfoRequest.Status.REPLIED, *CLOSED}

S = InfoRequest.Status
TRANSITIONS = {
    S.RECEIVED: {S.REGISTERED},
    S.REGISTERED: {S.AWAITING_CORRECTION, S.IN_PROGRESS, S.REPLIED},
    S.AWAITING_CORRECTION: {S.REGISTERED, S.REPLIED},
    S.IN_PROGRESS: {S.REPLIED},
    S.REPLIED: {S.DELIVERED},
    S.DELIVERED: {S.ARCHIVED},
    S.ARCHIVED: set(),
}


class RequestEvent(StatusEvent):
    """The case timeline: every status change and every clock event (data["kind"])."""

    info_request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="events")
    # Shown to the applicant on the tracking page (filtered: no internal notes).
    public = models.BooleanField(default=False)

    class Meta(StatusEvent.Meta):
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")


class Pause(models.Model):
    """Time that does not count against the deadline.

    Third-party and co-producer consultation (《条例》第三十二条、第三十四条;
    第三十三条第三款) and the wait for a fee (国办函〔2020〕109号).
    """

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", _("征求第三方意见")
        CO_PRODUCER = "co_producer", _("征求其他机关意见")
        FEE = "fee", _("待缴纳信息处理费")

    info_request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind)
    party = models.CharField(_("对象"), max_length=200, blank=True)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    # Fee notices: the amount, and whether it was paid (unpaid ends the case as other.2).
    amount_yuan = models.DecimalField(
        _("金额(元)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    result = models.CharField(_("结果"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("不计入答复期限的时间")
        verbose_name_plural = _("不计入答复期限的时间")
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}–{self.ended_on or ''}"


class LetterTemplate(models.Model):
    """A standard text (标准文本) the openness office maintains; {placeholders} are filled per case."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    title = models.CharField(_("文书名称"), max_length=100)
    # Which outcomes it answers (empty for notices).
    outcomes = models.JSONField(_("适用的办理结果"), default=list, blank=True)
    body = models.TextField(_("正文"))
    # The decision sentence per outcome, with its article; fills {ground}.
    grounds = models.JSONField(_("各办理结果的理由和依据"), default=dict, blank=True)
    remedy = models.CharField(
        _("救济途径条款"),
        max_length=20,
        choices=[("review_first", _("先行复议")), ("choice", _("复议或诉讼")), ("none", _("无"))],
        default="choice",
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.title


class Letter(models.Model):
    """An issued letter: its number and text are frozen when issued (locked)."""

    info_request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="letters")
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("文号"), max_length=60)
    title = models.CharField(_("标题"), max_length=200)
    addressee = models.CharField(_("收件人"), max_length=100)
    body = models.TextField(_("正文"))
    issued_on = models.DateField(_("出具日期"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    content_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["issued_on", "id"]
        constraints = [models.UniqueConstraint(fields=["number"], name="foi_letter_number")]

    def __str__(self) -> str:
        return self.number


class LetterCounter(models.Model):
    """The last letter number a unit issued in a year (locked when incremented)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    prefix = models.CharField(_("文号前缀"), max_length=20)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="foi_letter_counter_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}公复〔{self.year}〕{self.last}号"


class Appeal(models.Model):
    """行政复议 or 行政诉讼 about a case, for the annual report's table 4."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("行政复议")
        LITIGATION_DIRECT = "litigation_direct", _("行政诉讼(未经复议直接起诉)")
        LITIGATION_AFTER_REVIEW = "litigation_after_review", _("行政诉讼(复议后起诉)")

    class Result(models.TextChoices):
        UPHELD = "upheld", _("结果维持")
        CORRECTED = "corrected", _("结果纠正")
        OTHER = "other", _("其他结果")
        PENDING = "pending", _("尚未审结")

    info_request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(_("类型"), max_length=24, choices=Kind)
    filed_on = models.DateField(_("申请或起诉日期"))
    result = models.CharField(_("结果"), max_length=16, choices=Result, default=Result.PENDING)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("行政复议和行政诉讼")
        verbose_name_plural = _("行政复议和行政诉讼")
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}:{self.get_result_display()}"


class Reminder(models.Model):
    """A deadline reminder that was sent, so each is sent once per due date."""

    info_request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["info_request", "due_on", "days_before"], name="foi_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.info_request_id} {self.due_on} -{self.days_before}"
