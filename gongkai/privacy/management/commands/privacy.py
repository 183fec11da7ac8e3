"""`gongkai privacy`: the personal-data gate on the command line.

    gongkai privacy scan FILE    personal data in an attachment's extracted text, as JSON
    gongkai privacy scan -       personal data in the text on standard input
    gongkai privacy rescan       everything already published, scanned again with today's rules

`scan` prints one JSON list, `[{"kind", "start", "end", "text"}, …]`, with
character offsets into the text as given (for a file, its extracted text; a
byte-order mark on standard input is not part of the text).

Exit codes: 0 the input was read, whether or not anything was found (a file
that cannot be checked, such as a scan, prints `[]` and a note on stderr);
2 the input could not be read: no such file, damaged, unsupported or too large.

Each subcommand is a `_<name>` method taking the parsed options.
"""

import dataclasses
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.privacy import sources
from gongkai.privacy.detectors import KIND_LABELS, scan_text
from gongkai.privacy.extract import (
    MAX_ATTACHMENT_BYTES,
    AttachmentError,
    Extraction,
    decode_text,
    extract_text,
)
from gongkai.privacy.masking import mask_value

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = "个人信息检查:查找文本或附件中的身份证号、手机号、银行卡号、电子邮箱和详细住址"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        scan = sub.add_parser(
            "scan", help="检查一个附件(或用 - 表示标准输入的文本),以 JSON 列出检出的个人信息"
        )
        scan.add_argument("file", help="附件路径;- 表示从标准输入读入文本")
        sub.add_parser("rescan", help="按现行规则重新检查所有已发布的内容,列出待处理的个人信息")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _scan(self, *, file, **_):
        if file == "-":
            text = self._stdin_text()
        else:
            extraction = self._extract(Path(file))
            if extraction.reason:
                self.stderr.write(f"注意:{extraction.reason}")
            text = extraction.text
        findings = [dataclasses.asdict(finding) for finding in scan_text(text)]
        self.stdout.write(json.dumps(findings, ensure_ascii=False))

    def _rescan(self, **_):
        """One line per open finding (masked), then a count; exit 0 either way."""
        count = 0
        for item in sources.rescan():
            for finding in item.findings:
                count += 1
                self.stdout.write(
                    f"{item.reference}\t{item.title}\t{item.where}\t"
                    f"{KIND_LABELS[finding.kind]}\t{mask_value(finding)}"
                )
        self.stdout.write(f"共发现 {count} 处待处理的个人信息")

    def _extract(self, path: Path) -> Extraction:
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}", returncode=EXIT_BAD_INPUT)
        try:
            with path.open("rb") as source:
                # One byte over the limit is enough for extract_text to refuse it.
                data = source.read(MAX_ATTACHMENT_BYTES + 1)
        except OSError as exc:
            raise CommandError(
                f"无法读取文件 {path}: {exc.strerror}", returncode=EXIT_BAD_INPUT
            ) from None
        try:
            return extract_text(path.name, data)
        except AttachmentError as exc:
            raise CommandError(";".join(exc.errors), returncode=EXIT_BAD_INPUT) from None

    def _stdin_text(self) -> str:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # already text (a test's StringIO)
            return sys.stdin.read()
        try:
            return decode_text(stream.read())[0]
        except AttachmentError as exc:
            raise CommandError(
                "标准输入不是可识别的文本:" + ";".join(exc.errors), returncode=EXIT_BAD_INPUT
            ) from None
