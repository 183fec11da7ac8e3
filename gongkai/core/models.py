"""Reference data every app relies on: the official working-day calendar and the audit log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """One year of the national working-day calendar.

    Only a year whose status is `official` may be used for statutory deadlines:
    its exceptions come from the State Council's yearly holiday notice
    (国务院办公厅关于X年部分节假日安排的通知). A year without a row, or still a
    draft, makes every computation that touches it fail unless the caller asks
    for a provisional (weekends-only) estimate.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿(未生效)")
        OFFICIAL = "official", _("正式")

    class Source(models.TextChoices):
        PACKAGE = "package", _("chinese-calendar 数据包")
        NOTICE = "notice", _("公开办按国务院通知录入")

    year = models.PositiveSmallIntegerField(_("年份"), primary_key=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status, default=Status.DRAFT)
    source = models.CharField(_("来源"), max_length=16, choices=Source, default=Source.NOTICE)
    notice = models.CharField(_("依据通知"), max_length=200, blank=True)
    # Bumped by every change to the year or its exceptions; deadlines computed
    # from the calendar can record it to find what needs recomputing.
    revision = models.PositiveIntegerField(_("修订号"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} ({self.get_status_display()})"


class CalendarException(models.Model):
    """A day that differs from the Monday–Friday rule.

    `holiday`: a day off (on a weekday it removes a working day; on a weekend
    day inside a holiday period it only names the day). `makeup_workday`
    (调休上班日): a Saturday or Sunday that is a working day.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日(休)")
        MAKEUP_WORKDAY = "makeup_workday", _("调休上班日(班)")

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("年度")
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind)
    name = models.CharField(_("节日名称"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".strip()


class AuditEventQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("audit events are append-only")

    def update(self, **kwargs):
        raise PermissionError("audit events are append-only")


class AuditEvent(models.Model):
    """An append-only record of one write: who, when, on what, and the values before and after.

    Rows are never changed: the ORM refuses update and delete, and a database
    trigger refuses UPDATE (migration 0002). `actor` is null for the system
    (seeding, scheduled jobs); `actor_label` keeps a readable name either way.
    """

    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_label = models.CharField(_("操作人名称"), max_length=150)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events are append-only")
