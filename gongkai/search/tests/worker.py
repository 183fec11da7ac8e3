"""What the task worker does with queued search tasks, for tests (its loop: test_freshness)."""

from django_tasks_db.models import DBTaskResult


def run_queued() -> None:
    """Run every queued search task once, as the worker would, and drop it from the queue."""
    queued = list(DBTaskResult.objects.filter(task_path__startswith="gongkai.search."))
    for task in queued:
        task.task.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
    DBTaskResult.objects.filter(pk__in=[task.pk for task in queued]).delete()
