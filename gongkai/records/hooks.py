"""What follows a record's publication (or a later change of its validity), in one place.

Other apps register here instead of the records services calling them: the
search index (portal search issue) and push to subscribers will. Hooks run
after the transaction commits, with the record's pk.
"""

from collections.abc import Callable

_published: list[Callable[[int], None]] = []


def on_record_published(func: Callable[[int], None]) -> Callable[[int], None]:
    """Register `func(record_pk)`; usable as a decorator."""
    if func not in _published:
        _published.append(func)
    return func


def record_published(record_pk: int) -> None:
    for func in list(_published):
        func(record_pk)


_withdrawn: list[Callable[[int], None]] = []


def on_record_withdrawn(func: Callable[[int], None]) -> Callable[[int], None]:
    """Register `func(record_pk)` for a record taken off the portal; usable as a decorator.

    `services.record_withdraw` calls `record_withdrawn` after its commit, so search
    (and later push) forget the record.
    """
    if func not in _withdrawn:
        _withdrawn.append(func)
    return func


def record_withdrawn(record_pk: int) -> None:
    for func in list(_withdrawn):
        func(record_pk)
