"""Turning catalog rows as officials write them into item data.

Shared by the Excel import and the demo loader: channel names to codes, and
"同上" (same as the row above) resolved for list and text columns. The time
limit keeps its "同上" wording; its rule is inherited by the parser.
"""

import re
import unicodedata

from gongkai.catalogs.models import Channel

_SAME = re.compile(r"^\s*同\s*上\s*[。.]?\s*$")


def _key(label: str) -> str:
    text = unicodedata.normalize("NFKC", label)
    return re.sub(r"[\s()（）]", "", text)


# Every standard label, plus the variants seen in published catalogs.
CHANNEL_BY_LABEL = {_key(str(choice.label)): choice.value for choice in Channel}
CHANNEL_BY_LABEL.update(
    {
        _key("一微一端"): Channel.NEW_MEDIA,
        _key("两微一端(政务新媒体)"): Channel.NEW_MEDIA,
        _key("发布会"): Channel.PRESS_CONFERENCE,
        _key("听证会"): Channel.PRESS_CONFERENCE,
        _key("社区/企事业单位/村公示栏"): Channel.NOTICE_BOARD,
        _key("社区/企事业单位/村公示栏（电子屏）"): Channel.NOTICE_BOARD,
        _key("公示栏"): Channel.NOTICE_BOARD,
        _key("入户"): Channel.DOOR_TO_DOOR,
        _key("现场"): Channel.DOOR_TO_DOOR,
    }
)


def is_same_as_above(value) -> bool:
    if isinstance(value, list):
        return len(value) == 1 and is_same_as_above(value[0])
    return isinstance(value, str) and bool(_SAME.match(value))


def channel_code(label: str) -> str | None:
    """The standard channel a label names, or None when it is not one of the 13."""
    return CHANNEL_BY_LABEL.get(_key(label))


def fill_same_as_above(rows: list[dict], fields: list[str]) -> list[dict]:
    """Replace 同上 in `fields` by the value of the row above (the first row has none)."""
    previous: dict = {}
    filled = []
    for row in rows:
        row = dict(row)
        for name in fields:
            if name in row and is_same_as_above(row[name]) and name in previous:
                row[name] = previous[name]
        filled.append(row)
        previous = row
    return filled
