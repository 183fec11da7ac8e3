"""`gongkai seed zhongshan` loads what the 2020 implementation plan names, once."""

import datetime

from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Batch, Domain, Responsibility, Unit
from gongkai.orgs.seeding import seed_zhongshan
from gongkai.orgs.selectors import counterpart_for, domain_get_by_name


def test_the_25_towns_with_their_batches(zhongshan):
    towns = Unit.objects.filter(kind=Unit.Kind.TOWN)
    assert towns.count() == 25
    batch1 = set(towns.filter(batch__number=1).values_list("name", flat=True))
    assert batch1 == {"火炬开发区", "石岐区", "坦洲镇"}
    assert towns.filter(batch__number=2).count() == 22
    assert all(town.parent.kind == Unit.Kind.OPENNESS_OFFICE for town in towns)


def test_batch_dates(zhongshan):
    first, second = Batch.objects.order_by("number")
    assert (first.catalog_due_on, first.publishing_from) == (
        datetime.date(2020, 8, 31),
        datetime.date(2020, 9, 1),
    )
    assert (second.catalog_due_on, second.publishing_from) == (
        datetime.date(2020, 10, 31),
        datetime.date(2020, 11, 1),
    )


def test_model_units(zhongshan):
    models = dict(Unit.objects.exclude(model_level="").values_list("name", "model_level"))
    assert models == {"坦洲镇": "province", "火炬开发区": "city", "石岐区": "city"}


def test_departments_and_bodies_the_plan_names(zhongshan):
    names = set(Unit.objects.values_list("name", flat=True))
    for name in [
        "市政府办公室",
        "市发展改革局",
        "市税务局",
        "市水务局",
        "市交通运输局",
        "市档案馆",
        "市委网信办",
        "中山供电局",
        "市城市管理和综合执法局",
    ]:
        assert name in names or name == "市政府办公室" and "中山市人民政府办公室" in names
    assert Unit.objects.get(name="中山市人民政府办公室").kind == Unit.Kind.OPENNESS_OFFICE
    assert Unit.objects.get(name="中山供电局").kind == Unit.Kind.PUBLIC_INSTITUTION
    departments = Unit.objects.filter(kind=Unit.Kind.DEPARTMENT)
    assert departments.exists() and not departments.exclude(batch__number=1).exists()


def test_26_domains_with_aliases(zhongshan):
    assert Domain.objects.count() == 26
    assert domain_get_by_name("救灾生产").name == "救灾"
    assert domain_get_by_name("农村集体土地征收").name == "征地补偿"
    assert domain_get_by_name("征地补偿").name == "征地补偿"
    assert domain_get_by_name("乡村振兴").name == "扶贫"


def roles(domain_name):
    domain = domain_get_by_name(domain_name)
    return {(r.unit.name, r.role) for r in Responsibility.objects.filter(domain=domain)}


def test_responsibilities_as_the_plan_assigns_them(zhongshan):
    assert roles("市政服务") == {
        ("市城市管理和综合执法局", "lead"),
        ("市住房城乡建设局", "assist"),
        ("市水务局", "assist"),
    }
    assert roles("城市综合执法") == roles("市政服务")
    assert roles("税收管理") == {("市税务局", "guide")}
    assert roles("救灾") == {("市应急管理局", "lead")}
    assert roles("征地补偿") == {("市自然资源局", "lead")}
    assert roles("扶贫") == {("市农业农村局", "lead")}
    # Every domain has exactly one department that reviews towns' catalogs.
    for domain in Domain.objects.all():
        assert counterpart_for(domain) is not None, domain.name


def test_seeding_again_changes_nothing(zhongshan):
    events = AuditEvent.objects.count()
    report = seed_zhongshan(actor=None)
    assert not report.changed
    assert AuditEvent.objects.count() == events


def test_seeding_restores_a_changed_value_and_audits_it(zhongshan):
    Unit.objects.filter(code="tanzhou").update(model_level="")
    report = seed_zhongshan(actor=None)
    assert report.updated == {"单位": 1}
    assert Unit.objects.get(code="tanzhou").model_level == "province"
    event = AuditEvent.objects.filter(action="unit.seed_update").first()
    assert event.before == {"model_level": ""} and event.after == {"model_level": "province"}
