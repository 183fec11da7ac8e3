"""The openness office keeps guidelines in the admin: lists typed one per line, every edit audited."""

from gongkai.catalogs.models import DisclosureLevel, Guideline, GuidelineItem
from gongkai.core.models import AuditEvent

ADD_URL = "/admin/catalogs/guideline/add/"


def guideline_form(domain, rows, *, existing=0, **fields):
    """The admin's add/change form: the guideline's fields plus the `items` inline rows."""
    data = {
        "domain": str(domain.pk),
        "version": "1",
        "title": "义务教育领域基层政务公开标准指引",
        "issuer": "教育部办公厅",
        "reference": "教办厅函〔2020〕1号",
        "issued_on": "2020-06-01",
        "single_mode": "on",
        "items-TOTAL_FORMS": str(len(rows)),
        "items-INITIAL_FORMS": str(existing),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for i, row in enumerate(rows):
        data.update({f"items-{i}-{key}": value for key, value in row.items()})
    return data


def test_office_admin_adds_a_guideline_with_items(client, office_admin, education):
    client.force_login(office_admin)
    rows = [
        {
            "sort_order": "1",
            "category": "政策文件",
            "name": "规范性文件",
            "elements": "部门和地方政府规章\r\n\r\n  各类教育政策文件  \r\n",
            "legal_basis": "《政府信息公开条例》\r\n《教育法》",
            "time_limit_text": "信息形成或者变更之日起20个工作日内",
        },
        {"sort_order": "2", "category": "招生管理", "name": "招生计划", "on_request_only": "on"},
    ]
    response = client.post(ADD_URL, guideline_form(education, rows))

    assert response.status_code == 302, response.content.decode()[:3000]
    guideline = Guideline.objects.get(domain=education, version=1)
    assert guideline.single_mode is True
    first, second = guideline.items.all()
    assert first.elements == ["部门和地方政府规章", "各类教育政策文件"]
    assert first.legal_basis == ["《政府信息公开条例》", "《教育法》"]
    assert second.elements == [] and second.on_request_only is True

    added = AuditEvent.objects.get(action="guideline.admin_add")
    assert added.actor == office_admin and added.object_id == str(guideline.pk)
    items = AuditEvent.objects.get(action="guideline.admin_items")
    assert items.actor == office_admin and items.object_id == str(guideline.pk)
    assert [row["name"] for row in items.after["added"]] == ["规范性文件", "招生计划"]
    assert items.after["added"][0]["elements"] == ["部门和地方政府规章", "各类教育政策文件"]


def test_the_change_form_shows_a_list_one_entry_per_line(client, office_admin, guideline):
    item = guideline.items.get(name="规范性文件")
    item.elements = ["部门和地方政府规章", "各类教育政策文件"]
    item.save()
    client.force_login(office_admin)

    page = client.get(f"/admin/catalogs/guideline/{guideline.pk}/change/").content.decode()

    assert "部门和地方政府规章\n各类教育政策文件</textarea>" in page
    assert "公开内容(要素)" in page and "每行一项" in page


def test_item_changes_and_deletions_are_audited(client, office_admin, guideline):
    policy, enrolment = guideline.items.all()
    client.force_login(office_admin)
    rows = [
        {
            "id": policy.pk,
            "sort_order": "1",
            "category": "政策文件",
            "name": "规范性文件",
            "elements": "各类教育政策文件",
        },
        {
            "id": enrolment.pk,
            "sort_order": "2",
            "category": "招生管理",
            "name": "招生计划",
            "DELETE": "on",
        },
        {"sort_order": "3", "category": "招生管理", "name": "划片范围"},
    ]
    data = guideline_form(
        guideline.domain,
        rows,
        existing=2,
        title=guideline.title,
        issuer="",
        reference="",
        issued_on="",
    )
    response = client.post(f"/admin/catalogs/guideline/{guideline.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert [i.name for i in guideline.items.all()] == ["规范性文件", "划片范围"]
    event = AuditEvent.objects.get(action="guideline.admin_items")
    assert event.actor == office_admin
    assert event.before["changed"] == [{"id": policy.pk, "elements": []}]
    assert event.after["changed"] == [{"id": policy.pk, "elements": ["各类教育政策文件"]}]
    assert [row["name"] for row in event.before["deleted"]] == ["招生计划"]
    assert [row["name"] for row in event.after["added"]] == ["划片范围"]
    # The guideline's own fields did not change, so AuditedAdmin wrote nothing for them.
    assert not AuditEvent.objects.filter(action="guideline.admin_change").exists()


def test_saving_without_changes_writes_no_event(client, office_admin, guideline):
    policy, enrolment = guideline.items.all()
    client.force_login(office_admin)
    rows = [
        {
            "id": item.pk,
            "sort_order": str(item.sort_order),
            "category": item.category,
            "name": item.name,
            "elements": "\r\n",
        }
        for item in (policy, enrolment)
    ]
    data = guideline_form(
        guideline.domain,
        rows,
        existing=2,
        title=guideline.title,
        issuer="",
        reference="",
        issued_on="",
    )
    response = client.post(f"/admin/catalogs/guideline/{guideline.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert not AuditEvent.objects.filter(action__startswith="guideline.").exists()


def test_an_item_without_category_is_refused_and_nothing_is_stored(client, office_admin, education):
    client.force_login(office_admin)
    rows = [
        {"sort_order": "1", "category": "政策文件", "name": "规范性文件"},
        {"sort_order": "2", "category": "", "name": "招生计划", "elements": "招生计划"},
    ]
    response = client.post(ADD_URL, guideline_form(education, rows))

    assert response.status_code == 200
    assert "请填写一级事项" in response.content.decode()
    assert not Guideline.objects.filter(domain=education).exists()
    assert not GuidelineItem.objects.filter(name="规范性文件").exists()
    assert not AuditEvent.objects.filter(action__startswith="guideline.").exists()


def test_repeated_entries_and_items_are_refused(client, office_admin, education):
    client.force_login(office_admin)
    rows = [
        {
            "sort_order": "1",
            "category": "政策文件",
            "name": "规范性文件",
            "elements": "各类教育政策文件\r\n各类教育政策文件",
        },
    ]
    page = client.post(ADD_URL, guideline_form(education, rows)).content.decode()
    assert "“各类教育政策文件”重复填写了" in page

    rows = [
        {"sort_order": "1", "category": "招生管理", "name": "招生计划"},
        {"sort_order": "2", "category": "招生管理", "name": "招生计划"},
    ]
    page = client.post(ADD_URL, guideline_form(education, rows)).content.decode()
    assert "事项“招生管理 / 招生计划”重复出现" in page
    assert not Guideline.objects.filter(domain=education).exists()


def test_level_headings_are_typed_one_per_line_too(client, office_admin):
    town = DisclosureLevel.objects.get(code="town")
    client.force_login(office_admin)
    response = client.post(
        f"/admin/catalogs/disclosurelevel/{town.pk}/change/",
        {"label": "镇(街)级", "aliases": "镇级\r\n乡(镇)级", "sort_order": "2"},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    town.refresh_from_db()
    assert town.aliases == ["镇级", "乡(镇)级"] and town.code == "town"
    event = AuditEvent.objects.get(action="disclosurelevel.admin_change")
    assert event.actor == office_admin and event.after == {"aliases": ["镇级", "乡(镇)级"]}
