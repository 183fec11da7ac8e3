"""Standard disclosure catalogs (标准目录): guidelines, unit catalogs, versions and items.

A catalog is one unit's list of what it discloses for one domain, one row per
matter: what (要素), on what basis (依据), within how long (时限), by whom
(主体), where (渠道), to whom (对象), how (方式) and at which level (层级).
Versions are immutable once submitted; a new version starts from the last
published one (seed 三(一), 四(三)).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.transitions import StatusEvent
from gongkai.orgs.models import Domain, Unit


class Channel(models.TextChoices):
    """公开渠道和载体: the 13 standard options, in the order of the standard table."""

    GOV_WEBSITE = "gov_website", _("政府网站")
    GAZETTE = "gazette", _("政府公报")
    NEW_MEDIA = "new_media", _("两微一端")
    PRESS_CONFERENCE = "press_conference", _("发布会/听证会")
    RADIO_TV = "radio_tv", _("广播电视")
    PRINT_MEDIA = "print_media", _("纸质媒体")
    READING_POINT = "reading_point", _("公开查阅点")
    SERVICE_CENTER = "service_center", _("政务服务中心")
    CONVENIENCE_STATION = "convenience_station", _("便民服务站")
    DOOR_TO_DOOR = "door_to_door", _("入户/现场")
    NOTICE_BOARD = "notice_board", _("社区/企事业单位/村公示栏(电子屏)")
    TARGETED_PUSH = "targeted_push", _("精准推送")
    OTHER = "other", _("其他")


CHANNEL_ORDER = {code: index for index, code in enumerate(Channel.values)}


class Stage(models.TextChoices):
    """五公开: the stage of administrative power a matter belongs to."""

    NONE = "", _("(未标注)")
    DECISION = "decision", _("决策")
    EXECUTION = "execution", _("执行")
    MANAGEMENT = "management", _("管理")
    SERVICE = "service", _("服务")
    RESULT = "result", _("结果")


class DisclosureLevel(models.Model):
    """公开层级: labels differ by place (Zhongshan has no county: 市级 / 镇(街)级 / 村(社区)级)."""

    code = models.SlugField(_("代码"), max_length=20, unique=True)
    label = models.CharField(_("名称"), max_length=30)
    # Headings other places print for the same level (镇级, 乡(镇)级 …), read on import.
    aliases = models.JSONField(_("其他写法"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("公开层级")
        verbose_name_plural = _("公开层级")
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.label


class Guideline(models.Model):
    """A domain's national standard guideline (标准指引), versioned."""

    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="guidelines")
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    title = models.CharField(_("名称"), max_length=200)
    issuer = models.CharField(_("制定部门"), max_length=100, blank=True)
    reference = models.CharField(_("文号或出处"), max_length=200, blank=True)
    issued_on = models.DateField(_("发布日期"), null=True, blank=True)
    # Most guidelines make 公开方式 a single choice per matter: 主动 or 依申请, not both.
    single_mode = models.BooleanField(_("公开方式只能选一种"), default=True)

    class Meta:
        verbose_name = _("标准指引")
        verbose_name_plural = _("标准指引")
        ordering = ["domain__sort_order", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "version"], name="guideline_domain_version")
        ]

    def __str__(self) -> str:
        return f"{self.title}(第{self.version}版)"


class GuidelineItem(models.Model):
    """One matter the guideline expects every unit's catalog to cover (or to explain leaving out)."""

    guideline = models.ForeignKey(Guideline, on_delete=models.CASCADE, related_name="items")
    sort_order = models.PositiveIntegerField(_("序号"), default=0)
    category = models.CharField(_("一级事项"), max_length=100)
    name = models.CharField(_("二级事项"), max_length=200)
    sub_name = models.CharField(_("三级事项"), max_length=200, blank=True)
    elements = models.JSONField(_("公开内容(要素)"), default=list, blank=True)
    legal_basis = models.JSONField(_("公开依据"), default=list, blank=True)
    time_limit_text = models.CharField(_("公开时限"), max_length=300, blank=True)
    on_request_only = models.BooleanField(_("仅依申请公开"), default=False)

    class Meta:
        verbose_name = _("指引事项")
        verbose_name_plural = _("指引事项")
        ordering = ["guideline", "sort_order"]

    def __str__(self) -> str:
        return " / ".join(part for part in (self.category, self.name, self.sub_name) if part)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.category, self.name, self.sub_name)


class Catalog(models.Model):
    """One unit's standard catalog for one domain; its content lives in versions."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="catalogs")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="catalogs")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("标准目录")
        verbose_name_plural = _("标准目录")
        ordering = ["unit__kind", "unit__sort_order", "domain__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "domain"], name="catalog_unit_domain")
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}{self.domain.name}领域标准目录"

    def published_version(self) -> "CatalogVersion | None":
        return self.versions.filter(status=CatalogVersion.Status.PUBLISHED).first()


class CatalogVersion(models.Model):
    """An immutable-once-submitted snapshot of a catalog's items, moving through review.

    Towns: draft → submitted → approved by the counterpart department (or
    returned with an opinion) → filed (备案) with the openness office →
    published. Departments skip the counterpart review: submitted → filed.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交")
        RETURNED = "returned", _("已退回修改")
        APPROVED = "approved", _("对口部门审核通过")
        FILED = "filed", _("已备案")
        PUBLISHED = "published", _("已发布")
        SUPERSEDED = "superseded", _("已被新版本取代")

    catalog = models.ForeignKey(Catalog, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=16, choices=Status, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("基于版本"),
    )
    source_note = models.CharField(_("来源"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    filed_at = models.DateTimeField(_("备案时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("目录版本")
        verbose_name_plural = _("目录版本")
        ordering = ["catalog", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["catalog", "number"], name="catalog_version_number"),
            # At most one open (not yet published or superseded) version per catalog.
            models.UniqueConstraint(
                fields=["catalog"],
                condition=~Q(status__in=["published", "superseded"]),
                name="catalog_one_open_version",
            ),
            models.UniqueConstraint(
                fields=["catalog"], condition=Q(status="published"), name="catalog_one_published"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.catalog} 第{self.number}版"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


EDITABLE_STATUSES = {CatalogVersion.Status.DRAFT, CatalogVersion.Status.RETURNED}

S = CatalogVersion.Status
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED},
    S.RETURNED: {S.SUBMITTED},
    S.SUBMITTED: {S.APPROVED, S.RETURNED, S.FILED},
    S.APPROVED: {S.FILED, S.RETURNED},
    S.FILED: {S.PUBLISHED},
    S.PUBLISHED: {S.SUPERSEDED},
    S.SUPERSEDED: set(),
}


class CatalogEvent(StatusEvent):
    """A step in a catalog version's life (the timeline shown to staff)."""

    version = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusEvent.Meta):
        verbose_name = _("目录流转记录")
        verbose_name_plural = _("目录流转记录")


class CatalogItem(models.Model):
    """One row of a catalog: every column of the standard table."""

    version = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="items")
    sort_order = models.PositiveIntegerField(_("序号"), default=0)
    guideline_item = models.ForeignKey(
        GuidelineItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(
        _("五公开"), max_length=16, choices=Stage, default=Stage.NONE, blank=True
    )
    category = models.CharField(_("一级事项"), max_length=100)
    name = models.CharField(_("二级事项"), max_length=200)
    sub_name = models.CharField(_("三级事项"), max_length=200, blank=True)
    elements = models.JSONField(_("公开内容(要素)"), default=list, blank=True)
    legal_basis = models.JSONField(_("公开依据"), default=list, blank=True)
    time_limit_text = models.CharField(_("公开时限"), max_length=300, blank=True)
    # The parsed rule (gongkai.catalogs.time_limits.TimeLimit.to_dict()).
    time_limit = models.JSONField(_("公开时限规则"), default=dict, blank=True)
    publisher = models.CharField(_("公开主体"), max_length=200, blank=True)
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    channels_other = models.CharField(_("其他渠道"), max_length=300, blank=True)
    audience_public = models.BooleanField(_("全社会"), default=False)
    audience_specific = models.BooleanField(_("特定群体"), default=False)
    mode_proactive = models.BooleanField(_("主动公开"), default=False)
    mode_on_request = models.BooleanField(_("依申请公开"), default=False)
    levels = models.JSONField(_("公开层级"), default=list, blank=True)
    remarks = models.CharField(_("备注"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        ordering = ["version", "sort_order", "id"]

    def __str__(self) -> str:
        return " / ".join(part for part in (self.category, self.name, self.sub_name) if part)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.category, self.name, self.sub_name)

    def channel_labels(self) -> list[str]:
        labels = [str(Channel(code).label) for code in self.channels if code != Channel.OTHER]
        if Channel.OTHER in self.channels or self.channels_other:
            labels.append(self.channels_other or str(Channel.OTHER.label))
        return labels


class CoverageException(models.Model):
    """A guideline item a unit leaves out of its catalog, with the reason and legal basis."""

    version = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="exclusions")
    guideline_item = models.ForeignKey(GuidelineItem, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("不列入理由"))
    legal_basis = models.CharField(_("依据"), max_length=300)

    class Meta:
        verbose_name = _("未列入事项说明")
        verbose_name_plural = _("未列入事项说明")
        constraints = [
            models.UniqueConstraint(fields=["version", "guideline_item"], name="exclusion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.guideline_item}(不列入)"


class ReviewOpinion(models.Model):
    """The written opinion of the counterpart department (or the office) on a version."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("审核通过")
        RETURNED = "returned", _("退回修改")

    version = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="opinions")
    reviewer_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("结论"), max_length=16, choices=Decision)
    text = models.TextField(_("审核意见"))
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("审核意见")
        verbose_name_plural = _("审核意见")
        ordering = ["version", "at"]

    def __str__(self) -> str:
        return f"{self.reviewer_unit}:{self.get_decision_display()}"
