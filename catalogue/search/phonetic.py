"""French phonetic folding: spellings that sound alike get one key ("ortofoniste", "orthophoniste").

The key is not a pronunciation: it only needs to send the usual misspellings of a word to the
same place as the word. It works on folded words (lowercase, no accents, see `analysis`).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Order matters: digraphs before single letters, hard/soft c and g before the rest.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ph", "f"),
        (r"th", "t"),
        (r"rh", "r"),
        (r"sch", "ch"),
        (r"ch(?=[rl])", "k"),  # chronique, chlore
        (r"psych", "psik"),  # psychologue, psychiatre, psychomotricité
        (r"qu|ck|q", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"gu(?=[eiy])", "g"),
        (r"y", "i"),
        (r"w", "v"),
        (r"z", "s"),
        (r"x$", ""),
        (r"eaux?|au", "o"),
        (r"ai|ei", "e"),
        (r"tion", "sion"),
        (r"em(?=[bp])|en(?=[^aeiou]|$)", "an"),
        (r"om(?=[bp])", "on"),
        (r"(?<![cs])h", ""),  # silent h (c and s kept their h above or below)
        (r"([a-z])\1+", r"\1"),  # doubled letters
    )
)


_SILENT = "estdx"


@lru_cache(maxsize=200_000)
def phonetic(word: str) -> str:
    """Return the phonetic key of a folded word."""
    key = word
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    # Silent endings ("orthophonistes", "orthophoniste", "orthophonist"), keeping a short root.
    while len(key) > 4 and key[-1] in _SILENT:
        key = key[:-1]
    return key or word
