"""A batch-2 town's catalog through the staff pages: draft → submitted → approved → filed → published."""

from gongkai.catalogs.models import CatalogEvent, CatalogVersion, ReviewOpinion
from gongkai.core.models import AuditEvent

Status = CatalogVersion.Status


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})


def test_the_whole_flow(client, xiaolan_draft, xiaolan_approver, jiaoti_approver, office_admin):
    v = xiaolan_draft
    base = f"/staff/catalogs/v/{v.pk}/"
    post(client, xiaolan_approver, base + "submit/")
    v.refresh_from_db()
    assert v.status == Status.SUBMITTED and v.submitted_at

    post(
        client,
        jiaoti_approver,
        base + "review/",
        {"decision": "approve", "text": "符合标准指引,同意报备。"},
    )
    v.refresh_from_db()
    assert v.status == Status.APPROVED
    opinion = ReviewOpinion.objects.get(version=v)
    assert opinion.reviewer_unit.name == "市教育体育局" and opinion.reviewer == jiaoti_approver

    post(client, office_admin, base + "file/")
    v.refresh_from_db()
    assert v.status == Status.FILED and v.filed_at

    post(client, xiaolan_approver, base + "publish/")
    v.refresh_from_db()
    assert v.status == Status.PUBLISHED and v.published_at

    steps = list(
        CatalogEvent.objects.filter(version=v).values_list("new_status", "actor__username")
    )
    assert steps == [
        ("draft", "li_wanting"),
        ("submitted", "huang_guowei"),
        ("approved", "su_wenjing"),
        ("filed", "li_xiufang"),
        ("published", "huang_guowei"),
    ]
    assert AuditEvent.objects.filter(
        action="catalogversion.published", actor=xiaolan_approver
    ).exists()


def test_return_with_opinion_then_resubmit(
    client, xiaolan_draft, xiaolan_editor, xiaolan_approver, jiaoti_approver
):
    v = xiaolan_draft
    base = f"/staff/catalogs/v/{v.pk}/"
    post(client, xiaolan_approver, base + "submit/")
    post(
        client,
        jiaoti_approver,
        base + "review/",
        {"decision": "return", "text": "招生范围事项缺失,请补充。"},
    )
    v.refresh_from_db()
    assert v.status == Status.RETURNED
    # The unit reads the opinion; its editor may edit the returned version again.
    client.force_login(xiaolan_editor)
    page = client.get(base).content.decode()
    assert "招生范围事项缺失" in page
    response = client.post(
        base + "items/new/",
        {
            "category": "招生管理",
            "name": "招生范围",
            "elements": "招生范围、学区划分详细情况",
            "time_limit_text": "同上",
            "publisher": "小榄镇教体文旅局",
            "channels": ["gov_website"],
            "audience": ["public"],
            "mode": ["proactive"],
            "levels": ["town"],
        },
    )
    assert response.status_code == 302
    post(client, xiaolan_approver, base + "submit/")
    v.refresh_from_db()
    assert v.status == Status.SUBMITTED and v.items.count() == 3


def test_review_needs_a_written_opinion(client, xiaolan_draft, xiaolan_approver, jiaoti_approver):
    v = xiaolan_draft
    post(client, xiaolan_approver, f"/staff/catalogs/v/{v.pk}/submit/")
    post(
        client,
        jiaoti_approver,
        f"/staff/catalogs/v/{v.pk}/review/",
        {"decision": "approve", "text": "  "},
    )
    v.refresh_from_db()
    assert v.status == Status.SUBMITTED
    assert not ReviewOpinion.objects.exists()
