"""A department's catalog skips the counterpart review: submitted → filed → published."""

from gongkai.catalogs import services
from gongkai.catalogs.models import CatalogVersion
from gongkai.catalogs.tests.conftest import ROWS
from gongkai.orgs.models import Domain, Unit

Status = CatalogVersion.Status


def test_department_catalog_is_filed_without_review(client, minzheng_approver, office_admin):
    unit = Unit.objects.get(code="civil-affairs")
    catalog = services.catalog_get_or_create(
        unit=unit, domain=Domain.objects.get(name="社会救助"), actor=None
    )
    version = services.version_start(catalog=catalog, actor=None, items=list(ROWS))
    client.force_login(minzheng_approver)
    client.post(f"/staff/catalogs/v/{version.pk}/submit/")
    client.force_login(office_admin)
    client.post(f"/staff/catalogs/v/{version.pk}/file/")
    version.refresh_from_db()
    assert version.status == Status.FILED
    assert not version.opinions.exists()
