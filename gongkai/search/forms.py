"""The public search form: every field optional; a value that does not fit is ignored."""

from django import forms

from gongkai.orgs.models import Domain, Unit
from gongkai.records.models import Record
from gongkai.search.backends import Filters
from gongkai.search.backends.base import NEWEST, RELEVANCE


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=2000, strip=True)
    unit = forms.ModelChoiceField(
        label="发布机构",
        # Only units with something published: the list stays short on a city's portal.
        queryset=Unit.objects.filter(records__status=Record.Status.PUBLISHED)
        .distinct()
        .order_by("kind", "sort_order", "code"),
        to_field_name="code",
        required=False,
        empty_label="全部",
    )
    domain = forms.ModelChoiceField(
        label="领域",
        queryset=Domain.objects.order_by("sort_order", "code"),
        to_field_name="code",
        required=False,
        empty_label="全部",
    )
    item = forms.IntegerField(
        required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput
    )
    doc_type = forms.ChoiceField(
        label="文件类型", choices=[("", "全部"), *Record.DocType.choices], required=False
    )
    year = forms.IntegerField(label="发布年份", required=False, min_value=1949, max_value=2999)
    validity = forms.ChoiceField(
        label="有效性", choices=[("", "全部"), *Record.Validity.choices], required=False
    )
    sort = forms.ChoiceField(
        label="排序",
        choices=[(RELEVANCE, "按相关度"), (NEWEST, "按发布日期")],
        required=False,
    )

    def search_arguments(self) -> dict:
        """query, filters and order from whatever validated; invalid fields count as empty."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        unit, domain = data["unit"], data["domain"]
        return {
            "query": data["q"] or "",
            "filters": Filters(
                unit_id=unit.pk if unit else None,
                domain_id=domain.pk if domain else None,
                item_id=data["item"],
                doc_type=data["doc_type"] or "",
                year=data["year"],
                validity=data["validity"] or "",
            ),
            "order": data["sort"] or RELEVANCE,
        }
