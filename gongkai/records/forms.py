import re

from django import forms

from gongkai.catalogs.models import CatalogItem, CatalogVersion, Channel
from gongkai.orgs.models import Unit
from gongkai.privacy.extract import MAX_ATTACHMENT_BYTES
from gongkai.records.models import Interpretation, LegalBasis, Record
from gongkai.records.services import InterpretationData, RecordData

QA_LINE = re.compile(r"^(问|答)\s*[:：]\s*(.+)$")


class DateInput(forms.DateInput):
    input_type = "date"


class RecordForm(forms.Form):
    """A record as drafted; the disclosure attribute is decided here (源头认定)."""

    title = forms.CharField(label="标题", max_length=300)
    doc_number = forms.CharField(label="文号", max_length=100, required=False)
    doc_type = forms.ChoiceField(label="文件类型", choices=Record.DocType.choices)
    is_major_policy = forms.BooleanField(label="重大政策(须同步发布政策解读)", required=False)
    written_on = forms.DateField(label="成文日期", required=False, widget=DateInput)
    formed_on = forms.DateField(
        label="形成或变更日期",
        required=False,
        widget=DateInput,
        help_text="公开时限从此日起算(《条例》第二十六条)",
    )
    topic = forms.CharField(label="主题分类", max_length=50, required=False)
    summary = forms.CharField(
        label="内容概述", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label="正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="可粘贴带格式的文字;脚本、样式等不安全的内容会被自动去除。",
    )
    catalog_items = forms.ModelMultipleChoiceField(
        label="对应标准目录事项",
        queryset=CatalogItem.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    channels = forms.MultipleChoiceField(
        label="公开渠道",
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    co_issuers = forms.ModelMultipleChoiceField(
        label="联合发文单位",
        queryset=Unit.objects.filter(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.TOWN]),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    disclosure = forms.ChoiceField(
        label="公开属性", choices=Record.Disclosure.choices, widget=forms.RadioSelect
    )
    disclosure_reason = forms.CharField(
        label="不主动公开的理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="依申请公开或不予公开时必填",
    )
    disclosure_basis = forms.ModelChoiceField(
        label="法律依据", queryset=LegalBasis.objects.all(), required=False
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["catalog_items"].queryset = CatalogItem.objects.filter(
            version__catalog__unit=unit, version__status=CatalogVersion.Status.PUBLISHED
        ).select_related("version__catalog__domain")
        self.fields["catalog_items"].label_from_instance = lambda item: (
            f"{item.version.catalog.domain.name} · {item}"
        )
        self.fields["co_issuers"].queryset = self.fields["co_issuers"].queryset.exclude(pk=unit.pk)

    @classmethod
    def initial_from(cls, record: Record) -> dict:
        return {
            "title": record.title,
            "doc_number": record.doc_number,
            "doc_type": record.doc_type,
            "is_major_policy": record.is_major_policy,
            "written_on": record.written_on,
            "formed_on": record.formed_on,
            "topic": record.topic,
            "summary": record.summary,
            "body": record.body,
            "catalog_items": list(record.catalog_items.all()),
            "channels": record.channels,
            "co_issuers": list(record.co_issuers.all()),
            "disclosure": record.disclosure,
            "disclosure_reason": record.disclosure_reason,
            "disclosure_basis": record.disclosure_basis,
        }

    def record_data(self) -> RecordData:
        d = self.cleaned_data
        return RecordData(
            title=d["title"],
            doc_number=d["doc_number"],
            doc_type=d["doc_type"],
            is_major_policy=d["is_major_policy"],
            written_on=d["written_on"],
            formed_on=d["formed_on"],
            topic=d["topic"],
            summary=d["summary"],
            body=d["body"],
            catalog_item_ids=[item.pk for item in d["catalog_items"]],
            channels=d["channels"],
            co_issuer_ids=[unit.pk for unit in d["co_issuers"]],
            disclosure=d["disclosure"],
            disclosure_reason=d["disclosure_reason"],
            disclosure_basis_id=d["disclosure_basis"].pk if d["disclosure_basis"] else None,
        )


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(
                "附件超过 %(n)s MB 上限", params={"n": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
            )
        return upload


class InterpretationForm(forms.Form):
    kind = forms.ChoiceField(label="解读形式", choices=Interpretation.Kind.choices)
    title = forms.CharField(label="标题", max_length=300)
    body = forms.CharField(label="正文", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    video_url = forms.URLField(label="视频链接", required=False, assume_scheme="https")
    qa = forms.CharField(
        label="问答",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="每组两行:第一行“问:……”,第二行“答:……”",
    )

    @classmethod
    def initial_from(cls, interpretation: Interpretation) -> dict:
        qa = "\n".join(f"问:{p['q']}\n答:{p['a']}" for p in interpretation.qa)
        return {
            "kind": interpretation.kind,
            "title": interpretation.title,
            "body": interpretation.body,
            "video_url": interpretation.video_url,
            "qa": qa,
        }

    def clean_qa(self):
        """“问:…” / “答:…” lines into [{"q", "a"}], refusing an unpaired line by its number."""
        if self.data.get("kind") != Interpretation.Kind.QA:
            return []  # only 问答解读 has questions and answers
        pairs, question = [], None
        lines = [line.strip() for line in self.cleaned_data["qa"].splitlines() if line.strip()]
        for number, line in enumerate(lines, start=1):
            match = QA_LINE.match(line)
            if match is None:
                raise forms.ValidationError("第%(n)s行应以“问:”或“答:”开头", params={"n": number})
            side, text = match.groups()
            if side == "问":
                if question is not None:
                    raise forms.ValidationError(
                        "第%(n)s行:上一个问题还没有回答", params={"n": number}
                    )
                question = text
            elif question is None:
                raise forms.ValidationError("第%(n)s行:回答前缺少问题", params={"n": number})
            else:
                pairs.append({"q": question, "a": text})
                question = None
        if question is not None:
            raise forms.ValidationError("最后一个问题还没有回答")
        return pairs

    def interpretation_data(self) -> InterpretationData:
        d = self.cleaned_data
        return InterpretationData(
            title=d["title"], kind=d["kind"], body=d["body"], video_url=d["video_url"], qa=d["qa"]
        )


class ExemptionForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))
    legal_basis = forms.CharField(
        label="依据", max_length=300, help_text="如要求公示的法律、法规或规章条款"
    )


class WaiverForm(forms.Form):
    reason = forms.CharField(label="不作解读的理由", widget=forms.Textarea(attrs={"rows": 2}))


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Record.Validity.choices)
    on = forms.DateField(label="变更日期", widget=DateInput)
    replaced_by = forms.ModelChoiceField(
        label="替代文件(如有)", queryset=Record.objects.none(), required=False
    )

    def __init__(self, *args, record: Record, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = Record.objects.filter(
            unit=record.unit, status=Record.Status.PUBLISHED
        ).exclude(pk=record.pk)
