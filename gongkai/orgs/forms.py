from django import forms

from gongkai.orgs.models import Unit
from gongkai.orgs.services import PROFILE_FIELDS


class UnitProfileForm(forms.ModelForm):
    """Contact details for the unit's 政府信息公开指南 (条例第十二条)."""

    class Meta:
        model = Unit
        fields = PROFILE_FIELDS

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if value and not (len(value) == 6 and value.isdigit()):
            raise forms.ValidationError("邮政编码应为 6 位数字")
        return value
