"""清理 (seed 三(十)): expired or repealed records are marked, and the result is published.

A unit marks records expired, repealed or amended one by one (services.
record_set_validity) or in a batch here, then drafts its cleanup result list,
a record of its own that goes through the normal path (secrecy review,
approval, publishing).
"""

import datetime
import html

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.orgs.models import Unit
from gongkai.records import services
from gongkai.records.models import Record


@transaction.atomic
def records_set_validity_batch(
    *, unit: Unit, records: list[Record], actor, validity: str, on: datetime.date
) -> int:
    """Mark several of the unit's published records at once; all or nothing."""
    if validity == Record.Validity.IN_FORCE:
        raise ValidationError(_("批量清理只能标记为失效、废止或已修订"))
    if not records:
        raise ValidationError(_("请选择要清理的文件"))
    for record in records:
        if record.unit_id != unit.pk:
            raise ValidationError(_("只能清理本单位发布的文件"))
        services.record_set_validity(record=record, actor=actor, validity=validity, on=on)
    return len(records)


def cleanup_changes(unit: Unit, since: datetime.date, until: datetime.date):
    return (
        Record.objects.filter(
            unit=unit,
            status=Record.Status.PUBLISHED,
            validity_changed_on__range=(since, until),
        )
        .exclude(validity=Record.Validity.IN_FORCE)
        .select_related("replaced_by")
        .order_by("validity_changed_on", "pk")
    )


@transaction.atomic
def cleanup_result_draft(
    *, unit: Unit, actor, since: datetime.date, until: datetime.date
) -> Record:
    """Draft the unit's cleanup result list for the period, to publish like any record."""
    changes = list(cleanup_changes(unit, since, until))
    if not changes:
        raise ValidationError(_("该期间没有失效、废止或修订的文件"))
    rows = "".join(
        "<tr><td>{n}</td><td>{t}</td><td>{d}</td><td>{v}</td><td>{o}</td><td>{r}</td></tr>".format(
            n=number,
            t=html.escape(record.title),
            d=html.escape(record.doc_number),
            v=record.get_validity_display(),
            o=record.validity_changed_on.isoformat(),
            r=html.escape(record.replaced_by.title) if record.replaced_by else "",
        )
        for number, record in enumerate(changes, start=1)
    )
    body = (
        f"<p>{html.escape(unit.name)}对{since:%Y年%m月%d日}至{until:%Y年%m月%d日}期间的文件进行了清理,"
        f"结果如下:</p><table><thead><tr><th>序号</th><th>文件名称</th><th>文号</th>"
        f"<th>清理结果</th><th>生效日期</th><th>替代文件</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return services.record_create(
        unit=unit,
        actor=actor,
        data=services.RecordData(
            title=_("%(u)s政策文件清理结果(%(a)s至%(b)s)")
            % {"u": unit.name, "a": f"{since:%Y年%m月%d日}", "b": f"{until:%Y年%m月%d日}"},
            summary=_("公布本单位失效、废止和已修订的文件清单。"),
            body=body,
            formed_on=until,
            channels=["gov_website"],
        ),
    )
