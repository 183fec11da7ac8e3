"""A reference-data file with unknown names is refused as a whole, naming each problem."""

import copy

import pytest

from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Responsibility, Unit
from gongkai.orgs.seeding import SeedDataError, read_data, seed_zhongshan


def test_unknown_domain_and_department_are_named_and_nothing_changes(zhongshan):
    data = copy.deepcopy(read_data())
    data["towns"].append({"code": "newtown", "name": "新设镇", "batch": 2})
    data["responsibilities"].append({"unit": "市不存在局", "lead": ["义务教育"]})
    data["responsibilities"].append({"unit": "市民政局", "lead": ["养老"]})
    before = (Unit.objects.count(), Responsibility.objects.count(), AuditEvent.objects.count())
    with pytest.raises(SeedDataError) as raised:
        seed_zhongshan(data=data, actor=None)
    assert "领域职责: 未知部门“市不存在局”" in raised.value.errors
    assert "领域职责(市民政局): 未知领域“养老”" in raised.value.errors
    after = (Unit.objects.count(), Responsibility.objects.count(), AuditEvent.objects.count())
    assert after == before
    assert not Unit.objects.filter(code="newtown").exists()


def test_bad_batch_and_duplicate_code(zhongshan):
    data = copy.deepcopy(read_data())
    data["towns"].append({"code": "tanzhou", "name": "重复镇", "batch": 3})
    with pytest.raises(SeedDataError) as raised:
        seed_zhongshan(data=data, actor=None)
    assert "镇区“重复镇”: 批次 3 未定义" in raised.value.errors
    assert "单位代码“tanzhou”重复出现" in raised.value.errors
