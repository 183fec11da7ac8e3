"""A batch-2 town starts from a model unit's published catalog, with names mapped to itself."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalogs import services
from gongkai.catalogs.models import CatalogVersion
from gongkai.orgs.models import Unit


def published_tanzhou_catalog(education, reviewer):
    tanzhou = Unit.objects.get(code="tanzhou")
    catalog = services.catalog_get_or_create(unit=tanzhou, domain=education, actor=None)
    version = services.version_start(
        catalog=catalog,
        actor=None,
        items=[
            services.ItemData(
                category="政策文件",
                name="规范性文件",
                publisher="坦洲镇教育事务指导中心",
                channels=["gov_website", "other"],
                channels_other="坦洲镇人民政府网站",
                time_limit_text="信息形成或者变更之日起20个工作日内",
                mode_proactive=True,
                audience_public=True,
            )
        ],
    )
    services.version_submit(version=version, actor=None)
    services.version_review(
        version=version,
        actor=reviewer,
        reviewer_unit=Unit.objects.get(code="education"),
        approve=True,
        text="同意",
    )
    services.version_file(version=version, actor=None)
    services.version_publish(version=version, actor=None)
    return version


def test_xiaolan_starts_from_tanzhou(client, education, jiaoti_approver, xiaolan_editor):
    published_tanzhou_catalog(education, jiaoti_approver)
    client.force_login(xiaolan_editor)
    model = Unit.objects.get(code="tanzhou")
    response = client.post(
        "/staff/catalogs/units/xiaolan/start/", {"domain": education.pk, "model_unit": model.pk}
    )
    version = CatalogVersion.objects.get(catalog__unit__code="xiaolan")
    assert response["Location"] == f"/staff/catalogs/v/{version.pk}/"
    (item,) = version.items.all()
    assert item.publisher == "小榄镇教育事务指导中心"
    assert item.channels_other == "小榄镇人民政府网站"
    assert version.source_note == "参照坦洲镇第1版" and version.status == "draft"


def test_only_a_model_units_published_catalog_can_be_used(education, xiaolan_editor):
    xiaolan, guzhen = Unit.objects.get(code="xiaolan"), Unit.objects.get(code="guzhen")
    with pytest.raises(ValidationError, match="不是示范单位"):
        services.version_start_from_model(
            unit=xiaolan, domain=education, model_unit=guzhen, actor=None
        )
    with pytest.raises(ValidationError, match="尚未发布义务教育领域标准目录"):
        services.version_start_from_model(
            unit=xiaolan, domain=education, model_unit=Unit.objects.get(code="huoju"), actor=None
        )
    assert not CatalogVersion.objects.filter(catalog__unit=xiaolan).exists()
