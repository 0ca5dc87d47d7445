"""Reading a query: vocabulary phrases, acronyms, needs named, and words mended by sound or typo.

A query becomes clauses, one per phrase or word. Each clause lists the alternative phrases
that satisfy it, with their weight (exact, synonym, phonetic, fuzzy), and the needs it names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from catalogue.search import weights
from catalogue.search.analysis import Token, term_of
from catalogue.search.lexicon import Words
from catalogue.search.vocabulary import Meaning, Phrase, Vocabulary


@dataclass(frozen=True)
class Alternative:
    """Terms that must all be in a service, and what meeting them is worth."""

    terms: Phrase
    weight: float


@dataclass
class Clause:
    """A phrase or word of the query, with its alternatives and the needs it names."""

    typed: Sequence[Token]
    alternatives: list[Alternative]
    needs: frozenset[str] = frozenset()
    generic: bool = False
    meant: str | None = None

    @property
    def terms(self) -> set[str]:
        """Return every term the clause may meet (for highlighting)."""
        return {term for alt in self.alternatives for term in alt.terms}


@dataclass
class Understanding:
    """The clauses of a query, the needs it names, and its corrected form when mended."""

    clauses: list[Clause] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    corrected: str | None = None


Known = Callable[[str], bool]


def understand(
    text: str, vocabulary: Vocabulary, lexicon: Words, known: Known, exact: bool = False
) -> Understanding:
    """Return the clauses of a query (with `exact`, no mending by sound or typo)."""
    found = vocabulary.tokens(text)
    clauses: list[Clause] = []
    start = 0
    while start < len(found):
        matched = vocabulary.match(found, start)
        if matched and not (exact and matched[2]):
            size, meaning, by_sound = matched
            typed = found[start : start + size]
            clauses.append(_phrase_clause(typed, meaning, vocabulary, known, by_sound))
            start += size
            continue
        clauses.append(_word_clause(found[start], vocabulary, lexicon, known, exact))
        start += 1
    needs = list(dict.fromkeys(code for clause in clauses for code in sorted(clause.needs)))
    return Understanding(clauses, needs, _corrected(text, clauses))


def _phrase_clause(
    typed: Sequence[Token], meaning: Meaning, vocabulary: Vocabulary, known: Known, by_sound: bool
) -> Clause:
    own = tuple(t.term for t in typed)
    alternatives = [
        Alternative(phrase, weights.EXACT if phrase == own else weights.SYNONYM)
        for phrase in sorted(meaning.phrases)
    ]
    if own not in meaning.phrases:
        alternatives.append(Alternative(own, weights.EXACT))
    meant = None
    if by_sound and not all(known(term) for term in own):
        sound = tuple(t.key for t in typed)
        texts = list(meaning.display.values())
        same = [text for text in texts if tuple(t.key for t in vocabulary.tokens(text)) == sound]
        typed_text = " ".join(t.typed.casefold() for t in typed)
        meant = min(same or texts, key=lambda text: Levenshtein.distance(text, typed_text))
    return Clause(typed, alternatives, frozenset(meaning.needs), meant=meant)


def _word_clause(
    token: Token, vocabulary: Vocabulary, lexicon: Words, known: Known, exact: bool
) -> Clause:
    alternatives = [Alternative((token.term,), weights.EXACT)]
    if vocabulary.is_generic(token):
        return Clause([token], alternatives, generic=True)
    if token.acronym or exact:
        return Clause([token], alternatives)

    def useful(words: list[str]) -> list[str]:
        """Keep the index's words that are found and are not vague (never mend into "aide")."""
        terms = {w: term_of(w) for w in words}
        return [
            w for w, term in terms.items()
            if term != token.term and known(term) and (term,) not in vocabulary.generic
        ]  # fmt: skip

    sounding = useful(lexicon.sounding(token.word))
    alternatives += [Alternative((term_of(w),), weights.PHONETIC) for w in sounding]
    if known(token.term) or sounding:
        return Clause([token], alternatives, meant=None if known(token.term) else sounding[0])
    near = _near_meaning(token, vocabulary)
    if near is not None:
        return near
    close = useful(lexicon.near(token.word))
    alternatives += [Alternative((term_of(w),), weights.FUZZY) for w in close]
    if close:
        return Clause([token], alternatives, meant=close[0])
    longer = useful(lexicon.completions(token.word))
    alternatives += [Alternative((term_of(w),), weights.ABBREVIATED) for w in longer]
    return Clause([token], alternatives)


def _near_meaning(token: Token, vocabulary: Vocabulary) -> Clause | None:
    """Return a clause for a one-word entry within the word's edit distance, or that it begins."""
    lexicon = vocabulary.lexicon
    for word in [*lexicon.near(token.word, limit=1), *lexicon.completions(token.word, limit=1)]:
        matched = vocabulary.match(vocabulary.tokens(word), 0)
        if matched is not None:
            clause = _phrase_clause([token], matched[1], vocabulary, lambda _term: False, True)
            if not word.startswith(token.word):
                clause.meant = word
            else:
                clause.meant = None
            return clause
    return None


def _corrected(text: str, clauses: list[Clause]) -> str | None:
    """Return the query with each mended phrase replaced by the word meant, if any was."""
    mended = [c for c in clauses if c.meant]
    if not mended:
        return None
    output, last = [], 0
    for clause in mended:
        output += [text[last : clause.typed[0].start], clause.meant or ""]
        last = clause.typed[-1].end
    return "".join([*output, text[last:]])
