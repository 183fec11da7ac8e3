"""Staff passwords pass Django's validators."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from gongkai.orgs.services import staff_create


@pytest.mark.parametrize("password", ["short1", "12345678901", "password123", "chen_xiaowen1"])
def test_weak_passwords_are_refused(db, password):
    with pytest.raises(ValidationError):
        staff_create(username="chen_xiaowen", full_name="陈晓文", password=password, actor=None)
    assert not get_user_model().objects.filter(username="chen_xiaowen").exists()
