"""Catalog suite: Excel import and export of a 2,000-item catalog, and its public page.

Issue text: "Import and export of a 2,000-item catalog (the size of 坦洲镇's 1,639
items), and rendering its public page: figures in docs/benchmarks.md". Goals, for
2,000 items: import ≤ 5 s, export ≤ 5 s, uncached page render ≤ 1 s, cached hit ≤ 20 ms.

Steps, in this order:

1. Inputs: N catalog rows from `random.Random(seed)` for 坦洲镇 (`tanzhou`), domain
   义务教育 (`compulsory-education`): 一级事项 groups of 5–30 rows, a unique 二级事项
   per row, 2–6 要素, 1–3 依据, real 公开时限 wordings (and 同上), channels, ticks
   and levels. The reference data come from `gongkai seed zhongshan`; the catalog
   is published through the services, as a town's catalog is (submit, review by
   the counterpart department 市教育体育局, file, publish). `collectstatic` runs
   first, because the production settings render pages through the manifest
   storage.
2. Correctness, before any timing (exit 1 if any check fails):
   - the published items equal the generated rows (every field of ITEM_FIELDS);
   - export → `read_catalog_xlsx` gives back exactly the published items;
   - `version_import` of what was read stores exactly those items in a draft
     (and the same parsed time-limit rules);
   - the public page answers 200 with one row per item and every item's 二级事项,
     the same bytes again with the table from the cache, and 304 to its own ETag.
3. Speed, in R rounds; each round times every candidate and its baseline a few
   seconds apart, and the ratio is taken within the round (median reported):
   - export: `version_workbook` + `to_bytes`, against openpyxl writing the same
     cell values into a plain workbook (no styles, no merges) and saving it;
   - import: `read_catalog_xlsx` + `version_import` (then the draft is deleted,
     untimed, so every round does the same work), against the floor of any xlsx
     import: `load_workbook` + reading every cell value of the same file;
   - page: one uncached render (after `cache.clear()`), then PAGE_HITS requests
     with the table cached and PAGE_HITS conditional requests (304), against a
     trivial view returning the same bytes through the same middleware and the
     same test client (see `trivial_page_urlconf`).
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import random
import statistics
import time
import types

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import path, reverse
from django.utils.html import escape
from openpyxl import Workbook, load_workbook
from openpyxl import xml as openpyxl_xml

from bench.environment import package_version
from bench.measure import ratio_summary, timed
from gongkai.catalogs import excel_export, excel_import, services
from gongkai.catalogs.models import Catalog, CatalogItem, CatalogVersion, Channel, Stage
from gongkai.orgs.models import Domain, Unit
from gongkai.orgs.selectors import counterpart_for

UNIT_CODE = "tanzhou"
DOMAIN_CODE = "compulsory-education"
SOURCE_NAME = "bench-catalog.xlsx"

# The goals, from the issue; stated for a 2,000-item catalog.
GOAL_ITEMS = 2_000
GOAL_IMPORT_S = 5.0
GOAL_EXPORT_S = 5.0
GOAL_PAGE_UNCACHED_S = 1.0
GOAL_PAGE_CACHED_S = 0.020

# Requests per round for the short page timings (cached hit, 304, trivial view);
# the round's figure is their median.
PAGE_HITS = 15
MISMATCHES_KEPT = 20
HOST = "localhost"  # in ALLOWED_HOSTS outside production; "testserver" is not

# ---------------------------------------------------------------------------
# Inputs: realistic rows from a seed
# ---------------------------------------------------------------------------

# 一级事项 → 二级事项 stems and the 要素 they list, after published 义务教育 catalogs.
MATTERS: dict[str, tuple[list[str], list[str]]] = {
    "政策文件": (
        ["法律法规", "部门规章", "规范性文件", "政策解读", "地方性法规", "镇级配套文件"],
        ["文件名称", "文号", "发布日期", "文件全文", "政策解读材料", "部门和地方政府规章"],
    ),
    "教育概况": (
        ["义务教育学校名录", "学校基本情况", "教育事业统计", "办学条件", "学校布局规划"],
        ["学校名称", "学校地址", "办学层次", "办学类型", "办公电话", "班级数和学生数"],
    ),
    "民办学校信息": (
        ["民办学校办学基本信息", "民办学校年检结果", "民办学校收费标准", "民办学校招生简章"],
        ["学校名称", "办学许可证", "办学规模", "联系方式", "年检结论", "收费项目和标准"],
    ),
    "招生管理": (
        ["招生政策", "招生计划", "招生范围", "招生结果", "随迁子女入学", "特殊群体入学"],
        [
            "各校招生工作实施方案",
            "随迁子女入学办法",
            "各校本年度招生计划",
            "招生范围、学区划分详细情况",
            "录取结果",
            "咨询电话",
        ],
    ),
    "学籍管理": (
        ["转学办理", "休学复学", "学籍变动", "借读办理"],
        ["办理条件", "申请材料", "办理流程", "办理时限", "办理地点", "联系方式"],
    ),
    "财务管理": (
        ["部门预算", "部门决算", "专项资金使用情况", "“三公”经费", "政府采购"],
        ["收支总表", "支出明细", "“三公”经费预算总额及分项", "机关运行经费", "采购项目"],
    ),
    "收费管理": (
        ["收费项目", "收费标准", "代收费项目", "服务性收费", "收费依据"],
        ["收费项目名称", "收费标准", "收费依据", "收费对象", "监督电话"],
    ),
    "学生资助": (
        ["资助政策", "资助对象名单", "资助金额", "资助申请指南", "营养膳食补助"],
        ["资助项目", "资助标准", "申请条件", "受助学生名单", "资助金额", "监督渠道"],
    ),
    "教育督导": (
        ["督导评估报告", "责任督学挂牌督导", "督导整改情况", "专项督导"],
        ["督导对象", "督导内容", "督导结论", "整改要求", "整改结果"],
    ),
    "教师管理": (
        ["教师招聘公告", "教师招聘结果", "职称评审", "教师培训", "教师交流轮岗"],
        ["招聘岗位", "招聘条件", "报名方式", "考试安排", "拟聘人员名单", "评审结果"],
    ),
    "安全管理": (
        ["校园安全制度", "应急预案", "校车管理", "食品安全"],
        ["制度全文", "责任人", "应急联系电话", "校车线路", "检查结果"],
    ),
    "课后服务": (
        ["课后服务方案", "课后服务收费", "课后服务机构名单"],
        ["服务内容", "服务时间", "收费标准", "机构名称", "监督电话"],
    ),
    "考试评价": (
        ["学业质量评价", "体质健康测试", "中考报名"],
        ["评价方案", "测试项目", "报名条件", "报名时间", "结果公布方式"],
    ),
    "投诉举报": (
        ["投诉渠道", "举报受理", "处理结果"],
        ["受理部门", "受理电话", "通讯地址", "电子邮箱", "处理结果"],
    ),
}
# Where a matter applies; one makes each 二级事项 unique, as catalogs listing per school do.
PLACES = [
    "坦洲镇中心小学",
    "坦洲实验中学",
    "坦洲中学",
    "坦洲镇林东小学",
    "坦洲镇新前进小学",
    "坦洲镇十四村小学",
    "坦洲镇合胜小学",
    "坦洲镇七村小学",
    "坦洲镇金斗小学",
    "坦洲镇新合小学",
    "坦洲镇裕洲小学",
    "坦洲镇永一小学",
    "坦洲镇群联小学",
    "坦洲镇界狮小学",
    "坦洲镇联一小学",
    "坦洲镇沾涌小学",
]
LEGAL_BASES = [
    "《中华人民共和国政府信息公开条例》",
    "《中华人民共和国义务教育法》",
    "《中华人民共和国教育法》",
    "《中华人民共和国预算法》",
    "《中华人民共和国民办教育促进法》",
    "《教育部关于进一步做好小学升入初中免试就近入学工作的实施意见》",
    "《教育部办公厅关于推进中小学信息公开工作的意见》",
    "《广东省实施〈中华人民共和国义务教育法〉办法》",
    "《中山市义务教育阶段学校招生工作指导意见》",
    "财预〔2016〕143号《地方预决算公开操作规程》",
]
# Real wordings (DOMAIN.md §4.3): the first row of a group never says 同上.
TIME_LIMITS = [
    "信息形成或者变更之日起20个工作日内",
    "制定或获取信息之日起10个工作日内",
    "制定或获取信息之日起10个工作日内，公示7个工作日",
    "长期",
    "实时",
    "本级人民代表大会或其常务委员会批准后20日内",
    "本级政府财政部门批复后20日内",
    "信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的，从其规定。",
]
SAME_AS_ABOVE = "同上"
PUBLISHERS = [
    "坦洲镇人民政府",
    "坦洲镇公共服务办公室",
    "坦洲镇教育事务指导中心",
    "坦洲镇各中小学校",
    "中山市教育和体育局、坦洲镇人民政府",
]
STANDARD_CHANNELS = [code for code in Channel.values if code != Channel.OTHER]
CHANNELS_OTHER = ["坦洲镇人民政府网站", "“坦洲教育”微信公众号", "学校家长群"]
STAGES = [value for value in Stage.values if value]
REMARKS = ["涉及个人隐私的信息按规定脱敏", "每学期更新", "以学校公告为准"]


def make_items(count: int, seed: int) -> list[services.ItemData]:
    """`count` rows in 一级事项 groups of 5–30, each with a unique 二级事项."""
    rng = random.Random(seed)
    categories = list(MATTERS)
    items: list[services.ItemData] = []
    names: set[str] = set()
    category = None
    while len(items) < count:
        category = rng.choice([c for c in categories if c != category])
        stems, elements = MATTERS[category]
        stage = rng.choice(STAGES)
        publisher = rng.choice(PUBLISHERS)
        group_size = min(rng.randint(5, 30), count - len(items))
        for position in range(group_size):
            stem = rng.choice(stems)
            name = f"{stem}（{rng.choice(PLACES)}）"
            serial = 2
            while name in names:
                name = f"{stem}（{rng.choice(PLACES)}第{serial}批）"
                serial += 1
            names.add(name)
            if position and rng.random() < 0.7:
                time_limit = SAME_AS_ABOVE
            else:
                time_limit = rng.choice(TIME_LIMITS)
            channels = sorted(
                {"gov_website"} | set(rng.sample(STANDARD_CHANNELS, rng.randint(0, 3))),
                key=Channel.values.index,
            )
            other = ""
            if rng.random() < 0.15:
                other = rng.choice(CHANNELS_OTHER)
                channels.append(Channel.OTHER)
            elif rng.random() < 0.03:
                channels.append(Channel.OTHER)  # 其他, without naming it
            proactive = rng.random() < 0.9
            audience_public = rng.random() < 0.85
            # Levels in the order of the level columns (市级, 镇(街)级), as the sheet reads them.
            levels = rng.choice([["town"], ["town"], ["town"], ["city", "town"], ["city"]])
            items.append(
                services.ItemData(
                    category=category,
                    name=name,
                    sub_name=rng.choice(["", "", "", "", "", "", "", "", "", "学校公示"]),
                    elements=rng.sample(elements, rng.randint(2, min(6, len(elements)))),
                    legal_basis=rng.sample(LEGAL_BASES, rng.randint(1, 3)),
                    time_limit_text=time_limit,
                    publisher=publisher,
                    channels=channels,
                    channels_other=other,
                    audience_public=audience_public,
                    audience_specific=not audience_public or rng.random() < 0.05,
                    mode_proactive=proactive,
                    mode_on_request=not proactive,
                    levels=levels,
                    stage=stage,
                    remarks=rng.choice(REMARKS) if rng.random() < 0.05 else "",
                )
            )
    return items


def fields_of(item) -> dict:
    """The compared fields of a stored item or of ItemData (normalised as it is stored)."""
    if isinstance(item, services.ItemData):
        fields = item.as_fields()
        return {name: fields[name] for name in services.ITEM_FIELDS}
    return {name: getattr(item, name) for name in services.ITEM_FIELDS}


def items_hash(rows: list[dict]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\n")
    return digest.hexdigest()


# ---------------------------------------------------------------------------
# Setting the catalog up through the services
# ---------------------------------------------------------------------------


def publish_catalog(unit: Unit, domain: Domain, items: list[services.ItemData]) -> CatalogVersion:
    """Start, submit, (review,) file and publish version 1, as the workflow does."""
    catalog = services.catalog_get_or_create(unit=unit, domain=domain, actor=None)
    version = services.version_start(
        catalog=catalog, actor=None, items=items, source_note="bench: generated rows"
    )
    services.version_submit(version=version, actor=None)
    if services.needs_counterpart_review(version):
        # The counterpart department's approver; the service needs a user to sign the opinion.
        reviewer, _created = get_user_model().objects.get_or_create(username="bench-reviewer")
        services.version_review(
            version=version,
            actor=reviewer,
            reviewer_unit=counterpart_for(domain),
            approve=True,
            text=f"经审核,该目录符合{domain.name}领域标准指引要求,同意报备。",
        )
    services.version_file(version=version, actor=None, note="bench")
    services.version_publish(version=version, actor=None)
    return CatalogVersion.objects.get(pk=version.pk)


def delete_draft(catalog: Catalog) -> None:
    """Remove the draft an import round created, so that every round does the same work."""
    for version in catalog.versions.exclude(
        status__in=[CatalogVersion.Status.PUBLISHED, CatalogVersion.Status.SUPERSEDED]
    ):
        version.delete()  # items, events and exclusions cascade


# ---------------------------------------------------------------------------
# The operations timed, and their baselines
# ---------------------------------------------------------------------------


def export_candidate(version_pk: int) -> bytes:
    version = CatalogVersion.objects.get(pk=version_pk)
    return excel_export.to_bytes(excel_export.version_workbook(version))


def sheet_values(data: bytes) -> list[tuple]:
    """Every row of the exported sheet as values (what the plain baseline writes)."""
    sheet = load_workbook(io.BytesIO(data), data_only=True).active
    return list(sheet.iter_rows(values_only=True))


def export_baseline(rows: list[tuple]) -> bytes:
    """openpyxl writing the same cell values into a plain workbook, no styles or merges."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_store(unit: Unit, domain: Domain, items: list[services.ItemData]):
    return services.version_import(
        unit=unit, domain=domain, items=items, actor=None, source_name=SOURCE_NAME
    )


def import_baseline(data: bytes) -> int:
    """The floor of any xlsx import: open the same file and read every cell value."""
    # data_only as the importer opens it (the file has no formulas either way).
    workbook = load_workbook(io.BytesIO(data), data_only=True)
    filled = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if value is not None:
                    filled += 1
    return filled


def trivial_page_urlconf(body: bytes, content_type: str) -> types.ModuleType:
    """A URLconf with one view that returns `body` as it is: the framework floor.

    It is installed only in this process and only around the baseline requests
    (override_settings(ROOT_URLCONF=...)), so the page and its baseline go through
    the same middleware stack and the same test client; only the view differs.
    A static file served by `django.views.static.serve` would add file I/O and
    content-type guessing that the cached page does not do, so it would be a
    less exact floor.
    """

    def same_bytes(request):
        return HttpResponse(body, content_type=content_type)

    module = types.ModuleType("bench_catalog_trivial_urls")
    module.urlpatterns = [path("bench/same-bytes/", same_bytes)]
    return module


def timed_get(client: Client, url: str, **headers) -> tuple[float, object]:
    started = time.perf_counter()
    response = client.get(url, headers=headers)
    elapsed = time.perf_counter() - started
    return elapsed, response


# ---------------------------------------------------------------------------
# Correctness
# ---------------------------------------------------------------------------


def compare(expected: list[dict], got: list[dict], what: str) -> dict:
    mismatches: list[dict] = []
    count = 0
    if len(expected) != len(got):
        count += 1
        mismatches.append({"what": what, "expected_items": len(expected), "got_items": len(got)})
    for number, (want, have) in enumerate(zip(expected, got, strict=False), start=1):
        differing = {
            k: {"expected": want[k], "got": have.get(k)} for k in want if want[k] != have.get(k)
        }
        if differing:
            count += 1
            if len(mismatches) < MISMATCHES_KEPT:
                mismatches.append({"what": what, "item": number, "fields": differing})
    return {"ok": count == 0, "mismatches": count, "examples": mismatches}


def check_page(client: Client, url: str, names: list[str]) -> dict:
    cache.clear()
    response = client.get(url)
    body = response.content.decode("utf-8") if response.status_code == 200 else ""
    missing = [name for name in names if escape(name) not in body]
    cached = client.get(url)
    etag = response.headers.get("ETag", "")
    revalidated = client.get(url, headers={"If-None-Match": etag}) if etag else None
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "names_missing": len(missing),
        "missing_examples": missing[:MISMATCHES_KEPT],
        "rows": body.count('<th scope="row">'),
        "cached_status": cached.status_code,
        "cached_identical": cached.content == response.content,
        "etag": etag,
        "revalidated_status": revalidated.status_code if revalidated else None,
        "ok": response.status_code == 200
        and not missing
        and body.count('<th scope="row">') == len(names)
        and cached.status_code == 200
        and cached.content == response.content
        and revalidated is not None
        and revalidated.status_code == 304,
    }


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def settings_in_force() -> dict:
    """What the page and import figures depend on besides the code (PERFORMANCE.md rule 7)."""
    database = settings.DATABASES["default"]
    return {
        "settings_module": settings.SETTINGS_MODULE,
        "debug": settings.DEBUG,
        "database": f"{connection.vendor} ({database['ENGINE']})",
        "conn_max_age": database.get("CONN_MAX_AGE"),
        "cache_backend": settings.CACHES["default"]["BACKEND"],
        "staticfiles_storage": settings.STORAGES["staticfiles"]["BACKEND"],
        "middleware": len(settings.MIDDLEWARE),
        "openpyxl": package_version("openpyxl"),
        # openpyxl reads and writes through lxml when it is installed (python-docx brings it),
        # and then writes CJK text as character references: a bigger file, other timings.
        "openpyxl_lxml": openpyxl_xml.LXML,
        "client": "django.test.Client in this process (no server, no network)",
    }


def summary(runs: list[float], items: int) -> dict:
    best, median = min(runs), statistics.median(runs)
    return {
        "runs_s": runs,
        "median_s": median,
        "best_s": best,
        "items_per_s_median": items / median if median else None,
        "ms_per_item_median": median / items * 1e3,
        "spread": max(runs) / best if best else None,
    }


def measure(
    *,
    version_pk: int,
    catalog: Catalog,
    unit: Unit,
    domain: Domain,
    rounds: int,
    client: Client,
    url: str,
    data: bytes,
) -> dict:
    values = sheet_values(data)
    page = client.get(url)
    trivial = trivial_page_urlconf(page.content, page.headers["Content-Type"])
    etag = page.headers["ETag"]
    names = [
        "export",
        "export_baseline",
        "import_read",
        "import_store",
        "import_total",
        "import_baseline",
        "page_uncached",
        "page_cached",
        "page_304",
        "page_baseline",
    ]
    runs: dict[str, list[float]] = {name: [] for name in names}
    ratios: dict[str, list[float]] = {
        "export_vs_plain_workbook": [],
        "import_vs_read_floor": [],
        "page_uncached_vs_trivial": [],
        "page_cached_vs_trivial": [],
        "page_304_vs_trivial": [],
    }
    sizes = set()
    for _round in range(rounds):
        seconds, exported = timed(export_candidate, version_pk)
        sizes.add(len(exported))
        runs["export"].append(seconds)
        runs["export_baseline"].append(timed(export_baseline, values)[0])

        read_s, imported = timed(excel_import.read_catalog_xlsx, data)
        store_s, _stored = timed(import_store, unit, domain, imported.items)
        delete_draft(catalog)
        runs["import_read"].append(read_s)
        runs["import_store"].append(store_s)
        runs["import_total"].append(read_s + store_s)
        runs["import_baseline"].append(timed(import_baseline, data)[0])

        gc.collect()
        cache.clear()
        seconds, response = timed_get(client, url)
        assert response.status_code == 200, response.status_code
        runs["page_uncached"].append(seconds)
        cached = []
        for _hit in range(PAGE_HITS):
            seconds, response = timed_get(client, url)
            assert response.status_code == 200, response.status_code
            cached.append(seconds)
        runs["page_cached"].append(statistics.median(cached))
        conditional = []
        for _hit in range(PAGE_HITS):
            seconds, response = timed_get(client, url, **{"If-None-Match": etag})
            assert response.status_code == 304, response.status_code
            conditional.append(seconds)
        runs["page_304"].append(statistics.median(conditional))
        baseline = []
        with override_settings(ROOT_URLCONF=trivial):
            client.get("/bench/same-bytes/")  # warm-up: the resolver is rebuilt
            for _hit in range(PAGE_HITS):
                seconds, response = timed_get(client, "/bench/same-bytes/")
                assert response.content == page.content
                baseline.append(seconds)
        runs["page_baseline"].append(statistics.median(baseline))

        ratios["export_vs_plain_workbook"].append(runs["export"][-1] / runs["export_baseline"][-1])
        ratios["import_vs_read_floor"].append(
            runs["import_total"][-1] / runs["import_baseline"][-1]
        )
        for kind in ("uncached", "cached", "304"):
            ratios[f"page_{kind}_vs_trivial"].append(
                runs[f"page_{kind}"][-1] / runs["page_baseline"][-1]
            )

    items = CatalogItem.objects.filter(version_id=version_pk).count()
    return {
        "timing": {name: summary(values_, items) for name, values_ in runs.items()},
        "ratio": {name: ratio_summary(values_) for name, values_ in ratios.items()},
        "export_sizes_bytes": sorted(sizes),
    }


def goals(timing: dict | None) -> list[dict]:
    def median(name):
        return timing[name]["median_s"] if timing else None

    rows = [
        (
            "catalog-import",
            "import (read_catalog_xlsx + version_import)",
            "import_total",
            GOAL_IMPORT_S,
        ),
        ("catalog-export", "export (version_workbook + to_bytes)", "export", GOAL_EXPORT_S),
        ("page-uncached", "uncached page render", "page_uncached", GOAL_PAGE_UNCACHED_S),
        (
            "page-cached",
            "cached hit (table from the cache, 200)",
            "page_cached",
            GOAL_PAGE_CACHED_S,
        ),
    ]
    return [
        {
            "id": goal_id,
            "goal": f"{label} of {GOAL_ITEMS:,} items <= {limit * 1e3:g} ms"
            if limit < 1
            else f"{label} of {GOAL_ITEMS:,} items <= {limit:g} s",
            "measured": median(key),
            "unit": " s",
            "met": median(key) is not None and median(key) <= limit,
        }
        for goal_id, label, key, limit in rows
    ]


def run(options) -> dict:
    count = options.items
    rounds = options.repeat
    setup: dict[str, float] = {}

    started = time.perf_counter()
    call_command("seed", "zhongshan", stdout=io.StringIO())
    setup["seed_zhongshan_s"] = time.perf_counter() - started
    # Production settings render {% static %} through the manifest; build it once.
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    setup["collectstatic_s"] = time.perf_counter() - started

    unit = Unit.objects.get(code=UNIT_CODE)
    domain = Domain.objects.get(code=DOMAIN_CODE)
    generated = make_items(count, options.seed)
    expected = [fields_of(item) for item in generated]

    started = time.perf_counter()
    version = publish_catalog(unit, domain, generated)
    setup["publish_s"] = time.perf_counter() - started
    catalog = version.catalog
    published = list(version.items.order_by("sort_order"))

    result: dict = {
        "suite": "catalog",
        "inputs": {
            "items": count,
            "seed": options.seed,
            "rounds": rounds,
            "unit": f"{unit.name} ({unit.code}, {unit.kind})",
            "domain": f"{domain.name} ({domain.code})",
            "groups": sum(
                1
                for i, row in enumerate(expected)
                if i == 0 or row["category"] != expected[i - 1]["category"]
            ),
            "same_as_above_time_limits": sum(
                row["time_limit_text"] == SAME_AS_ABOVE for row in expected
            ),
            "sha256": items_hash(expected),
        },
        "settings": settings_in_force(),
        "setup": setup,
    }

    # Correctness first ------------------------------------------------------
    checks: dict[str, dict] = {}
    checks["stored"] = compare(expected, [fields_of(item) for item in published], "stored")
    data = export_candidate(version.pk)
    result["inputs"]["xlsx_bytes"] = len(data)
    try:
        imported = excel_import.read_catalog_xlsx(data)
        read_rows = [fields_of(item) for item in imported.items]
        read_error = None
    except excel_import.CatalogFileError as exc:
        imported, read_rows, read_error = None, [], list(exc.errors)[:MISMATCHES_KEPT]
    checks["read_back"] = compare(expected, read_rows, "export -> read_catalog_xlsx")
    if read_error:
        checks["read_back"].update(ok=False, error=read_error)
    if imported is not None:
        result["inputs"]["unparsed_time_limits"] = len(imported.unparsed)
        draft, created = services.version_import(
            unit=unit, domain=domain, items=imported.items, actor=None, source_name=SOURCE_NAME
        )
        draft_items = list(draft.items.order_by("sort_order"))
        checks["imported"] = compare(
            expected, [fields_of(item) for item in draft_items], "version_import"
        )
        checks["imported"]["new_draft"] = created
        rules_differ = sum(
            a.time_limit != b.time_limit for a, b in zip(published, draft_items, strict=False)
        )
        checks["time_limit_rules"] = {"ok": rules_differ == 0, "mismatches": rules_differ}
        delete_draft(catalog)

    client = Client(HTTP_HOST=HOST)
    url = reverse("portal:catalog_page", args=[unit.code, domain.code])
    result["inputs"]["url"] = url
    started = time.perf_counter()
    first = client.get(url)  # cold: templates compiled, middleware built
    setup["first_page_request_s"] = time.perf_counter() - started
    checks["page"] = check_page(client, url, [row["name"] for row in expected])
    checks["page"]["first_status"] = first.status_code
    result["inputs"]["page_bytes"] = checks["page"]["bytes"]

    correct = all(check["ok"] for check in checks.values()) and "imported" in checks
    result["correct"] = correct
    result["correctness"] = checks
    if not correct:
        result["goals"] = goals(None)
        return result

    result.update(
        measure(
            version_pk=version.pk,
            catalog=catalog,
            unit=unit,
            domain=domain,
            rounds=rounds,
            client=client,
            url=url,
            data=data,
        )
    )
    result["goals"] = goals(result["timing"])
    return result


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f}"


def report(result: dict) -> str:
    inputs, checks = result["inputs"], result["correctness"]
    lines = [
        "",
        f"catalog suite: {inputs['items']:,} items in {inputs['groups']} groups "
        f"({inputs['same_as_above_time_limits']:,} time limits 同上), {inputs['unit']}, "
        f"{inputs['domain']}, seed {inputs['seed']}, rounds {inputs['rounds']}, "
        f"rows sha256 {inputs['sha256'][:12]}",
        f"xlsx {inputs['xlsx_bytes']:,} bytes; page {inputs.get('page_bytes', 0):,} bytes "
        f"({inputs['url']})",
        "setup: "
        + ", ".join(
            f"{name.removesuffix('_s')} {seconds:.2f} s"
            for name, seconds in result["setup"].items()
        ),
        "settings: " + ", ".join(f"{name} {value}" for name, value in result["settings"].items()),
        "",
        "correctness: " + ("OK" if result["correct"] else "FAILED"),
    ]
    for name, check in checks.items():
        if name == "page":
            lines.append(
                f"  page: status {check['status']}, {check['rows']:,} rows, "
                f"二级事项 missing {check['names_missing']}, cached {check['cached_status']} "
                f"(identical: {check['cached_identical']}), If-None-Match -> "
                f"{check['revalidated_status']}"
            )
            for missing in check["missing_examples"]:
                lines.append(f"    MISSING {missing}")
            continue
        lines.append(
            f"  {name}: {'OK' if check['ok'] else 'FAILED'} ({check['mismatches']} mismatches)"
        )
        for example in check.get("examples", []):
            lines.append(f"    MISMATCH {example}")
        if check.get("error"):
            lines.append(f"    ERROR {check['error']}")
    if not result["correct"]:
        lines += ["", "speed not measured: a check failed", ""]
        return "\n".join(lines)

    timing, ratio = result["timing"], result["ratio"]
    lines += [
        "",
        f"{'(median of the rounds)':<44}{'ms':>10}{'best ms':>10}{'items/s':>10}{'spread':>8}",
    ]
    labels = [
        ("export", "export: version_workbook + to_bytes"),
        ("export_baseline", "  baseline: plain workbook, same values"),
        ("import_total", "import: read + version_import"),
        ("import_read", "  read_catalog_xlsx"),
        ("import_store", "  version_import (store the draft)"),
        ("import_baseline", "  baseline: load_workbook + read all cells"),
        ("page_uncached", "page: uncached render (cache cleared)"),
        ("page_cached", f"page: cached table, 200 (median of {PAGE_HITS})"),
        ("page_304", f"page: If-None-Match, 304 (median of {PAGE_HITS})"),
        ("page_baseline", f"  baseline: trivial view, same bytes ({PAGE_HITS})"),
    ]
    for name, label in labels:
        row = timing[name]
        # A 304 or the trivial view does not touch the items: items/s means nothing there.
        rate = "-" if name in ("page_304", "page_baseline") else f"{row['items_per_s_median']:,.0f}"
        lines.append(
            f"{label:<44}{_ms(row['median_s']):>10}{_ms(row['best_s']):>10}"
            f"{rate:>10}{row['spread']:>7.2f}x"
        )
    lines += [""]
    for name, label in [
        ("export_vs_plain_workbook", "export / plain workbook"),
        ("import_vs_read_floor", "import / load_workbook floor"),
        ("page_uncached_vs_trivial", "uncached page / trivial view"),
        ("page_cached_vs_trivial", "cached page / trivial view"),
        ("page_304_vs_trivial", "304 / trivial view"),
    ]:
        row = ratio[name]
        lines.append(
            f"ratio {label:<32} median {row['median']:6.2f}x "
            f"(rounds: {', '.join(f'{r:.2f}' for r in row['rounds'])})"
        )
    lines += [
        "spread = slowest / fastest round; well above 1.1x means the machine was busy",
        "",
    ]
    if inputs["items"] != GOAL_ITEMS:
        lines.append(
            f"(the goals are stated for {GOAL_ITEMS:,} items; this run has {inputs['items']:,})"
        )
    for goal in result["goals"]:
        lines.append(
            f"{'PASS' if goal['met'] else 'FAIL'}  {goal['id']}: {goal['goal']} "
            f"(measured {_ms(goal['measured'])} ms, median round)"
        )
    lines.append("")
    return "\n".join(lines)
