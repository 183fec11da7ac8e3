from django import forms

from gongkai.catalogs.excel_import import MAX_FILE_BYTES
from gongkai.catalogs.models import Channel, DisclosureLevel, Stage
from gongkai.catalogs.services import ItemData
from gongkai.orgs.models import Domain, Unit


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ItemForm(forms.Form):
    """One catalog row, column by column as in the standard table."""

    stage = forms.ChoiceField(label="五公开环节", choices=Stage.choices, required=False)
    category = forms.CharField(label="一级事项", max_length=100)
    name = forms.CharField(label="二级事项", max_length=200)
    sub_name = forms.CharField(label="三级事项", max_length=200, required=False)
    elements = forms.CharField(
        label="公开内容(要素)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="每行一项",
    )
    legal_basis = forms.CharField(
        label="公开依据",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="每行一项",
    )
    time_limit_text = forms.CharField(
        label="公开时限",
        max_length=300,
        required=False,
        help_text="按标准目录原文填写,如“信息形成或者变更之日起20个工作日内”",
    )
    publisher = forms.CharField(label="公开主体", max_length=200, required=False)
    channels = forms.MultipleChoiceField(
        label="公开渠道和载体",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    channels_other = forms.CharField(label="其他渠道", max_length=300, required=False)
    audience = forms.MultipleChoiceField(
        label="公开对象",
        choices=[("public", "全社会"), ("specific", "特定群体")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mode = forms.MultipleChoiceField(
        label="公开方式",
        choices=[("proactive", "主动"), ("on_request", "依申请")],
        widget=forms.CheckboxSelectMultiple,
    )
    levels = forms.MultipleChoiceField(
        label="公开层级", choices=[], widget=forms.CheckboxSelectMultiple, required=False
    )
    remarks = forms.CharField(label="备注", max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["levels"].choices = [
            (lvl.code, lvl.label) for lvl in DisclosureLevel.objects.all()
        ]

    @classmethod
    def initial_from(cls, item) -> dict:
        return {
            "stage": item.stage,
            "category": item.category,
            "name": item.name,
            "sub_name": item.sub_name,
            "elements": "\n".join(item.elements),
            "legal_basis": "\n".join(item.legal_basis),
            "time_limit_text": item.time_limit_text,
            "publisher": item.publisher,
            "channels": item.channels,
            "channels_other": item.channels_other,
            "audience": [
                k
                for k, on in (
                    ("public", item.audience_public),
                    ("specific", item.audience_specific),
                )
                if on
            ],
            "mode": [
                k
                for k, on in (
                    ("proactive", item.mode_proactive),
                    ("on_request", item.mode_on_request),
                )
                if on
            ],
            "levels": item.levels,
            "remarks": item.remarks,
        }

    def item_data(self, guideline_item_id=None) -> ItemData:
        d = self.cleaned_data
        return ItemData(
            stage=d["stage"] or "",
            category=d["category"],
            name=d["name"],
            sub_name=d["sub_name"],
            elements=_lines(d["elements"]),
            legal_basis=_lines(d["legal_basis"]),
            time_limit_text=d["time_limit_text"],
            publisher=d["publisher"],
            channels=d["channels"],
            channels_other=d["channels_other"],
            audience_public="public" in d["audience"],
            audience_specific="specific" in d["audience"],
            mode_proactive="proactive" in d["mode"],
            mode_on_request="on_request" in d["mode"],
            levels=d["levels"],
            remarks=d["remarks"],
            guideline_item_id=guideline_item_id,
        )


class StartForm(forms.Form):
    domain = forms.ModelChoiceField(label="领域", queryset=Domain.objects.all())
    model_unit = forms.ModelChoiceField(
        label="参照示范单位的已发布目录(可选)",
        required=False,
        queryset=Unit.objects.exclude(model_level="").order_by("sort_order"),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="结论",
        choices=[("approve", "审核通过"), ("return", "退回修改")],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label="书面审核意见", widget=forms.Textarea(attrs={"rows": 4}))


class ExclusionForm(forms.Form):
    reason = forms.CharField(label="不列入理由", widget=forms.Textarea(attrs={"rows": 2}))
    legal_basis = forms.CharField(label="法律依据", max_length=300)


class ImportForm(forms.Form):
    """An Excel catalog to import into the unit's draft for a domain."""

    domain = forms.ModelChoiceField(label="领域", queryset=Domain.objects.all())
    file = forms.FileField(
        label="Excel 文件(.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text="按标准目录表格式:标题行、两行表头、每行一个公开事项;导入后成为草稿,可继续编辑。",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                "文件超过 %(n)s MB,不像是一份标准目录;请检查是否选错了文件",
                params={"n": MAX_FILE_BYTES // (1024 * 1024)},
            )
        return upload
