"""The annual report (政府信息公开工作年度报告) as a document with a workflow.

Sections 二–四 are computed (`reports.annual`); the unit writes sections 一, 五
and 六 and enters the table-2 figures that live in other systems, each with its
source. Approval freezes everything into `snapshot`; submission and publication
carry that snapshot unchanged, so what the approver signed is what the public
reads, and later changes to cases or records never alter a published report.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.transitions import StatusEvent
from gongkai.orgs.models import Unit


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        APPROVED = "approved", _("已审核")
        SUBMITTED = "submitted", _("已报送公开办")
        PUBLISHED = "published", _("已发布")

    # 《条例》第四十九条: the unit's approver signs, the report goes to the openness
    # office, and is published. Approval can be withdrawn and the office can return
    # a submitted report (both back to draft, the snapshot discarded); publication is final.
    TRANSITIONS = {
        Status.DRAFT: {Status.APPROVED},
        Status.APPROVED: {Status.DRAFT, Status.SUBMITTED},
        Status.SUBMITTED: {Status.DRAFT, Status.PUBLISHED},
        Status.PUBLISHED: set(),
    }
    FROZEN = {Status.APPROVED, Status.SUBMITTED, Status.PUBLISHED}

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("单位")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=16, choices=Status, default=Status.DRAFT)
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    carried_in_explanation = models.TextField(_("上年结转数与上年报告不一致的说明"), blank=True)
    # Figures, rendered text, checks and warnings as approved; empty while a draft.
    snapshot = models.JSONField(_("定稿内容"), default=dict, blank=True)
    snapshot_hash = models.CharField(_("定稿摘要"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "unit__sort_order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_annual_report_per_unit_year")
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.unit.name}{self.year}年度报告"

    @property
    def is_frozen(self) -> bool:
        return self.status in self.FROZEN


class ReportEvent(StatusEvent):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusEvent.Meta):
        verbose_name = _("年度报告流转记录")
        verbose_name_plural = _("年度报告流转记录")


class EnteredFigure(models.Model):
    """A table-2 figure kept in another system (审批、执法、收费系统), entered with its source."""

    class Code(models.TextChoices):
        # 《条例》第二十条第(五)(六)(八)项, the rows of table 2 the records cannot count.
        LICENSING = "licensing", _("行政许可 本年处理决定数量")
        PENALTY = "penalty", _("行政处罚 本年处理决定数量")
        ENFORCEMENT = "enforcement", _("行政强制 本年处理决定数量")
        FEES = "fees", _("行政事业性收费 本年收费金额(万元)")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="figures")
    code = models.CharField(_("项目"), max_length=16, choices=Code)
    value = models.DecimalField(
        _("数值"), max_digits=14, decimal_places=4, validators=[MinValueValidator(0)]
    )
    source = models.CharField(_("数据来源"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("填报人"),
    )
    entered_at = models.DateTimeField(_("填报时间"), default=timezone.now)

    class Meta:
        verbose_name = _("表二填报数")
        verbose_name_plural = _("表二填报数")
        constraints = [
            models.UniqueConstraint(fields=["report", "code"], name="one_figure_per_report_code")
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.value}"


class ReportReminder(models.Model):
    """A deadline reminder already sent (so a daily run sends each one once)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    days_before = models.SmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "days_before"], name="one_report_reminder_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} −{self.days_before}"
