"""Who may see and act on annual reports. Every report view starts here.

- A unit's staff see its reports in every state; editors and approvers write
  the draft and enter figures; approvers approve, submit and publish.
- The openness office sees every unit's progress and, from submission on, the
  reports themselves; it may return a submitted report. A draft is the unit's own.
- Anyone else gets a 404 exactly like a report that does not exist.
"""

from django.http import Http404

from gongkai.orgs.models import Membership
from gongkai.orgs.permissions import is_office_admin, roles_in
from gongkai.reports.models import AnnualReport

Role = Membership.Role
WRITER_ROLES = {Role.EDITOR, Role.APPROVER}
OFFICE_SEES = {AnnualReport.Status.SUBMITTED, AnnualReport.Status.PUBLISHED}


def can_view_unit_reports(user, unit) -> bool:
    return bool(roles_in(user, unit)) or is_office_admin(user)


def can_view(user, report: AnnualReport) -> bool:
    if roles_in(user, report.unit):
        return True
    return is_office_admin(user) and report.status in OFFICE_SEES


def can_write(user, unit) -> bool:
    return bool(roles_in(user, unit) & WRITER_ROLES)


def can_approve(user, unit) -> bool:
    return Role.APPROVER in roles_in(user, unit)


def can_return(user, report: AnnualReport) -> bool:
    return is_office_admin(user) and report.status == AnnualReport.Status.SUBMITTED


def get_report_for(user, unit_code: str, year: int) -> AnnualReport:
    report = (
        AnnualReport.objects.select_related("unit").filter(unit__code=unit_code, year=year).first()
    )
    if report is None or not can_view(user, report):
        raise Http404
    return report
