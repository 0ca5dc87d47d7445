"""Reading postings: candidates from keyword terms, text clauses matched and scored by BM25.

Whoosh's own `skip_to` scans a postings block one entry at a time; here a block's ids are
bisected, and documents added in locality order (see `ServiceDocument.locality`) make a query's
candidates share the few blocks decoded.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher, MultiMatcher
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from catalogue.search import weights
from catalogue.search.understanding import Clause
from catalogue.search.vocabulary import Phrase


def term_matcher(searcher: Searcher, field_name: str, term: str) -> Matcher | None:
    if not searcher.doc_frequency(field_name, term):
        return None
    try:
        return searcher.postings(field_name, term)
    except TermNotFound:
        return None


def ids_with_any(searcher: Searcher, field_name: str, terms: Sequence[str]) -> set[int]:
    """Return the documents holding any of the terms (unscored postings)."""
    reader = searcher.reader()
    found: set[int] = set()
    for term in terms:
        try:
            found.update(reader.postings(field_name, term).all_ids())
        except TermNotFound:
            continue
    return found


def position(matcher: Matcher, docnum: int) -> bool:
    """Move a matcher to the first posting at or after a document; tell whether it is that one."""
    if not matcher.is_active():
        return False
    if isinstance(matcher, MultiMatcher):
        return _position_in_segments(matcher, docnum)
    if isinstance(matcher, W3LeafMatcher):
        # Whoosh's skip_to scans a block one posting at a time; bisect the block's ids instead.
        if docnum > matcher.block_max_id():
            matcher._skip_to_block(lambda: docnum > matcher.block_max_id())
            if not matcher.is_active():
                return False
        if matcher._ids is None:
            matcher._read_ids()
        matcher._i = bisect_left(matcher._ids, docnum, matcher._i)
    elif matcher.id() < docnum:
        matcher.skip_to(docnum)
    return matcher.is_active() and matcher.id() == docnum


def _position_in_segments(matcher: MultiMatcher, docnum: int) -> bool:
    """Position the matcher of the segment holding the document (an index of several segments)."""
    offsets = matcher.offsets
    while matcher.is_active():
        current = matcher.current
        if current + 1 < len(offsets) and docnum >= offsets[current + 1]:
            matcher.current += 1
            matcher._next_matcher()
            continue
        child = matcher.matchers[current]
        # Candidates come from postings that already skip deleted documents.
        inner = child.child if isinstance(child, FilterMatcher) else child
        return position(inner, docnum - offsets[current])
    return False


def phrase_scores(searcher: Searcher, phrase: Phrase, candidates: list[int]) -> dict[int, float]:
    """Return the BM25 score of each candidate holding every stem of the phrase."""
    scores = dict.fromkeys(candidates, 0.0)
    for stem in sorted(phrase, key=lambda s: searcher.doc_frequency("text", s)):
        matcher = term_matcher(searcher, "text", stem)
        if matcher is None or not scores:
            return {}
        if isinstance(matcher, FilterMatcher):
            # Candidates come from postings that already skip deleted documents.
            matcher = matcher.child
        if searcher.doc_frequency("text", stem) < 4 * len(scores):
            scores = walk(matcher, scores)
            continue
        kept: dict[int, float] = {}
        for docnum in scores:
            if not matcher.is_active():
                break
            if position(matcher, docnum):
                kept[docnum] = scores[docnum] + matcher.score()
        scores = kept
    return scores


def walk(matcher: Matcher, scores: dict[int, float]) -> dict[int, float]:
    """Read a short postings list whole, keeping and scoring the candidates it holds."""
    kept: dict[int, float] = {}
    while matcher.is_active():
        docnum = matcher.id()
        if docnum in scores:
            kept[docnum] = scores[docnum] + matcher.score()
        matcher.next()
    return kept


def clause_scores(searcher: Searcher, clause: Clause, candidates: list[int]) -> dict[int, float]:
    """Return the best weighted score of each candidate meeting one alternative of a clause."""
    best: dict[int, float] = {}
    for alternative in clause.alternatives:
        for docnum, score in phrase_scores(searcher, alternative.terms, candidates).items():
            weighted = score * alternative.weight
            if weighted > best.get(docnum, 0.0):
                best[docnum] = weighted
    if clause.needs:
        codes = [f"n:{code}" for code in sorted(clause.needs)]
        for docnum in keep_with_any(searcher, codes, candidates):
            best[docnum] = max(best.get(docnum, 0.0), weights.NEED_MATCH)
    return best


def text_scores(
    searcher: Searcher, clauses: list[Clause], candidates: list[int]
) -> dict[int, float]:
    """Keep the candidates that meet every clause; sum the scores."""
    scores = dict.fromkeys(candidates, 0.0)
    for clause in sorted(clauses, key=lambda c: c.generic):
        met = clause_scores(searcher, clause, sorted(scores))
        scores = {docnum: scores[docnum] + score for docnum, score in met.items()}
        if not scores:
            break
    return scores


def partial_scores(
    searcher: Searcher, clauses: list[Clause], candidates: list[int]
) -> dict[int, float]:
    """Score the candidates meeting most clauses (coordination); generic ones never alone."""
    met: dict[int, int] = {}
    scores: dict[int, float] = {}
    decisive: set[int] = set()
    for clause in clauses:
        for docnum, score in clause_scores(searcher, clause, candidates).items():
            met[docnum] = met.get(docnum, 0) + 1
            scores[docnum] = scores.get(docnum, 0.0) + score
            if not clause.generic:
                decisive.add(docnum)
    return {docnum: met[docnum] * weights.CLAUSE_MET + scores[docnum] for docnum in decisive}


def keep_with_any(searcher: Searcher, terms: Sequence[str], candidates: list[int]) -> list[int]:
    """Keep the sorted candidates holding at least one of the keyword terms."""
    reader = searcher.reader()
    matchers = []
    for term in terms:
        try:
            matcher = reader.postings("keys", term)
        except TermNotFound:
            continue
        matchers.append(matcher.child if isinstance(matcher, FilterMatcher) else matcher)
    kept = []
    for docnum in candidates:
        for matcher in matchers:
            if matcher.is_active() and position(matcher, docnum):
                kept.append(docnum)
                break
    return kept
