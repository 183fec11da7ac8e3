"""Units, the 26 domains, who is responsible for what, and who works where."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Batch(models.Model):
    """A group of units that compile their catalogs by the same date (seed 三(一)).

    Batch 1 (departments, 火炬开发区, 石岐区, 坦洲镇): catalogs by 2020-08-31,
    publishing from 2020-09-01; batch 2 (the other 22 towns): by 2020-10-31,
    publishing from 2020-11-01.
    """

    number = models.PositiveSmallIntegerField(_("批次"), unique=True)
    name = models.CharField(_("名称"), max_length=50)
    catalog_due_on = models.DateField(_("目录编制完成期限"))
    publishing_from = models.DateField(_("开始对照目录公开"))

    class Meta:
        verbose_name = _("批次")
        verbose_name_plural = _("批次")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> "UnitQuerySet":
        """Units that existed on `day` (a merged unit drops out after its end date)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def existing_in(self, year: int) -> "UnitQuerySet":
        """Units that existed on at least one day of `year` (they report on it)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=datetime.date(year, 12, 31))
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=datetime.date(year, 1, 1)))

    def active(self) -> "UnitQuerySet":
        return self.active_on(datetime.date.today())


class Unit(models.Model):
    """An organisation that publishes or handles government information.

    Units are never deleted: a merged unit gets an end date (`valid_to`) and
    a `successor`, a renamed unit keeps its identity and its earlier names in
    `UnitName`, so catalogs, records and cases stay attached to history.
    """

    class Kind(models.TextChoices):
        OPENNESS_OFFICE = "openness_office", _("政务公开主管部门")
        DEPARTMENT = "department", _("市直部门")
        TOWN = "town", _("镇区")
        VILLAGE = "village", _("村(居)委会")
        PUBLIC_INSTITUTION = "public_institution", _("公共企事业单位")

    class ModelLevel(models.TextChoices):
        NONE = "", _("否")
        PROVINCE = "province", _("全省试点成果推广应用单位")
        CITY = "city", _("全市试点单位")

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=24, choices=Kind)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级单位"),
    )
    batch = models.ForeignKey(
        Batch,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("批次"),
    )
    model_level = models.CharField(
        _("示范单位"), max_length=16, choices=ModelLevel, default=ModelLevel.NONE, blank=True
    )
    valid_from = models.DateField(_("设立日期"), null=True, blank=True)
    valid_to = models.DateField(_("撤销/合并日期"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name=_("并入单位"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    # The 政府信息公开指南 (条例第十二条) is generated from these.
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["kind", "sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_model_unit(self) -> bool:
        return bool(self.model_level)

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def existed_in(self, year: int) -> bool:
        """Whether the unit existed on at least one day of `year`."""
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or self.valid_to.year >= year
        )

    def name_on(self, day: datetime.date) -> str:
        """The name the unit had on `day` (documents keep the name of their time)."""
        earlier = (
            self.former_names.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            .filter(valid_to__gte=day)
            .first()
        )
        return earlier.name if earlier else self.name

    def clean(self):
        allowed_parents = {
            self.Kind.VILLAGE: {self.Kind.TOWN},
            self.Kind.TOWN: {self.Kind.OPENNESS_OFFICE, None},
        }
        parent_kind = self.parent.kind if self.parent_id else None
        expected = allowed_parents.get(self.kind)
        if expected is not None and parent_kind not in expected:
            raise ValidationError({"parent": _("村(居)委会的上级必须是镇区")})
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": _("单位不能并入自身")})


class UnitName(models.Model):
    """A former name of a unit and the period it was used."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(_("曾用名"), max_length=100)
    valid_from = models.DateField(_("启用日期"), null=True, blank=True)
    valid_to = models.DateField(_("停用日期"))

    class Meta:
        verbose_name = _("曾用名")
        verbose_name_plural = _("曾用名")
        ordering = ["unit", "valid_to"]

    def __str__(self) -> str:
        return self.name


class Domain(models.Model):
    """One of the 26 pilot domains (试点领域) with a State Council standard guideline."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    issuer = models.CharField(_("标准指引制定部门"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("试点领域")
        verbose_name_plural = _("试点领域")
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.name


class DomainAlias(models.Model):
    """Another name by which documents refer to a domain (e.g. 乡村振兴 for 扶贫)."""

    class Kind(models.TextChoices):
        SYNONYM = "synonym", _("同义名称")
        RENAMED = "renamed", _("更名")
        MISPRINT = "misprint", _("误写")

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("别名"), max_length=50, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind, default=Kind.SYNONYM)

    class Meta:
        verbose_name = _("领域别名")
        verbose_name_plural = _("领域别名")

    def __str__(self) -> str:
        return f"{self.name} → {self.domain.name}"


class Responsibility(models.Model):
    """Which department leads, assists or guides a domain (seed 三(一)).

    The lead (or guiding) department is the counterpart (上级对口部门) that
    reviews towns' catalogs for the domain.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("牵头/负责")
        ASSIST = "assist", _("配合")
        GUIDE = "guide", _("指导")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="responsibilities", verbose_name=_("部门")
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="responsibilities", verbose_name=_("领域")
    )
    role = models.CharField(_("职责"), max_length=16, choices=Role)

    class Meta:
        verbose_name = _("领域职责")
        verbose_name_plural = _("领域职责")
        ordering = ["domain__sort_order", "role", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "domain"], name="responsibility_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.domain} · {self.unit} · {self.get_role_display()}"


# The roles that make a department the counterpart (上级对口部门) reviewing towns' catalogs.
COUNTERPART_ROLES = [Responsibility.Role.LEAD, Responsibility.Role.GUIDE]


class Membership(models.Model):
    """A staff member's role in one unit; a user may hold several roles in several units."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("政务公开专员(编辑)")
        APPROVER = "approver", _("审核人")
        SECRECY_REVIEWER = "secrecy_reviewer", _("保密审查员")
        REQUEST_HANDLER = "request_handler", _("依申请公开经办人")
        OFFICE_ADMIN = "office_admin", _("公开办管理员")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("角色"), max_length=24, choices=Role)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["unit__kind", "unit__sort_order", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"

    def clean(self):
        if self.role == self.Role.OFFICE_ADMIN and self.unit.kind != Unit.Kind.OPENNESS_OFFICE:
            raise ValidationError({"role": _("公开办管理员只能设在政务公开主管部门")})
