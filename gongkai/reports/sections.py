"""Sections 一、五、六: the unit's own text, with {placeholders} filled by the year's figures.

Writing `{新收申请数}` instead of a number lets next year's report start from
this year's text and still carry next year's figures: the fix for reports
copied from last year with last year's numbers in them.
"""

from gongkai.core.placeholders import UNBALANCED, bad_placeholders

SECTIONS = {
    "overview": "一、总体情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}

PLACEHOLDERS = {
    "年度": "报告年度",
    "单位": "单位名称",
    "主动公开信息数": "本年主动公开的政府信息条数",
    "本年制发规范性文件数": "表二:行政规范性文件本年制发件数",
    "新收申请数": "表三:本年新收申请总计",
    "上年结转申请数": "表三:上年结转申请总计",
    "办结申请数": "表三:本年度办理结果总计",
    "结转下年申请数": "表三:结转下年度继续办理总计",
    "予以公开数": "表三:予以公开总计",
    "部分公开数": "表三:部分公开总计",
    "行政复议数": "表四:行政复议总计",
    "行政诉讼数": "表四:行政诉讼总计(直接起诉与复议后起诉)",
    "收费申请件数": "本年收取信息处理费的申请件数(国办函〔2020〕109号)",
    "收费金额元": "本年收取的信息处理费金额(元)",
}

# Left in the starting text where only the unit can write; a report still
# containing it cannot be submitted.
TO_BE_WRITTEN = "(请填写)"


def unknown_placeholders(text: str) -> list[str]:
    """Every {field} that is not one of PLACEHOLDERS written plainly, as written."""
    return [
        "未配对的“{”或“}”" if field == UNBALANCED else field
        for field in bad_placeholders(text, PLACEHOLDERS)
    ]


def render(text: str, facts: dict) -> str:
    """The text with its placeholders filled; text with a bad placeholder is shown as written."""
    if unknown_placeholders(text):
        return text
    return text.format_map({name: facts.get(name, "") for name in PLACEHOLDERS})


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
