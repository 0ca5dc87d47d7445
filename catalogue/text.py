"""Text helpers shared by lookups and search: accent and case folding."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s'’\-]+")


def fold(text: str) -> str:
    """Return the text lowercased, without accents, with separators collapsed to one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", bare.casefold()).strip()
