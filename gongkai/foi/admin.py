"""The foi app in the Django admin: the office edits the standard letter texts here.

Cases change only through the staff pages, whose services lock the row, check
the transition table, keep the clock and write the events; the admin shows
them read-only, without the applicant's identity.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.catalogs.admin import ViewOnly
from gongkai.core.admin import AuditedAdmin
from gongkai.foi.letters import (
    APPLICANT_FACTS,
    CONSULTATION_TEMPLATES,
    PLACEHOLDERS,
    placeholders_in,
    unknown_placeholders,
)
from gongkai.foi.models import InfoRequest, LetterCounter, LetterTemplate


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["title", "outcomes", "body", "grounds", "remedy", "sort_order"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        unknown = unknown_placeholders(body)
        if unknown:
            raise forms.ValidationError(
                _("无法识别的占位符:%(u)s。可用的有:%(a)s")
                % {
                    "u": "、".join(sorted(unknown)),
                    "a": "、".join(f"{{{k}}}" for k in PLACEHOLDERS),
                }
            )
        if self.instance.code in CONSULTATION_TEMPLATES and placeholders_in(body) & set(
            APPLICANT_FACTS
        ):
            # letters.render leaves it empty anyway; say so rather than print a blank.
            raise forms.ValidationError(
                _("征求意见书发给第三方或其他机关,不能写入申请人姓名或名称({applicant})")
            )
        return body

    def clean_grounds(self):
        grounds = self.cleaned_data["grounds"]
        if not isinstance(grounds, dict):
            raise forms.ValidationError(_("应为“办理结果代码: 文字”的对象"))
        for code, text in grounds.items():
            if not isinstance(text, str) or unknown_placeholders(text):
                raise forms.ValidationError(_("“%(c)s”的文字含无法识别的占位符") % {"c": code})
        return grounds


@admin.register(LetterTemplate)
class LetterTemplateAdmin(AuditedAdmin):
    form = LetterTemplateForm
    list_display = ["title", "code", "remedy", "sort_order"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LetterCounter)
class LetterCounterAdmin(AuditedAdmin):
    """The 文号 prefix per unit and year (坦洲公复〔2026〕N号); the office may correct it."""

    list_display = ["unit", "year", "prefix", "last"]
    fields = ["unit", "year", "prefix", "last"]
    readonly_fields = ["unit", "year", "last"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A deleted counter starts again at 1 and would reissue numbers already used.
        return False


@admin.register(InfoRequest)
class InfoRequestAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["tracking_number", "unit", "status", "outcome", "received_on", "due_on"]
    list_filter = ["status", "channel"]
    search_fields = ["tracking_number", "ledger_no"]
    fields = [
        "tracking_number", "ledger_no", "unit", "channel", "status", "outcome",
        "received_on", "due_on", "replied_on",
    ]  # fmt: skip
