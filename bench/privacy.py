"""Privacy suite: the personal-data scan over MB of text, and a 1,000-row xlsx attachment.

Issue text: "Privacy scan throughput (MB of text per second) and a 1,000-row xlsx
attachment scan". Goals: `scan_text` ≥ 5 MB/s; extract + scan of a 1,000-row
xlsx ≤ 2 s.

Steps, in this order:

1. Inputs from `random.Random(seed)`:
   - a text of `--size` characters (default 1,000,000, about 2.3 MB of UTF-8)
     made of the lines disclosure work produces: the prose of the notices (a
     quarter of the lines), 低保 list rows, relief decisions, payment lines,
     objection notices, document headers. Every other line carries *planted* personal data (ID numbers in five written forms, mobiles
     in five, cards grouped and not, e-mails, home addresses) or *decoys* (office
     landlines, 12345, postal codes, 文号, dates, amounts, valid 统一社会信用代码,
     索引号, masked values, ID numbers with a wrong check digit, Luhn-invalid
     card numbers, .gov.cn mailboxes, office street addresses);
   - a 补贴发放表 of 1,000 rows (fixed: the goal's size): ID as text, mobile as
     a number, a second mobile as grouped text, a grouped card number, an
     amount, a village and a landline.
2. Correctness, before any timing (exit 1 if it fails): `scan_text` finds
   exactly the planted spans, same kind and offsets, and nothing else, so no
   decoy is flagged; extract + scan of the workbook finds exactly the planted
   values (as a multiset of kind and text).
3. Speed, in R rounds; each round times the baseline and the candidate seconds apart:
   - text: one `re.finditer(r"\\d{11,19}")` pass over the same text (the cost
     floor of any digit scanner), then `scan_text`;
   - xlsx: `load_workbook(data_only=True)` and iterating every cell value (the
     floor of any xlsx reader, in the mode the extractor uses), then
     `extract_text` + `scan_text`.
   MB are 10^6 bytes of the text encoded as UTF-8. The goals use the median round.
"""

from __future__ import annotations

import gc
import hashlib
import io
import random
import re
import statistics
import time
from collections import Counter

from openpyxl import Workbook, load_workbook

from bench.environment import package_version
from gongkai.privacy.detectors import scan_text
from gongkai.privacy.extract import extract_text

GOAL_MB_PER_S = 5.0
GOAL_XLSX_ROWS = 1_000
GOAL_XLSX_S = 2.0
BASELINE = re.compile(r"\d{11,19}")
MISMATCHES_KEPT = 50

SURNAMES = "陈黄梁李何吴林郑刘张杨冯蔡谭钟卢"
GIVEN = "阿婆志明少芬润根桂英国强秀兰伟华丽娟家豪美玲"
VILLAGES = ["新前进村", "合胜村", "裕洲村", "十四村", "群联村", "前进村", "永一村", "沙溪村"]
ROADS = ["兴中道", "孙文西路", "康华路", "悦来南路", "民族大道"]
ESTATES = ["金钻花园", "雍景园", "华庭小区", "君悦豪庭"]
REGIONS = ["442000", "440104", "440682", "441900", "110101", "360702"]
MAIL_HOSTS = ["qq.com", "163.com", "126.com", "foxmail.com", "sina.com"]
PINYIN = ["chen", "huang", "liang", "li", "he", "wu", "lin", "zheng", "ming", "fen", "hua"]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Sentences of the notices around the lists: the prose that makes up most of a record.
PROSE = [
    "根据《中华人民共和国政府信息公开条例》和《社会救助暂行办法》的规定，经村（居）民委员会初审、"
    "镇社会事务局审核，现将拟纳入最低生活保障对象的名单予以公示，接受社会监督。",
    "公示期间，任何单位和个人对公示对象有异议的，可向镇社会事务局反映，反映情况应当实事求是，"
    "提倡实名反映，我们将依法对反映人的信息予以保密。",
    "各村（社区）要严格按照有关规定做好低保对象的动态管理工作，对家庭经济状况发生变化的对象"
    "及时调整保障金额或者停止保障，确保应保尽保、应退尽退。",
    "依申请公开的办理流程包括接收、登记、审核、办理、答复和归档等环节，申请人可以通过政府网站、"
    "信函或者当面提交等方式提出申请。",
    "临时救助资金实行社会化发放，原则上直接发放至救助对象本人的银行账户，"
    "紧急情况下可以先行救助、事后补办手续。",
    "对弄虚作假骗取救助资金的，一经查实，立即停止救助并追回已发放的资金，情节严重的依法追究责任。",
]
XLSX_HEADER = ["序号", "村(社区)", "姓名", "身份证号码", "联系电话", "备用电话", "银行卡号", "金额(元)", "经办电话"]  # fmt: skip


# --- Numbers with their check characters, computed from the standards' formulas ---


def id_number(rng: random.Random) -> str:
    born = f"{rng.randint(1930, 2012)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = rng.choice(REGIONS) + born + f"{rng.randint(0, 999):03d}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))  # GB 11643-1999
    return first17 + "10X98765432"[total % 11]


def luhn_complete(body: str) -> str:
    total = 0
    for position, char in enumerate(reversed(body)):
        n = int(char)
        if position % 2 == 0:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return body + str((10 - total % 10) % 10)


def card_number(rng: random.Random) -> str:
    length = rng.choice((16, 19))
    body = rng.choice(("622202", "621700", "622848", "436742"))
    body += "".join(rng.choice("0123456789") for _ in range(length - 7))
    return luhn_complete(body)


def uscc(rng: random.Random) -> str:
    first17 = rng.choice(("11", "12", "91", "52")) + "442000"
    first17 += "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    total = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return first17 + USCC_ALPHABET[(31 - total % 31) % 31]  # GB 32100-2015


def mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def groups(number: str, size: int = 4, separator: str = " ") -> str:
    return separator.join(number[k : k + size] for k in range(0, len(number), size))


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def written_id(rng: random.Random) -> str:
    number = id_number(rng)
    form = rng.randrange(5)
    if form == 1:
        return number.lower()
    if form == 2:
        return number.translate(FULL_WIDTH)
    if form == 3:
        return groups(number)
    if form == 4:
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    return number


def written_mobile(rng: random.Random) -> str:
    number = mobile(rng)
    return rng.choice(
        (
            number,
            f"{number[:3]} {number[3:7]} {number[7:]}",
            f"{number[:3]}-{number[3:7]}-{number[7:]}",
            f"+86 {number}",
            f"({number[:3]}){number[3:]}",
        )
    )


def written_card(rng: random.Random) -> str:
    number = card_number(rng)
    return groups(number) if rng.random() < 0.5 else number


def email(rng: random.Random) -> str:
    return (
        f"{rng.choice(PINYIN)}{rng.choice(PINYIN)}{rng.randint(1, 2005)}@{rng.choice(MAIL_HOSTS)}"
    )


def address(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(VILLAGES)}{rng.choice('一二三四五六七八')}组{rng.randint(1, 120)}号"
    return (
        f"{rng.choice(ROADS)}{rng.randint(1, 300)}号{rng.choice(ESTATES)}"
        f"{rng.randint(1, 30)}栋{rng.randint(1, 32)}{rng.randint(1, 4):02d}房"
    )


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


# --- Decoys: public by design, never to be flagged ---


def decoy(rng: random.Random) -> tuple[str, str]:
    family = rng.choice(DECOYS)
    return family, DECOY_MAKERS[family](rng)


def _wrong_check_id(rng: random.Random) -> str:
    number = id_number(rng)
    return number[:17] + rng.choice([c for c in "0123456789X" if c != number[17]])


def _bad_card(rng: random.Random) -> str:
    number = card_number(rng)
    return number[:-1] + str((int(number[-1]) + rng.randint(1, 9)) % 10)


DECOY_MAKERS = {
    "landline": lambda rng: rng.choice(("0760-", "(0760)")) + str(rng.randint(22000000, 89999999)),
    "hotline": lambda rng: "12345",
    "postal_code": lambda rng: f"5284{rng.randint(0, 99):02d}",
    "doc_number": lambda rng: f"中府〔{rng.randint(2015, 2024)}〕{rng.randint(1, 120)}号",
    "date": lambda rng: rng.choice(("2024年3月1日", "20240301", "2024-03-01", "2023年12月31日")),
    "amount": lambda rng: (
        f"{rng.randint(1, 9)},{rng.randint(100, 999)},{rng.randint(100, 999)}.{rng.randint(10, 99)}元"
    ),
    "uscc": uscc,
    "index_number": lambda rng: (
        f"{uscc(rng)}/{rng.randint(2019, 2024)}-{rng.randint(1, 99999):05d}"
    ),
    "masked_mobile": lambda rng: (
        f"1{rng.choice('3589')}{rng.randint(0, 9)}****{rng.randint(1000, 9999)}"
    ),
    "masked_id": lambda rng: f"4420**********{rng.randint(1000, 9999)}",
    "wrong_check_id": _wrong_check_id,
    "luhn_invalid_card": _bad_card,
    "gov_email": lambda rng: (
        f"{rng.choice(PINYIN)}@{rng.choice(('zs', 'tanzhou.zs', 'gd'))}.gov.cn"
    ),
    "office_address": lambda rng: f"中山市东区{rng.choice(ROADS)}{rng.randint(1, 300)}号",
}
DECOYS = list(DECOY_MAKERS)
PLANTERS = {
    "id_number": written_id,
    "mobile": written_mobile,
    "bank_card": written_card,
    "email": email,
    "address": address,
}


def make_text(size: int, seed: int) -> tuple[str, list[tuple[str, int, int]], Counter]:
    """A text of at least `size` characters, the planted (kind, start, end) and decoy counts."""
    rng = random.Random(seed)
    pieces: list[str] = []
    planted: list[tuple[str, int, int]] = []
    decoys: Counter = Counter()
    length = 0

    def add(text: str) -> None:
        nonlocal length
        pieces.append(text)
        length += len(text)

    def plant(kind: str) -> None:
        value = PLANTERS[kind](rng)
        planted.append((kind, length, length + len(value)))
        add(value)

    def public() -> None:
        family, value = decoy(rng)
        decoys[family] += 1
        add(value)

    while length < size:
        line = rng.randrange(8)
        if line == 0:  # 低保 list row
            add(f"{rng.randint(1, 500)}\t{rng.choice(VILLAGES)}\t{name(rng)}\t")
            plant("id_number")
            add(f"\t{rng.randint(1, 5)}\t{rng.randint(1, 9)},{rng.randint(100, 999)}\t")
            plant("mobile") if rng.random() < 0.5 else public()
        elif line == 1:  # relief decision
            add(f"申请人{name(rng)},身份证号码")
            plant("id_number")
            add(",联系电话")
            plant("mobile")
            add(",家住")
            plant("address")
            add(f"。经审核,同意给予临时救助{rng.randint(500, 5000)}元。")
        elif line == 2:  # payment
            add("收款账号:")
            plant("bank_card")
            add(f"(中国工商银行坦洲支行),本次发放金额{rng.randint(100, 3000)}元,申请人邮箱")
            plant("email")
            add("。")
        elif line == 3:  # objection notice
            add("如对公示对象有异议,请在公示期内致电")
            public()
            add("或拨打12345政务服务便民热线,来信请寄")
            public()
            add(",电子邮箱")
            public()
            add("。")
        elif line == 4:  # document header
            add("索引号:")
            public()
            add(" 发文字号:")
            public()
            add(" 成文日期:")
            public()
            add("。根据《中山市最低生活保障办法》的规定,现将有关情况公示如下。")
        elif line >= 6:  # prose around the lists
            add("".join(rng.sample(PROSE, rng.randint(1, 3))))
        else:  # data already masked, codes and typos
            add("已脱敏:")
            public()
            add("、")
            public()
            add(";核对编号")
            public()
            add(",坦洲镇社会事务局地址")
            public()
            add("。")
        add("\n")
    return "".join(pieces), planted, decoys


def make_workbook(rows: int, seed: int) -> tuple[bytes, Counter, str]:
    """The 补贴发放表, the planted (kind, text) multiset and a hash of its values."""
    rng = random.Random(seed + 1)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "高龄津贴发放表"
    sheet.append(XLSX_HEADER)
    expected: Counter = Counter()
    digest = hashlib.sha256()
    for n in range(1, rows + 1):
        id_value, phone, spare, card = id_number(rng), mobile(rng), mobile(rng), card_number(rng)
        spare_text = f"{spare[:3]}-{spare[3:7]}-{spare[7:]}"
        row = [n, rng.choice(VILLAGES), name(rng), id_value, int(phone), spare_text,
               groups(card), rng.randint(100, 3000) + 0.5, f"0760-{rng.randint(22000000, 89999999)}"]  # fmt: skip
        sheet.append(row)
        expected.update([("id_number", id_value), ("mobile", phone), ("mobile", spare_text),
                         ("bank_card", groups(card))])  # fmt: skip
        digest.update(repr(row).encode())
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), expected, digest.hexdigest()


def check_text(text: str, planted: list[tuple[str, int, int]]) -> dict:
    found = {(f.kind, f.start, f.end) for f in scan_text(text)}
    wanted = set(planted)
    missed = sorted(wanted - found, key=lambda c: c[1])
    extra = sorted(found - wanted, key=lambda c: c[1])

    def shown(items):
        return [
            {"kind": k, "start": s, "end": e, "text": text[s:e]}
            for k, s, e in items[:MISMATCHES_KEPT]
        ]

    return {
        "planted": len(wanted),
        "planted_by_kind": dict(Counter(kind for kind, _, _ in planted)),
        "found": len(found),
        "missed": len(missed),
        "extra": len(extra),
        "missed_examples": shown(missed),
        "extra_examples": shown(extra),
        "ok": not missed and not extra,
    }


def check_workbook(data: bytes, expected: Counter) -> dict:
    extraction = extract_text("补贴发放表.xlsx", data)
    found = Counter((f.kind, f.text) for f in scan_text(extraction.text))
    missed, extra = expected - found, found - expected
    return {
        "status": extraction.status,
        "planted": sum(expected.values()),
        "found": sum(found.values()),
        "missed": sum(missed.values()),
        "extra": sum(extra.values()),
        "missed_examples": [list(k) for k in list(missed)[:MISMATCHES_KEPT]],
        "extra_examples": [list(k) for k in list(extra)[:MISMATCHES_KEPT]],
        "ok": extraction.status == "checked" and not missed and not extra,
    }


def timed(function, *args) -> float:
    gc.collect()
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def digit_floor(text: str) -> None:
    for _ in BASELINE.finditer(text):
        pass


def workbook_floor(data: bytes) -> None:
    workbook = load_workbook(io.BytesIO(data), data_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for _ in row:
                pass


def extract_and_scan(data: bytes) -> None:
    scan_text(extract_text("补贴发放表.xlsx", data).text)


def summary(runs: list[float]) -> dict:
    return {
        "runs_s": runs,
        "median_s": statistics.median(runs),
        "best_s": min(runs),
        "spread": max(runs) / min(runs),
    }


def measure_speed(text: str, data: bytes, rounds: int) -> dict:
    runs: dict[str, list[float]] = {
        "digit_floor": [],
        "scan_text": [],
        "xlsx_floor": [],
        "xlsx_scan": [],
    }
    for _ in range(rounds):
        runs["digit_floor"].append(timed(digit_floor, text))
        runs["scan_text"].append(timed(scan_text, text))
        runs["xlsx_floor"].append(timed(workbook_floor, data))
        runs["xlsx_scan"].append(timed(extract_and_scan, data))
    megabytes = len(text.encode("utf-8")) / 1e6
    timing = {name: summary(values) for name, values in runs.items()}
    for name in ("digit_floor", "scan_text"):
        timing[name]["mb_per_s_median"] = megabytes / timing[name]["median_s"]
        timing[name]["mb_per_s_best"] = megabytes / timing[name]["best_s"]
    return {
        "timing": timing,
        "ratio": {
            "scan_over_digit_floor": statistics.median(
                s / b for s, b in zip(runs["scan_text"], runs["digit_floor"], strict=True)
            ),
            "xlsx_scan_over_floor": statistics.median(
                s / b for s, b in zip(runs["xlsx_scan"], runs["xlsx_floor"], strict=True)
            ),
        },
    }


def goals(mb_per_s: float | None, xlsx_s: float | None) -> list[dict]:
    return [
        {
            "id": "privacy-scan",
            "goal": f"scan_text >= {GOAL_MB_PER_S:g} MB/s of UTF-8 text",
            "measured": mb_per_s,
            "unit": " MB/s",
            "met": mb_per_s is not None and mb_per_s >= GOAL_MB_PER_S,
        },
        {
            "id": "privacy-xlsx",
            "goal": f"extract + scan of a {GOAL_XLSX_ROWS:,}-row xlsx <= {GOAL_XLSX_S:g} s",
            "measured": xlsx_s,
            "unit": " s",
            "met": xlsx_s is not None and xlsx_s <= GOAL_XLSX_S,
        },
    ]


def run(options) -> dict:
    rounds = options.repeat
    text, planted, decoys = make_text(options.size, options.seed)
    data, expected, rows_hash = make_workbook(GOAL_XLSX_ROWS, options.seed)
    text_check = check_text(text, planted)
    workbook_check = check_workbook(data, expected)
    result: dict = {
        "suite": "privacy",
        "inputs": {
            "characters": len(text),
            "utf8_bytes": len(text.encode("utf-8")),
            "lines": text.count("\n"),
            "decoys": sum(decoys.values()),
            # Planted values and decoys per 1,000 characters: how list-like the text is.
            "values_per_1000_characters": round(
                1000 * (len(planted) + sum(decoys.values())) / len(text), 1
            ),
            "decoys_by_family": dict(sorted(decoys.items())),
            "xlsx_rows": GOAL_XLSX_ROWS,
            "xlsx_bytes": len(data),
            "seed": options.seed,
            "rounds": rounds,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "xlsx_rows_sha256": rows_hash,
            "openpyxl": package_version("openpyxl"),
        },
        "correctness": {"text": text_check, "xlsx": workbook_check},
        "correct": text_check["ok"] and workbook_check["ok"],
    }
    if not result["correct"]:
        result["goals"] = goals(None, None)
        return result
    result.update(measure_speed(text, data, rounds))
    timing = result["timing"]
    result["goals"] = goals(timing["scan_text"]["mb_per_s_median"], timing["xlsx_scan"]["median_s"])
    return result


def report(result: dict) -> str:
    inputs, text_check, xlsx_check = (
        result["inputs"],
        result["correctness"]["text"],
        result["correctness"]["xlsx"],
    )
    lines = [
        "",
        f"privacy suite: text {inputs['characters']:,} characters "
        f"({inputs['utf8_bytes'] / 1e6:.2f} MB UTF-8, {inputs['lines']:,} lines), "
        f"xlsx {inputs['xlsx_rows']:,} rows ({inputs['xlsx_bytes'] / 1e3:,.0f} kB), "
        f"seed {inputs['seed']}, rounds {inputs['rounds']}, text sha256 {inputs['text_sha256'][:12]}",
        f"density: {inputs['values_per_1000_characters']} planted values and decoys "
        "per 1,000 characters",
        "",
        f"correctness, text: {text_check['planted']:,} planted "
        f"({', '.join(f'{k} {v:,}' for k, v in text_check['planted_by_kind'].items())}), "
        f"{inputs['decoys']:,} decoys in {len(inputs['decoys_by_family'])} families: "
        + ("OK" if text_check["ok"] else "FAILED")
        + f" (missed {text_check['missed']}, extra {text_check['extra']})",
        f"correctness, xlsx: {xlsx_check['planted']:,} planted, found {xlsx_check['found']:,}: "
        + ("OK" if xlsx_check["ok"] else "FAILED"),
    ]
    for example in text_check["missed_examples"] + xlsx_check["missed_examples"]:
        lines.append(f"    MISSED {example}")
    for example in text_check["extra_examples"] + xlsx_check["extra_examples"]:
        lines.append(f"    EXTRA  {example}")
    if not result["correct"]:
        lines += ["", "speed not measured: the scan is wrong", ""]
        return "\n".join(lines)

    timing, ratio = result["timing"], result["ratio"]
    lines += [
        "",
        f"{'(median of the rounds)':<44}{'median s':>10}{'best s':>9}{'MB/s':>8}{'spread':>8}",
    ]
    for key, label in (
        ("digit_floor", "re.finditer(r'\\d{11,19}') (floor)"),
        ("scan_text", "scan_text"),
        ("xlsx_floor", "openpyxl load + every cell (floor)"),
        ("xlsx_scan", "extract_text + scan_text, xlsx"),
    ):
        row = timing[key]
        rate = f"{row['mb_per_s_median']:>8.1f}" if "mb_per_s_median" in row else f"{'':>8}"
        lines.append(
            f"{label:<44}{row['median_s']:>10.3f}{row['best_s']:>9.3f}{rate}{row['spread']:>7.2f}x"
        )
    lines += [
        "",
        f"scan_text / digit floor: {ratio['scan_over_digit_floor']:.1f}x the time; "
        f"xlsx extract+scan / openpyxl floor: {ratio['xlsx_scan_over_floor']:.2f}x (median rounds)",
        "",
    ]
    for goal in result["goals"]:
        lines.append(
            f"{'PASS' if goal['met'] else 'FAIL'}  {goal['id']}: {goal['goal']} "
            f"(measured {goal['measured']:,.3f}{goal['unit']}, median round)"
        )
    lines.append("")
    return "\n".join(lines)
