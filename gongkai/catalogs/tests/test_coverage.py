"""应公开尽公开: guideline items missing without a reason block submission; softer gaps are listed."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalogs import services
from gongkai.catalogs.models import GuidelineItem
from gongkai.catalogs.selectors import coverage_check


def test_missing_guideline_item_blocks_until_explained(xiaolan_draft, guideline):
    extra = GuidelineItem.objects.create(
        guideline=guideline, sort_order=3, category="招生管理", name="招生范围"
    )
    report = coverage_check(xiaolan_draft)
    assert report.missing == [extra]
    with pytest.raises(ValidationError, match="招生管理 / 招生范围"):
        services.version_submit(version=xiaolan_draft, actor=None)
    with pytest.raises(ValidationError, match="理由和法律依据"):
        services.exclusion_record(
            version=xiaolan_draft,
            guideline_item=extra,
            reason="本镇无",
            legal_basis=" ",
            actor=None,
        )
    services.exclusion_record(
        version=xiaolan_draft,
        guideline_item=extra,
        reason="由市教育体育局统一公开",
        legal_basis="《义务教育法》第十二条",
        actor=None,
    )
    assert coverage_check(xiaolan_draft).ok
    services.version_submit(version=xiaolan_draft, actor=None)


def test_on_request_only_needs_a_legal_basis_and_gaps_are_warned(xiaolan_draft, guideline):
    services.item_save(
        version=xiaolan_draft,
        actor=None,
        data=services.ItemData(
            category="招生管理", name="学籍信息", mode_on_request=True, time_limit_text="尽快"
        ),
    )
    report = coverage_check(xiaolan_draft)
    assert any("仅依申请公开的事项须写明法律依据" in e for e in report.errors)
    assert any("公开时限“尽快”无法识别" in w for w in report.warnings)
    assert any("未选择公开渠道" in w for w in report.warnings)
    assert any("未填写公开主体" in w for w in report.warnings)
