"""Who may see and act on catalogs. Every catalog view starts here.

- A unit's staff see all its versions; only its editors edit a draft, only
  its approvers submit and publish.
- The counterpart department (lead or guide of the domain) sees a town's
  versions once submitted, and its approvers review them; never drafts.
- The openness office sees everything and files.
A denial answers 404, like a version that does not exist.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.catalogs.models import CatalogVersion
from gongkai.orgs.models import COUNTERPART_ROLES, Membership, Responsibility, Unit
from gongkai.orgs.permissions import is_office_admin, roles_in

Role = Membership.Role
Status = CatalogVersion.Status
PAST_DRAFT = [Status.SUBMITTED, Status.APPROVED, Status.FILED, Status.PUBLISHED, Status.SUPERSEDED]


def is_counterpart_for(user, version: CatalogVersion, *, roles: set[str] | None = None) -> bool:
    if not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(
        user=user,
        unit__responsibilities__domain_id=version.catalog.domain_id,
        unit__responsibilities__role__in=COUNTERPART_ROLES,
    )
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.exists()


def can_view_version(user, version: CatalogVersion) -> bool:
    if is_office_admin(user):
        return True
    if roles_in(user, version.catalog.unit):
        return True
    return (
        version.status in PAST_DRAFT
        and version.catalog.unit.kind == Unit.Kind.TOWN
        and is_counterpart_for(user, version)
    )


def can_edit_version(user, version: CatalogVersion) -> bool:
    return version.is_editable and Role.EDITOR in roles_in(user, version.catalog.unit)


def can_submit_version(user, version: CatalogVersion) -> bool:
    return version.is_editable and Role.APPROVER in roles_in(user, version.catalog.unit)


def can_review_version(user, version: CatalogVersion) -> bool:
    return (
        version.status == Status.SUBMITTED
        and version.catalog.unit.kind == Unit.Kind.TOWN
        and is_counterpart_for(user, version, roles={Role.APPROVER})
    )


def can_file_version(user, version: CatalogVersion) -> bool:
    return version.status in (Status.SUBMITTED, Status.APPROVED) and is_office_admin(user)


def can_publish_version(user, version: CatalogVersion) -> bool:
    return version.status == Status.FILED and Role.APPROVER in roles_in(user, version.catalog.unit)


def can_start_version(user, unit: Unit) -> bool:
    return Role.EDITOR in roles_in(user, unit)


def reviewer_unit_for(user, version: CatalogVersion) -> Unit | None:
    """The department in whose name `user` reviews `version` (or the office when returning)."""
    unit = (
        Unit.objects.filter(
            memberships__user=user,
            memberships__role=Role.APPROVER,
            responsibilities__domain_id=version.catalog.domain_id,
            responsibilities__role__in=COUNTERPART_ROLES,
        )
        .distinct()
        .first()
    )
    if unit is None and is_office_admin(user):
        unit = Unit.objects.filter(kind=Unit.Kind.OPENNESS_OFFICE).first()
    return unit


def visible_versions(user) -> QuerySet[CatalogVersion]:
    versions = CatalogVersion.objects.select_related("catalog__unit", "catalog__domain")
    if is_office_admin(user):
        return versions
    if not user.is_authenticated:
        return versions.none()
    own = Q(catalog__unit__memberships__user=user)
    counterpart_domains = Responsibility.objects.filter(
        unit__memberships__user=user, role__in=COUNTERPART_ROLES
    ).values("domain_id")
    reviewed = Q(
        catalog__unit__kind=Unit.Kind.TOWN,
        catalog__domain_id__in=counterpart_domains,
        status__in=PAST_DRAFT,
    )
    return versions.filter(own | reviewed).distinct()


def get_version_for_viewer(user, pk: int) -> CatalogVersion:
    version = (
        CatalogVersion.objects.select_related("catalog__unit__batch", "catalog__domain")
        .filter(pk=pk)
        .first()
    )
    if version is None or not can_view_version(user, version):
        raise Http404
    return version
