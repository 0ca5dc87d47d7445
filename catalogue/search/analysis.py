"""French text analysis and the synonyms dictionary: how words become index terms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

from catalogue.resources import DATA_DIR

SYNONYMS = DATA_DIR / "synonyms.txt"

# A phrase is a tuple of stems that must all be present; a clause is a set of alternative phrases.
Phrase = tuple[str, ...]


def french_analyzer() -> Analyzer:
    """Return the analyzer: words, lowercase, stop words, accent folding, French stems."""
    # Fold before stemming: the stemmer's suffix rules differ with and without accents
    # ("activité" vs "activite"), and people type both.
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(lang="fr")
        | CharsetFilter(accent_map)
        | StemFilter(lang="fr", cachesize=100_000)
    )


def plain_analyzer() -> Analyzer:
    """Return the analyzer of unstemmed words (spelling suggestions)."""
    return RegexTokenizer() | LowercaseFilter() | StopFilter(lang="fr") | CharsetFilter(accent_map)


@lru_cache(maxsize=1)
def _analyzer() -> Analyzer:
    return french_analyzer()


def stems(text: str) -> list[str]:
    """Return the index terms of a text, in order."""
    return [token.text for token in _analyzer()(text)]


def words(text: str) -> list[str]:
    """Return the folded, unstemmed words of a text that are not stop words."""
    return [token.text for token in plain_analyzer()(text)]


def read_synonyms(paths: Iterable[Path]) -> list[list[str]]:
    """Read groups of equivalent forms, one comma-separated group a line, `#` for comments."""
    groups: list[list[str]] = []
    for path in paths:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            forms = [form.strip() for form in line.split(",") if form.strip()]
            if len(forms) > 1:
                groups.append(forms)
    return groups


@dataclass
class Synonyms:
    """Groups of equivalent phrases, looked up by their stems."""

    groups: list[list[Phrase]] = field(default_factory=list)
    by_phrase: dict[Phrase, int] = field(default_factory=dict)
    longest: int = 1

    @classmethod
    def load(cls, extra: Path | None = None) -> Synonyms:
        """Load the shipped dictionary and, when given, a programme's own file."""
        found = cls()
        paths = [SYNONYMS] + ([extra] if extra else [])
        for forms in read_synonyms(paths):
            found.add([tuple(stems(form)) for form in forms])
        return found

    def add(self, phrases: Sequence[Phrase]) -> None:
        """Add a group, merging it with the groups that share one of its phrases."""
        phrases = [phrase for phrase in phrases if phrase]
        merged = {self.by_phrase[p] for p in phrases if p in self.by_phrase}
        members = set(phrases)
        for index in merged:
            members.update(self.groups[index])
            self.groups[index] = []
        number = len(self.groups)
        self.groups.append(sorted(members))
        for phrase in members:
            self.by_phrase[phrase] = number
            self.longest = max(self.longest, len(phrase))

    def clauses(self, terms: Sequence[str]) -> list[list[Phrase]]:
        """Split query stems into clauses, each the alternatives of a phrase (longest first)."""
        found: list[list[Phrase]] = []
        start = 0
        while start < len(terms):
            for size in range(min(self.longest, len(terms) - start), 0, -1):
                phrase = tuple(terms[start : start + size])
                if phrase in self.by_phrase:
                    found.append(list(self.groups[self.by_phrase[phrase]]))
                    start += size
                    break
            else:
                found.append([(terms[start],)])
                start += 1
        return found
