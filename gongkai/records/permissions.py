"""Who may see and act on records. Every record view starts here.

- A unit's staff see its records; the openness office sees all (oversight).
- Only the unit's editors edit a draft and mask; its secrecy reviewers do the
  保密审查; its approvers approve, exempt, confirm scans, waive and publish.
- Everyone else, staff of other units included, gets a 404 exactly like a
  record that does not exist. Published records are public on the portal,
  through the portal's own selectors.
"""

from django.db.models import QuerySet
from django.http import Http404

from gongkai.orgs.models import Membership
from gongkai.orgs.permissions import is_office_admin, roles_in
from gongkai.records.models import Record

Role = Membership.Role
Status = Record.Status


def can_view_record(user, record: Record) -> bool:
    return is_office_admin(user) or bool(roles_in(user, record.unit))


def can_create_record(user, unit) -> bool:
    return Role.EDITOR in roles_in(user, unit)


def can_edit_record(user, record: Record) -> bool:
    return record.is_editable and Role.EDITOR in roles_in(user, record.unit)


def can_secrecy_review(user, record: Record) -> bool:
    return record.status == Status.SECRECY_REVIEW and Role.SECRECY_REVIEWER in roles_in(
        user, record.unit
    )


def can_approve(user, record: Record) -> bool:
    return record.status == Status.APPROVAL and Role.APPROVER in roles_in(user, record.unit)


def can_publish(user, record: Record) -> bool:
    return record.status == Status.APPROVED and Role.APPROVER in roles_in(user, record.unit)


def can_withdraw(user, record: Record) -> bool:
    """Taking a published record off the portal is the approver's call, like publishing it."""
    return record.status == Status.PUBLISHED and Role.APPROVER in roles_in(user, record.unit)


def can_decide_privacy(user, record: Record) -> bool:
    """Exemptions, checks of unreadable attachments and interpretation waivers: approvers."""
    return record.status != Status.PUBLISHED and Role.APPROVER in roles_in(user, record.unit)


def can_send_back(user, record: Record) -> bool:
    """An approver may take an approved, unpublished record back for changes."""
    return record.status == Status.APPROVED and Role.APPROVER in roles_in(user, record.unit)


def can_change_validity(user, record: Record) -> bool:
    return record.status == Status.PUBLISHED and bool(
        roles_in(user, record.unit) & {Role.EDITOR, Role.APPROVER}
    )


def can_clean_up(user, unit) -> bool:
    return bool(roles_in(user, unit) & {Role.EDITOR, Role.APPROVER})


def can_reassess(user, unit) -> bool:
    """The unit's approvers decide its yearly 动态调整."""
    return Role.APPROVER in roles_in(user, unit)


def visible_records(user) -> QuerySet[Record]:
    records = Record.objects.select_related("unit")
    if is_office_admin(user):
        return records
    if not user.is_authenticated:
        return records.none()
    return records.filter(unit__memberships__user=user).distinct()


def get_record_for_viewer(user, pk: int) -> Record:
    record = Record.objects.select_related("unit").filter(pk=pk).first()
    if record is None or not can_view_record(user, record):
        raise Http404
    return record
