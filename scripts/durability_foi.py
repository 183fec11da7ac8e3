"""Durability of online applications: acknowledged means stored, once, whatever happens to the server.

    .venv/bin/python scripts/durability_foi.py [--clients 8] [--max-submissions 2000]
        [--duration 60] [--kills 3] [--workers 2] [--baseline-seconds 10]
        [--database sqlite|postgres]
        [--postgres-url postgres://postgres@127.0.0.1:5432/postgres] [--seed 1]
        [--out results.json] [--keep]

What it does, in a throwaway directory (GONGKAI_VAR_DIR; the developer's var/ is never
opened):

1. `gongkai migrate` and `gongkai seed zhongshan` on a fresh SQLite file, or on a fresh
   PostgreSQL database created for the run and dropped afterwards (--database postgres);
2. starts the application server as run.sh does (granian `gongkai.wsgi:application`, --workers 2) on a
   free 127.0.0.1 port, in its own process group, with GONGKAI_INTAKE_RATE=1000000/m and
   mail written to files;
3. baselines, no kill: --baseline-seconds of applications the API refuses (a bad ID check
   character: validated, answered 400, nothing stored), then as long of valid ones;
4. N client threads POST /api/v1/applications (the API contract: 201 {tracking_number,
   query_code, status}), each application with unique content (a UUID in the description,
   its own valid ID number and phone), until --max-submissions applications were started or
   --duration seconds passed. A client retries the same application after a connection
   error, a timeout or a 5xx until it is acknowledged (201) or 30 s after the end; a 4xx is
   an error and is not retried;
5. meanwhile, --kills times at random moments, kills the whole granian process group with
   SIGKILL (no graceful shutdown, requests in flight are cut) and starts it again at once;
6. afterwards, a separate process reads the database directly (Django ORM) and checks:
   every acknowledged tracking number exists exactly once, with exactly the content sent
   (every field, the unit, status "received", its "received" event) and the query code
   that was returned matches; no tracking number exists twice; no tracking number was
   acknowledged for two different applications; on SQLite, PRAGMA integrity_check is ok.
   A retried POST whose first attempt was stored but whose response was lost leaves a case
   the client never saw acknowledged: allowed, and counted ("stored, never acknowledged").

It prints acknowledged submissions/s (under kills, while the server was up, and the no-kill
baseline), attempts, retries and errors by kind, the kills and the downtime, and the verdict.
Exit status: 0 every check held; 1 a durability violation; 2 the run could not be set up
(migrate, seed, or the server never came up).

`tests/test_durability_foi.py` (marker `scripts`) runs it small: 4 clients, 150
applications, one kill.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
URL_PATH = "/api/v1/applications"
READY_PATH = "/api/v1/openapi.json"
UNIT = "tanzhou"
MARKER = "耐久性测试"
RETRY_GRACE_S = 30.0  # after the time bound, applications in flight still retry this long
REQUEST_TIMEOUT_S = 20.0
READY_TIMEOUT_S = 60.0

EXIT_OK, EXIT_VIOLATION, EXIT_SETUP = 0, 1, 2


def id_number(rng: random.Random) -> str:
    """A valid 18-digit resident ID of 中山 (GB 11643 check character)."""
    from gongkai.privacy.checks import id_check_character

    born = f"{rng.randrange(1950, 2006)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    body = f"442000{born}{rng.randrange(0, 1000):03d}"
    return body + id_check_character(body)


def application(rng: random.Random, run_id: str) -> dict:
    """One application with content no other application has."""
    key = uuid.UUID(int=rng.getrandbits(128), version=4)
    surname, given = rng.choice("陈李黄张梁刘吴何林郑"), rng.choice(["伟", "芳", "嘉慧", "志强"])
    return {
        "unit": UNIT,
        "applicant_kind": "natural_person",
        "applicant_name": surname + given,
        "id_type": "resident_id",
        "id_number": id_number(rng),
        "phone": f"13{rng.randrange(3, 10)}{rng.randrange(0, 100_000_000):08d}",
        "email": f"a{key.hex[:12]}@example.cn",
        "address": f"中山市坦洲镇界狮南路{rng.randrange(1, 200)}号",
        "postcode": "528467",
        "description": f"{MARKER} {run_id} {key}:申请公开坦洲镇{rng.randrange(2020, 2027)}年"
        f"农村危房改造补助资金发放名单，第{rng.randrange(1, 100)}批。",
        "doc_number": f"坦府〔{rng.randrange(2020, 2027)}〕{rng.randrange(1, 300)}号",
        "form_wanted": "electronic",
        "receive_by": "online",
    }


# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """granian in its own process group, killed as a whole with SIGKILL."""

    def __init__(self, env: dict, port: int, workers: int, log: Path):
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        """Start and wait until it answers; returns the seconds it took."""
        started = time.perf_counter()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(BIN / "granian"),
                    "gongkai.wsgi:application",
                    "--interface",
                    "wsgi",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--workers",
                    str(self.workers),
                    "--blocking-threads",
                    "1",
                    "--workers-kill-timeout",
                    "5",
                ],
                cwd=REPO_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: master and workers
            )
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"granian exited with {self.process.returncode}; see {self.log}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", READY_PATH)
                status = connection.getresponse().status
                connection.close()
                if status < 500:
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"granian did not answer within {READY_TIMEOUT_S:g} s; see {self.log}")

    def kill(self) -> None:
        """SIGKILL to the whole process group, then reap the master."""
        assert self.process is not None
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        # The workers die with the group; wait until none holds the port any more.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _group_alive(self.process.pid):
            time.sleep(0.01)

    def stop(self) -> None:
        """Graceful stop at the end (SIGTERM, then SIGKILL)."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            self.kill()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---------------------------------------------------------------------------
# The clients
# ---------------------------------------------------------------------------


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    started: int = 0
    acknowledged: list[dict] = field(default_factory=list)
    attempts: int = 0
    retries: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    given_up: int = 0
    rejected: list[dict] = field(default_factory=list)

    def count(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def post(port: int, payload: dict) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    try:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        connection.request(
            "POST", URL_PATH, body=body, headers={"Content-Type": "application/json"}
        )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def client(
    number: int,
    port: int,
    tally: Tally,
    run_id: str,
    seed: int,
    limit: int,
    stop_at: float,
    give_up_at: float,
) -> None:
    rng = random.Random(f"{seed}-{number}")
    while True:
        with tally.lock:
            if tally.started >= limit or time.monotonic() >= stop_at:
                return
            tally.started += 1
        payload = application(rng, run_id)
        tries = 0
        while True:
            tries += 1
            with tally.lock:
                tally.attempts += 1
                if tries > 1:
                    tally.retries += 1
            try:
                status, body = post(port, payload)
            except (OSError, http.client.HTTPException) as exc:
                tally.count(type(exc).__name__)
                status, body = None, b""
            if status == 201:
                answer = json.loads(body)
                with tally.lock:
                    tally.acknowledged.append(
                        {
                            "tracking_number": answer["tracking_number"],
                            "query_code": answer["query_code"],
                            "status": answer["status"],
                            "attempts": tries,
                            "payload": payload,
                        }
                    )
                break
            if status is not None and 400 <= status < 500:
                tally.count(f"HTTP {status}")
                with tally.lock:
                    tally.rejected.append(
                        {"status": status, "body": body[:500].decode("utf-8", "replace")}
                    )
                break  # the server refused this application: retrying would not help
            if status is not None:
                tally.count(f"HTTP {status}")
            if time.monotonic() >= give_up_at:
                with tally.lock:
                    tally.given_up += 1
                break
            time.sleep(min(0.02 * 2 ** min(tries, 5), 0.5) * (0.5 + rng.random()))


def start_clients(port, tally, run_id, seed, clients, limit, seconds):
    """Start the client threads; returns them and the start time."""
    t0 = time.monotonic()
    stop_at = t0 + seconds
    threads = [
        threading.Thread(
            target=client,
            args=(n, port, tally, run_id, seed, limit, stop_at, stop_at + RETRY_GRACE_S),
            daemon=True,
        )
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    return threads, t0


def floor_phase(port: int, clients: int, run_id: str, seed: int, seconds: float) -> float:
    """Requests/s of applications the API refuses (a bad ID number): parsed, validated,
    answered 400, nothing stored. The same path as a submission, without the write."""
    counts = [0] * clients
    stop_at = time.monotonic() + seconds

    def refuse(number: int) -> None:
        rng = random.Random(f"{seed}-floor-{number}")
        while time.monotonic() < stop_at:
            payload = application(rng, run_id)
            payload["id_number"] = "44200019850314231Y"
            try:
                status, _body = post(port, payload)
            except (OSError, http.client.HTTPException):
                continue
            counts[number] += status == 400

    started = time.monotonic()
    threads = [threading.Thread(target=refuse, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return round(sum(counts) / (time.monotonic() - started), 1)


# ---------------------------------------------------------------------------
# The check, in a separate process that reads the database directly
# ---------------------------------------------------------------------------

FIELDS = [
    "applicant_kind",
    "applicant_name",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "doc_number",
    "form_wanted",
    "receive_by",
]


def verify(acknowledged_path: Path, run_id: str) -> dict:
    """Run inside a process with the server's environment; Django reads the same database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    django.setup()
    from django.db import connection
    from django.db.models import Count

    from gongkai.foi.models import InfoRequest, RequestEvent
    from gongkai.foi.services import query_code_matches

    acknowledged = json.loads(acknowledged_path.read_text(encoding="utf-8"))
    violations: list[str] = []

    # Every tracking number is unique in the database (the constraint, checked anyway).
    doubled = list(
        InfoRequest.objects.values("tracking_number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("tracking_number", "n")
    )
    for tracking, n in doubled:
        violations.append(f"tracking number {tracking} exists {n} times")
    # No tracking number was acknowledged for two different applications.
    seen: dict[str, str] = {}
    for ack in acknowledged:
        tracking, key = ack["tracking_number"], ack["payload"]["description"]
        if tracking in seen and seen[tracking] != key:
            violations.append(f"tracking number {tracking} acknowledged for two applications")
        seen[tracking] = key

    ours = {
        case.tracking_number: case
        for case in InfoRequest.objects.filter(description__contains=f"{MARKER} {run_id} ")
        .select_related("unit")
        .order_by()
    }
    events = dict(
        RequestEvent.objects.filter(
            info_request__in=[c.pk for c in ours.values()], new_status="received"
        )
        .values("info_request_id")
        .annotate(n=Count("id"))
        .values_list("info_request_id", "n")
    )
    missing = wrong = 0
    for ack in acknowledged:
        case = ours.get(ack["tracking_number"])
        if case is None:
            missing += 1
            if missing <= 20:
                violations.append(f"acknowledged {ack['tracking_number']} is not in the database")
            continue
        payload = ack["payload"]
        differs = [name for name in FIELDS if getattr(case, name) != payload[name]]
        if case.unit.code != payload["unit"]:
            differs.append("unit")
        if case.status != ack["status"] or case.status != InfoRequest.Status.RECEIVED:
            differs.append("status")
        if case.source != "api":
            differs.append("source")
        if events.get(case.pk, 0) != 1:
            differs.append("received event")
        if not query_code_matches(case, ack["query_code"]):
            differs.append("query code")
        if differs:
            wrong += 1
            if wrong <= 20:
                violations.append(f"{ack['tracking_number']} differs from what was sent: {differs}")

    acknowledged_numbers = {ack["tracking_number"] for ack in acknowledged}
    acknowledged_keys = {ack["payload"]["description"] for ack in acknowledged}
    stored_keys: dict[str, int] = {}
    for case in ours.values():
        stored_keys[case.description] = stored_keys.get(case.description, 0) + 1
    integrity = None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            integrity = [row[0] for row in cursor.fetchall()]
        if integrity != ["ok"]:
            violations.append(f"PRAGMA integrity_check: {integrity[:5]}")
    return {
        "acknowledged": len(acknowledged),
        "acknowledged_missing": missing,
        "acknowledged_with_wrong_content": wrong,
        "duplicate_tracking_numbers": len(doubled),
        "stored_for_this_run": len(ours),
        # A retried POST whose first attempt committed but whose 201 was lost with the server.
        "stored_never_acknowledged": sum(1 for t in ours if t not in acknowledged_numbers),
        "applications_stored_twice": sum(1 for n in stored_keys.values() if n > 1),
        "unacknowledged_applications_stored": sum(
            1 for key in stored_keys if key not in acknowledged_keys
        ),
        "sqlite_integrity_check": integrity,
        "database": connection.vendor,
        "violations": violations,
        "ok": not violations,
    }


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/durability_foi.py",
        description="Submit applications over HTTP while the server is killed with SIGKILL; "
        "then check that every acknowledged application is stored exactly once.",
    )
    parser.add_argument("--clients", type=int, default=8, help="client threads (default 8)")
    parser.add_argument(
        "--max-submissions", type=int, default=2000, help="applications at most (default 2000)"
    )
    parser.add_argument(
        "--duration", type=float, default=60.0, help="seconds of load at most (default 60)"
    )
    parser.add_argument("--kills", type=int, default=3, help="SIGKILLs of the server (default 3)")
    parser.add_argument(
        "--baseline-seconds",
        type=float,
        default=10.0,
        help="before the kills: seconds of refused (400) requests, then as many of valid "
        "applications with no kill, the baselines of the run (default 10; 0 skips them)",
    )
    parser.add_argument("--workers", type=int, default=2, help="granian workers (default 2)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--postgres-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server where a database may be created and dropped "
        "(default postgres://postgres@127.0.0.1:5432/postgres)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of contents and kill moments")
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--verify", type=Path, help=argparse.SUPPRESS)  # internal
    parser.add_argument("--run-id", default="", help=argparse.SUPPRESS)  # internal
    options = parser.parse_args(argv)
    if options.clients < 1 or options.max_submissions < 1 or options.duration <= 0:
        parser.error("--clients, --max-submissions and --duration must be positive")
    if options.kills < 0:
        parser.error("--kills must not be negative")
    return options


def kill_points(options, rng: random.Random) -> list[float]:
    """Fractions of the run (of the count bound and of the time bound, whichever comes
    first) at which the server is killed: random, spread out, none at the very edges."""
    if not options.kills:
        return []
    width = 0.8 / options.kills
    return [0.1 + width * k + rng.uniform(0.1, 0.9) * width for k in range(options.kills)]


def run(options) -> dict:
    rng = random.Random(options.seed)
    run_id = uuid.UUID(int=rng.getrandbits(128), version=4).hex[:12]
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-durability-"))
    pg_name = f"gongkai_durability_{os.getpid()}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GONGKAI_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "gongkai.settings",
            "GONGKAI_VAR_DIR": str(tmp),
            "GONGKAI_DEBUG": "false",
            "GONGKAI_INTAKE_RATE": "1000000/m",
            "GONGKAI_EMAIL_BACKEND": "file",
            "GONGKAI_LOG_LEVEL": "WARNING",
        }
    )
    result: dict = {
        "run_id": run_id,
        "options": {
            key: str(value) if isinstance(value, Path) else value
            for key, value in vars(options).items()
            if key not in ("verify", "run_id")
        },
        "var_dir": str(tmp),
    }
    server = None
    # REPO_ROOT is on sys.path by now (see the end of this file).
    from bench.databases import create_postgres, drop_postgres

    try:
        if options.database == "postgres":
            env["GONGKAI_DATABASE_URL"] = create_postgres(options.postgres_url, pg_name)
        else:
            env["GONGKAI_DATABASE_URL"] = f"sqlite:///{tmp / 'gongkai.sqlite3'}"
        result["database_url"] = env["GONGKAI_DATABASE_URL"]
        started = time.perf_counter()
        for args in (["migrate", "--no-input", "-v0"], ["seed", "zhongshan"]):
            done = subprocess.run(
                [str(BIN / "gongkai"), *args],
                cwd=REPO_ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode:
                result["setup_error"] = f"gongkai {' '.join(args)}: {done.stderr[-2000:]}"
                return result
        result["setup_s"] = round(time.perf_counter() - started, 2)

        server = Server(env, free_port(), options.workers, tmp / "granian.log")
        try:
            result["first_start_s"] = round(server.start(), 2)
        except RuntimeError as exc:
            result["setup_error"] = str(exc)
            return result

        baseline = {}
        acknowledged_before_kills: list[dict] = []
        if options.baseline_seconds > 0:
            # Every worker has answered a few requests before anything is timed.
            floor_phase(server.port, options.clients, run_id, options.seed, 1.0)
            # Same clients, same server, no kills: first requests the API refuses (400,
            # nothing stored: the framework and validation floor), then valid applications.
            baseline["rejected_per_s"] = floor_phase(
                server.port, options.clients, run_id, options.seed, options.baseline_seconds
            )
            quiet = Tally()
            threads, t0 = start_clients(
                server.port, quiet, run_id, f"{options.seed}-quiet", options.clients,
                10**9, options.baseline_seconds,
            )  # fmt: skip
            for thread in threads:
                thread.join()
            seconds = time.monotonic() - t0
            baseline["acknowledged"] = len(quiet.acknowledged)
            baseline["acknowledged_per_s"] = round(len(quiet.acknowledged) / seconds, 1)
            baseline["errors"] = quiet.errors
            baseline["ratio_submit_vs_rejected"] = round(
                baseline["acknowledged_per_s"] / baseline["rejected_per_s"], 3
            )
            acknowledged_before_kills = quiet.acknowledged
        result["baseline"] = baseline

        tally = Tally()
        points = kill_points(options, rng)
        threads, t0 = start_clients(
            server.port, tally, run_id, options.seed, options.clients,
            options.max_submissions, options.duration,
        )  # fmt: skip
        kills: list[dict] = []
        for point in points:
            while True:
                with tally.lock:
                    progress = max(
                        len(tally.acknowledged) / options.max_submissions,
                        (time.monotonic() - t0) / options.duration,
                    )
                    finished = tally.started >= options.max_submissions
                if progress >= point or not any(t.is_alive() for t in threads):
                    break
                time.sleep(0.005)
            if not any(t.is_alive() for t in threads):
                break
            with tally.lock:
                acknowledged_before = len(tally.acknowledged)
            moment = time.monotonic() - t0
            server.kill()
            down = time.perf_counter()
            try:
                restart_s = server.start()
            except RuntimeError as exc:  # the clients give up RETRY_GRACE_S after the bound
                result["restart_error"] = str(exc)
                break
            kills.append(
                {
                    "at_s": round(moment, 2),
                    "acknowledged_before": acknowledged_before,
                    "all_started": finished,
                    "restart_s": round(restart_s, 2),
                    "down_s": round(time.perf_counter() - down, 2),
                }
            )
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - t0
        server.stop()

        acknowledged_path = tmp / "acknowledged.json"
        acknowledged_path.write_text(
            json.dumps(acknowledged_before_kills + tally.acknowledged, ensure_ascii=False),
            encoding="utf-8",
        )
        checked = subprocess.run(
            [sys.executable, __file__, "--verify", str(acknowledged_path), "--run-id", run_id],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if checked.returncode:
            result["check"] = {
                "ok": False,
                "violations": [f"checker failed: {checked.stderr[-3000:]}"],
            }
        else:
            result["check"] = json.loads(checked.stdout)
        acknowledged = len(tally.acknowledged)
        result["load"] = {
            "elapsed_s": round(elapsed, 2),
            "started": tally.started,
            "acknowledged": acknowledged,
            "acknowledged_per_s": round(acknowledged / elapsed, 1) if elapsed else None,
            "attempts": tally.attempts,
            "retries": tally.retries,
            "acknowledged_after_retry": sum(1 for a in tally.acknowledged if a["attempts"] > 1),
            "errors": dict(sorted(tally.errors.items())),
            "rejected": tally.rejected[:10],
            "given_up": tally.given_up,
            "kills": kills,
        }
        # Rejections (4xx) or give-ups are not durability violations, but the run then did
        # not test what it claims to: say so.
        if baseline:
            down = sum(kill["down_s"] for kill in kills)
            result["load"]["acknowledged_per_s_while_up"] = round(
                acknowledged / max(elapsed - down, 1e-9), 1
            )
            result["load"]["ratio_vs_undisturbed"] = round(
                result["load"]["acknowledged_per_s"] / baseline["acknowledged_per_s"], 3
            )
        result["load"]["clean"] = not tally.rejected and not tally.given_up
        if "restart_error" in result:
            result["check"]["violations"].append(f"restart failed: {result['restart_error']}")
        if len(kills) != options.kills:
            # Not a durability violation, but the run did not test what it claims to.
            result["check"]["violations"].append(
                f"only {len(kills)} of {options.kills} kills happened before the load ended"
            )
        result["ok"] = result["check"]["ok"] and len(kills) == options.kills
        return result
    finally:
        if server is not None:
            server.stop()
        if options.database == "postgres" and "GONGKAI_DATABASE_URL" in env:
            try:
                drop_postgres(options.postgres_url, pg_name)
            except Exception as exc:  # report, never mask the run's own result
                result["cleanup_error"] = f"{type(exc).__name__}: {exc}"
        if not options.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def report(result: dict) -> str:
    lines = [f"durability of online applications (run {result['run_id']})"]
    if "setup_error" in result:
        return "\n".join([*lines, f"SETUP FAILED: {result['setup_error']}"])
    o, load, check = result["options"], result["load"], result["check"]
    lines += [
        f"  database {check.get('database', o['database'])}, granian --workers {o['workers']}, "
        f"{o['clients']} clients, at most {o['max_submissions']:,} applications and "
        f"{o['duration']:g} s; setup {result['setup_s']} s, first start {result['first_start_s']} s",
        f"  {load['acknowledged']:,} acknowledged of {load['started']:,} started in "
        f"{load['elapsed_s']} s: {load['acknowledged_per_s']} acknowledged submissions/s "
        f"(SIGKILLs and restarts included)",
        f"  {load['attempts']:,} attempts, {load['retries']:,} retries, "
        f"{load['acknowledged_after_retry']} acknowledged after a retry, given up "
        f"{load['given_up']}; errors {load['errors'] or 'none'}",
    ]
    baseline = result.get("baseline") or {}
    if baseline:
        lines.append(
            f"  baseline, no kill: {baseline['acknowledged_per_s']} acknowledged/s "
            f"({baseline['acknowledged']:,} in {o['baseline_seconds']:g} s); refused "
            f"applications (400, nothing stored) {baseline['rejected_per_s']}/s; "
            f"submit / refused {baseline['ratio_submit_vs_rejected']:.2f}x"
        )
        lines.append(
            f"  under kills: {load['acknowledged_per_s_while_up']}/s while the server was up; "
            f"overall / no-kill baseline {load['ratio_vs_undisturbed']:.2f}x"
        )
    for number, kill in enumerate(load["kills"], start=1):
        lines.append(
            f"  SIGKILL {number} at {kill['at_s']} s (after {kill['acknowledged_before']:,} "
            f"acknowledged): back in {kill['down_s']} s"
        )
    lines += [
        f"  database: {check.get('stored_for_this_run', '?')} cases of this run; acknowledged "
        f"missing {check.get('acknowledged_missing', '?')}, with wrong content "
        f"{check.get('acknowledged_with_wrong_content', '?')}, duplicate tracking numbers "
        f"{check.get('duplicate_tracking_numbers', '?')}; stored but never acknowledged "
        f"{check.get('stored_never_acknowledged', '?')} (a retry after a lost response: allowed); "
        f"integrity {check.get('sqlite_integrity_check') or 'n/a'}",
    ]
    for violation in check.get("violations", []):
        lines.append(f"  VIOLATION {violation}")
    if not load["clean"]:
        lines.append(f"  note: rejected {load['rejected'][:3]}, given up {load['given_up']}")
    lines.append("  verdict: " + ("OK" if result["ok"] else "FAILED"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if options.verify:
        print(json.dumps(verify(options.verify, options.run_id), ensure_ascii=False))
        return EXIT_OK
    result = run(options)
    print(report(result), flush=True)
    if options.out:
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(
            json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    if "setup_error" in result:
        return EXIT_SETUP
    return EXIT_OK if result["ok"] else EXIT_VIOLATION


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_ROOT))
    sys.exit(main())
