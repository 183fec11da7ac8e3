"""The 信息处理费 a request may carry (《条例》第四十二条, 国办函〔2020〕109号).

Disclosure on request is free; a fee is allowed only when an applicant's
requests clearly exceed a reasonable number. The fee-notice form suggests the
按件计收 amount from the bands in data/fees.toml (`forms.PauseStartForm`);
`per_page_fee` is the 按量计收 scheme, which needs a page count the form does not
ask yet. The handler decides, and a fee notice pauses the clock until payment
(`services.pause_start`).
"""

import datetime
import tomllib
from decimal import Decimal
from functools import cache
from pathlib import Path

from gongkai.foi.models import InfoRequest

DATA_FILE = Path(__file__).resolve().parent / "data" / "fees.toml"


@cache
def _bands() -> dict:
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)


def per_request_fee(nth_this_month: int) -> Decimal:
    """The fee of an applicant's n-th request in a calendar month (按件计收)."""
    rule = _bands()["per_request"]
    if nth_this_month <= rule["free_up_to"]:
        return Decimal(0)
    if nth_this_month <= rule["first_band_up_to"]:
        return Decimal(rule["first_band_yuan"])
    bands_above = (nth_this_month - rule["first_band_up_to"] - 1) // rule["band_size"] + 1
    return Decimal(rule["first_band_yuan"] + bands_above * rule["band_step_yuan"])


def per_page_fee(pages: int) -> Decimal:
    """The fee of a request of `pages` pages (按量计收), each band charged on its excess."""
    bands = sorted(_bands()["per_page"], key=lambda band: band["from_page"])
    total = Decimal(0)
    for index, band in enumerate(bands):
        upper = bands[index + 1]["from_page"] - 1 if index + 1 < len(bands) else pages
        charged = min(pages, upper) - band["from_page"] + 1
        if charged > 0:
            total += charged * Decimal(band["yuan_per_page"])
    return total


def nth_this_month(info_request: InfoRequest) -> int:
    """Which request of its calendar month this is for the applicant (by ID number), all units."""
    day = info_request.received_on or info_request.submitted_at.date()
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    if not info_request.id_number:
        return 1
    earlier = InfoRequest.objects.filter(
        id_number=info_request.id_number,
        received_on__gte=first,
        received_on__lt=following,
    ).exclude(pk=info_request.pk)
    if info_request.received_on:
        earlier = earlier.filter(received_on__lte=info_request.received_on)
    return earlier.count() + 1
