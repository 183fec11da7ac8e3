"""Test settings: the production settings with speed and isolation changes only.

GONGKAI_TEST_DATABASE_URL, when set, runs the suite on that database
(PostgreSQL in CI); otherwise on SQLite.
"""

import os
import tempfile

os.environ.setdefault(
    "GONGKAI_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789"
)

from gongkai.settings import *  # noqa: E402,F403
from gongkai.settings import _database  # noqa: E402

_test_url = os.environ.get("GONGKAI_TEST_DATABASE_URL")
if _test_url:
    DATABASES = {"default": _database(_test_url)}
else:
    DATABASES = {"default": _database("sqlite:///:memory:")}
DATABASES["default"]["CONN_MAX_AGE"] = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="gongkai-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="gongkai-test-static-")
GONGKAI_SEARCH_INDEX_DIR = tempfile.mkdtemp(prefix="gongkai-test-search-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
