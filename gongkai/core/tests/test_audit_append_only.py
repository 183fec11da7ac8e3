"""Audit events cannot be changed or deleted, through the ORM or in SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.core.audit import audit_record
from gongkai.core.models import AuditEvent


@pytest.fixture
def event(db):
    return audit_record(actor=None, action="test.write", before={"a": 1}, after={"a": 2})


def test_saving_an_existing_event_is_refused(event):
    event.action = "test.rewritten"
    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.write"


def test_queryset_update_and_delete_are_refused(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk, action="test.write").exists()


def test_database_trigger_refuses_update_in_sql(event):
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditevent SET action = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.write"


def test_system_events_are_labelled(event):
    assert event.actor is None
    assert event.actor_label == "系统"
