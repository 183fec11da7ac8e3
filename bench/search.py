"""Search suite: the configured engine (tantivy by default) on a synthetic Chinese corpus.

Issue 7 and ../shared/PERFORMANCE.md §4.1. Steps, in this order:

1. Inputs from `random.Random(seed)` (no downloads): N published records (`--size`,
   default 100,000) of about 800 characters, titles and bodies made of government
   words from VOCABULARY below, with planted names (粤商通, 旧改 …) at fixed rates and
   phrases whose words are common but whose exact sequence is rare (临时救助审批).
   Stored with bulk_create in the throwaway SQLite database, then indexed through
   `services.index_rebuild()`, the code `gongkai search reindex` runs.
2. Correctness before speed (exit 1 on any difference): for every query, the id set
   and count of the engine equal SQL LIKE over the same rows (every term in the title
   or the body, ANDed), including 1-character queries.
3. Speed, per query: 1 warm-up, then R timed runs (`--repeat`):
   - page: the engine's first page ranked by relevance, top-20 plus the exact count;
   - service page: the same through `services.search` (database re-check, snippets);
   - newest: the newest-first listing, top-20 newest first (S4: the default order of a
     政府信息公开目录 search, measured as PERFORMANCE.md measured FTS5's, without the count);
   - newest page: the same plus the exact count, what the newest-first search page costs;
   - LIKE: the SQL count over the whole table (the baseline of S3), 3 runs (2 from
     500k records on; the correctness run before has warmed the page cache);
   - brute force: `bytes.count` of each term over all text in memory (S2's baseline),
     R runs (3 from 500k records on);
   - primary-key fetch of 20 rows (S4's baseline).
   Percentiles are nearest-rank over all runs of a class. The garbage collector is off
   during the timed runs of a query, as timeit does (`repeat`): a collection before
   each call cooled the CPU caches for it.
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import io
import math
import random
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from bench.measure import timed
from gongkai.orgs.models import Unit
from gongkai.records.models import Record
from gongkai.search import services
from gongkai.search.backends import Filters, get_backend
from gongkai.search.backends.base import NEWEST, RELEVANCE
from gongkai.search.text import query_terms

DEFAULT_SIZE = 100_000
BODY_CHARS = 800
PAGE = 20
LIKE_RUNS = 3
# From this size on, the slow baselines (a LIKE scan, bytes.count over GBs) run fewer
# times: 2 LIKE runs (after the correctness run, which warms the cache) and 3 counts.
LARGE = 500_000
BEIJING = ZoneInfo("Asia/Shanghai")

# Common words: most documents hold several of them (harsh, like real 公文).
VOCABULARY = (
    "政府 信息 公开 工作 通知 关于 镇人民政府 社区 村民 居民 管理 服务 办法 实施 方案 规定 "
    "标准 补贴 资金 项目 建设 审批 申请 办理 部门 单位 有关 要求 落实 责任 监督 检查 开展 "
    "加强 推进 完善 制度 机制 保障 安全 生产 环境 保护 教育 卫生 医疗 养老 就业 创业 社保 "
    "低保 救助 临时 特困 残疾人 住房 公租房 征收 补偿 拆迁 土地 规划 农村 宅基地 河长制 "
    "预算 决算 经费 采购 招标 合同 统计 年度 报告 名单 公示 结果 对象 条件 材料 时限 "
    "窗口 热线 网站 平台 企业 群众 市场 主体 营商 环境 优化 改革 数字 政务 一网通办 "
    "防汛 消防 燃气 交通 道路 水利 供水 垃圾 分类 文明 创建 疫情 防控 接种 学校 招生 "
    "学位 幼儿园 义务教育 城乡 最低生活保障 困难 家庭 老年人 儿童 妇女 退役军人 优抚"
).split()
SENTENCE_ENDS = "，，，；。"
# Planted names and phrases: (text, share of documents that get it once in the body).
PLANTED = [
    ("粤商通", 0.004),
    ("旧改", 0.03),
    ("临时救助审批", 0.01),
    ("政府信息公开", 0.2),
    ("城乡低保标准", 0.02),
    ("坦洲镇", 0.15),
]
TITLE_SUFFIXES = ["的通知", "的公告", "实施方案", "管理办法", "情况公示", "工作报告"]

# Query classes (PERFORMANCE.md §4.1): the 4+-character phrases are the hard class.
QUERIES = {
    "1-char": ["保", "镇", "粤"],
    "2-char": ["低保", "社保", "拆迁", "旧改", "公开"],
    "3-char": ["粤商通", "公租房", "河长制", "坦洲镇"],
    "4+-char": ["临时救助审批", "政府信息公开", "城乡低保标准", "最低生活保障"],
    "multi-word": ["低保 标准", "社保 补贴", "粤商通 企业", "临时救助 审批"],
}


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


MEAN_WORD_CHARS = sum(map(len, VOCABULARY)) / len(VOCABULARY)
WORDS_PER_BODY = round(BODY_CHARS / MEAN_WORD_CHARS)


def _body(rng: random.Random) -> str:
    """About BODY_CHARS characters: sentences of 4–9 common words, planted names inserted."""
    words = rng.choices(VOCABULARY, k=WORDS_PER_BODY)
    lengths = rng.choices(range(4, 10), k=WORDS_PER_BODY // 4 + 1)
    ends = rng.choices(SENTENCE_ENDS, k=len(lengths))
    parts, at = [], 0
    for length, end in zip(lengths, ends, strict=True):
        if at >= len(words):
            break
        parts.append("".join(words[at : at + length]) + end)
        at += length
    for text, share in PLANTED:
        if rng.random() < share:
            parts.insert(rng.randrange(len(parts) + 1), text)
    return "".join(parts)


def plan(size: int, seed: int, unit_ids: list[int]) -> list[tuple]:
    """(unit_id, title, body, published_at) per record, deterministic for the seed."""
    rng = random.Random(seed)
    first = datetime.datetime(2020, 1, 1, 9, tzinfo=BEIJING).timestamp()
    span = datetime.datetime(2026, 11, 1, 9, tzinfo=BEIJING).timestamp() - first
    rows = []
    for _ in range(size):
        title = "关于" + "".join(rng.choices(VOCABULARY, k=3)) + rng.choice(TITLE_SUFFIXES)
        published = datetime.datetime.fromtimestamp(first + rng.random() * span, tz=BEIJING)
        rows.append((rng.choice(unit_ids), title, _body(rng), published))
    return rows


def store(rows: list[tuple]) -> None:
    Record.objects.bulk_create(
        (
            Record(
                unit_id=unit_id,
                index_number=f"bench-{n}",
                title=title,
                body=body,
                published_at=published,
                status=Record.Status.PUBLISHED,
                disclosure=Record.Disclosure.PROACTIVE,
                created_at=published,
            )
            for n, (unit_id, title, body, published) in enumerate(rows)
        ),
        batch_size=2000,
    )


# ---------------------------------------------------------------------------
# Baselines and candidates
# ---------------------------------------------------------------------------


def like_ids(terms: list[str]) -> tuple[str, list]:
    where = " AND ".join("(title LIKE %s OR body LIKE %s)" for _ in terms) or "1=1"
    params = [f"%{t}%" for t in terms for _ in (0, 1)]
    return (
        f"SELECT id FROM records_record WHERE status = 'published' AND "
        f"disclosure = 'proactive' AND {where}",
        params,
    )


def like_set(terms: list[str]) -> set[int]:
    sql, params = like_ids(terms)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def like_count(terms: list[str]) -> int:
    sql, params = like_ids(terms)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS matching", params)
        return cursor.fetchone()[0]


def pk_fetch(pks: list[int]) -> int:
    return len(list(Record.objects.filter(pk__in=pks).values_list("pk", "title", "published_at")))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def stats(runs: list[float]) -> dict:
    return {
        "n": len(runs),
        "p50_ms": percentile(runs, 50) * 1000,
        "p95_ms": percentile(runs, 95) * 1000,
        "max_ms": max(runs) * 1000,
    }


def repeat(function, rounds: int) -> list[float]:
    """Seconds of `rounds` calls after a warm-up, the garbage collector off while timing.

    As timeit times. A collection before each call (bench.measure.timed) walks every
    live object and leaves the call a cold CPU cache: a newest-first call of
    0.1 ms measured 0.5 ms that way at 1M records (docs/benchmarks.md, 2026-11-29).
    """
    gc.collect()
    function()  # warm-up
    gc.disable()
    try:
        runs = []
        for _ in range(rounds):
            started = time.perf_counter()
            function()
            runs.append(time.perf_counter() - started)
        return runs
    finally:
        gc.enable()


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def check(backend, size: int) -> dict:
    """Every query's id set and count against LIKE; the LIKE run is timed as well."""
    problems, frequencies, like_first_s = [], {}, {}
    for query in [q for queries in QUERIES.values() for q in queries]:
        terms = query_terms(query)
        started = time.perf_counter()
        expected = like_set(terms)
        like_first_s[query] = time.perf_counter() - started
        found = backend.search(terms, Filters(), order=RELEVANCE, offset=0, limit=size)
        got = [pk for pk, _ in found.hits]
        frequencies[query] = len(expected)
        if set(got) != expected or len(got) != len(set(got)) or found.total != len(expected):
            problems.append(
                f"{query}: expected {len(expected)}, got {len(set(got))} ids "
                f"(count {found.total}); missing {len(expected - set(got))}, "
                f"extra {len(set(got) - expected)}"
            )
    return {
        "ok": not problems,
        "queries": len(frequencies),
        "document_frequency": frequencies,
        "problems": problems,
        "like_first_run_s": like_first_s,
    }


def measure(backend, rows: list[tuple], rounds: int) -> dict:
    blob = "\n".join(f"{title}\n{body}" for _unit, title, body, _at in rows).encode()
    # The corpus in memory (rows: millions of objects at 1M records) is the harness's,
    # not the engine's: frozen, the collections before each timed series skip it.
    gc.collect()
    gc.freeze()
    try:
        return _measure(backend, rows, blob, rounds)
    finally:
        gc.unfreeze()


def _measure(backend, rows: list[tuple], blob: bytes, rounds: int) -> dict:
    timing: dict = {}
    pks = list(Record.objects.order_by("-pk").values_list("pk", flat=True)[:PAGE])
    pk_runs = repeat(lambda: pk_fetch(pks), max(rounds, 20))
    # Per query as well: a class's p95 is often one query's, and which one says why.
    per_query: dict = {}
    for cls, queries in QUERIES.items():
        runs = {"page": [], "service": [], "newest": [], "newest_page": [], "like": [], "brute": []}
        for query in queries:
            terms = query_terms(query)
            page_runs = repeat(
                lambda t=terms: backend.search(t, Filters(), order=RELEVANCE, offset=0, limit=PAGE),
                rounds,
            )
            per_query[query] = stats(page_runs)
            runs["page"] += page_runs
            runs["service"] += repeat(lambda q=query: services.search(query=q), rounds)
            runs["newest"] += repeat(
                lambda t=terms: backend.search(
                    t, Filters(), order=NEWEST, offset=0, limit=PAGE, count=False
                ),
                rounds,
            )
            runs["newest_page"] += repeat(
                lambda t=terms: backend.search(t, Filters(), order=NEWEST, offset=0, limit=PAGE),
                rounds,
            )
            large = len(rows) >= LARGE
            like_runs, brute_runs = (2, 3) if large else (LIKE_RUNS, rounds)
            runs["like"] += [timed(like_count, terms)[0] for _ in range(like_runs)]
            encoded = [t.encode() for t in terms]
            runs["brute"] += repeat(lambda e=encoded: [blob.count(x) for x in e], brute_runs)
        timing[cls] = {name: stats(values) for name, values in runs.items()}
    timing["pk_fetch_20"] = stats(pk_runs)
    timing["page_per_query"] = per_query
    timing["listing_all_newest"] = stats(
        repeat(
            lambda: backend.search([], Filters(), order=NEWEST, offset=0, limit=PAGE), rounds * 4
        )
    )
    return timing


def goals(result: dict) -> list[dict]:
    timing, size = result["timing"], result["inputs"]["records"]
    classes = list(QUERIES)
    big = size >= 1_000_000
    p95_limit, p50_limit = (100.0, 10.0) if big else (10.0, 2.0)
    worst_p95 = max(timing[c]["page"]["p95_ms"] for c in classes)
    worst_p50 = max(timing[c]["page"]["p50_ms"] for c in classes)
    best_p95 = min(timing[c]["page"]["p95_ms"] for c in classes)
    s3_p95 = min(timing[c]["like"]["p50_ms"] / timing[c]["page"]["p95_ms"] for c in classes)
    s3_p50 = min(timing[c]["like"]["p50_ms"] / timing[c]["page"]["p50_ms"] for c in classes)
    s2 = max(timing[c]["page"]["p95_ms"] / timing[c]["brute"]["p95_ms"] for c in classes)
    newest_p95 = max(timing[c]["newest"]["p95_ms"] for c in classes)
    s4 = newest_p95 / timing["pk_fetch_20"]["p95_ms"]
    index = result["index"]
    rows = [
        ("S1", "result sets equal LIKE for every query", 1.0 if result["correct"] else 0.0,
         "", result["correct"]),
        ("page-p95", f"ranked page p95 <= {p95_limit:g} ms, every class", worst_p95, " ms",
         worst_p95 <= p95_limit),
        ("page-p50", f"ranked page p50 <= {p50_limit:g} ms, every class", worst_p50, " ms",
         worst_p50 <= p50_limit),
        ("S2", "page p95 <= 0.10x in-memory bytes.count, worst class", s2, "x", s2 <= 0.10),
        ("S3-p95", "LIKE p50 / page p95 >= 50x, worst class", s3_p95, "x", s3_p95 >= 50),
        ("S3-p50", "LIKE p50 / page p50 >= 500x, worst class", s3_p50, "x", s3_p50 >= 500),
        ("S4", "newest-first listing p95 <= 3x a 20-row pk fetch, worst class", s4, "x",
         s4 <= 3),
        ("S4-abs", "newest-first listing p95 <= 1 ms, worst class", newest_p95, " ms",
         newest_p95 <= 1.0),
        ("S5", "worst class page p95 <= 3x best class p95", worst_p95 / best_p95, "x",
         worst_p95 / best_p95 <= 3),
        ("S6-size", "index <= 1.0x UTF-8 text", index["ratio_to_text"], "x",
         index["ratio_to_text"] <= 1.0),
        ("S6-build", "build >= 8 MB/s of text (reading the database included)",
         index["build_mb_per_s"], " MB/s", index["build_mb_per_s"] >= 8),
    ]  # fmt: skip
    return [
        {"id": i, "goal": g, "measured": m, "unit": u, "met": bool(ok)} for i, g, m, u, ok in rows
    ]


def run(options) -> dict:
    size, rounds = options.size, options.repeat
    setup: dict[str, float] = {}
    call_command("seed", "zhongshan", stdout=io.StringIO())
    unit_ids = list(Unit.objects.filter(kind=Unit.Kind.TOWN).values_list("pk", flat=True))

    gc.disable()  # setup only: the cyclic GC rescans the growing lists otherwise
    try:
        started = time.perf_counter()
        rows = plan(size, options.seed, unit_ids)
        setup["generate_s"] = time.perf_counter() - started
        started = time.perf_counter()
        store(rows)
        setup["insert_s"] = time.perf_counter() - started
    finally:
        gc.enable()
    digest = hashlib.sha256()
    text_bytes = 0
    for _unit, title, body, published in rows:
        chunk = f"{title}\n{body}\n{published.isoformat()}".encode()
        digest.update(chunk)
        text_bytes += len(title.encode()) + len(body.encode())

    backend = get_backend()
    started = time.perf_counter()
    indexed = services.index_rebuild()
    build_s = time.perf_counter() - started
    setup["index_s"] = build_s
    index_bytes = backend.size_bytes()

    result: dict = {
        "suite": "search",
        "inputs": {
            "records": size,
            "seed": options.seed,
            "rounds": rounds,
            "indexed": indexed,
            "text_bytes": text_bytes,
            "chars_mean": round(sum(len(r[1]) + len(r[2]) for r in rows) / size),
            "sha256": digest.hexdigest(),
        },
        "settings": {
            "backend": settings.GONGKAI_SEARCH_BACKEND,
            "database": f"{connection.vendor} ({settings.DATABASES['default']['ENGINE']})",
        },
        "setup": setup,
        "index": {
            "bytes": index_bytes,
            "ratio_to_text": index_bytes / text_bytes,
            "build_s": build_s,
            "build_mb_per_s": text_bytes / 1e6 / build_s,
        },
    }
    started = time.perf_counter()
    checks = check(backend, size)
    setup["check_s"] = time.perf_counter() - started
    result["correctness"] = checks
    result["correct"] = checks["ok"] and indexed == size
    if not result["correct"]:
        result["timing"], result["goals"] = {}, []
        return result
    result["timing"] = measure(backend, rows, rounds)
    del rows
    result["goals"] = goals(result)
    return result


def report(result: dict) -> str:
    inputs, index = result["inputs"], result["index"]
    lines = [
        "",
        f"search suite ({result['settings']['backend']}): {inputs['records']:,} records, "
        f"{inputs['text_bytes'] / 1e6:,.1f} MB of UTF-8 text (~{inputs['chars_mean']} chars "
        f"each), seed {inputs['seed']}, rounds {inputs['rounds']}, inputs sha256 "
        f"{inputs['sha256'][:12]}",
        "setup: "
        + ", ".join(f"{k.removesuffix('_s')} {v:.1f} s" for k, v in result["setup"].items()),
        f"index: {index['bytes'] / 1e6:,.1f} MB = {index['ratio_to_text']:.2f}x text; built in "
        f"{index['build_s']:.1f} s = {index['build_mb_per_s']:.1f} MB/s",
        "",
        "correctness: " + ("OK" if result["correct"] else "FAILED"),
        f"  {result['correctness']['queries']} queries against LIKE; document frequencies: "
        + ", ".join(f"{q} {n:,}" for q, n in result["correctness"]["document_frequency"].items()),
    ]
    lines += [f"  MISMATCH {p}" for p in result["correctness"]["problems"]]
    if not result["correct"]:
        return "\n".join([*lines, "", "speed not measured: a check failed", ""])
    timing = result["timing"]
    lines += [
        "",
        f"{'class':<12}{'page p50':>10}{'p95':>8}{'service p95':>13}{'newest p95':>12}"
        f"{'+count p95':>12}{'LIKE p50':>10}{'bytes.count p95':>17}{'LIKE/page p95':>15}  (ms)",
    ]
    for cls in QUERIES:
        t = timing[cls]
        lines.append(
            f"{cls:<12}{t['page']['p50_ms']:>10.2f}{t['page']['p95_ms']:>8.2f}"
            f"{t['service']['p95_ms']:>13.2f}{t['newest']['p95_ms']:>12.2f}"
            f"{t['newest_page']['p95_ms']:>12.2f}"
            f"{t['like']['p50_ms']:>10.1f}{t['brute']['p95_ms']:>17.2f}"
            f"{t['like']['p50_ms'] / t['page']['p95_ms']:>14.0f}x"
        )
    lines += [
        f"20-row pk fetch p95 {timing['pk_fetch_20']['p95_ms']:.3f} ms; all records newest first "
        f"p95 {timing['listing_all_newest']['p95_ms']:.3f} ms",
        f"(p50/p95 nearest-rank over {timing['2-char']['page']['n']} page runs per class)",
        "page p50 per query (ms): "
        + ", ".join(f"{q} {s['p50_ms']:.1f}" for q, s in timing["page_per_query"].items()),
        "",
    ]
    for goal in result["goals"]:
        lines.append(
            f"{'PASS' if goal['met'] else 'FAIL'}  {goal['id']}: {goal['goal']} "
            f"(measured {goal['measured']:,.3g}{goal['unit']})"
        )
    lines.append("")
    return "\n".join(lines)
