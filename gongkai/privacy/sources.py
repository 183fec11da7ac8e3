"""What `gongkai privacy rescan` re-scans: apps that publish text register a source here.

The privacy app knows no other app (the dependency points the other way):
the records app registers its published records in its AppConfig.ready().
A source yields `Published` items, each with the findings its owner still
considers open (exempted values are the owner's business).
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from gongkai.privacy.detectors import Finding


@dataclass(frozen=True)
class Published:
    """Open findings in one place of one published object."""

    reference: str  # how the office finds it: an index number, a URL path
    title: str
    where: str
    findings: tuple[Finding, ...]


_sources: list[Callable[[], Iterable[Published]]] = []


def register(source: Callable[[], Iterable[Published]]) -> Callable[[], Iterable[Published]]:
    if source not in _sources:
        _sources.append(source)
    return source


def rescan() -> Iterator[Published]:
    for source in list(_sources):
        yield from source()
