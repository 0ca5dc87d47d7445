"""French text analysis: how words become index terms, and how a query's words are read.

Acronyms of the vocabulary are recognised first, as whole words in any case and before any
folding, and become their capitalised form ("caf", "Caf" → `CAF`): so "CAF" never meets
"café" (whose stem is `caf`). Other words are lowercased, stop words dropped, accents folded,
then stemmed; a query word also gets its phonetic key (see `phonetic`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import Analyzer, Filter, RegexTokenizer
from whoosh.analysis.acore import Token as WhooshToken
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

from catalogue.search.phonetic import phonetic
from catalogue.search.vocabulary_file import shipped_acronyms

STOP_WORDS = stopwords_for_language("fr")
_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = stemmer_for_language("fr")


@lru_cache(maxsize=200_000)
def stem(folded: str) -> str:
    """Return the French stem of a folded word."""
    return str(_stemmer(folded))


def fold_word(word: str) -> str:
    """Return a lowercased word without accents."""
    return word.casefold().translate(accent_map)


def index_acronyms() -> frozenset[str]:
    """Return the acronyms the index knows (the shipped vocabulary's), casefolded."""
    return shipped_acronyms()


class FrenchFilter(Filter):
    """Acronyms kept whole; other words lowercased, stop words out, accents folded, stemmed."""

    def __init__(self, acronyms: Collection[str] | None = None) -> None:
        self.acronyms = acronyms

    def __call__(self, stream: Iterator[WhooshToken]) -> Iterator[WhooshToken]:
        acronyms = index_acronyms() if self.acronyms is None else self.acronyms
        for token in stream:
            lowered = token.text.casefold()
            if lowered in acronyms:
                token.text = lowered.upper()
            elif lowered in STOP_WORDS:
                continue
            else:
                token.text = stem(lowered.translate(accent_map))
            yield token


def french_analyzer() -> Analyzer:
    """Return the analyzer of the index's text field."""
    return RegexTokenizer() | FrenchFilter()


@lru_cache(maxsize=1)
def _analyzer() -> Analyzer:
    return french_analyzer()


def stems(text: str) -> list[str]:
    """Return the index terms of a text, in order."""
    return [token.text for token in _analyzer()(text)]


def words(text: str) -> list[str]:
    """Return the lowercased words of a text that are not stop words (the index's vocabulary)."""
    return [
        lowered
        for lowered in (word.casefold() for word in _WORD.findall(text))
        if lowered not in STOP_WORDS and not lowered.isdigit()
    ]


def term_of(word: str) -> str:
    """Return the index term of one word (folded and stemmed)."""
    return stem(fold_word(word))


@dataclass(frozen=True)
class Token:
    """A word of a query: as typed, folded, its index term and its phonetic key."""

    typed: str
    word: str
    term: str
    key: str
    acronym: bool
    start: int
    end: int


def tokens(text: str, acronyms: Collection[str]) -> list[Token]:
    """Return the words of a query that are not stop words, with their terms and keys."""
    found = []
    for match in _WORD.finditer(text):
        typed = match.group()
        lowered = typed.casefold()
        if lowered in acronyms:
            term = lowered.upper()
            found.append(Token(typed, lowered, term, term, True, match.start(), match.end()))
        elif lowered not in STOP_WORDS:
            folded = lowered.translate(accent_map)
            found.append(Token(typed, folded, stem(folded), phonetic(folded), False, *match.span()))
    return found
