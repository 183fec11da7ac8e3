"""A unit reports on every year it existed in, even for a few months in the middle of one."""

import datetime

import pytest

from gongkai.orgs.models import Unit

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_unit_set_up_and_merged_within_one_year(zhongshan):
    unit = Unit.objects.get(code="tanzhou")
    unit.valid_from, unit.valid_to = D(2024, 3, 1), D(2024, 10, 31)
    unit.save()
    assert unit.existed_in(2024)
    assert not unit.existed_in(2023) and not unit.existed_in(2025)
    assert Unit.objects.existing_in(2024).filter(pk=unit.pk).exists()
    assert not Unit.objects.existing_in(2025).filter(pk=unit.pk).exists()
