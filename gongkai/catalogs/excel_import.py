"""Reading a catalog from the xlsx officials keep (the layout in excel_layout.py).

The reader accepts what published Zhongshan catalogs look like: a title row,
one or two header rows with merged group headings, 一级事项 merged over the
rows it spans, ■/□ channel marks or plain channel names, √ ticks, “同上”, and
full-width punctuation. It never guesses: a heading, channel, mark or stage it
does not know is an error naming the sheet, row and column, and nothing is
returned unless the whole sheet is readable. Unparsed 公开时限 wording is not
an error: it is kept verbatim and listed for an editor.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.catalogs import excel_layout as layout
from gongkai.catalogs.models import CatalogItem, Channel, DisclosureLevel, Stage
from gongkai.catalogs.rows import channel_code, is_same_as_above
from gongkai.catalogs.services import ItemData
from gongkai.catalogs.time_limits import parse_time_limit
from gongkai.core.errors import InputErrors, capped

# 坦洲镇's largest catalog (1,639 items) is well under 1 MB as xlsx; anything
# near these limits is not a catalog, and reading it would tie up a worker.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_DATA_ROWS = 10_000
HEADER_SCAN_ROWS = 10
XLS_MAGIC = b"\xd0\xcf\x11\xe0"

# Free-text channels that are plainly channels although not among the 13
# (DOMAIN.md §4.2: 部门网站, 微信公众号, 公共资源交易平台, 港口镇人民政府网站 …).
OTHER_CHANNEL = re.compile(r"(网站|网|平台|公众号|新媒体|APP|客户端|小程序|专栏)$", re.IGNORECASE)
LIST_SEPARATOR = re.compile(r"[\n；;]+")
BASIS_SEPARATOR = re.compile(r"(?<=》)\s*[、,，]\s*(?=《)")
CHANNEL_TOKEN = re.compile(rf"[{layout.CHANNEL_MARKS}]?[^{layout.CHANNEL_MARKS}\s、,，;；]+")


class CatalogFileError(InputErrors):
    """The file cannot be imported; `errors` lists every problem found."""


@dataclass
class ImportedCatalog:
    """A sheet read in full: the items in order, and what an editor should look at."""

    sheet: str
    title: str
    rows_read: int
    items: list[ItemData]
    unparsed: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


def read_catalog_xlsx(source, *, single_mode: bool = True) -> ImportedCatalog:
    """Read the first sheet that holds a standard catalog table, or raise CatalogFileError.

    `source` is a path, bytes or a binary file. `single_mode` refuses rows
    ticked both 主动 and 依申请 (the domain's guideline decides).
    """
    workbook = _open_workbook(_read_bytes(source))
    levels = _level_headings()
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        reader = _SheetReader(sheet, levels, single_mode)
        if reader.find_header():
            return reader.read()
    raise CatalogFileError(
        [
            _(
                "找不到标准目录的表头:应有“一级事项”“二级事项”“公开内容（要素）”“公开依据”"
                "“公开时限”“公开主体”“公开渠道和载体”等列(在前%(n)s行内)"
            )
            % {"n": HEADER_SCAN_ROWS}
        ]
    )


def _read_bytes(source) -> bytes:
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise CatalogFileError([_("找不到文件 %(p)s") % {"p": path}])
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CatalogFileError([_too_large()])
        return path.read_bytes()
    if isinstance(source, bytes):
        data = source
    else:
        data = source.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise CatalogFileError([_too_large()])
    return data


def _too_large() -> str:
    return _("文件超过 %(n)s MB,不像是一份标准目录;请检查是否选错了文件") % {
        "n": MAX_FILE_BYTES // (1024 * 1024)
    }


def _open_workbook(data: bytes):
    if data.startswith(XLS_MAGIC):
        raise CatalogFileError(
            [
                _(
                    "这是旧版 Excel(.xls)文件或设有打开密码的文件;请取消密码,在 Excel 中“另存为”.xlsx 格式后再导入"
                )
            ]
        )
    not_xlsx = _("文件不是有效的 Excel(.xlsx)工作簿,可能已损坏或不是 Excel 文件")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise CatalogFileError([_too_large()])
    except zipfile.BadZipFile:
        raise CatalogFileError([not_xlsx]) from None
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except CatalogFileError:
        raise
    except Exception:  # openpyxl raises many kinds of errors on damaged files
        raise CatalogFileError([not_xlsx]) from None


def _level_headings() -> dict[str, str]:
    headings = {}
    for level in DisclosureLevel.objects.all():
        for heading in [level.label, *level.aliases]:
            headings[layout.normalize_heading(heading)] = level.code
    return headings


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Word and web pages leave non-breaking and zero-width spaces in pasted text.
    text = str(value).replace("\u00a0", " ").replace("\u3000", " ")
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return "\n".join(line.strip() for line in text.strip().splitlines()).strip()


def split_list(text: str, *, basis: bool = False) -> list[str]:
    """A list cell: one entry a line (or separated by ；). 公开依据 also splits 》、《."""
    parts = LIST_SEPARATOR.split(text)
    if basis:
        parts = [piece for part in parts for piece in BASIS_SEPARATOR.split(part)]
    return [part.strip() for part in parts if part.strip()]


class _SheetReader:
    def __init__(self, sheet: Worksheet, levels: dict[str, str], single_mode: bool):
        self.sheet = sheet
        self.levels = levels
        self.single_mode = single_mode
        self.errors: list[str] = []
        self.item_rows: list[int] = []
        self.origin = self._merge_origins()
        self.rows = [list(row) for row in sheet.iter_rows(values_only=True)]

    def _merge_origins(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Each cell of a merged range → the range's top-left cell, which holds the value."""
        origins = {}
        max_row, max_col = self.sheet.max_row, self.sheet.max_column
        for cells in self.sheet.merged_cells.ranges:
            for row in range(cells.min_row, min(cells.max_row, max_row) + 1):
                for col in range(cells.min_col, min(cells.max_col, max_col) + 1):
                    origins[(row, col)] = (cells.min_row, cells.min_col)
        return origins

    def value(self, row: int, col: int):
        """A cell's value; every cell of a merged range reads as the range's value."""
        row, col = self.origin.get((row, col), (row, col))
        cells = self.rows[row - 1] if row <= len(self.rows) else ()
        return cells[col - 1] if col <= len(cells) else None

    def spans_from_above(self, row: int, col: int) -> bool:
        return self.origin.get((row, col), (row, col))[0] < row

    def where(self, row: int, col: int, heading: str) -> str:
        return _("工作表“%(s)s”第%(r)s行“%(h)s”列(%(c)s列)") % {
            "s": self.sheet.title,
            "r": row,
            "h": heading,
            "c": get_column_letter(col),
        }

    # Headings -------------------------------------------------------------

    def _is_heading(self, text: str) -> bool:
        return bool(
            layout.key_for_heading(text)
            or text in (layout.GROUP_MATTER, layout.GROUP_AUDIENCE, layout.GROUP_MODE)
            or text == layout.GROUP_LEVEL
        )

    def find_header(self) -> bool:
        """The first row with three known headings; a second row holds sub-headings if any."""
        width = self.sheet.max_column
        for row in range(1, min(HEADER_SCAN_ROWS, len(self.rows)) + 1):
            texts = {layout.normalize_heading(self.value(row, c)) for c in range(1, width + 1)}
            if sum(self._is_heading(text) for text in texts) < 3:
                continue
            self.header_row = row
            # A vertically merged heading (序号, 公开依据 …) also reads in the next row.
            below = [
                layout.normalize_heading(self.value(row + 1, c))
                for c in range(1, width + 1)
                if not self.spans_from_above(row + 1, c)
            ]
            self.two_rows = any(self._is_sub_heading(text) for text in below if text)
            return True
        return False

    def _is_sub_heading(self, text: str) -> bool:
        grouped = {key for keys in layout.GROUPS.values() for key in keys}
        return layout.key_for_heading(text) in grouped or bool(self._level_codes(text))

    def _level_codes(self, heading: str) -> list[str]:
        """Level columns; a combined heading such as “乡、村级” ticks both levels."""
        if heading in self.levels:
            return [self.levels[heading]]
        parts = re.split(r"[、/／]", heading)
        if len(parts) > 1 and parts[-1].endswith("级"):
            names = [p if p.endswith("级") else p + "级" for p in parts]
            if all(name in self.levels for name in names):
                return [self.levels[name] for name in names]
        return []

    def columns(self) -> dict[int, tuple[list[str], str]]:
        """Column number → (keys, heading as printed)."""
        columns, seen = {}, {}
        row = self.header_row
        for col in range(1, self.sheet.max_column + 1):
            top = layout.normalize_heading(self.value(row, col))
            sub = layout.normalize_heading(self.value(row + 1, col)) if self.two_rows else ""
            heading = sub if top in layout.GROUPS or top == layout.GROUP_LEVEL else top or sub
            if not heading:
                continue
            keys = self._keys_for(top, heading)
            if not keys:
                self.errors.append(
                    _("工作表“%(s)s”第%(r)s行%(c)s列:无法识别表头“%(h)s”")
                    % {
                        "s": self.sheet.title,
                        "r": row + 1 if sub and heading == sub else row,
                        "c": get_column_letter(col),
                        "h": heading,
                    }
                )
                continue
            for key in keys:
                if key in seen:
                    self.errors.append(
                        _("工作表“%(s)s”:“%(h)s”列出现了两次(%(a)s列和%(b)s列)")
                        % {
                            "s": self.sheet.title,
                            "h": heading,
                            "a": get_column_letter(seen[key]),
                            "b": get_column_letter(col),
                        }
                    )
                seen[key] = col
            columns[col] = (keys, heading)
        self._check_required(set(seen))
        return columns

    def _keys_for(self, top: str, heading: str) -> list[str]:
        if top == layout.GROUP_LEVEL or (top not in layout.GROUPS and self._level_codes(heading)):
            return [layout.LEVEL_PREFIX + code for code in self._level_codes(heading)]
        key = layout.key_for_heading(heading)
        if key is None:
            return []
        if top in layout.GROUPS and key not in layout.GROUPS[top]:
            return []
        return [key]

    def _check_required(self, keys: set[str]) -> None:
        missing = [layout.HEADINGS[key][0] for key in layout.REQUIRED if key not in keys]
        if not keys & {layout.AUDIENCE_PUBLIC, layout.AUDIENCE_SPECIFIC}:
            missing.append(layout.GROUP_AUDIENCE)
        if not keys & {layout.MODE_PROACTIVE, layout.MODE_ON_REQUEST}:
            missing.append(layout.GROUP_MODE)
        if missing:
            self.errors.append(
                _("工作表“%(s)s”缺少必需的列:%(m)s")
                % {"s": self.sheet.title, "m": "、".join(f"“{m}”" for m in missing)}
            )

    # Rows -----------------------------------------------------------------

    def read(self) -> ImportedCatalog:
        columns = self.columns()
        if self.errors:
            raise CatalogFileError(self.errors)
        first = self.header_row + (2 if self.two_rows else 1)
        result = ImportedCatalog(sheet=self.sheet.title, title=self._title(), rows_read=0, items=[])
        previous: dict[str, str] | None = None
        for row in range(first, len(self.rows) + 1):
            raw = {
                key: (_text(self.value(row, col)), heading, col)
                for col, (keys, heading) in columns.items()
                for key in keys
            }
            texts = [text for text, _h, _c in raw.values() if text]
            if not texts:
                continue
            if len(set(texts)) == 1 and layout.NOTE_ROW.match(texts[0]):
                result.skipped.append(row)
                continue
            result.rows_read += 1
            if result.rows_read > MAX_DATA_ROWS:
                raise CatalogFileError(
                    [
                        _("工作表“%(s)s”超过 %(n)s 行,不像是一份标准目录")
                        % {"s": self.sheet.title, "n": MAX_DATA_ROWS}
                    ]
                )
            values = self._same_as_above(row, raw, previous)
            previous = values
            item = self._item(row, raw, values)
            if item is not None:
                result.items.append(item)
        if not result.items and not self.errors:
            self.errors.append(_("工作表“%(s)s”表头下没有任何公开事项") % {"s": self.sheet.title})
        if self.errors:
            raise CatalogFileError(capped(self.errors))
        rule = None
        for item, row in zip(result.items, self.item_rows, strict=True):
            rule = parse_time_limit(item.time_limit_text, previous=rule)
            if not rule.is_parsed:
                result.unparsed.append((row, item.time_limit_text))
        return result

    def _title(self) -> str:
        for row in range(1, self.header_row):
            for col in range(1, self.sheet.max_column + 1):
                text = _text(self.value(row, col))
                if text:
                    return text
        return ""

    def _same_as_above(self, row, raw, previous) -> dict[str, str]:
        """同上 takes the row above's value; 公开时限 keeps the words (its rule is inherited)."""
        values = {}
        for key, (text, heading, col) in raw.items():
            if is_same_as_above(text):
                if previous is None:
                    self.errors.append(
                        self.where(row, col, heading) + _(":写了“同上”,但上方没有可参照的行")
                    )
                elif key != layout.TIME_LIMIT:
                    text = previous[key]
            values[key] = text
        return values

    def _item(self, row: int, raw, values: dict[str, str]) -> ItemData | None:
        errors_before = len(self.errors)

        def fail(key: str, message: str) -> None:
            _text_, heading, col = raw[key]
            self.errors.append(self.where(row, col, heading) + ":" + message)

        for key in (layout.CATEGORY, layout.NAME):
            if not values.get(key):
                fail(key, _("不能为空"))
        ticks = {}
        for key in raw:
            if key in layout.TICK_COLUMNS or key.startswith(layout.LEVEL_PREFIX):
                ticks[key] = self._tick(values[key], lambda m, k=key: fail(k, m))
        stage = self._stage(values.get(layout.STAGE, ""), lambda m: fail(layout.STAGE, m))
        channels, other = self._channels(
            values.get(layout.CHANNELS, ""), lambda m: fail(layout.CHANNELS, m)
        )
        if (
            self.single_mode
            and ticks.get(layout.MODE_PROACTIVE)
            and ticks.get(layout.MODE_ON_REQUEST)
        ):
            fail(
                layout.MODE_ON_REQUEST,
                _("“主动”和“依申请”都打了“√”,本领域标准指引规定公开方式只能选一种"),
            )
        data = ItemData(
            category=values.get(layout.CATEGORY, ""),
            name=values.get(layout.NAME, ""),
            sub_name=values.get(layout.SUB_NAME, ""),
            elements=split_list(values.get(layout.ELEMENTS, "")),
            legal_basis=split_list(values.get(layout.LEGAL_BASIS, ""), basis=True),
            time_limit_text=values.get(layout.TIME_LIMIT, ""),
            publisher=values.get(layout.PUBLISHER, ""),
            channels=channels,
            channels_other=other,
            audience_public=bool(ticks.get(layout.AUDIENCE_PUBLIC)),
            audience_specific=bool(ticks.get(layout.AUDIENCE_SPECIFIC)),
            mode_proactive=bool(ticks.get(layout.MODE_PROACTIVE)),
            mode_on_request=bool(ticks.get(layout.MODE_ON_REQUEST)),
            levels=[
                key.removeprefix(layout.LEVEL_PREFIX)
                for key, ticked in ticks.items()
                if ticked and key.startswith(layout.LEVEL_PREFIX)
            ],
            stage=stage,
            remarks=values.get(layout.REMARKS, ""),
        )
        for key, value in data.as_fields().items():
            limit = _max_length(key)
            if limit and isinstance(value, str) and len(value) > limit:
                source = layout.CHANNELS if key == "channels_other" else key
                fail(source, _("内容超过%(n)s字") % {"n": limit})
        if len(self.errors) > errors_before:
            return None
        self.item_rows.append(row)
        return data

    def _tick(self, text: str, fail) -> bool:
        mark = unicodedata.normalize("NFKC", text).strip()
        if text in layout.TRUE_MARKS or mark in layout.TRUE_MARKS:
            return True
        if text in layout.FALSE_MARKS or mark in layout.FALSE_MARKS:
            return False
        fail(_("无法识别“%(t)s”,选中请填“√”,不选请留空") % {"t": text})
        return False

    def _stage(self, text: str, fail) -> str:
        if not text:
            return ""
        label = unicodedata.normalize("NFKC", text).removesuffix("公开").strip()
        for value, choice_label in Stage.choices:
            if value and str(choice_label) == label:
                return value
        fail(_("无法识别的“五公开”环节“%(t)s”,应为决策、执行、管理、服务或结果") % {"t": text})
        return ""

    def _channels(self, text: str, fail) -> tuple[list[str], str]:
        """■/√ or no mark: chosen; □: offered but not chosen. “其他:…” keeps its text."""
        codes, others = [], []
        for line in text.splitlines():
            line = line.strip()
            marked = line.lstrip(layout.CHANNEL_MARKS).strip()
            named_other = layout.OTHER_PREFIX.match(marked)
            if named_other:
                if not line.startswith(("□", "☐")):
                    codes.append(Channel.OTHER)
                    text = named_other["text"] or named_other["bracketed"]
                    if text:
                        others.append(text)
                continue
            for token in CHANNEL_TOKEN.findall(line):
                chosen = not token.startswith(("□", "☐"))
                name = token.lstrip(layout.CHANNEL_MARKS)
                if not name:
                    continue
                code = channel_code(name)
                if code is None and OTHER_CHANNEL.search(name):
                    code = Channel.OTHER
                    if chosen:
                        others.append(name)
                if code is None:
                    fail(
                        _("未知的公开渠道“%(n)s”;标准渠道为%(std)s,其他渠道请写作“其他:名称”")
                        % {"n": name, "std": "、".join(str(c.label) for c in Channel)}
                    )
                elif chosen:
                    codes.append(code)
        codes = [Channel(code).value for code in codes]
        return list(dict.fromkeys(codes)), "、".join(dict.fromkeys(others))


def _max_length(field_name: str) -> int | None:
    try:
        return CatalogItem._meta.get_field(field_name).max_length
    except Exception:
        return None


def title_warnings(imported: ImportedCatalog, *, unit_name: str, domain_name: str) -> list[str]:
    """A title naming another unit or domain usually means the wrong file was chosen."""
    title = imported.title
    if not title:
        return []
    problems = []
    if unit_name not in title:
        problems.append(_("标题“%(t)s”中没有单位名称“%(u)s”") % {"t": title, "u": unit_name})
    if domain_name not in title:
        problems.append(_("标题“%(t)s”中没有领域名称“%(d)s”") % {"t": title, "d": domain_name})
    return problems
