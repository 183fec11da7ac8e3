"""The audit log is visible to the openness office only."""

from gongkai.core.audit import audit_record


def test_office_admin_reads_events_newest_first(client, office_admin, tanzhou_editor):
    audit_record(
        actor=tanzhou_editor,
        action="unit.update_profile",
        before={"phone": ""},
        after={"phone": "0760-1"},
        object_repr="坦洲镇",
    )
    client.force_login(office_admin)
    page = client.get("/staff/audit/?action=unit.").content.decode()
    assert "unit.update_profile" in page and "陈晓文 (chen_xiaowen)" in page
    assert "0760-1" in page


def test_staff_of_a_town_get_the_missing_answer(client, tanzhou_editor):
    client.force_login(tanzhou_editor)
    assert client.get("/staff/audit/").status_code == 404
