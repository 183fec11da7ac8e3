"""Reading an issued letter back from the .docx the unit prints and seals."""

import io

import docx

from gongkai.foi import letters


def docx_paragraphs(letter) -> list[str]:
    """The non-empty paragraphs of `letters.letter_docx(letter)`, opened with python-docx."""
    document = docx.Document(io.BytesIO(letters.letter_docx(letter)))
    return [p.text for p in document.paragraphs if p.text.strip()]


def docx_properties(letter):
    return docx.Document(io.BytesIO(letters.letter_docx(letter))).core_properties
