"""Who may see and act on disclosure applications. Every case view starts here.

- A unit's staff see its cases; the openness office sees every unit's.
- The applicant's identity and contact are shown only to the unit's
  request handlers and approvers and to the office; other staff of the unit
  see them masked (see `masked_applicant`).
- Only request handlers work a case; only approvers approve an extension.
- Staff of other units, and the public, get a 404 exactly like a case that
  does not exist. An applicant reaches a case only with its query code.
"""

from django.db.models import QuerySet
from django.http import Http404

from gongkai.foi.models import InfoRequest
from gongkai.orgs.models import Membership
from gongkai.orgs.permissions import is_office_admin, roles_in

Role = Membership.Role
IDENTITY_ROLES = {Role.REQUEST_HANDLER, Role.APPROVER}


def can_view_case(user, info_request: InfoRequest) -> bool:
    return is_office_admin(user) or bool(roles_in(user, info_request.unit))


def can_see_identity(user, info_request: InfoRequest) -> bool:
    if is_office_admin(user):
        return True
    return bool(roles_in(user, info_request.unit) & IDENTITY_ROLES)


def can_handle(user, info_request: InfoRequest) -> bool:
    """Register, vet, consult, reply and deliver: the unit's request handlers."""
    return Role.REQUEST_HANDLER in roles_in(user, info_request.unit)


def can_approve_extension(user, info_request: InfoRequest) -> bool:
    return Role.APPROVER in roles_in(user, info_request.unit)


def can_register_for(user, unit) -> bool:
    return Role.REQUEST_HANDLER in roles_in(user, unit)


def can_record_appeal(user, info_request: InfoRequest) -> bool:
    return bool(roles_in(user, info_request.unit) & IDENTITY_ROLES)


def visible_cases(user) -> QuerySet[InfoRequest]:
    cases = InfoRequest.objects.select_related("unit")
    if is_office_admin(user):
        return cases
    if not user.is_authenticated or not user.is_active:
        return cases.none()
    # A list, not a subquery: the planner then walks the (unit, due_on) index per unit.
    unit_ids = set(Membership.objects.filter(user=user).values_list("unit_id", flat=True))
    return cases.filter(unit_id__in=unit_ids)


def get_case_for_viewer(user, pk) -> InfoRequest:
    try:
        info_request = InfoRequest.objects.select_related("unit", "handler").get(pk=int(pk))
    except (InfoRequest.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can_view_case(user, info_request):
        raise Http404
    return info_request


def _keep(text: str, head: int, tail: int) -> str:
    if len(text) <= head + tail:
        return text[:1] + "*" * (len(text) - 1) if text else ""
    return text[:head] + "*" * (len(text) - head - tail) + text[len(text) - tail :]


def masked_applicant(info_request: InfoRequest) -> dict[str, str]:
    """The applicant's identity and contact as staff without the right see them.

    Organisations' names are public facts and stay; a person's name keeps its
    first character (张**), numbers keep their ends (138****5678).
    """
    name = info_request.applicant_name
    if info_request.applicant_kind == "natural_person":
        name = _keep(name, 1, 0)
    email = info_request.email
    if "@" in email:
        local, _at, domain = email.partition("@")
        email = f"{local[:1]}***@{domain}"
    return {
        "applicant_name": name,
        "id_number": _keep(info_request.id_number, 4, 4),
        "phone": _keep(info_request.phone, 3, 4),
        "email": email,
        "address": _keep(info_request.address, 6, 0),
        "postcode": "",
    }


def _applicant(info_request: InfoRequest, *, full: bool) -> dict[str, str]:
    if not full:
        return masked_applicant(info_request)
    return {
        name: getattr(info_request, name)
        for name in ("applicant_name", "id_number", "phone", "email", "address", "postcode")
    }


def applicant_for(user, info_request: InfoRequest) -> dict[str, str]:
    """What this user may see of the applicant: in full, or masked."""
    return _applicant(info_request, full=can_see_identity(user, info_request))


class IdentityRule:
    """`can_see_identity` for a list of cases, asked once per unit rather than per row.

    The rule depends only on the user and the case's unit, so a page of 50
    cases (the workbench, the staff API) costs a query or two per unit, not per case.
    """

    def __init__(self, user):
        self.user = user
        self.office = is_office_admin(user)
        self._by_unit: dict[int, bool] = {}

    def allows(self, info_request: InfoRequest) -> bool:
        if self.office:
            return True
        if info_request.unit_id not in self._by_unit:
            self._by_unit[info_request.unit_id] = can_see_identity(self.user, info_request)
        return self._by_unit[info_request.unit_id]

    def applicant(self, info_request: InfoRequest) -> dict[str, str]:
        return _applicant(info_request, full=self.allows(info_request))

    def name(self, info_request: InfoRequest) -> str:
        return self.applicant(info_request)["applicant_name"]
