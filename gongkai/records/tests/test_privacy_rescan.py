"""`gongkai privacy rescan` lists personal data found again in what is already published."""

from django.core.management import call_command

from gongkai.privacy.tests.files import ID_HUANG
from gongkai.records.models import Record


def test_rescan_lists_open_findings_masked(draft, tanzhou_editor, tanzhou_secrecy_reviewer,
                                           tanzhou_approver, capsys):  # fmt: skip
    from gongkai.records.tests.conftest import take_to

    take_to(draft, Record.Status.PUBLISHED, editor=tanzhou_editor,
            reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip
    # As if published under older rules: the body now holds a number today's rules find.
    Record.objects.filter(pk=draft.pk).update(body=f"<p>黄志明 {ID_HUANG}</p>")

    call_command("privacy", "rescan")

    out = capsys.readouterr().out
    assert f"{draft.index_number}\t{draft.title}\t正文\t身份证号码\t4420" in out
    assert ID_HUANG not in out
    assert "共发现 1 处待处理的个人信息" in out
