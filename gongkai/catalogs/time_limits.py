"""公开时限: a catalog row's disclosure time limit, read into a rule.

Catalog rows state the time limit as free text (DOMAIN.md §4.3), e.g.
“信息形成或者变更之日起20个工作日内”, “本级人民代表大会或其常务委员会批准后20日内”,
“实时”, “同上”. `parse_time_limit` reads such text into a `TimeLimit`, and
`due_on` turns a rule and the date of its anchor event into a due date.

The parser never guesses and never raises: wording it does not fully
understand becomes kind `unparsed`, for an editor to look at. Every rule keeps
the original wording verbatim in `text`.

Decisions on ambiguous wording:

- A period with no anchor event (“20个工作日内”, “20个工作日”) is kind `period`
  with `anchor=None`: the amount and the unit are clear, the event is not. The
  parser does not fill in 形成或者变更, although 条例第二十六条 makes it the usual
  event; `due_on` counts from whatever date the caller passes.
- A bare “20日” with neither an event nor 内 may be a date (the 20th of a
  month), so it stays `unparsed`; “20日内” and “20天” are periods.
- 日/天/自然日 without 工作 are calendar days (《预算法》第十四条 writes
  “批准后二十日内” in calendar days).
- “每年3月底前” and “每年3月31日前” are yearly dates; “每年3月前” stays
  `unparsed`, since it may mean before 1 March or by the end of March.
- Amounts of 0 or above MAX_AMOUNT, periods in 月/年, Chinese numerals above
  九十九, and anchor events missing from ANCHORS are `unparsed`.
- “同上” takes the previous row's rule, marked `inherited`; with no previous
  row it is `unparsed`.
- A 其中 clause becomes a sub-rule for the matters it names; if any clause
  cannot be read, the whole text is `unparsed` rather than half a rule.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.workdays import add_workdays

# A limit longer than a year is more likely a typo than a rule: such a row goes
# to an editor as unparsed instead of producing a far-off due date.
MAX_AMOUNT = 366
# Time limits are a sentence or two (the catalog column holds 300 characters);
# longer text is prose, not a rule.
MAX_LENGTH = 300


class Kind(StrEnum):
    PERIOD = "period"  # an amount of days after an anchor event
    REALTIME = "realtime"  # 实时
    PROMPT = "prompt"  # 及时: no fixed period
    STANDING = "standing"  # 长期
    YEARLY = "yearly"  # a fixed date each year: 每年3月31日前
    UNPARSED = "unparsed"


class PeriodUnit(StrEnum):
    WORKDAY = "workday"  # 工作日, counted on the official calendar
    DAY = "day"  # 日/天/自然日: calendar days


UNIT_LABELS = {PeriodUnit.WORKDAY: gettext_lazy("个工作日"), PeriodUnit.DAY: gettext_lazy("日")}


class Anchor(NamedTuple):
    label: str  # the event, as describe() names it
    connector: str  # 之日起 or 后, as the source of the rule words it
    pattern: str  # the event as catalogs word it (a regex)


ANCHORS: dict[str, Anchor] = {
    # 《政府信息公开条例》第二十六条: 自该政府信息形成或者变更之日起20个工作日内及时公开.
    "formed_or_changed": Anchor(
        gettext_lazy("信息形成或变更"), "之日起", r"形成(?:或者?|、)变更|形成\((?:或者?)?变更\)"
    ),
    "formed": Anchor(gettext_lazy("信息形成"), "之日起", r"形成"),
    # 民政部's 社会救助 guide: 制定或获取信息之日起10个工作日内.
    "made_or_obtained": Anchor(gettext_lazy("制定或获取信息"), "之日起", r"(?:制定|制作)或者?获取"),
    # 《预算法》第十四条 [K]: budgets and final accounts approved by 本级人民代表大会
    # or its standing committee are published within 二十日 of approval.
    "approved": Anchor(
        gettext_lazy("本级人民代表大会或其常务委员会批准"),
        "后",
        r"(?:本级)?(?:人民代表大会|人大)(?:或者?(?:其|本级人民代表大会|本级人大)?(?:常务委员会|常委会))?批准",
    ),
    # 《预算法》第十四条 [K]: 部门预算、决算 within 二十日 of 本级政府财政部门批复.
    "budget_approved": Anchor(
        gettext_lazy("本级政府财政部门批复"), "后", r"(?:本级)?(?:政府)?财政部门批复"
    ),
    "result_fixed": Anchor(gettext_lazy("分配结果确定"), "后", r"(?:任务)?分配结果确定"),
    # 双公示: 行政许可、行政处罚 decisions are published within 7 working days.
    "decision_made": Anchor(
        gettext_lazy("作出行政决定"), "之日起", r"作出(?:行政(?:许可|处罚)?)?决定"
    ),
}

# “信息”, “公开事项信息”, “该政府信息” … around the event name.
_SUBJECT = r"(?:(?:公开事项|该政府|政府|相关|该)?信息)?"
_ANCHOR_PHRASES = {
    key: re.compile(rf"{_SUBJECT}(?:{anchor.pattern}){_SUBJECT}") for key, anchor in ANCHORS.items()
}

# Grammar, on normalised text (see _normalize): half-width digits and
# punctuation, no spaces, 。 as ;.
_NUMBER = r"[0-9]+|[零〇一二两三四五六七八九十百千]+"
_UNIT = r"工作日|自然日|日|天"
_ENDING = r"(?:及时)?(?:予以|主动|向社会)?(?:公开|公示|发布|更新)"
_LEAD = r"(?:应当?|须)?(?:自|从|在|于|经)?"

_PERIOD = re.compile(
    rf"""{_LEAD}
    (?P<anchor>.*?)(?:之日起|之日|以后|之后|起|后)?,?
    (?P<amount>{_NUMBER})个?(?P<unit>{_UNIT})
    (?P<within>以内|之内|内)?
    (?:{_ENDING})?""",
    re.VERBOSE,
)
_SPECIAL = re.compile(rf"{_LEAD}(?P<word>实时|及时|长期)(?:{_ENDING})?")
_SPECIAL_KINDS = {"实时": Kind.REALTIME, "及时": Kind.PROMPT, "长期": Kind.STANDING}
_YEARLY = re.compile(
    rf"""{_LEAD}每年的?(?P<month>{_NUMBER})月
    (?:(?P<month_end>底|末)|(?P<day>{_NUMBER})[日号])
    (?:之前|以前|前)(?:{_ENDING})?""",
    re.VERBOSE,
)
# 条例第二十六条's proviso: 法律、法规对政府信息公开的期限另有规定的，从其规定.
_LAW = re.compile(r"[,;]?(?:法律|法规)[^;]*?另有规定的?,?(?:(?:从|依|按)其规定|除外)")
_SUB_RULE = re.compile(r"[,;]?其中(?P<body>[^;]+)")
# A 公示期 follows the rule it belongs to.
_NOTICE = re.compile(rf"[,;]?并?公示(?:期|时间)?为?(?P<amount>{_NUMBER})个?(?P<unit>{_UNIT})$")
# A matter is named in words (no digits or brackets), none of them this grammar's.
_MATTER = re.compile(r"(?!.*(?:其中|之日|工作日|实时|及时|长期|每年))[^\W\d_]+")

_UNITS = {
    "工作日": PeriodUnit.WORKDAY,
    "自然日": PeriodUnit.DAY,
    "日": PeriodUnit.DAY,
    "天": PeriodUnit.DAY,
}
_CHINESE_DIGITS = dict(zip("一二三四五六七八九", range(1, 10), strict=True)) | {"两": 2}
_CHINESE_NUMBER = re.compile(
    r"(?P<tens>[一二两三四五六七八九]?)十(?P<ones>[一二三四五六七八九]?)|(?P<digit>[一二两三四五六七八九])"
)
# Word processors leave these in pasted tables; they carry no meaning.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True)
class TimeLimit:
    """One catalog row's 公开时限: the rule, and the wording it was read from.

    `text` is the original wording, always verbatim (for a sub-rule: its clause,
    normalised). For kind `yearly`, `day=None` means the end of the month (月底).
    `notice_*` is a 公示期: how long the information stays posted, not when it
    is due. `inherited` marks a rule taken from the previous row by “同上”.
    """

    text: str
    kind: Kind = Kind.UNPARSED
    anchor: str | None = None
    amount: int | None = None
    unit: PeriodUnit | None = None
    notice_amount: int | None = None
    notice_unit: PeriodUnit | None = None
    defers_to_law: bool = False
    sub_rules: tuple[SubRule, ...] = ()
    month: int | None = None
    day: int | None = None
    inherited: bool = False

    def __post_init__(self):
        # Rules also come back from JSON: keep the vocabulary closed.
        object.__setattr__(self, "kind", Kind(self.kind))
        for name in ("unit", "notice_unit"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, PeriodUnit(getattr(self, name)))
        if self.anchor is not None and self.anchor not in ANCHORS:
            raise ValueError(f"unknown anchor event {self.anchor!r}")
        # due_on() and describe() rely on these.
        if self.kind == Kind.PERIOD and not (self.amount and self.amount > 0 and self.unit):
            raise ValueError("a period needs a positive amount and a unit")
        if self.kind == Kind.YEARLY and self.month not in range(1, 13):
            raise ValueError("a yearly date needs a month")
        if (self.notice_amount is None) != (self.notice_unit is None):
            raise ValueError("a notice period needs both an amount and a unit")
        # Tuples, not lists, so that rules stay hashable and compare equal.
        sub_rules = tuple(SubRule(tuple(matters), rule) for matters, rule in self.sub_rules)
        object.__setattr__(self, "sub_rules", sub_rules)

    @property
    def is_parsed(self) -> bool:
        return self.kind != Kind.UNPARSED

    def describe(self) -> str:
        """A short Chinese rendering for display; unparsed text is shown as written."""
        if not self.is_parsed:
            return self.text
        text = self._describe_main()
        if self.notice_amount is not None:
            text += _("，公示%(amount)s%(unit)s") % {
                "amount": self.notice_amount,
                "unit": UNIT_LABELS[self.notice_unit],
            }
        for matters, rule in self.sub_rules:
            text += _("；其中%(matters)s事项%(rule)s") % {
                "matters": "、".join(matters),
                "rule": rule._describe_as_clause(),
            }
        if self.defers_to_law:
            text += _("；法律、法规另有规定的，从其规定")
        return text

    def _describe_as_clause(self) -> str:
        # “…事项自作出行政决定之日起7个工作日内”: mid-sentence, 之日起 needs its 自.
        if self.anchor is not None and ANCHORS[self.anchor].connector == "之日起":
            return _("自%(rule)s") % {"rule": self.describe()}
        return self.describe()

    def _describe_main(self) -> str:
        match self.kind:
            case Kind.PERIOD:
                limit = _("%(amount)s%(unit)s内") % {
                    "amount": self.amount,
                    "unit": UNIT_LABELS[self.unit],
                }
                if self.anchor is None:
                    return limit
                anchor = ANCHORS[self.anchor]
                return f"{anchor.label}{anchor.connector}{limit}"
            case Kind.REALTIME:
                return _("实时")
            case Kind.PROMPT:
                return _("及时")
            case Kind.STANDING:
                return _("长期")
            case Kind.YEARLY if self.day is None:
                return _("每年%(month)s月底前") % {"month": self.month}
            case Kind.YEARLY:
                return _("每年%(month)s月%(day)s日前") % {"month": self.month, "day": self.day}
        raise AssertionError(self.kind)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types, for the catalog item's JSONField."""
        return {
            "text": self.text,
            "kind": self.kind.value,
            "anchor": self.anchor,
            "amount": self.amount,
            "unit": self.unit and self.unit.value,
            "notice_amount": self.notice_amount,
            "notice_unit": self.notice_unit and self.notice_unit.value,
            "defers_to_law": self.defers_to_law,
            "sub_rules": [
                {"matters": list(matters), "rule": rule.to_dict()}
                for matters, rule in self.sub_rules
            ],
            "month": self.month,
            "day": self.day,
            "inherited": self.inherited,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeLimit:
        """The inverse of to_dict; keys missing from older rows take their defaults."""
        values = dict(data)
        values["sub_rules"] = tuple(
            SubRule(tuple(sub["matters"]), cls.from_dict(sub["rule"]))
            for sub in data.get("sub_rules", ())
        )
        try:
            return cls(**values)
        except TypeError as error:
            raise ValueError(f"not a stored time limit: {error}") from error


class SubRule(NamedTuple):
    """A rule for named matters within a row: “其中行政许可、行政处罚事项应自…7个工作日内公示”."""

    matters: tuple[str, ...]
    rule: TimeLimit


def parse_time_limit(text: str, *, previous: TimeLimit | None = None) -> TimeLimit:
    """Read a catalog row's 公开时限 wording into a rule; never raises.

    `previous` is the rule of the row above, which “同上” refers to. Wording
    that is not fully understood gives kind `unparsed` (see the module docstring
    for the choices made on ambiguous wording).
    """
    normalized = _normalize(text)
    if normalized == "同上":
        if previous is None:
            return TimeLimit(text=text)
        return replace(previous, text=text, inherited=True)
    rule = _read(normalized) if len(normalized) <= MAX_LENGTH else None
    if rule is None:
        return TimeLimit(text=text)
    return replace(rule, text=text)


def due_on(
    rule: TimeLimit, anchor_date: datetime.date, *, provisional: bool = False
) -> datetime.date | None:
    """The date by which information under `rule` is due, its anchor event being on `anchor_date`.

    Working days start counting the day after `anchor_date` and need the
    official calendar: CalendarNotOfficial is raised for a year without one,
    unless `provisional` asks for a weekends-only estimate. None when the rule
    sets no date (及时, 长期, unparsed). Sub-rules have their own due dates
    (due_on(sub_rule.rule, …)); a 公示期 does not move the due date.
    """
    match rule.kind:
        case Kind.PERIOD if rule.unit == PeriodUnit.WORKDAY:
            return add_workdays(anchor_date, rule.amount, provisional=provisional)
        case Kind.PERIOD:
            # 《民法典》第二百零三条 moves a period that ends on a statutory holiday
            # to the day after it; whether that applies to 预算法's 二十日 is for
            # the legal team, so calendar days are added plainly.
            return anchor_date + datetime.timedelta(days=rule.amount)
        case Kind.REALTIME:
            return anchor_date
        case Kind.YEARLY:
            due = _yearly_date(rule, anchor_date.year)
            return due if due >= anchor_date else _yearly_date(rule, anchor_date.year + 1)
    return None


def _yearly_date(rule: TimeLimit, year: int) -> datetime.date:
    last_day = calendar.monthrange(year, rule.month)[1]
    # 2月29日 in a year without one falls on 2月28日.
    return datetime.date(year, rule.month, min(rule.day or last_day, last_day))


def _normalize(text: str) -> str:
    # NFKC turns full-width digits and punctuation (２０，；（）) into ASCII.
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    # Spaces and line breaks carry no meaning in Chinese text.
    text = "".join(text.split()).replace("。", ";")
    return text.strip(",;.")


def _read(text: str) -> TimeLimit | None:
    """Read the clauses: the 条例 proviso, 其中 sub-rules, a 公示期, then the main rule."""
    text, proviso_count = _LAW.subn("", text)
    sub_rules = []
    for match in _SUB_RULE.finditer(text):
        sub_rule = _read_sub_rule(match["body"])
        if sub_rule is None:
            return None
        sub_rules.append(sub_rule)
    text = _SUB_RULE.sub("", text)
    notice = _NOTICE.search(text)
    notice_amount = notice_unit = None
    if notice is not None:
        notice_amount = _amount(notice["amount"])
        if notice_amount is None:
            return None
        notice_unit = _UNITS[notice["unit"]]
        text = text[: notice.start()] + text[notice.end() :]
    # A proviso in brackets, “（法律、法规另有规定的除外）”, leaves them empty.
    rule = _read_main(text.replace("()", "").strip(",;"))
    if rule is None:
        return None
    return replace(
        rule,
        notice_amount=notice_amount,
        notice_unit=notice_unit,
        defers_to_law=proviso_count > 0,
        sub_rules=tuple(sub_rules),
    )


def _read_main(text: str) -> TimeLimit | None:
    if match := _SPECIAL.fullmatch(text):
        return TimeLimit(text=text, kind=_SPECIAL_KINDS[match["word"]])
    if match := _YEARLY.fullmatch(text):
        return _read_yearly(text, match)
    if match := _PERIOD.fullmatch(text):
        return _read_period(text, match)
    return None


def _read_period(text: str, match: re.Match) -> TimeLimit | None:
    phrase = match["anchor"]
    anchor = _anchor_for(phrase)
    if phrase and anchor is None:
        return None
    amount = _amount(match["amount"])
    if amount is None:
        return None
    if match["unit"] == "日" and anchor is None and not match["within"]:
        return None  # “20日” alone may be the 20th of a month
    return TimeLimit(
        text=text, kind=Kind.PERIOD, anchor=anchor, amount=amount, unit=_UNITS[match["unit"]]
    )


def _read_yearly(text: str, match: re.Match) -> TimeLimit | None:
    month = _number(match["month"])
    if month is None or not 1 <= month <= 12:
        return None
    day = None
    if match["day"] is not None:
        day = _number(match["day"])
        # Checked against a leap year: 2月29日 is a real date in some years.
        if day is None or not 1 <= day <= calendar.monthrange(2000, month)[1]:
            return None
    return TimeLimit(text=text, kind=Kind.YEARLY, month=month, day=day)


def _read_sub_rule(body: str) -> SubRule | None:
    """“行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示”.

    The named matters end where the first readable rule begins.
    """
    for start in range(1, len(body)):
        rule = _read_main(body[start:])
        if rule is not None:
            matters = _matters(body[:start])
            return SubRule(matters, rule) if matters else None
    return None


def _matters(text: str) -> tuple[str, ...]:
    # “…事项应自” : the 应自 belongs to the rule, not to the matters.
    text = re.sub(rf"(?:{_LEAD})$", "", text.strip(","), count=1).strip(",")
    items = re.split(r"[、,/]|和|及", text)
    items = [re.sub(r"(?:事项|信息)$", "", item) for item in items]
    return tuple(items) if all(_MATTER.fullmatch(item) for item in items) else ()


def _anchor_for(phrase: str) -> str | None:
    for key, pattern in _ANCHOR_PHRASES.items():
        if pattern.fullmatch(phrase):
            return key
    return None


def _amount(text: str) -> int | None:
    value = _number(text)
    if value is None or not 1 <= value <= MAX_AMOUNT:
        return None
    return value


def _number(text: str) -> int | None:
    """Digits, or the Chinese numerals catalogs use (七, 十, 十五, 二十, up to 九十九)."""
    if text.isascii():
        # int() refuses digit strings of thousands of characters; no limit is that long.
        return int(text) if len(text) <= 4 else None
    match = _CHINESE_NUMBER.fullmatch(text)
    if match is None:
        return None
    if match["digit"]:
        return _CHINESE_DIGITS[match["digit"]]
    return _CHINESE_DIGITS.get(match["tens"], 1) * 10 + _CHINESE_DIGITS.get(match["ones"], 0)
