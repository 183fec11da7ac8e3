"""The annual report's data-file rules (data/annual_report.toml): deadlines, reminders,
warning thresholds and the starting text of the written sections."""

import datetime
import tomllib
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "annual_report.toml"


@cache
def rules() -> dict:
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)


def due_on(unit, year: int) -> datetime.date:
    """The day by which `unit` must publish its report on `year` (《条例》第四十九条)."""
    deadline = rules()["deadline"]
    month, day = (int(part) for part in deadline.get(unit.kind, deadline["default"]).split("-"))
    return datetime.date(year + 1, month, day)


def reminder_days() -> list[int]:
    return list(rules()["reminders"]["days_before"])


def starting_sections() -> dict[str, str]:
    return {name: text.strip() for name, text in rules()["sections"].items()}


def swing_thresholds() -> tuple[float, int]:
    warnings = rules()["warnings"]
    return float(warnings["swing_ratio"]), int(warnings["swing_minimum"])
