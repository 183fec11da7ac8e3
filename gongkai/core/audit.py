"""Writing audit events. Every service that changes data calls `audit_record`."""

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from gongkai.core.models import AuditEvent

SYSTEM = "系统"
# Never copied into an event, even hashed: the event only says that it changed.
SECRET_FIELDS = {"password"}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `obj`, JSON-ready, for an event's before/after."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = field.value_from_object(obj)
        if field.name in SECRET_FIELDS:
            value = "(已设置)" if value else ""
        data[field.attname] = _json_value(value)
    return data


def changed_only(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Keep only the keys whose values differ, so an event shows what changed."""
    if before is None or after is None:
        return before, after
    keys = [key for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after.get(key) for key in keys}


def actor_label(actor) -> str:
    if actor is None:
        return SYSTEM
    full_name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full_name} ({actor.get_username()})" if full_name else actor.get_username()


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one audit event. `actor` None means the system acted (seeding, jobs)."""
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label(actor),
        action=action,
        content_type=content_type,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr if object_repr is not None else str(obj) if obj else "")[:200],
        before=_json_value(before),
        after=_json_value(after),
        note=note,
    )
