"""The checks that tell a real number from a look-alike, as the standards define them.

Every function takes a normalised string: ASCII digits, and "X" for a check
character. The check character of a resident ID number is GB 11643-1999's, the
统一社会信用代码's GB 32100-2015's; bank cards use the Luhn check (ISO/IEC 7812).
"""

import datetime
import operator
import time

# Province-level codes of GB/T 2260 as they start resident ID numbers, plus 81/82/83:
# the residence permits of Hong Kong, Macao and Taiwan residents.
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
_EARLIEST_BIRTH = datetime.date(1900, 1, 1)

# GB 11643-1999: weights 2^(17-i) mod 11 for the first 17 digits; the check
# character is "10X98765432"[sum mod 11].
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_WEIGHTS_48 = 48 * sum(_ID_WEIGHTS)

# GB 32100-2015: 31 characters (no I, O, Z, S, V); weights 3^(i-1) mod 31;
# the check character is the one at (31 - sum mod 31) mod 31.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {c: n for n, c in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_check_character(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits of an ID number."""
    # The ASCII codes of the digits, less 48 for each weight: no int() per digit.
    total = sum(map(operator.mul, first17.encode("ascii"), _ID_WEIGHTS)) - _ID_WEIGHTS_48
    return _ID_CHECK[total % 11]


def _region_ok(digits: str) -> bool:
    # Foreigners' permanent residence ID cards (2023) follow GB 11643 too and
    # start with 9 and the province code.
    return digits[:2] in PROVINCES or (digits[0] == "9" and digits[1:3] in PROVINCES)


def _born(year: int, month: int, day: int, latest: datetime.date) -> bool:
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return False
    return _EARLIEST_BIRTH <= born <= latest


def looks_like_id18(digits: str) -> bool:
    """Region and birth date of an 18-character ID number; the check character is not tested.

    A number that passes this and fails the check is an ID with a typo, not a card.
    """
    return (
        len(digits) == 18
        and digits[:17].isdigit()
        and _region_ok(digits)
        and _born(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]), _today())
    )


_TODAY = [-1.0, datetime.date.today()]


def _today() -> datetime.date:
    # date.today() reads the time zone on every call; a scan asks thousands of times.
    now = time.monotonic()
    if now - _TODAY[0] > 60:
        _TODAY[:] = [now, datetime.date.today()]
    return _TODAY[1]


def id18_valid(digits: str) -> bool:
    """An 18-character resident ID number: region, birth date and GB 11643-1999 check."""
    return looks_like_id18(digits) and id_check_character(digits[:17]) == digits[17]


def id15_valid(digits: str) -> bool:
    """A 15-digit legacy ID number (before 1999): region and birth date only.

    Years before 1910 are refused: old 15-digit business registration numbers
    (注册号) carry "00…" where an ID number has the birth year.
    """
    return (
        len(digits) == 15
        and digits.isdigit()
        and _region_ok(digits)
        and int(digits[6:8]) >= 10
        and _born(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]), _LEGACY_LAST)
    )


_LEGACY_LAST = datetime.date(1999, 12, 31)


def luhn_valid(digits: str) -> bool:
    """The Luhn (ISO/IEC 7812) check that every bank card number passes."""
    # From the right: digits in odd places count as they are, the others doubled
    # (minus 9 when the double has two digits).
    kept, doubled = digits[-1::-2], digits[-2::-2].translate(_DOUBLED)
    total = sum(kept.encode("ascii")) + sum(doubled.encode("ascii")) - 48 * len(digits)
    return total % 10 == 0


_DOUBLED = str.maketrans("0123456789", "0246813579")


def uscc_valid(code: str) -> bool:
    """A 统一社会信用代码 whose GB 32100-2015 check character is right."""
    if len(code) != 18 or any(c not in _USCC_VALUES for c in code):
        return False
    total = sum(_USCC_VALUES[c] * w for c, w in zip(code, _USCC_WEIGHTS, strict=False))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == code[17]
