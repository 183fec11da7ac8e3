from django import template

from gongkai.reports import sections

register = template.Library()


@register.filter
def paragraphs(text: str) -> list[str]:
    return sections.paragraphs(text or "")
