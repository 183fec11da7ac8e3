"""Published versions are never edited; a new version starts from the published one and can be compared."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalogs import services
from gongkai.catalogs.models import CatalogVersion
from gongkai.catalogs.selectors import versions_compare

Status = CatalogVersion.Status


def publish(version, reviewer):
    services.version_submit(version=version, actor=None)
    services.version_review(
        version=version,
        actor=reviewer,
        reviewer_unit=reviewer.memberships.first().unit,
        approve=True,
        text="同意",
    )
    services.version_file(version=version, actor=None)
    services.version_publish(version=version, actor=None)
    version.refresh_from_db()
    return version


def test_published_version_is_not_editable(xiaolan_draft, jiaoti_approver):
    v1 = publish(xiaolan_draft, jiaoti_approver)
    with pytest.raises(ValidationError, match="不能修改"):
        services.item_save(version=v1, actor=None, data=services.ItemData(category="a", name="b"))
    with pytest.raises(ValidationError, match="不能修改"):
        services.item_delete(item=v1.items.first(), actor=None)
    assert v1.items.count() == 2


def test_new_version_copies_the_published_one_and_supersedes_it(xiaolan_draft, jiaoti_approver):
    v1 = publish(xiaolan_draft, jiaoti_approver)
    v2 = services.version_start(catalog=v1.catalog, actor=None)
    assert (v2.number, v2.based_on, v2.status) == (2, v1, Status.DRAFT)
    assert [i.key for i in v2.items.all()] == [i.key for i in v1.items.all()]
    with pytest.raises(ValidationError, match="已有未发布的版本"):
        services.version_start(catalog=v1.catalog, actor=None)
    publish(v2, jiaoti_approver)
    v1.refresh_from_db()
    assert v1.status == Status.SUPERSEDED
    assert v1.catalog.published_version() == v2


def test_compare_lists_added_removed_and_changed_fields(xiaolan_draft, jiaoti_approver):
    v1 = publish(xiaolan_draft, jiaoti_approver)
    v2 = services.version_start(catalog=v1.catalog, actor=None)
    first, second = v2.items.all()
    services.item_save(
        version=v2,
        actor=None,
        item=first,
        data=services.ItemData(
            **{
                **services.item_to_data(first).__dict__,
                "publisher": "小榄镇公共服务办公室",
                "channels": ["gov_website", "notice_board"],
            }
        ),
    )
    services.item_delete(item=second, actor=None)
    services.item_save(
        version=v2,
        actor=None,
        data=services.ItemData(category="招生管理", name="招生范围", mode_proactive=True),
    )
    diff = versions_compare(v1, v2)
    assert [i.key for i in diff.added] == [("招生管理", "招生范围", "")]
    assert [i.key for i in diff.removed] == [("招生管理", "招生计划", "")]
    (change,) = diff.changed
    assert change.key == ("政策文件", "规范性文件", "")
    assert change.fields["publisher"] == ("小榄镇教体文旅局", "小榄镇公共服务办公室")
    assert change.fields["channels"] == (["gov_website"], ["gov_website", "notice_board"])
    assert versions_compare(v1, v1).is_empty
