"""Government information records (政府信息): drafting, secrecy review, approval, publishing.

The disclosure attribute is decided when a record is drafted (源头认定, seed
三(二)); the content approved is locked by a hash, and only that content can
be published; personal data must be masked or explicitly exempted first
(the `privacy` app finds it). Interpretations (政策解读) belong to their policy
and go out with it (谁起草谁解读).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.catalogs.models import CatalogItem
from gongkai.core.transitions import StatusEvent
from gongkai.orgs.models import Unit


class LegalBasis(models.Model):
    """A maintained legal basis for not publishing proactively (条例第十四、十五、十六条 …)."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    article = models.CharField(_("条款"), max_length=100)
    summary = models.CharField(_("内容"), max_length=300)
    # Which attributes it may justify: "withheld", "on_request".
    applies_to = models.JSONField(_("适用于"), default=list)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("不主动公开的法律依据")
        verbose_name_plural = _("不主动公开的法律依据")
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return f"{self.article}:{self.summary}"


class IndexCounter(models.Model):
    """The last 索引号 sequence number a unit issued in a year (locked when incremented)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="index_counter_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


class Record(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SECRECY_REVIEW = "secrecy_review", _("保密审查中")
        APPROVAL = "approval", _("待审批")
        APPROVED = "approved", _("已审批")
        PUBLISHED = "published", _("已发布")
        RETURNED = "returned", _("已退回修改")
        # Taken off the portal (an error, or personal data found after publication);
        # final: a corrected text is published as a new record.
        WITHDRAWN = "withdrawn", _("已撤回")

    class Disclosure(models.TextChoices):
        PROACTIVE = "proactive", _("主动公开")
        ON_REQUEST = "on_request", _("依申请公开")
        WITHHELD = "withheld", _("不予公开")

    class DocType(models.TextChoices):
        # The annual report counts 规章 and 行政规范性文件 separately (table 2).
        RULE = "rule", _("规章")
        NORMATIVE = "normative", _("行政规范性文件")
        OTHER = "other", _("其他")

    class Validity(models.TextChoices):
        IN_FORCE = "in_force", _("有效")
        EXPIRED = "expired", _("失效")
        REPEALED = "repealed", _("废止")
        AMENDED = "amended", _("已修订")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="records", verbose_name=_("发布机构")
    )
    co_issuers = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("联合发文单位")
    )
    index_number = models.CharField(_("索引号"), max_length=60, unique=True)
    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    formed_on = models.DateField(
        _("形成或变更日期"),
        null=True,
        blank=True,
        help_text=_("公开时限从此日起算(《条例》第二十六条)"),
    )
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    topic = models.CharField(_("主题分类"), max_length=50, blank=True)
    doc_type = models.CharField(
        _("文件类型"), max_length=16, choices=DocType, default=DocType.OTHER
    )
    is_major_policy = models.BooleanField(_("重大政策"), default=False)
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    catalog_items = models.ManyToManyField(
        CatalogItem, blank=True, related_name="records", verbose_name=_("对应目录事项")
    )
    channels = models.JSONField(_("公开渠道"), default=list, blank=True)
    # Records moved in from an earlier website keep the address they were published at.
    source_url = models.URLField(_("原发布地址"), max_length=500, blank=True)

    disclosure = models.CharField(
        _("公开属性"), max_length=16, choices=Disclosure, default=Disclosure.PROACTIVE
    )
    disclosure_reason = models.TextField(_("不主动公开的理由"), blank=True)
    disclosure_basis = models.ForeignKey(
        LegalBasis,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("法律依据"),
    )

    status = models.CharField(_("状态"), max_length=16, choices=Status, default=Status.DRAFT)
    # sha256 of the content as approved; publishing anything else is refused.
    approved_hash = models.CharField(_("审批内容摘要"), max_length=64, blank=True)

    interpretation_waiver = models.TextField(_("不作解读的理由"), blank=True)
    interpretation_waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    validity = models.CharField(
        _("有效性"), max_length=16, choices=Validity, default=Validity.IN_FORCE
    )
    validity_changed_on = models.DateField(_("有效性变更日期"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        verbose_name=_("替代文件"),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["published_at"]),
            # Table 2 of the annual report counts 规章 and 行政规范性文件 (a few percent
            # of all records) by year and validity: covered by this index, the city's
            # counts over 1M records read ~60k index entries instead of the table.
            models.Index(
                fields=[
                    "doc_type",
                    "status",
                    "unit",
                    "published_at",
                    "validity",
                    "validity_changed_on",
                ],
                name="record_annual_report_counts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def needs_interpretation(self) -> bool:
        """行政规范性文件 and major policies are published with their interpretation."""
        return self.doc_type == self.DocType.NORMATIVE or self.is_major_policy


EDITABLE_STATUSES = {Record.Status.DRAFT, Record.Status.RETURNED}

S = Record.Status
TRANSITIONS = {
    S.DRAFT: {S.SECRECY_REVIEW},
    S.RETURNED: {S.SECRECY_REVIEW},
    S.SECRECY_REVIEW: {S.APPROVAL, S.RETURNED},
    S.APPROVAL: {S.APPROVED, S.RETURNED},
    S.APPROVED: {S.PUBLISHED, S.RETURNED},
    S.PUBLISHED: {S.WITHDRAWN},
    S.WITHDRAWN: set(),
}


class RecordEvent(StatusEvent):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusEvent.Meta):
        verbose_name = _("政府信息流转记录")
        verbose_name_plural = _("政府信息流转记录")


def attachment_path(instance, filename: str) -> str:
    # Content-addressed: a masked file gets a new name, and an upload rolled back
    # with its transaction leaves at worst an orphan, never a wrong file.
    return f"records/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    class Check(models.TextChoices):
        CHECKED = "checked", _("已检查")
        NOT_CHECKED = "not_checked", _("未能自动检查")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("文件名"), max_length=255)
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("大小"))
    check_status = models.CharField(_("个人信息检查"), max_length=16, choices=Check)
    check_note = models.CharField(_("检查说明"), max_length=200, blank=True)
    # Extracted text: scanned for personal data, later indexed for search.
    text = models.TextField(blank=True)
    masked = models.BooleanField(_("已遮蔽"), default=False)
    # A file the scanner cannot read (a scan) is published only after an
    # approver has looked at it and says it holds no personal data.
    manually_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    manually_checked_at = models.DateTimeField(null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["record", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def cleared_for_publishing(self) -> bool:
        """Read in full by the scanner, or looked at by an approver.

        A file read only in part (a picture in a Word file, a page without a
        text layer: `check_note` says what) needs the approver's look too.
        """
        fully_read = self.check_status == self.Check.CHECKED and not self.check_note
        return fully_read or self.manually_checked_by_id is not None


class PrivacyExemption(models.Model):
    """An approver's justified decision to publish one personal-data value (e.g. 惩戒公示).

    The value itself is not stored: only its hash (to match findings) and its
    masked form (to show which one it was).
    """

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="exemptions")
    kind = models.CharField(_("类型"), max_length=20)
    value_hash = models.CharField(max_length=64)
    masked_value = models.CharField(_("内容(遮蔽显示)"), max_length=100)
    reason = models.TextField(_("理由"))
    legal_basis = models.CharField(_("依据"), max_length=300)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("个人信息公开豁免")
        verbose_name_plural = _("个人信息公开豁免")
        constraints = [
            models.UniqueConstraint(fields=["record", "value_hash"], name="exemption_unique_value")
        ]

    def __str__(self) -> str:
        return self.masked_value


class Interpretation(models.Model):
    """政策解读: owned by the policy's drafting unit and published with the policy."""

    class Kind(models.TextChoices):
        TEXT = "text", _("文字解读")
        GRAPHIC = "graphic", _("图文解读")
        VIDEO = "video", _("视频解读")
        QA = "qa", _("问答解读")

    policy = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="interpretations")
    kind = models.CharField(_("形式"), max_length=16, choices=Kind, default=Kind.TEXT)
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("正文"), blank=True)
    video_url = models.URLField(_("视频链接"), blank=True)
    # [{"q": "…", "a": "…"}, …] for 问答解读.
    qa = models.JSONField(_("问答"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        ordering = ["policy", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Reassessment(models.Model):
    """动态调整 (《条例》第十八条): one unit's yearly review of what it does not publish."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reassessments")
    year = models.PositiveSmallIntegerField(_("年度"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("年度动态调整")
        verbose_name_plural = _("年度动态调整")
        ordering = ["-year", "unit__kind", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="reassessment_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}{self.year}年度动态调整"


class ReassessmentDecision(models.Model):
    """The decision on one withheld or on-request record: keep it so (with why) or disclose it."""

    class Decision(models.TextChoices):
        PENDING = "", _("待评估")
        KEEP = "keep", _("维持")
        DISCLOSE = "disclose", _("转为主动公开")

    reassessment = models.ForeignKey(
        Reassessment, on_delete=models.CASCADE, related_name="decisions"
    )
    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="+")
    # The attribute under review, as it was when the review opened.
    disclosure = models.CharField(max_length=16, choices=Record.Disclosure)
    decision = models.CharField(
        _("评估结论"), max_length=16, choices=Decision, default=Decision.PENDING, blank=True
    )
    reason = models.TextField(_("理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("动态调整评估")
        verbose_name_plural = _("动态调整评估")
        ordering = ["reassessment", "record__created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reassessment", "record"], name="reassessment_decision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record}:{self.get_decision_display()}"
