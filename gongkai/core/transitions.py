"""One helper for every status change (catalogs, records, cases).

Each domain model keeps a TRANSITIONS table (status → allowed next statuses)
and an event model deriving from `StatusEvent`; `move` checks the table,
saves, writes the domain event (the object's timeline) and the audit event.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import audit_record


class TransitionNotAllowed(Exception):
    """The object is not in a state from which this step may be taken."""

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        super().__init__(f"{old} → {new}")


class StatusEvent(models.Model):
    """Base of per-domain event tables: who moved what from which status to which, and why."""

    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    old_status = models.CharField(_("原状态"), max_length=32, blank=True)
    new_status = models.CharField(_("新状态"), max_length=32)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


def move(obj, to: str, *, table: dict, actor, note: str = "", data: dict | None = None):
    """Change obj.status to `to` if `table` allows it, save, and record the change.

    The caller runs inside transaction.atomic() and holds a select_for_update()
    lock on `obj`. Returns the domain event.
    """
    old = obj.status
    if to not in table.get(old, ()):
        raise TransitionNotAllowed(old, to)
    obj.status = to
    obj.save(update_fields=["status"])
    event = obj.events.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        old_status=old,
        new_status=to,
        note=note,
        data=data or {},
    )
    label = obj._meta.model_name
    audit_record(
        actor=actor,
        action=f"{label}.{to}",
        obj=obj,
        before={"status": old},
        after={"status": to},
        note=note,
    )
    return event
