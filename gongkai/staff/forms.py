from django import forms
from django.contrib.auth.forms import AuthenticationForm

from gongkai.core.calendar_files import CalendarFileError, parse_iso_date, parse_notice


class StaffAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续多次输错,账号将被暂时锁定。",
        "inactive": "该账号已停用。",
    }


class DeadlineForm(forms.Form):
    """The working-day calculator on the calendar page."""

    start = forms.CharField(label="起算日(当日不计)", help_text="格式 YYYY-MM-DD,例如 2024-09-27")
    days = forms.IntegerField(label="工作日数", min_value=0, max_value=3650, initial=20)
    provisional = forms.BooleanField(
        label="尚未正式录入的年份按周末估算(结果仅供参考)", required=False
    )

    def clean_start(self):
        try:
            return parse_iso_date(self.cleaned_data["start"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class NoticeUploadForm(forms.Form):
    """Upload of one year's State Council holiday notice as CSV or JSON."""

    file = forms.FileField(label="节假日安排文件(CSV 或 JSON)")
    notice = forms.CharField(label="依据通知文号", max_length=200, required=False)
    draft = forms.BooleanField(label="先作为草稿导入,暂不生效", required=False)

    MAX_BYTES = 200_000

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        name = upload.name.lower()
        if not name.endswith((".csv", ".json")):
            raise forms.ValidationError({"file": "只支持 .csv 或 .json 文件"})
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError({"file": "文件过大,一年的节假日安排不应超过 200 KB"})
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError({"file": "文件不是 UTF-8 编码"}) from None
        try:
            cleaned["parsed"] = parse_notice(
                text,
                fmt="json" if name.endswith(".json") else "csv",
                notice=cleaned.get("notice", ""),
            )
        except CalendarFileError as exc:
            raise forms.ValidationError({"file": exc.errors}) from None
        return cleaned
