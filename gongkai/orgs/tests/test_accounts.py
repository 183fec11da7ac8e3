"""The openness office creates staff accounts and grants or revokes roles; nobody else can."""

from django.contrib.auth import get_user_model

from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Membership, Unit

NEW = {"username": "zhou_min", "full_name": "周敏", "password": "Tanzhou-Open-2026"}


def create(client, **overrides):
    unit = Unit.objects.get(code="tanzhou")
    data = {**NEW, "unit": unit.pk, "roles": ["editor", "approver"], **overrides}
    return client.post("/staff/accounts/new/", data)


def test_office_admin_creates_an_account_with_roles(client, office_admin):
    client.force_login(office_admin)
    assert create(client).status_code == 302
    user = get_user_model().objects.get(username="zhou_min")
    assert user.check_password(NEW["password"]) and user.first_name == "周敏"
    assert set(user.memberships.values_list("role", flat=True)) == {"editor", "approver"}
    actions = set(AuditEvent.objects.filter(actor=office_admin).values_list("action", flat=True))
    assert {"staff.create", "membership.grant"} <= actions


def test_weak_password_and_bad_username_are_named_and_nothing_is_created(client, office_admin):
    client.force_login(office_admin)
    page = create(client, password="12345678").content.decode()
    assert "密码太短,至少需要 10 个字符" in page and "这个密码太常见了" in page
    page = create(client, username="Zhou Min").content.decode()
    assert "用户名应以小写字母开头" in page
    assert not get_user_model().objects.filter(username__in=["zhou_min", "Zhou Min"]).exists()


def test_office_admin_role_only_in_the_openness_office(client, office_admin):
    client.force_login(office_admin)
    page = create(client, roles=["office_admin"]).content.decode()
    assert "公开办管理员只能设在政务公开主管部门" in page
    assert not get_user_model().objects.filter(username="zhou_min").exists()


def test_grant_and_revoke(client, office_admin, xiaolan_editor):
    client.force_login(office_admin)
    tanzhou = Unit.objects.get(code="tanzhou")
    client.post(
        f"/staff/accounts/{xiaolan_editor.pk}/grant/",
        {"unit": tanzhou.pk, "role": "request_handler"},
    )
    membership = Membership.objects.get(user=xiaolan_editor, unit=tanzhou)
    client.post(f"/staff/memberships/{membership.pk}/revoke/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.revoke", actor=office_admin).exists()


def test_town_editor_cannot_manage_accounts_or_roles(client, tanzhou_editor, xiaolan_editor):
    client.force_login(tanzhou_editor)
    assert client.get("/staff/accounts/").status_code == 404
    assert create(client).status_code == 404
    membership = Membership.objects.get(user=xiaolan_editor)
    tanzhou = Unit.objects.get(code="tanzhou")
    events = AuditEvent.objects.count()
    assert client.post(f"/staff/memberships/{membership.pk}/revoke/").status_code == 404
    assert (
        client.post(
            f"/staff/accounts/{tanzhou_editor.pk}/grant/", {"unit": tanzhou.pk, "role": "approver"}
        ).status_code
        == 404
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not Membership.objects.filter(user=tanzhou_editor, role="approver").exists()
    assert AuditEvent.objects.count() == events
    assert not get_user_model().objects.filter(username="zhou_min").exists()


def test_an_admin_cannot_revoke_their_own_admin_role(client, office_admin):
    client.force_login(office_admin)
    own = Membership.objects.get(user=office_admin, role="office_admin")
    client.post(f"/staff/memberships/{own.pk}/revoke/")
    assert Membership.objects.filter(pk=own.pk).exists()
