"""The portal shows published, proactive records only, with their interpretations both ways."""

import pytest

from gongkai.privacy.tests.files import subsidy_sheet
from gongkai.records import privacy_gate, services
from gongkai.records.models import Record
from gongkai.records.services import InterpretationData
from gongkai.records.tests.conftest import take_to


@pytest.fixture
def published(draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver):
    services.interpretation_save(
        policy=draft,
        actor=tanzhou_editor,
        data=InterpretationData(
            title="一图读懂2026年秋季招生计划", body="<p>今年新增学位300个。</p>"
        ),
    )
    services.attachment_add(
        record=draft, actor=tanzhou_editor, name="补贴发放表.xlsx", data=subsidy_sheet()
    )
    privacy_gate.record_mask(record=draft, actor=tanzhou_editor)
    return take_to(draft, Record.Status.PUBLISHED, editor=tanzhou_editor,
                   reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip


def test_a_published_record_and_its_interpretation_link_to_each_other(client, published):
    page = client.get(f"/xxgk/{published.pk}/").content.decode()
    interpretation = published.interpretations.get()

    assert published.title in page and published.index_number in page
    assert f"/xxgk/{published.pk}/jiedu/{interpretation.pk}/" in page
    other_way = client.get(f"/xxgk/{published.pk}/jiedu/{interpretation.pk}/").content.decode()
    assert "今年新增学位300个" in other_way and f'href="/xxgk/{published.pk}/"' in other_way


def test_the_public_attachment_is_the_masked_file(client, published):
    attachment = published.attachments.get()

    response = client.get(f"/xxgk/{published.pk}/files/{attachment.pk}/")

    assert response.status_code == 200
    with attachment.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()
    assert attachment.masked


def test_unpublished_records_are_never_public(client, published):
    unpublished = services.record_create(
        unit=published.unit, actor=None, data=services.RecordData(title="内部请示(草稿)")
    )

    listing = client.get("/xxgk/").content.decode()

    assert client.get(f"/xxgk/{unpublished.pk}/").status_code == 404
    assert "内部请示" not in listing and published.title in listing


def test_an_expired_record_is_marked_and_links_its_replacement(
    client, published, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    import datetime

    newer = services.record_create(
        unit=published.unit, actor=tanzhou_editor,
        data=services.RecordData(title="坦洲镇2027年秋季义务教育招生计划"),
    )  # fmt: skip
    take_to(newer, Record.Status.PUBLISHED, editor=tanzhou_editor,
            reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip
    services.record_set_validity(
        record=published, actor=tanzhou_approver, validity="expired",
        on=datetime.date(2027, 8, 31), replaced_by=newer,
    )  # fmt: skip

    page = client.get(f"/xxgk/{published.pk}/").content.decode()

    assert "本文件已失效" in page and f"/xxgk/{newer.pk}/" in page
    assert published.title in client.get(f"/xxgk/{newer.pk}/").content.decode()
