"""The application form (《条例》第二十九条), shared by the portal and the staff registration page.

The rules live in `services.validate_application`; this form only turns the
posted fields into `ApplicationData` and puts each problem on its field.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.foi.models import ApplicantKind, InfoRequest
from gongkai.foi.services import MAX_DESCRIPTION_CHARS, ApplicationData, validate_application


class ApplicationForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("申请人类型"),
        choices=[
            (ApplicantKind.NATURAL_PERSON, _("自然人")),
            (_("法人或其他组织"), [c for c in ApplicantKind.choices if c[0] != "natural_person"]),
        ],
    )
    applicant_name = forms.CharField(label=_("姓名或名称"), max_length=100)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=InfoRequest.IdType.choices)
    id_number = forms.CharField(
        label=_("证件号码"),
        max_length=40,
        help_text=_("自然人填写身份证件号码;法人或其他组织填写统一社会信用代码"),
    )
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    email = forms.CharField(label=_("电子邮箱"), max_length=254, required=False)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    postcode = forms.CharField(label=_("邮政编码"), max_length=6, required=False)
    description = forms.CharField(
        label=_("所需信息的内容描述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_DESCRIPTION_CHARS,
        help_text=_("请写明信息的名称、文号或便于查询的其他特征,不超过%(n)s字")
        % {"n": MAX_DESCRIPTION_CHARS},
    )
    doc_number = forms.CharField(label=_("文件名称或文号(如知道)"), max_length=200, required=False)
    form_wanted = forms.ChoiceField(
        label=_("信息的载体形式"), choices=InfoRequest.Form.choices, initial="electronic"
    )
    receive_by = forms.ChoiceField(
        label=_("获取信息的方式"), choices=InfoRequest.ReceiveBy.choices, initial="online"
    )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for field, message in validate_application(self.application_data()).items():
            self.add_error(field, message)
        return cleaned

    def application_data(self) -> ApplicationData:
        return ApplicationData(
            # The application's own fields only: a subclass may add unit, channel, date.
            **{name: self.cleaned_data.get(name, "") for name in ApplicationForm.base_fields}
        ).cleaned()
