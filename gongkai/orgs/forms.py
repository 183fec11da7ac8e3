from django import forms

from gongkai.orgs.models import Membership, Unit
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


class AccountCreateForm(forms.Form):
    """A new staff account with its first roles in one unit (openness office only)."""

    username = forms.RegexField(
        label="用户名",
        regex=r"^[a-z][a-z0-9_]{2,29}$",
        error_messages={"invalid": "用户名应以小写字母开头,只含小写字母、数字和下划线,3–30 位"},
    )
    full_name = forms.CharField(label="姓名", max_length=50)
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput,
        strip=False,
        help_text="至少 10 位,不能是常见密码或纯数字",
    )
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.none())
    roles = forms.MultipleChoiceField(
        label="岗位", choices=Membership.Role.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active().order_by("kind", "sort_order")

    def clean(self):
        cleaned = super().clean()
        unit, roles = cleaned.get("unit"), cleaned.get("roles") or []
        if (
            unit
            and Membership.Role.OFFICE_ADMIN in roles
            and unit.kind != Unit.Kind.OPENNESS_OFFICE
        ):
            self.add_error("roles", "公开办管理员只能设在政务公开主管部门")
        return cleaned


class MembershipGrantForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.none())
    role = forms.ChoiceField(label="岗位", choices=Membership.Role.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active().order_by("kind", "sort_order")

    def clean(self):
        cleaned = super().clean()
        unit, role = cleaned.get("unit"), cleaned.get("role")
        if unit and role == Membership.Role.OFFICE_ADMIN and unit.kind != Unit.Kind.OPENNESS_OFFICE:
            self.add_error("role", "公开办管理员只能设在政务公开主管部门")
        return cleaned
