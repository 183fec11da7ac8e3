"""Reads over units, domains and responsibilities."""

import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from gongkai.orgs.models import COUNTERPART_ROLES, Domain, Membership, Responsibility, Unit


class UnknownName(LookupError):
    """A unit or domain name that matches nothing (message names it)."""


def domain_get_by_name(name: str) -> Domain:
    """The domain called `name`, or known by it as an alias (乡村振兴 → 扶贫)."""
    name = name.strip()
    domain = Domain.objects.filter(Q(name=name) | Q(aliases__name=name)).distinct().first()
    if domain is None:
        raise UnknownName(_("未知领域“%(name)s”") % {"name": name})
    return domain


def unit_get_by_name(name: str, *, on: datetime.date | None = None) -> Unit:
    """The unit called `name` now, or called so on `on` (former names count)."""
    name = name.strip()
    unit = Unit.objects.filter(name=name).first()
    if unit is None:
        former = Unit.objects.filter(former_names__name=name)
        if on is not None:
            former = former.filter(former_names__valid_to__gte=on)
        unit = former.distinct().first()
    if unit is None:
        raise UnknownName(_("未知单位“%(name)s”") % {"name": name})
    return unit


def unit_get_by_code_or_name(text: str) -> Unit:
    """The unit whose code is `text` (tanzhou), else the one called so (坦洲镇): for commands."""
    unit = Unit.objects.filter(code=text.strip()).first()
    return unit if unit is not None else unit_get_by_name(text)


def counterpart_for(domain: Domain) -> Unit | None:
    """The city department that reviews towns' catalogs for `domain` (lead, else guide)."""
    responsibility = (
        Responsibility.objects.filter(domain=domain, role__in=COUNTERPART_ROLES)
        .select_related("unit")
        .order_by("role")
        .first()
    )
    return responsibility.unit if responsibility else None


def towns(*, on: datetime.date | None = None) -> QuerySet[Unit]:
    queryset = Unit.objects.filter(kind=Unit.Kind.TOWN).select_related("batch")
    return queryset.active_on(on) if on else queryset


def responsibilities_by_domain() -> list[tuple[Domain, list[Responsibility]]]:
    rows: dict[int, list[Responsibility]] = {}
    for responsibility in Responsibility.objects.select_related("unit", "domain"):
        rows.setdefault(responsibility.domain_id, []).append(responsibility)
    return [
        (domain, rows.get(domain.pk, [])) for domain in Domain.objects.prefetch_related("aliases")
    ]


def memberships_of(user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("unit")
        .order_by("unit__kind", "unit__sort_order", "role")
    )
