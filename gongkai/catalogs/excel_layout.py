"""The standard catalog table as officials lay it out in Excel (DOMAIN.md §4.2).

Shared by the import and the export, so that what one writes the other reads:

    row 1    a title across the table: “坦洲镇义务教育领域基层政务公开标准目录”
    row 2    序号 | 过程 | 公开事项 ─────────── | 公开内容(要素) | … | 公开对象 ─────── | 公开方式 ──── | 公开层级 ─────── | 备注
    row 3         |      | 一级事项 | 二级事项 |               |   | 全社会 | 特定群体 | 主动 | 依申请 | 市级 | 镇(街)级 |
    row 4…   one matter a row; 一级事项 merged over the rows it spans

Single columns are merged over both header rows; group headings span their
sub-columns. 过程, 三级事项 and 备注 are optional. Ticks are “√”; channels
are listed one a line, each marked “■” (chosen) or “□” (offered, not chosen).
"""

import re
import unicodedata
from dataclasses import dataclass

# Groups whose sub-headings sit in the second header row.
GROUP_MATTER = "公开事项"
GROUP_AUDIENCE = "公开对象"
GROUP_MODE = "公开方式"
GROUP_LEVEL = "公开层级"

# Column keys, in export order. Level columns are "level:<code>".
SEQ = "seq"
STAGE = "stage"
CATEGORY = "category"
NAME = "name"
SUB_NAME = "sub_name"
ELEMENTS = "elements"
LEGAL_BASIS = "legal_basis"
TIME_LIMIT = "time_limit_text"
PUBLISHER = "publisher"
CHANNELS = "channels"
AUDIENCE_PUBLIC = "audience_public"
AUDIENCE_SPECIFIC = "audience_specific"
MODE_PROACTIVE = "mode_proactive"
MODE_ON_REQUEST = "mode_on_request"
REMARKS = "remarks"
LEVEL_PREFIX = "level:"

TICK_COLUMNS = {AUDIENCE_PUBLIC, AUDIENCE_SPECIFIC, MODE_PROACTIVE, MODE_ON_REQUEST}

# Headings as written (export) and the variants seen in published catalogs (import).
HEADINGS: dict[str, tuple[str, ...]] = {
    SEQ: ("序号", "编号"),
    STAGE: ("过程", "五公开", "五公开环节", "环节"),
    CATEGORY: ("一级事项", "一级"),
    NAME: ("二级事项", "二级"),
    SUB_NAME: ("三级事项", "三级"),
    ELEMENTS: ("公开内容（要素）", "公开内容", "公开内容要素", "公开要素"),
    LEGAL_BASIS: ("公开依据", "依据"),
    TIME_LIMIT: ("公开时限", "时限"),
    PUBLISHER: ("公开主体", "主体"),
    CHANNELS: ("公开渠道和载体", "公开渠道及载体", "公开渠道", "公开载体"),
    AUDIENCE_PUBLIC: ("全社会",),
    AUDIENCE_SPECIFIC: ("特定群体", "特定群众", "特定对象"),
    MODE_PROACTIVE: ("主动", "主动公开"),
    MODE_ON_REQUEST: ("依申请", "依申请公开"),
    REMARKS: ("备注",),
}
GROUPS = {
    GROUP_MATTER: (CATEGORY, NAME, SUB_NAME),
    GROUP_AUDIENCE: (AUDIENCE_PUBLIC, AUDIENCE_SPECIFIC),
    GROUP_MODE: (MODE_PROACTIVE, MODE_ON_REQUEST),
}
# Columns a catalog must have (国办发〔2019〕54号: 名称、内容、依据、时限、主体、方式、渠道、对象).
REQUIRED = (CATEGORY, NAME, ELEMENTS, LEGAL_BASIS, TIME_LIMIT, PUBLISHER, CHANNELS)

CHOSEN = "■"
NOT_CHOSEN = "□"
TICK = "√"
TRUE_MARKS = frozenset("√✓✔■☑●") | {"是", "Y", "y"}
FALSE_MARKS = frozenset("□☐×✗") | {"", "否", "无", "-", "—", "/"}
CHANNEL_MARKS = "■□☑☐√✓✔"
# “其他:镇政务服务中心(窗口)” keeps everything after the colon; “其他(微信公众号)”
# drops only the brackets it opened.
OTHER_PREFIX = re.compile(
    r"^其他\s*(?:[:：]\s*(?P<text>.*?)|[(（]\s*(?P<bracketed>.*?)\s*[)）])\s*$"
)
NOTE_ROW = re.compile(r"^(注|说明|备注)\s*[:：]")

# Widths in Excel character units, wide enough for the usual Chinese text.
WIDTHS = {
    SEQ: 6,
    STAGE: 8,
    CATEGORY: 14,
    NAME: 18,
    SUB_NAME: 16,
    ELEMENTS: 36,
    LEGAL_BASIS: 30,
    TIME_LIMIT: 24,
    PUBLISHER: 16,
    CHANNELS: 22,
    REMARKS: 16,
}
TICK_WIDTH = 7


def normalize_heading(value) -> str:
    """Headings compare without spaces, line breaks or full/half-width differences."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


_HEADING_KEYS = {
    normalize_heading(heading): key for key, headings in HEADINGS.items() for heading in headings
}


def key_for_heading(heading: str) -> str | None:
    return _HEADING_KEYS.get(normalize_heading(heading))


def title_for(unit_name: str, domain_name: str) -> str:
    return f"{unit_name}{domain_name}领域基层政务公开标准目录"


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    group: str = ""

    @property
    def is_tick(self) -> bool:
        return self.key in TICK_COLUMNS or self.key.startswith(LEVEL_PREFIX)

    @property
    def width(self) -> int:
        return WIDTHS.get(self.key, TICK_WIDTH)
