"""Tables 2–4 laid out as the national format prints them, for the HTML pages.

Each row is (label cells with their spans, value cells); a value cell carries
the drill-down address when the caller gives a `link(table, row, column)`
function (the staff page), and none on the portal.
"""

from collections.abc import Callable
from dataclasses import dataclass

from gongkai.foi.models import Appeal
from gongkai.reports import annual

Link = Callable[[str, str, str], str | None] | None


@dataclass(frozen=True)
class Label:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Value:
    value: object
    url: str | None = None


# 国办公开办函〔2021〕30号, table 3: the row labels and how they are merged.
TABLE3_LABELS: list[tuple[str, list[Label]]] = [
    ("new", [Label("一、本年新收政府信息公开申请数量", 3)]),
    ("carried_in", [Label("二、上年结转政府信息公开申请数量", 3)]),
    ("disclosed", [Label("三、本年度办理结果", 1, 22), Label("（一）予以公开", 2)]),
    ("partly_disclosed", [Label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2)]),
    ("refused.1", [Label("（三）不予公开", 1, 8), Label("1.属于国家秘密")]),
    ("refused.2", [Label("2.其他法律行政法规禁止公开")]),
    ("refused.3", [Label("3.危及“三安全一稳定”")]),
    ("refused.4", [Label("4.保护第三方合法权益")]),
    ("refused.5", [Label("5.属于三类内部事务信息")]),
    ("refused.6", [Label("6.属于四类过程性信息")]),
    ("refused.7", [Label("7.属于行政执法案卷")]),
    ("refused.8", [Label("8.属于行政查询事项")]),
    ("unavailable.1", [Label("（四）无法提供", 1, 3), Label("1.本机关不掌握相关政府信息")]),
    ("unavailable.2", [Label("2.没有现成信息需要另行制作")]),
    ("unavailable.3", [Label("3.补正后申请内容仍不明确")]),
    ("not_processed.1", [Label("（五）不予处理", 1, 5), Label("1.信访举报投诉类申请")]),
    ("not_processed.2", [Label("2.重复申请")]),
    ("not_processed.3", [Label("3.要求提供公开出版物")]),
    ("not_processed.4", [Label("4.无正当理由大量反复申请")]),
    ("not_processed.5", [Label("5.要求行政机关确认或重新出具已获取信息")]),
    ("other.1", [Label("（六）其他处理", 1, 3), Label("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")]),
    ("other.2", [Label("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")]),
    ("other.3", [Label("3.其他")]),
    ("total", [Label("（七）总计", 2)]),
    ("carried_out", [Label("四、结转下年度继续办理", 3)]),
]  # fmt: skip

TABLE2_DOCUMENT_LABELS = {"rule": "规章", "normative": "行政规范性文件"}
TABLE2_ENTERED = [
    ("第二十条第（五）项", "本年处理决定数量", [("licensing", "行政许可")]),
    ("第二十条第（六）项", "本年处理决定数量", [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", [("fees", "行政事业性收费")]),
]  # fmt: skip
TABLE4_COLUMNS = [
    (block, column) for block in annual.APPEAL_BLOCKS for column in annual.APPEAL_COLUMNS
]
TABLE4_COLUMN_LABELS = {
    Appeal.Result.UPHELD: "结果维持",
    Appeal.Result.CORRECTED: "结果纠正",
    Appeal.Result.OTHER: "其他结果",
    Appeal.Result.PENDING: "尚未审结",
    "total": "总计",
}


def _url(link: Link, table: str, row: str, column: str) -> str | None:
    return link(table, row, column) if link else None


def table2(document: dict, link: Link = None) -> dict:
    t2 = document["table2"]
    documents = [
        (
            TABLE2_DOCUMENT_LABELS[doc_type],
            [
                Value(t2[doc_type][column], _url(link, "table2", doc_type, column))
                for column in annual.DOCUMENT_COLUMNS
            ],
        )
        for doc_type in annual.DOCUMENT_TYPES
    ]
    blocks = []
    for title, heading, rows in TABLE2_ENTERED:
        block_rows = []
        for code, label in rows:
            entry = t2[code]
            value = entry.get("decisions", entry.get("amount_10k_yuan"))
            block_rows.append(
                (label, Value(value, _url(link, "table2", code, "value")), entry["source"])
            )
        blocks.append({"title": title, "heading": heading, "rows": block_rows})
    return {"documents": documents, "blocks": blocks}


def table3(document: dict, link: Link = None) -> list[tuple[list[Label], list[Value]]]:
    t3 = document["table3"]
    return [
        (
            labels,
            [
                Value(t3[row][column], _url(link, "table3", row, column))
                for column in annual.COLUMNS
            ],
        )
        for row, labels in TABLE3_LABELS
    ]


def table4(document: dict, link: Link = None) -> list[Value]:
    t4 = document["table4"]
    return [
        Value(t4[block][column], _url(link, "table4", block, column))
        for block, column in TABLE4_COLUMNS
    ]
