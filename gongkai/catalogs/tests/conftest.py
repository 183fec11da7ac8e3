"""Catalog personas and a draft to work on.

- `xiaolan_editor` (root conftest) edits 小榄镇's drafts; `xiaolan_approver` 黄国伟 submits and publishes.
- `jiaoti_approver` 苏文静 approves for 市教育体育局, the counterpart of 义务教育.
- `minzheng_approver` 冯建明 approves for 市民政局 (counterpart of 社会救助, not of 义务教育).
- `tanzhou_approver` (root conftest) is an approver of another town.
"""

import pytest

from conftest import make_staff
from gongkai.catalogs import services
from gongkai.catalogs.models import Guideline, GuidelineItem
from gongkai.orgs.models import Domain, Unit

ROWS = [
    services.ItemData(
        category="政策文件",
        name="规范性文件",
        elements=["部门和地方政府规章", "各类教育政策文件"],
        legal_basis=["《政府信息公开条例》"],
        time_limit_text="信息形成或者变更之日起20个工作日内",
        publisher="小榄镇教体文旅局",
        channels=["gov_website"],
        audience_public=True,
        mode_proactive=True,
        levels=["town"],
    ),
    services.ItemData(
        category="招生管理",
        name="招生计划",
        elements=["各校本年度招生计划"],
        legal_basis=["《政府信息公开条例》"],
        time_limit_text="同上",
        publisher="小榄镇教体文旅局",
        channels=["gov_website"],
        audience_public=True,
        mode_proactive=True,
        levels=["town"],
    ),
]


@pytest.fixture
def xiaolan_approver(zhongshan):
    return make_staff("huang_guowei", "黄国伟", "xiaolan", "approver")


@pytest.fixture
def jiaoti_approver(zhongshan):
    return make_staff("su_wenjing", "苏文静", "education", "approver")


@pytest.fixture
def minzheng_approver(zhongshan):
    return make_staff("feng_jianming", "冯建明", "civil-affairs", "approver")


@pytest.fixture
def education(zhongshan):
    return Domain.objects.get(name="义务教育")


@pytest.fixture
def guideline(education):
    guideline = Guideline.objects.create(domain=education, title="义务教育领域标准指引(测试)")
    for order, (category, name) in enumerate(
        [("政策文件", "规范性文件"), ("招生管理", "招生计划")], 1
    ):
        GuidelineItem.objects.create(
            guideline=guideline, sort_order=order, category=category, name=name
        )
    return guideline


@pytest.fixture
def xiaolan_draft(zhongshan, education, xiaolan_editor):
    catalog = services.catalog_get_or_create(
        unit=Unit.objects.get(code="xiaolan"), domain=education, actor=xiaolan_editor
    )
    return services.version_start(catalog=catalog, actor=xiaolan_editor, items=list(ROWS))
