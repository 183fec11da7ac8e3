"""{Placeholders} in texts the office or a unit writes (letter templates, report sections).

Texts are filled with str.format_map, so an empty or positional field ({}, {0}),
a format spec ({年度:%Y}) or a conversion ({x!r}) would fail or garble the text
when it is used; they are refused with unknown names, at the time of writing.
"""

import string
from collections.abc import Collection

UNBALANCED = "{"


def bad_placeholders(text: str, allowed: Collection[str]) -> list[str]:
    """Every field of `text` that is not a plain {name} from `allowed`, as written.

    A text whose braces do not parse gives [UNBALANCED].
    """
    try:
        fields = [
            (name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError:
        return [UNBALANCED]
    return [
        "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        for name, spec, conversion in fields
        if name not in allowed or spec or conversion
    ]
