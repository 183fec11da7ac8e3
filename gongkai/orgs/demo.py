"""Demo data for the foundation: villages and one staff account per role in a few units.

Every later capability adds its own loader to gongkai.seed.DEMO_LOADERS.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.orgs.models import Membership, Unit
from gongkai.orgs.seeding import SeedReport, _upsert
from gongkai.orgs.services import membership_grant, staff_create

DEMO_PASSWORD = "Gongkai-Demo-2026"

# (unit code, [(code suffix, name)]) — villages and communities for the demo.
DEMO_VILLAGES = [
    ("tanzhou", [("tanzhoucun", "坦洲村"), ("shisicun", "十四村"), ("xinqianjin", "新前进村")]),
    ("xiaolan", [("yongning", "永宁社区"), ("dongsheng-sq", "东升社区")]),
]

Role = Membership.Role
# (username, full name, unit code, roles)
DEMO_STAFF = [
    ("office_admin", "黎秀芳", "city-office", [Role.OFFICE_ADMIN, Role.EDITOR]),
    ("tanzhou_editor", "陈晓文", "tanzhou", [Role.EDITOR]),
    ("tanzhou_approver", "梁志强", "tanzhou", [Role.APPROVER]),
    ("tanzhou_secrecy", "何丽娟", "tanzhou", [Role.SECRECY_REVIEWER]),
    ("tanzhou_handler", "吴嘉欣", "tanzhou", [Role.REQUEST_HANDLER]),
    ("xiaolan_editor", "李婉婷", "xiaolan", [Role.EDITOR]),
    ("xiaolan_approver", "黄国伟", "xiaolan", [Role.APPROVER]),
    ("xiaolan_handler", "郑少华", "xiaolan", [Role.REQUEST_HANDLER]),
    ("minzheng_editor", "罗美玲", "civil-affairs", [Role.EDITOR]),
    ("minzheng_approver", "冯建明", "civil-affairs", [Role.APPROVER]),
    # Approvers of the counterpart departments that review towns' demo catalogs.
    ("jiaoti_approver", "苏文静", "education", [Role.APPROVER]),
    ("gongan_approver", "杨志刚", "police", [Role.APPROVER]),
    ("caizheng_approver", "林慧敏", "finance", [Role.APPROVER]),
    ("nongye_approver", "邓振华", "agriculture", [Role.APPROVER]),
]


@transaction.atomic
def load(*, actor=None, out=None) -> list[dict]:
    """Create the demo villages and staff; return the sign-in rows to print."""
    report = SeedReport()
    for town_code, villages in DEMO_VILLAGES:
        town = Unit.objects.get(code=town_code)
        for order, (suffix, name) in enumerate(villages, start=1):
            _upsert(
                report,
                Unit,
                {"code": f"{town_code}-{suffix}"},
                {
                    "name": f"{town.name}{name}",
                    "kind": Unit.Kind.VILLAGE,
                    "parent": town,
                    "sort_order": order,
                },
                actor,
            )
    user_model = get_user_model()
    rows = []
    for username, full_name, unit_code, roles in DEMO_STAFF:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = staff_create(
                username=username, full_name=full_name, password=DEMO_PASSWORD, actor=actor
            )
        unit = Unit.objects.get(code=unit_code)
        for role in roles:
            membership_grant(user=user, unit=unit, role=role, actor=actor)
        rows.append(
            {
                "username": username,
                "name": full_name,
                "unit": unit.name,
                "roles": "、".join(str(Role(role).label) for role in roles),
            }
        )
    return rows
