"""Bad contact details are refused field by field; nothing is saved."""

from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Unit


def test_bad_postcode_and_email_are_named(client, tanzhou_editor):
    client.force_login(tanzhou_editor)
    events = AuditEvent.objects.count()
    response = client.post(
        "/staff/units/tanzhou/edit/",
        {"address": "坦洲镇", "postcode": "52846", "email": "not-an-email"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "邮政编码应为 6 位数字" in page
    assert "输入一个有效的 Email 地址" in page
    assert 'role="alert"' in page
    unit = Unit.objects.get(code="tanzhou")
    assert (unit.address, unit.postcode, unit.email) == ("", "", "")
    assert AuditEvent.objects.count() == events
