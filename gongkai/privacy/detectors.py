"""Where personal data occurs in a text: the detectors of the personal-data gate.

Issue 4 item 3: publishing citizens' ID and phone numbers in lists and
attachments is the most common real failure of disclosure work. The gate looks for

- ``id_number``: resident ID numbers. 18 characters with a valid GB 11643-1999
  check character, a known province code and a birth date between 1900 and
  today; also 15-digit legacy numbers, which have no check digit, so only the
  province and a birth date in 1910–1999 are checked.
- ``mobile``: mainland mobile numbers ``1[3-9]`` + 9 digits, with or without
  +86 / 0086, as one block or grouped 3-4-4, 3-8 or 7-4 by spaces, hyphens or
  a bracket: ``(138)1234 5678``.
- ``bank_card``: 16–19 digits that pass the Luhn check and start like the card
  networks issued in China (3, 4, 5, 6, 9), either as one block or in groups of four.
- ``email``: every address except government ones (``*.gov.cn``), which are
  published on purpose.
- ``address``: detailed home addresses only: a house number in a village or
  community (``新前进村七组12号``, ``…村大街5巷12号``) and a building plus a room
  (``兴中道18号金钻花园3栋501房``). A street number alone (``松苑路1号``) is never
  flagged, because every office publishes its own.

It deliberately leaves alone what is public by design: office landlines, the
12345 hotline, postal codes, 文号, dates, amounts, 统一社会信用代码 (GB 32100-2015),
values already masked (``138****1234``), 索引号 and long numbers that fail the checks.

Where the rules meet: an 18-character value that passes every ID check is
flagged even when it is also a valid 统一社会信用代码 (masking a code by mistake
costs less than publishing an ID). A value with an ID's region and birth date
but a wrong check character is neither an ID nor a card: it is left alone, like
any long number that fails its checks.

Digits (ASCII or full-width) joined by single spaces, hyphens or a closing
bracket form a *run*. Every window of whole groups inside a run is tried
against each kind, so ``0760-88123456 13812345678`` gives the mobile number and
nothing else. Where windows or kinds overlap, the longest span wins. No finding
ever spans a line break or a tab, so scanning a text line by line (or cell by
cell) gives the same findings as scanning it whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.privacy.checks import (
    PROVINCES,
    id15_valid,
    id18_valid,
    looks_like_id18,
    luhn_valid,
    uscc_valid,
)

KIND_LABELS = {
    "id_number": _("身份证号码"),
    "mobile": _("手机号码"),
    "bank_card": _("银行卡号"),
    "email": _("电子邮箱"),
    "address": _("详细住址"),
}
# When two kinds claim the same span, the first here wins.
_KIND_ORDER = {kind: n for n, kind in enumerate(KIND_LABELS)}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data; `text` is `scanned[start:end]`."""

    kind: str
    start: int
    end: int
    text: str


def scan_text(text: str) -> list[Finding]:
    """Every piece of personal data in `text`, in order of position, none overlapping."""
    candidates: list[tuple[str, int, int]] = []
    for run in _RUN.finditer(text):
        candidates.extend(_number_candidates(text, run))
    if "@" in text or "＠" in text:
        candidates.extend(_email_candidates(text))
    candidates.extend(_address_candidates(text))
    return [
        Finding(kind, start, end, text[start:end])
        for kind, start, end in _without_overlaps(candidates)
    ]


# --- Numbers ---

_DIGIT = "[0-9０-９]"
_SEPARATOR = r"(?:[ \u00a0\u3000\-\u2010\u2011\u2013\uff0d]|[)）] ?)"
# At least 11 digits (the shortest kind, a mobile number); an X may close the run.
# No kind starts 0 (but 0086), 10, 20, 24-29, 70, 72-79, 80, 84, 85, 87-89: a
# landline or a date cannot start a run, so "0760-88123456 13812345678" starts at 138.
_RUN = re.compile(
    rf"(?<![0-9０-９])(?!0(?!086)|10|2[04-9]|7[02-9]|8[04578-9])"
    rf"{_DIGIT}(?:{_SEPARATOR}?{_DIGIT}){{10,}}+[XxＸｘ]?"
)
_SEPARATORS = re.compile(r"([^0-9X]+)")
_ASCII = str.maketrans("０１２３４５６７８９xＸｘ", "0123456789XXX")
_LONGEST = 19  # a 19-digit card


def _number_candidates(text: str, run: re.Match) -> list[tuple[str, int, int]]:
    digits = run.group().translate(_ASCII)
    if digits.isdigit() or digits[:-1].isdigit():
        # One block of digits, the common case: one window.
        if not _useful(digits):
            return []
        candidate = _classify(text, [(run.start(), run.end(), digits)], [], 0, 0, digits)
        return [candidate] if candidate else []
    # Translation keeps every character in place, so offsets carry over.
    parts = _SEPARATORS.split(digits)
    separators = parts[1::2]
    groups = []
    position = run.start()
    for group, separator in zip(parts[0::2], [*separators, ""], strict=True):
        groups.append((position, position + len(group), group))
        position += len(group) + len(separator)
    last = len(groups) - 1
    digits = "".join(parts[0::2])
    if _useful(digits):
        # The whole run is one number (4420 0019 …, 138-1234-5678): every shorter
        # window would lose to it anyway.
        whole = _classify(text, groups, separators, 0, last, digits)
        if whole:
            return [whole]
    found = []
    for i in range(len(groups)):
        length = 0
        for j in range(i, len(groups)):
            if j > i and groups[j - 1][2][-1] == "X":
                break  # an X only ever closes a number
            length += len(groups[j][2])
            if length > _LONGEST + 1:
                break
            if length in _USEFUL_LENGTHS or (
                groups[j][2][-1] == "X" and length - 1 in _USEFUL_LENGTHS
            ):
                digits = "".join(g[2] for g in groups[i : j + 1])
                if digits[:2] in _POSSIBLE_STARTS:
                    candidate = _classify(text, groups, separators, i, j, digits)
                    if candidate:
                        found.append(candidate)
    return found


# 11 mobile, 13 and 15 mobile with 86/0086, 15 and 18 ID, 16-19 card.
_USEFUL_LENGTHS = frozenset((11, 13, 15, 16, 17, 18, 19))


def _useful(digits: str) -> bool:
    return digits[:2] in _POSSIBLE_STARTS and (
        len(digits) in _USEFUL_LENGTHS or (digits[-1] == "X" and len(digits) - 1 in _USEFUL_LENGTHS)
    )


# How a number of any kind can begin: a province (or 9 + province) for an ID, 13-19
# for a mobile, 86/00 for a country code, 3-6 or 9 for a card. Landlines (0…) and
# dates (20…) stop here.
_POSSIBLE_STARTS = (
    PROVINCES
    | {"9" + p[0] for p in PROVINCES}
    | {f"1{n}" for n in range(3, 10)}
    | {"86", "00"}
    | {f"{a}{b}" for a in "34569" for b in range(10)}
)


def _classify(text, groups, separators, i, j, digits) -> tuple[str, int, int] | None:
    start, end = groups[i][0], groups[j][1]
    lengths = [len(g[2]) for g in groups[i : j + 1]]
    between = separators[i:j]
    if len(digits) == 18 and id18_valid(digits) and _id_grouping(lengths, between):
        return "id_number", start, end
    if len(digits) == 15 and id15_valid(digits) and _id15_grouping(lengths, between):
        return "id_number", start, end
    if digits.endswith("X"):
        # Not an ID number: what comes before the X may still be a phone or card.
        digits, end, lengths[-1] = digits[:-1], end - 1, lengths[-1] - 1
    if len(digits) <= 15:
        return _mobile(text, groups, separators, i, j, digits, end)
    return _card(text, lengths, between, digits, start, end)


def _same(separators: list[str]) -> bool:
    return len(set(separators)) <= 1


def _id_grouping(lengths: list[int], between: list[str]) -> bool:
    if len(lengths) == 1:
        return True
    # 4420 0019 9001 0112 34, 442000 19900101 1234, or one space between every digit
    # (text drawn a character at a time in some PDFs).
    return _same(between) and (min(lengths) >= 2 or max(lengths) == 1)


def _id15_grouping(lengths: list[int], between: list[str]) -> bool:
    # The check is weak (no check digit), so only the usual 6-6-3 grouping is accepted.
    return len(lengths) == 1 or (_same(between) and (lengths == [6, 6, 3] or max(lengths) == 1))


def _phone_grouping(lengths: list[int], between: list[str]) -> bool:
    if len(lengths) == 1:
        return True
    if max(lengths) == 1:
        return _same(between)
    # "(138)1234-5678": the bracket after the first group does not count.
    rest = between[1:] if between[0][:1] in ")）" else between
    return len(lengths) <= 3 and min(lengths) >= 3 and _same(rest)


def _card_grouping(lengths: list[int], between: list[str]) -> bool:
    if len(lengths) == 1:
        return True
    if max(lengths) == 1:
        return _same(between)
    return _same(between) and all(n == 4 for n in lengths[:-1]) and lengths[-1] <= 7


def _mobile(text, groups, separators, i, j, digits, end) -> tuple[str, int, int] | None:
    extra = len(digits) - 11
    if extra not in (0, 2, 4) or digits[extra] != "1" or digits[extra + 1] not in "3456789":
        return None
    first = i
    if extra:
        prefix = digits[:extra]
        if prefix not in ("86", "0086"):
            return None
        if groups[i][2] == prefix:
            first = i + 1  # the country code as its own group: "+86 138 …"
        elif i != j:
            return None
    if first > j:
        return None
    lengths = [len(g[2]) for g in groups[first : j + 1]]
    lengths[-1] = len(digits) - extra - sum(lengths[:-1])  # an X dropped from the end
    if not _phone_grouping(lengths, separators[first:j]):
        return None
    start = groups[i][0]
    if extra and start and text[start - 1] in "+＋":
        start -= 1
    if i < j and separators[i][:1] in ")）" and start and text[start - 1] in "(（":
        start -= 1
    if _looks_like_amount(text, groups[i][0], end):
        return None
    return "mobile", start, end


def _card(text, lengths, between, digits, start, end) -> tuple[str, int, int] | None:
    if not 16 <= len(digits) <= _LONGEST or digits[0] not in "34569":
        return None
    if not _card_grouping(lengths, between) or not luhn_valid(digits):
        return None
    if len(digits) == 18 and (looks_like_id18(digits) or uscc_valid(digits)):
        # An ID number with a wrong check character, or a 统一社会信用代码 of digits only.
        return None
    if _in_code(text, start, end) or _looks_like_amount(text, start, end):
        return None
    return "bank_card", start, end


def _in_code(text: str, start: int, end: int) -> bool:
    """Digits glued to Latin letters or a slash belong to a code (USCC, 索引号), not a card."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return any(c.isascii() and (c.isalpha() or c == "/") for c in before + after)


def _looks_like_amount(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    if before in ("¥", "￥", "$"):
        return True
    after = text[end : end + 3]
    if after[:1] in (".", "．") and after[1:2].isdigit():
        return True
    return after.lstrip(" ")[:1] in ("元", "万", "亿")


# --- E-mail addresses ---

_LOCAL_REVERSED = re.compile(r"[A-Za-z0-9._%+\-]+")
_AT = re.compile("[@＠]")
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}")


def _email_candidates(text: str) -> list[tuple[str, int, int]]:
    found = []
    for at in _AT.finditer(text):
        position = at.start()
        # The name before "@", read backwards: at most 64 characters (RFC 5321).
        name = _LOCAL_REVERSED.match(text[max(0, position - 64) : position][::-1])
        start = position - (name.end() if name else 0)
        while start < position and text[start] == ".":
            start += 1
        domain = _DOMAIN.match(text, position + 1)
        if start == position or domain is None:
            continue
        name = domain.group().lower()
        if name == "gov.cn" or name.endswith(".gov.cn"):
            continue  # government mailboxes are published on purpose
        found.append(("email", start, domain.end()))
    return found


# --- Detailed home addresses ---

_NUM = "0-9０-９"
_CN_NUM = "一二三四五六七八九十"
# 村/社区 … 3组 / 七队 / 5巷 … 12号: a house in a village or urban village.
_VILLAGE = re.compile(
    rf"(?:村|社区)(?:委会|民委员会|居委会)?[\u4e00-\u9fff]{{0,4}}?[{_NUM}{_CN_NUM}]{{1,3}}"
    rf"(?:组|队|巷|坊|社|街)(?P<house>[{_NUM}]{{1,4}}[号號](?:之[{_NUM}{_CN_NUM}]{{1,2}})?)"
)
# Road or estate … (18号) … 3栋(2单元)501房: a flat. 座 counts only with 房, because
# "A座1201室" is how office towers are written; 工业园/科技园 are workplaces.
_FLAT = re.compile(
    rf"(?:[路街道巷弄里苑寓庄村]|(?<![业技创产])园|(?<=小)区)"
    rf"(?P<house>(?:[{_NUM}]{{1,5}}[号號](?:之[{_NUM}]{{1,2}})?)?"
    rf"[^\s{_NUM}，。；、,;:：()（）]{{0,12}}?"
    rf"(?:[{_NUM}A-Za-z]{{1,3}}(?:栋|幢)(?:[{_NUM}]{{1,2}}单元)?[{_NUM}]{{2,5}}[房室]"
    rf"|[{_NUM}A-Za-z]{{1,3}}座[{_NUM}]{{2,5}}房))"
)
# Where a place name cannot go on: a higher division, or the words that introduce
# an address (家住, 住址, 现居住在, 户籍为).
_BUILDING = re.compile("[栋幢座]")
_PLACE_STOPS = frozenset("省市县区镇乡住址在于籍为是的")


def _address_candidates(text: str) -> list[tuple[str, int, int]]:
    found = []
    if "号" in text or "號" in text:
        found += [
            ("address", _place_start(text, m.start()), m.end()) for m in _VILLAGE.finditer(text)
        ]
    # _FLAT starts with common characters (路, 道, 园…); it is only tried near a building.
    spans = set()
    for building in _BUILDING.finditer(text):
        low, high = max(0, building.start() - 40), building.end() + 12
        spans.update(m.span() for m in _FLAT.finditer(text, low, high))
    found += [("address", _place_start(text, start), end) for start, end in spans]
    return found


def _place_start(text: str, marker: int) -> int:
    """Start of the place name before 村/路/园…, so a reviewer sees "新前进村", not "村"."""
    start = marker
    while (
        start > 0
        and marker - start < 8
        and "\u4e00" <= text[start - 1] <= "\u9fff"
        and text[start - 1] not in _PLACE_STOPS
    ):
        start -= 1
    return start


def house_number_span(address: str) -> tuple[int, int] | None:
    """Where the house-number part (号, 栋, 单元, 房) of an address finding is, if found."""
    for pattern in (_FLAT, _VILLAGE):
        for match in pattern.finditer(address):
            if match.end() == len(address):
                return match.span("house")
    return None


# --- Overlaps ---


def _without_overlaps(candidates: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Keep the longest of overlapping candidates, cluster by cluster."""
    candidates.sort(key=lambda c: (c[1], c[2]))
    kept: list[tuple[str, int, int]] = []
    cluster: list[tuple[str, int, int]] = []
    cluster_end = -1
    for candidate in candidates:
        if cluster and candidate[1] >= cluster_end:
            kept += _longest_first(cluster)
            cluster = []
        cluster.append(candidate)
        cluster_end = max(cluster_end, candidate[2]) if len(cluster) > 1 else candidate[2]
    kept += _longest_first(cluster)
    return sorted(kept, key=lambda c: c[1])


def _longest_first(cluster: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    if len(cluster) < 2:
        return cluster
    chosen: list[tuple[str, int, int]] = []
    for candidate in sorted(cluster, key=lambda c: (c[1] - c[2], _KIND_ORDER[c[0]], c[1])):
        if all(candidate[2] <= s or e <= candidate[1] for _, s, e in chosen):
            chosen.append(candidate)
    return chosen


# Formatting characters a reader never sees but that split a number for a
# scanner: soft hyphen, zero-width spaces and joiners, direction marks, the
# word joiner and invisible operators, the BOM. Records drop them when saved.
_INVISIBLE = dict.fromkeys([0x00AD, *range(0x200B, 0x2010), *range(0x2060, 0x2065), 0x180E, 0xFEFF])


def drop_invisible(text: str) -> str:
    return text.translate(_INVISIBLE)


def scan_as_read(text: str) -> list[Finding]:
    """Findings in the text as a reader sees it (invisible characters dropped, NFKC applied).

    Offsets refer to that normalised text, not to `text`: use it to decide
    whether something is there, `scan_text` to mask it.
    """
    return scan_text(unicodedata.normalize("NFKC", drop_invisible(text)))
