"""What a result depends on, recorded next to it so runs can be compared."""

from __future__ import annotations

import datetime
import os
import platform
import sqlite3
from importlib.metadata import PackageNotFoundError, version


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def usable_cpus() -> int:
    # What `nproc` prints: the CPUs this process may run on, not the host's total.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 0


def package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _database() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"throwaway PostgreSQL {cursor.fetchone()[0]} database, dropped afterwards"
    return "throwaway SQLite file in a temporary directory"


def describe() -> dict:
    import django

    try:
        load = [round(value, 2) for value in os.getloadavg()]
    except OSError:
        load = None
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "cpu_model": cpu_model(),
        "nproc": usable_cpus(),
        # A busy machine before the run explains a slow run; recorded, not judged.
        "load_average_1_5_15": load,
        "platform": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "chinese_calendar": package_version("chinesecalendar"),
        "database": _database(),
    }
