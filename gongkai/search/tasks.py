"""Index updates as background tasks (run by `gongkai db_worker`), enqueued after commit.

Publishing never waits on indexing: the records hooks fire after the commit
and only enqueue; the worker re-reads each record and indexes or removes it.
"""

from django_tasks import task

from gongkai.search import services


@task()
def update_index(record_pks: list[int]) -> int:
    """Index or remove these records as the database has them now; returns those indexed."""
    return services.index_update(record_pks)


def schedule_index_update(record_pks: list[int]) -> None:
    update_index.enqueue(list(record_pks))


def schedule_record_update(record_pk: int) -> None:
    """The records hook (published, validity changed, withdrawn): runs after commit."""
    schedule_index_update([record_pk])
