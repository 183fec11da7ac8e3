"""Keeping the cached due dates true when the calendar changes."""

import datetime

from django.db import transaction

from gongkai.foi import deadlines
from gongkai.foi.models import InfoRequest


def recompute_due_dates(years: set[int]) -> int:
    """Recompute the due date of every case whose clock touches `years`.

    A State Council notice entered for next year moves dates that were only
    provisional (weekends-only). Closed cases too: a reply given before the
    notice was entered is judged on time or late against the official date.
    Returns how many cases changed.
    """
    if not years:
        return 0
    earliest = datetime.date(min(years) - 1, 1, 1)
    changed = 0
    cases = InfoRequest.objects.filter(received_on__gte=earliest).prefetch_related("pauses")
    with transaction.atomic():
        for case in cases.iterator(chunk_size=1000):
            new = deadlines.due_on(case)
            if new != case.due_on:
                InfoRequest.objects.filter(pk=case.pk).update(due_on=new)
                changed += 1
    return changed
