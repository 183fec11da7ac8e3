"""`gongkai search`: rebuild the index, or query it from scripts.

    reindex                              rebuild from the database (progress on stderr)
    ensure                               rebuild only if the index is empty and records are not
    query "低保 标准" [--format json|text] [--limit 10] [--sort relevance|newest]

Exit codes: 0 success (also when nothing is found).
"""

import json
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.search import services
from gongkai.search.backends.base import NEWEST, RELEVANCE
from gongkai.search.documents import searchable_records


class Command(BaseCommand):
    help = "全文检索:重建索引,命令行查询"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("reindex", help="从数据库重建全部索引")
        sub.add_parser("ensure", help="索引为空而数据库中有已发布信息时重建(升级后、启动时运行)")
        query = sub.add_parser("query", help="查询并输出前若干条结果")
        query.add_argument("text", help="关键词,空格分隔表示同时包含")
        query.add_argument("--format", choices=["json", "text"], default="text")
        query.add_argument("--limit", type=int, default=10, choices=range(1, 101), metavar="1-100")
        query.add_argument("--sort", choices=[RELEVANCE, NEWEST], default=RELEVANCE)

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options)

    def _ensure(self, **_):
        # A new index layout starts in an empty directory: after an upgrade, search would
        # find nothing until someone ran reindex. run.sh and the worker's unit run this.
        indexed = services.indexed_count()
        if indexed or not searchable_records().exists():
            self.stdout.write(f"索引中已有 {indexed} 条信息,无需重建")
            return
        self._reindex()

    def _reindex(self, **_):
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            width = 30
            filled = width * done // total if total else width
            bar = "#" * filled + "-" * (width - filled)
            # One line redrawn in place (\r): a progress bar without a dependency.
            self.stderr.write(f"\r索引 [{bar}] {done}/{total}", ending="")
            self.stderr.flush()

        count = services.index_rebuild(progress=progress)
        self.stderr.write("")
        self.stdout.write(f"已重建索引:{count} 条信息,用时 {time.monotonic() - started:.1f} 秒")

    def _query(self, *, text, format, limit, sort, **_):
        page = services.search(query=text, order=sort, per_page=limit)
        rows = [
            {
                "id": hit.record.pk,
                "title": hit.record.title,
                "unit": hit.record.unit.name,
                "published": timezone.localtime(hit.record.published_at).date().isoformat(),
                "score": round(hit.score, 4),
                "snippet": str(hit.snippet_html),
            }
            for hit in page.results
        ]
        if format == "json":
            self.stdout.write(
                json.dumps(
                    {"query": text, "total": page.total, "results": rows},
                    ensure_ascii=False,
                    indent=2,
                )  # fmt: skip
            )
            return
        self.stdout.write(f"共 {page.total} 条")
        for row in rows:
            self.stdout.write(f"{row['id']}\t{row['published']}\t{row['unit']}\t{row['title']}")
