"""Background tasks of the core app (run by `gongkai db_worker`)."""

from django_tasks import task

from gongkai.core.services import run_recompute_hooks


@task()
def recompute_after_calendar_change(years: list[int]) -> int:
    """Recompute whatever was derived from the calendar of `years`; returns the hooks run."""
    return run_recompute_hooks(years)
