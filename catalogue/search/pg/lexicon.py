"""The catalogue's words on PostgreSQL: by sound, near by typo, and the longer words they begin.

The same answers as the embedded `Lexicon`, read from `search_words`: a typo's shortlist comes
from the trigram index on the phonetic keys (`pg_trgm`, nearest first), and
`levenshtein_less_equal` (`fuzzystrmatch`) confirms the edit distance.
"""

from __future__ import annotations

import math

from sqlalchemy import Connection, text

from catalogue.search import weights
from catalogue.search.analysis import fold_word
from catalogue.search.lexicon import allowed_distance
from catalogue.search.phonetic import phonetic

SHORTLIST = 200  # nearest words by trigrams, before the edit distance confirms them

_SOUNDING = text(
    "SELECT word FROM search_words WHERE sound = :key AND services > 0 AND word <> :word"
    " ORDER BY services DESC, word"
)
_NEAR = text(
    "SELECT sound, (array_agg(word ORDER BY services DESC, word))[1] AS word"
    " FROM (SELECT sound, word, services FROM search_words WHERE services > 0"
    "       ORDER BY sound <-> :key LIMIT :shortlist) AS shortlist"
    " WHERE levenshtein_less_equal(sound, :key, :distance) <= :distance"
    " GROUP BY sound"
    " ORDER BY min(levenshtein_less_equal(sound, :key, :distance)), max(services) DESC, sound"
    " LIMIT :limit"
)
_COMPLETIONS = text(
    "SELECT word FROM search_words"
    " WHERE folded LIKE :prefix ESCAPE '\\' AND folded <> :folded AND services > 0"
    " ORDER BY services DESC, folded, word LIMIT :limit"
)
_FREQUENCY = text("SELECT services FROM search_terms WHERE term = :term")


class PostgresLexicon:
    """The words and terms of the search rows, read on one connection."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._frequency: dict[str, int] = {}

    def sounding(self, word: str) -> list[str]:
        """Return the catalogue's words that sound like this one (itself excluded)."""
        key = phonetic(fold_word(word))
        return list(self.connection.scalars(_SOUNDING, {"key": key, "word": word}))

    def near(self, word: str, limit: int = 3) -> list[str]:
        """Return the most frequent word of each sound within the word's edit distance."""
        key = phonetic(fold_word(word))
        distance = min(allowed_distance(word), allowed_distance(key))
        if not distance:
            return []
        found = self.connection.execute(
            _NEAR, {"key": key, "distance": distance, "limit": limit, "shortlist": SHORTLIST}
        )
        return [row.word for row in found]

    def completions(self, word: str, limit: int = 3) -> list[str]:
        """Return the most frequent words this one abbreviates ("pedopsy" → "pedopsychiatre")."""
        if len(word) < weights.ABBREVIATION_LENGTH:
            return []
        folded = fold_word(word)
        prefix = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found = self.connection.scalars(
            _COMPLETIONS, {"prefix": prefix, "folded": folded, "limit": limit}
        )
        return list(found)

    def frequency(self, term: str) -> int:
        """Return how many services hold the term (the empty term: how many rows there are)."""
        if term not in self._frequency:
            found = self.connection.scalar(_FREQUENCY, {"term": term})
            self._frequency[term] = max(0, found or 0)
        return self._frequency[term]

    def known(self, term: str) -> bool:
        """Tell whether some service holds the term."""
        return self.frequency(term) > 0

    def idf(self, term: str) -> float:
        """Return the term's inverse document frequency, as Whoosh's BM25 computes it."""
        return math.log(max(1, self.frequency("")) / (self.frequency(term) + 1)) + 1
