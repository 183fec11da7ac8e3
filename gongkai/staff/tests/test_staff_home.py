"""The staff home lists the signed-in person's roles per unit."""


def test_home_shows_roles(client, tanzhou_editor):
    client.force_login(tanzhou_editor)
    page = client.get("/staff/").content.decode()
    assert "坦洲镇" in page and "政务公开专员(编辑)" in page
    assert "审计日志" not in page


def test_office_admin_home_links_to_audit_and_admin(client, office_admin):
    client.force_login(office_admin)
    page = client.get("/staff/").content.decode()
    assert "审计日志" in page and "参考数据管理" in page


def test_staff_without_roles_are_told_whom_to_ask(client, db):
    from gongkai.orgs.services import staff_create

    user = staff_create(
        username="newcomer", full_name="新同事", password="Persona-Pass-2026", actor=None
    )
    client.force_login(user)
    assert "尚未分配岗位" in client.get("/staff/").content.decode()
