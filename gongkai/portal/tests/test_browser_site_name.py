"""Every page names the platform (settings.SITE_NAME) in its title, header and footer."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/staff/login/",
    ],
)
def test_pages_show_the_site_name(page, path):
    page.goto(path)
    site_name = settings.SITE_NAME
    # The pages are rendered by the server: read them once, no need to wait.
    assert site_name in page.title()
    assert site_name in page.get_by_role("banner").get_by_role("link").first.inner_text()
    assert site_name in page.get_by_role("contentinfo").inner_text()
