"""The demo's last loader: index what the other loaders published."""

from gongkai.search.services import index_rebuild


def index_demo(*, actor) -> None:
    """`gongkai seed demo` leaves every published demo record searchable at once.

    The publish hooks have queued the same work for the worker; it finds the index
    already current, and doing it here means search works before the worker starts.
    """
    index_rebuild()
