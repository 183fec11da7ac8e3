"""Catalog rows and a desk that publishes them through the real catalog services."""

from gongkai.catalogs import services
from gongkai.catalogs.models import CatalogVersion
from gongkai.orgs.models import Domain, Unit
from gongkai.orgs.selectors import counterpart_for

Status = CatalogVersion.Status
STEPS = [Status.SUBMITTED, Status.APPROVED, Status.FILED, Status.PUBLISHED]


def catalog_row(category: str, name: str, **fields) -> services.ItemData:
    """One catalog row with the usual answers: 全社会, 主动, 政府网站, 镇(街)级."""
    defaults = {
        "elements": ["各类教育政策文件"],
        "legal_basis": ["《政府信息公开条例》"],
        "time_limit_text": "信息形成或者变更之日起20个工作日内",
        "publisher": "坦洲镇教体文旅局",
        "channels": ["gov_website"],
        "audience_public": True,
        "mode_proactive": True,
        "levels": ["town"],
    }
    return services.ItemData(category=category, name=name, **{**defaults, **fields})


class CatalogDesk:
    """Drafts catalog versions and moves them through review, filing and publishing."""

    def __init__(self, *, editor, approver, reviewer, office):
        self.editor, self.approver, self.reviewer, self.office = editor, approver, reviewer, office

    def draft(self, unit_code: str, domain: Domain, rows) -> CatalogVersion:
        catalog = services.catalog_get_or_create(
            unit=Unit.objects.get(code=unit_code), domain=domain, actor=self.editor
        )
        return services.version_start(catalog=catalog, actor=self.editor, items=list(rows))

    def advance(self, version: CatalogVersion, to: str) -> CatalogVersion:
        """Take `version` up to the status `to`; towns pass the counterpart's review."""
        for step in STEPS[: STEPS.index(to) + 1]:
            if step == Status.SUBMITTED:
                services.version_submit(version=version, actor=self.approver)
            elif step == Status.APPROVED and services.needs_counterpart_review(version):
                services.version_review(
                    version=version,
                    actor=self.reviewer,
                    reviewer_unit=counterpart_for(version.catalog.domain),
                    approve=True,
                    text="经审核,同意报备。",
                )
            elif step == Status.FILED:
                services.version_file(version=version, actor=self.office)
            elif step == Status.PUBLISHED:
                services.version_publish(version=version, actor=self.office)
            version.refresh_from_db()
        return version

    def publish(self, unit_code: str, domain: Domain, rows) -> CatalogVersion:
        """A new version of the unit's catalog holding `rows`, published."""
        return self.advance(self.draft(unit_code, domain, rows), Status.PUBLISHED)
