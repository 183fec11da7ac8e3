"""The benchmark entry point, run from the repository root:

    python -m bench --suite calendar|catalog|foi|privacy|search|timeliness|all [--size N] [--sample K]
                    [--seed 1] [--items N] [--repeat R] [--out results.json] [--strict]
                    [--database sqlite|postgres] [--postgres-url URL] [--search-backend tantivy|postgres]

Suites:
  calendar    statutory deadlines: `add_workdays` over 1M pairs against a day-by-day loop;
  catalog     Excel import and export of a 2,000-item catalog, and its public page;
  foi         disclosure on request: due dates of 100,000 cases against a day-by-day loop,
              the workbench of a unit with 10,000 cases and a 10,000-row ledger import
              against their query, parsing and bulk-insert floors;
  privacy     the personal-data scan over 1M characters and a 1,000-row xlsx;
  portal      the shipped nginx micro-cache against nginx static, the uncached catalog
              page on granian, publishing with 10,000 queued index updates (wrk, nginx);
  search      full-text search over N synthetic Chinese records (default 100k): result
              sets against LIKE, then ranked and newest-first pages against LIKE,
              bytes.count and a primary-key fetch, index size and build speed;
  reports     the city-wide annual report (issue 6) over 100k cases and 1M records;
  timeliness  `timeliness_board` over 100,000 records against the query floor and the
              day-by-day loop.

`--size` and `--sample` mean what each suite says (pairs, characters, records); left
out, each suite takes its own default (a module's DEFAULT_SIZE / DEFAULT_SAMPLE,
otherwise 1,000,000 and 20,000), so `--suite all` runs every suite at its own size.

It sets Django up by itself in a temporary
directory (settings `gongkai.settings`, a fresh SQLite file, or for the search suite
with --database postgres a fresh PostgreSQL database dropped afterwards, `migrate`, the
chinese-calendar years loaded as official), runs the suites, prints a table per
suite, optionally writes everything to a JSON file, and removes the directory.

Exit status:
  0  every correctness check passed (and, with --strict, every goal was met);
  1  a correctness check failed: a fast path disagreed with its reference, or
     (catalog) an export/import round trip or the public page lost an item, or
     (privacy) a planted value was missed or a decoy flagged, or (timeliness) a due
     date or state differed from the day-by-day reference, or (foi) a due date, a
     workbench row or urgency, or an imported ledger row differed from the reference;
  2  bad command line (argparse);
  3  --strict and at least one goal was missed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench.databases import create_postgres, drop_postgres

# Suite name → module with `run(options) -> dict` and `report(result) -> str`.
# Modules are imported only after django.setup(), because they import models.
SUITES = {
    "calendar": "bench.calendar",
    "catalog": "bench.catalog",
    "foi": "bench.foi",
    "privacy": "bench.privacy",
    "portal": "bench.portal",
    "search": "bench.search",
    "reports": "bench.reports",
    "timeliness": "bench.timeliness",
}
# Used when --size / --sample are left out and the suite's module sets no default of its own.
DEFAULT_SIZE = 1_000_000
DEFAULT_SAMPLE = 20_000

EXIT_OK = 0
EXIT_INCORRECT = 1
EXIT_GOAL_MISSED = 3


def parse_count(text: str) -> int:
    """Accept 1000000, 1_000_000, 100k or 1M."""
    cleaned = text.strip().replace("_", "").replace(",", "")
    factor = 1
    if cleaned[-1:] in ("k", "K"):
        factor, cleaned = 1_000, cleaned[:-1]
    elif cleaned[-1:] in ("m", "M"):
        factor, cleaned = 1_000_000, cleaned[:-1]
    try:
        value = int(float(cleaned) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a count: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Gongkai benchmarks: correctness first, then speed against a baseline "
        "measured in the same run.",
    )
    parser.add_argument(
        "--suite",
        choices=[*SUITES, "all"],
        default="all",
        help="calendar, catalog, foi, privacy, search, timeliness, or all of them (default all)",
    )
    parser.add_argument(
        "--size",
        type=parse_count,
        default=None,
        help="work timed for the fast path, accepts 100k, 1M: calendar pairs (default 1M), "
        "privacy characters (default 1M), timeliness and search records (default 100k), foi due-date "
        "cases (default 100k; the workbench and the ledger get size/10)",
    )
    parser.add_argument(
        "--sample",
        type=parse_count,
        default=None,
        help="items checked against, and timed for, the slow baseline: calendar pairs "
        "(default 20k), timeliness records (default 2k), foi cases (default 2k)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the input generator")
    parser.add_argument(
        "--items",
        type=parse_count,
        default=2_000,
        help="catalog suite: items in the generated catalog (default 2000, the goals' size)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="timing rounds (default 5, min 3); calendar: each times 1/R of the sample through "
        "the naive loop and all N pairs through the index; catalog, privacy: each times every "
        "operation and its baseline once; timeliness: each times the board over all N records, "
        "its query floors and 1/R of the sample through the naive loop; medians are reported",
    )
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 3 when a goal is missed (correctness failures always exit 1)",
    )
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="search suite: run on a fresh PostgreSQL database (created for the run, dropped "
        "afterwards) instead of a throwaway SQLite file (default sqlite)",
    )
    parser.add_argument(
        "--postgres-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="with --database postgres: the server to create the database on "
        "(default postgres://postgres@127.0.0.1:5432/postgres)",
    )
    parser.add_argument(
        "--search-backend",
        choices=["tantivy", "postgres"],
        default="tantivy",
        help="search suite: the engine measured (default tantivy; postgres needs "
        "--database postgres)",
    )
    options = parser.parse_args(argv)
    if options.repeat < 3:
        parser.error("--repeat must be at least 3: one run is not a measurement")
    if options.database == "postgres" and options.suite != "search":
        # The other suites tune or read SQLite itself (WAL checkpoints, its file size).
        parser.error("--database postgres is for the search suite only")
    if options.search_backend == "postgres" and options.database != "postgres":
        parser.error("--search-backend postgres needs --database postgres")
    return options


@contextmanager
def isolated_django(options: argparse.Namespace | None = None):
    """Django on a throwaway database in a temporary directory, removed afterwards.

    The variables are set before Django reads its settings, so the developer's
    var/ (database, secret key, media) is never opened. With --database postgres
    the database is a new one on the given server, dropped afterwards.
    """
    database = options.database if options else "sqlite"
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-", ignore_cleanup_errors=True) as tmp:
        os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
        os.environ["GONGKAI_VAR_DIR"] = tmp
        os.environ["GONGKAI_SEARCH_BACKEND"] = options.search_backend if options else "tantivy"
        postgres = None
        if database == "postgres":
            name = f"gongkai_bench_{os.getpid()}_{int(time.time())}"
            try:
                os.environ["GONGKAI_DATABASE_URL"] = create_postgres(options.postgres_url, name)
            except Exception as exc:  # psycopg's: the server is down or refuses
                raise SystemExit(f"PostgreSQL at {options.postgres_url}: {exc}") from None
            postgres = name
        else:
            os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"

        import django

        django.setup()
        from django.db import connections

        try:
            from django.core.management import call_command

            from gongkai.core.services import calendar_sync_package

            call_command("migrate", verbosity=0)
            calendar_sync_package(actor=None)
            yield Path(tmp)
        finally:
            # SQLite keeps the file (and its WAL) open; close before the directory goes.
            connections.close_all()
            if postgres:
                drop_postgres(options.postgres_url, postgres)


def options_for(suite, options: argparse.Namespace) -> argparse.Namespace:
    """The options with --size and --sample filled in from the suite's own defaults."""
    resolved = argparse.Namespace(**vars(options))
    if resolved.size is None:
        resolved.size = getattr(suite, "DEFAULT_SIZE", DEFAULT_SIZE)
    if resolved.sample is None:
        resolved.sample = getattr(suite, "DEFAULT_SAMPLE", DEFAULT_SAMPLE)
    return resolved


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    names = list(SUITES) if options.suite == "all" else [options.suite]

    with isolated_django(options):
        from bench import environment

        document = {
            "command": ["python", "-m", "bench", *(sys.argv[1:] if argv is None else argv)],
            "environment": environment.describe(),
            "suites": {},
        }
        for name in names:
            suite = importlib.import_module(SUITES[name])
            result = suite.run(options_for(suite, options))
            document["suites"][name] = result
            print(suite.report(result), flush=True)

    try:
        document["environment"]["load_average_after"] = [round(v, 2) for v in os.getloadavg()]
    except OSError:
        pass
    correct = all(result["correct"] for result in document["suites"].values())
    goals_met = all(
        goal["met"] for result in document["suites"].values() for goal in result["goals"]
    )
    document["correct"] = correct
    document["goals_met"] = goals_met

    if options.out:
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(
            json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"results written to {options.out}")

    if not correct:
        print("FAIL: correctness check failed; see above", file=sys.stderr)
        return EXIT_INCORRECT
    if options.strict and not goals_met:
        print("FAIL (--strict): at least one goal was missed", file=sys.stderr)
        return EXIT_GOAL_MISSED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
