from django.utils.translation import gettext as _

# A file with more problems than this is usually the wrong file: the first
# hundred say enough, and a page of thousands helps nobody.
MAX_LISTED_ERRORS = 100


class InputErrors(Exception):
    """Input refused as a whole; `errors` lists every problem, each naming its row or field."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def capped(errors: list[str], most: int = MAX_LISTED_ERRORS) -> list[str]:
    """The first `most` problems, and a count of the rest."""
    if len(errors) <= most:
        return errors
    return [*errors[:most], _("……另有%(n)s处问题未列出") % {"n": len(errors) - most}]
