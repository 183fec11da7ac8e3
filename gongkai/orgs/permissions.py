"""Who may see and change units and the audit log.

Every view about a unit starts from `get_unit_for_member` or
`get_unit_for_profile_editor`; a denial answers 404 like a missing unit, so
staff cannot probe which units exist in the workspace.
"""

from django.db.models import QuerySet
from django.http import Http404

from gongkai.orgs.models import Membership, Unit

PROFILE_EDITOR_ROLES = {Membership.Role.EDITOR, Membership.Role.APPROVER}


def is_office_admin(user) -> bool:
    """Administrators of the openness office oversee every unit."""
    if not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(
        user=user,
        role=Membership.Role.OFFICE_ADMIN,
        unit__kind=Unit.Kind.OPENNESS_OFFICE,
    ).exists()


def roles_in(user, unit: Unit) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(Membership.objects.filter(user=user, unit=unit).values_list("role", flat=True))


def can_view_unit(user, unit: Unit) -> bool:
    """Members of a unit, and the openness office, see its workspace."""
    if is_office_admin(user):
        return True
    return bool(roles_in(user, unit))


def can_edit_unit_profile(user, unit: Unit) -> bool:
    """The unit's editors and approvers keep its contact details (the 指南 data) current."""
    if is_office_admin(user):
        return True
    return bool(roles_in(user, unit) & PROFILE_EDITOR_ROLES)


def can_view_audit_log(user) -> bool:
    return is_office_admin(user)


def visible_units(user) -> QuerySet[Unit]:
    if is_office_admin(user):
        return Unit.objects.all()
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(memberships__user=user).distinct()


def _get_unit(code: str) -> Unit:
    unit = Unit.objects.select_related("parent", "batch", "successor").filter(code=code).first()
    if unit is None:
        raise Http404
    return unit


def get_unit_for_member(user, code: str) -> Unit:
    unit = _get_unit(code)
    if not can_view_unit(user, unit):
        raise Http404
    return unit


def get_unit_for_profile_editor(user, code: str) -> Unit:
    unit = _get_unit(code)
    if not can_edit_unit_profile(user, unit):
        raise Http404
    return unit
