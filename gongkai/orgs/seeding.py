"""Loading Zhongshan's reference data (data/zhongshan.toml) idempotently.

The file is validated as a whole first; any unknown name or bad value aborts
the load with every problem listed, and nothing is written.
"""

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import audit_record, changed_only, snapshot
from gongkai.core.errors import InputErrors
from gongkai.orgs.models import Batch, Domain, DomainAlias, Responsibility, Unit

DATA_FILE = Path(__file__).resolve().parent / "data" / "zhongshan.toml"


class SeedDataError(InputErrors):
    """The reference data cannot be loaded; every problem is listed."""


@dataclass
class SeedReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def read_data(path: Path = DATA_FILE) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise SeedDataError([_("数据文件不存在: %(p)s") % {"p": path}]) from None
    except tomllib.TOMLDecodeError as exc:
        raise SeedDataError([_("数据文件格式错误 %(p)s: %(e)s") % {"p": path, "e": exc}]) from None


def validate(data: dict) -> list[str]:
    """Every problem in the data, each naming the entry it is in."""
    errors = []
    batches = {b.get("number") for b in data.get("batches", [])}
    unit_names: Counter = Counter()
    codes: Counter = Counter()
    for section in ("departments", "public_institutions", "towns"):
        for entry in data.get(section, []):
            unit_names[entry.get("name")] += 1
            codes[entry.get("code")] += 1
            if not entry.get("code") or not entry.get("name"):
                errors.append(
                    _("%(s)s: 每个单位都需要 code 和 name: %(e)s") % {"s": section, "e": entry}
                )
    for entry in data.get("towns", []):
        if entry.get("batch") not in batches:
            errors.append(
                _("镇区“%(n)s”: 批次 %(b)s 未定义")
                % {"n": entry.get("name"), "b": entry.get("batch")}
            )
        if entry.get("model_level", "") not in Unit.ModelLevel.values:
            errors.append(
                _("镇区“%(n)s”: 示范级别“%(m)s”无效")
                % {"n": entry.get("name"), "m": entry.get("model_level")}
            )
    for name, count in unit_names.items():
        if count > 1:
            errors.append(_("单位“%(n)s”重复出现") % {"n": name})
    for code, count in codes.items():
        if count > 1:
            errors.append(_("单位代码“%(c)s”重复出现") % {"c": code})
    domain_names = set()
    for entry in data.get("domains", []):
        domain_names.add(entry.get("name"))
        domain_names.update(alias.get("name") for alias in entry.get("aliases", []))
        for alias in entry.get("aliases", []):
            if alias.get("kind", "synonym") not in DomainAlias.Kind.values:
                errors.append(_("领域别名“%(n)s”: 类型无效") % {"n": alias.get("name")})
    department_names = {e.get("name") for e in data.get("departments", [])}
    for entry in data.get("responsibilities", []):
        if entry.get("unit") not in department_names:
            errors.append(_("领域职责: 未知部门“%(n)s”") % {"n": entry.get("unit")})
        for role in Responsibility.Role.values:
            for domain in entry.get(role, []):
                if domain not in domain_names:
                    errors.append(
                        _("领域职责(%(u)s): 未知领域“%(d)s”")
                        % {"u": entry.get("unit"), "d": domain}
                    )
    return errors


def _upsert(report: SeedReport, model: type[models.Model], lookup: dict, values: dict, actor):
    label = model._meta.model_name
    noun = str(model._meta.verbose_name)
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.created[noun] += 1
        audit_record(actor=actor, action=f"{label}.seed_create", obj=obj, after=snapshot(obj))
        return obj
    before = snapshot(obj)
    for key, value in values.items():
        setattr(obj, key, value)
    after = snapshot(obj)
    if before != after:
        obj.save()
        report.updated[noun] += 1
        old, new = changed_only(before, after)
        audit_record(actor=actor, action=f"{label}.seed_update", obj=obj, before=old, after=new)
    return obj


@transaction.atomic
def seed_zhongshan(*, data: dict | None = None, actor=None) -> SeedReport:
    """Load units, batches, domains and responsibilities; a second run changes nothing."""
    data = read_data() if data is None else data
    errors = validate(data)
    if errors:
        raise SeedDataError(errors)
    report = SeedReport()
    batches = {
        entry["number"]: _upsert(
            report,
            Batch,
            {"number": entry["number"]},
            {
                "name": entry["name"],
                "catalog_due_on": entry["catalog_due_on"],
                "publishing_from": entry["publishing_from"],
            },
            actor,
        )
        for entry in data["batches"]
    }
    city = data["city"]
    office = _upsert(
        report,
        Unit,
        {"code": city["code"]},
        {
            "name": city["name"],
            "kind": Unit.Kind.OPENNESS_OFFICE,
            "office_name": city.get("office_name", ""),
        },
        actor,
    )
    units: dict[str, Unit] = {}
    sections = [
        ("departments", Unit.Kind.DEPARTMENT),
        ("public_institutions", Unit.Kind.PUBLIC_INSTITUTION),
        ("towns", Unit.Kind.TOWN),
    ]
    for section, kind in sections:
        for order, entry in enumerate(data.get(section, []), start=1):
            batch = (
                batches[entry["batch"]]
                if "batch" in entry
                else (batches[1] if kind == Unit.Kind.DEPARTMENT else None)
            )
            units[entry["name"]] = _upsert(
                report,
                Unit,
                {"code": entry["code"]},
                {
                    "name": entry["name"],
                    "kind": kind,
                    "parent": office,
                    "batch": batch,
                    "model_level": entry.get("model_level", ""),
                    "sort_order": order,
                },
                actor,
            )
    domains: dict[str, Domain] = {}
    for order, entry in enumerate(data["domains"], start=1):
        domain = _upsert(
            report,
            Domain,
            {"code": entry["code"]},
            {"name": entry["name"], "issuer": entry.get("issuer", ""), "sort_order": order},
            actor,
        )
        domains[domain.name] = domain
        for alias in entry.get("aliases", []):
            _upsert(
                report,
                DomainAlias,
                {"name": alias["name"]},
                {"domain": domain, "kind": alias.get("kind", DomainAlias.Kind.SYNONYM)},
                actor,
            )
            domains[alias["name"]] = domain
    for entry in data.get("responsibilities", []):
        for role in Responsibility.Role.values:
            for domain_name in entry.get(role, []):
                _upsert(
                    report,
                    Responsibility,
                    {"unit": units[entry["unit"]], "domain": domains[domain_name]},
                    {"role": role},
                    actor,
                )
    return report
