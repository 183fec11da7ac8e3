"""Reading values out of spreadsheet and CSV cells, the way officials type them."""

import datetime
import re

DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def cell_text(value) -> str:
    """A cell as trimmed text; Excel's 12.0 for a typed 12 comes back as "12"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def cell_date(value) -> datetime.date | None:
    """A date cell or text like 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日; None if empty.

    Raises ValueError for anything else, including impossible dates (2024-02-30).
    """
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = DATE.match(cell_text(value))
    if match is None:
        raise ValueError(value)
    return datetime.date(*map(int, match.groups()))
