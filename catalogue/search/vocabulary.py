"""The search vocabulary: everyday words, acronyms and synonyms, and the needs they point to.

The shipped file (`catalogue/data/vocabulary.csv`) is reviewed package data; a programme adds
its own entries (kept by the application) with `Vocabulary.extended`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from catalogue.search.analysis import Token, tokens
from catalogue.search.lexicon import Lexicon
from catalogue.search.vocabulary_file import (  # noqa: F401  (re-exported)
    KINDS,
    VOCABULARY,
    Entry,
    acronyms_of,
    is_acronym,
    read_entries,
)

Phrase = tuple[str, ...]


@dataclass
class Meaning:
    """What a phrase means: the phrases that say the same thing, and the needs it names."""

    phrases: set[Phrase] = field(default_factory=set)
    needs: set[str] = field(default_factory=set)
    display: dict[Phrase, str] = field(default_factory=dict)


class Vocabulary:
    """Phrases looked up by their stems or by their sound, with acronyms and generic words."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self.acronyms = acronyms_of(self.entries)
        self.meanings: list[Meaning] = []
        self.by_terms: dict[Phrase, int] = {}
        self.by_keys: dict[Phrase, int] = {}
        self.generic: set[Phrase] = set()
        self.longest = 1
        for entry in self.entries:
            self._add(entry)

    def extended(self, entries: Sequence[Entry]) -> Vocabulary:
        """Return this vocabulary with more entries (a programme's own)."""
        return Vocabulary([*self.entries, *entries]) if entries else self

    def tokens(self, text: str) -> list[Token]:
        """Return the tokens of a text, this vocabulary's acronyms recognised."""
        return tokens(text, self.acronyms)

    def _phrase(self, text: str) -> tuple[Phrase, Phrase]:
        found = self.tokens(text)
        return tuple(t.term for t in found), tuple(t.key for t in found)

    def _add(self, entry: Entry) -> None:
        terms, keys = self._phrase(entry.entry)
        if not terms:
            return
        if entry.kind == "generique":
            self.generic.add(terms)
            return
        meaning = self._meaning(terms, keys, entry.entry)
        if entry.kind == "besoin":
            meaning.needs.add(entry.target)
            return
        other_terms, other_keys = self._phrase(entry.target)
        if other_terms:
            other = self._meaning(other_terms, other_keys, entry.target)
            if other is not meaning:
                self._merge(meaning, other)

    def _meaning(self, terms: Phrase, keys: Phrase, text: str) -> Meaning:
        number = self.by_terms.get(terms)
        if number is None:
            number = len(self.meanings)
            self.meanings.append(Meaning())
            self.by_terms[terms] = number
        self.by_keys.setdefault(keys, number)
        meaning = self.meanings[number]
        meaning.phrases.add(terms)
        meaning.display.setdefault(terms, text)
        self.longest = max(self.longest, len(terms))
        return meaning

    def _merge(self, kept: Meaning, gone: Meaning) -> None:
        """Make two meanings one (a synonym or acronym joins two groups)."""
        kept.phrases |= gone.phrases
        kept.needs |= gone.needs
        kept.display.update({k: v for k, v in gone.display.items() if k not in kept.display})
        number = self.meanings.index(kept)
        for table in (self.by_terms, self.by_keys):
            for phrase, index in table.items():
                if self.meanings[index] is gone:
                    table[phrase] = number

    def match(self, found: Sequence[Token], start: int) -> tuple[int, Meaning, bool] | None:
        """Return the longest phrase at a position: its size, meaning, and whether by sound."""
        for size in range(min(self.longest, len(found) - start), 0, -1):
            part = found[start : start + size]
            number = self.by_terms.get(tuple(t.term for t in part))
            if number is not None:
                return size, self.meanings[number], False
            number = self.by_keys.get(tuple(t.key for t in part))
            if number is not None:
                return size, self.meanings[number], True
        return None

    def is_generic(self, token: Token) -> bool:
        """Tell whether a word is too vague to decide a result alone."""
        return (token.term,) in self.generic

    def single_keys(self) -> dict[str, int]:
        """Return the sound of every one-word phrase, with its meaning (for typo matching)."""
        return {keys[0]: number for keys, number in self.by_keys.items() if len(keys) == 1}

    @cached_property
    def lexicon(self) -> Lexicon:
        """Return the one-word entries as a lexicon (typos and abbreviations of entries)."""
        singles: Counter[str] = Counter()
        for meaning in self.meanings:
            for text in meaning.display.values():
                found = self.tokens(text)
                if len(found) == 1 and not found[0].acronym:
                    singles[found[0].typed.casefold()] += 1
        return Lexicon(singles)

    def need_phrases(self) -> dict[str, list[str]]:
        """Return, per need code, the everyday entries that name it."""
        found: dict[str, list[str]] = {}
        for entry in self.entries:
            if entry.kind == "besoin":
                found.setdefault(entry.target, []).append(entry.entry)
        return found


@lru_cache(maxsize=1)
def shipped() -> Vocabulary:
    """Return the vocabulary shipped with the package."""
    return Vocabulary(read_entries())
