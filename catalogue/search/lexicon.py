"""The index's own vocabulary: its real words, grouped by sound, searched at a small distance.

Typo tolerance compares a query word with these words, never with stems, so that a correction
shown to a person is always a word that exists ("psychologue", never "psycholog").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from catalogue.search import weights
from catalogue.search.analysis import fold_word, words
from catalogue.search.phonetic import phonetic

WORDS_FILE = "words.tsv"


def count_words(texts: Iterable[str]) -> Counter[str]:
    """Return how many texts hold each word (lowercased, accents kept for display)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(words(text)))
    return counts


def read_counts(folder: Path) -> Counter[str]:
    """Read the word counts kept beside an index generation."""
    path = folder / WORDS_FILE
    counts: Counter[str] = Counter()
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, number = line.partition("\t")
            counts[word] = int(number or 0)
    return counts


def write_counts(folder: Path, counts: Counter[str]) -> None:
    """Write the word counts beside an index generation (atomically)."""
    temporary = folder / f"{WORDS_FILE}.tmp"
    temporary.write_text(
        "".join(f"{word}\t{number}\n" for word, number in sorted(counts.items())),
        encoding="utf-8",
    )
    temporary.replace(folder / WORDS_FILE)


class Words(Protocol):
    """Where a query's words are mended: the index's words by sound, typo and abbreviation."""

    def sounding(self, word: str) -> list[str]:
        """Return the words that sound like this one (itself excluded)."""

    def near(self, word: str, limit: int = 3) -> list[str]:
        """Return the most frequent word of each sound within the word's edit distance."""

    def completions(self, word: str, limit: int = 3) -> list[str]:
        """Return the most frequent words this one abbreviates."""


def allowed_distance(word: str) -> int:
    """Return the edit distance a word of this length tolerates (0: too short to guess)."""
    return max((d for length, d in weights.TYPO_DISTANCES if len(word) >= length), default=0)


class Lexicon:
    """Real words of the index by phonetic key, most frequent first."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.by_key: dict[str, list[str]] = {}
        for word, _ in counts.most_common():
            if not word.isdigit():
                self.by_key.setdefault(phonetic(fold_word(word)), []).append(word)
        self.keys = list(self.by_key)
        self.sorted_words = sorted((fold_word(w), w) for w in counts if not w.isdigit())

    def sounding(self, word: str) -> list[str]:
        """Return the index's words that sound like this one (itself excluded)."""
        return [other for other in self.by_key.get(phonetic(fold_word(word)), ()) if other != word]

    def near(self, word: str, limit: int = 3) -> list[str]:
        """Return the most frequent word of each sound within the word's edit distance."""
        key = phonetic(fold_word(word))
        distance = min(allowed_distance(word), allowed_distance(key))
        if not distance:
            return []
        found = process.extract(
            key, self.keys, scorer=Levenshtein.distance,
            score_cutoff=distance, limit=limit,
        )  # fmt: skip
        return [self.by_key[key][0] for key, _, _ in found]

    def completions(self, word: str, limit: int = 3) -> list[str]:
        """Return the most frequent words this one abbreviates ("pedopsy" → "pedopsychiatre")."""
        if len(word) < weights.ABBREVIATION_LENGTH:
            return []
        folded = fold_word(word)
        start = bisect_left(self.sorted_words, (folded, ""))
        found = []
        for other, surface in self.sorted_words[start:]:
            if not other.startswith(folded):
                break
            if other != folded:
                found.append(surface)
        return sorted(found, key=lambda w: -self.counts[w])[:limit]
