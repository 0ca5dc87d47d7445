"""Running a query: candidates from `need:cell` terms, text clauses scored, exact filters."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight
from whoosh.searching import Searcher

from catalogue.geography import haversine_km
from catalogue.search.analysis import Phrase, french_analyzer, stems, words
from catalogue.search.documents import AGE_LIMIT, REMOTE, cells_around
from catalogue.search.index import SearchIndex
from catalogue.search.postings import ids_with_any, keep_with_any, text_scores

SORTS = ("relevance", "distance", "name")


@dataclass(frozen=True)
class FamilyPlace:
    """Where the family lives: a point, its commune, département and EPCI."""

    latitude: float
    longitude: float
    commune: str | None = None
    department: str | None = None
    epci: str | None = None


@dataclass(frozen=True)
class SearchQuery:
    """What a référent asks for."""

    day: dt.date
    text: str = ""
    needs: Sequence[str] = ()
    age: int | None = None
    school_level: str | None = None
    place: FamilyPlace | None = None
    radius_km: float = 10.0
    free: bool = False
    accepting: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class Hit:
    """One service found, with its distance to the family and its score."""

    service_id: int
    score: float
    distance_km: float | None


@dataclass
class SearchResults:
    """One page of hits, the total, facet counts by domain, and a spelling suggestion."""

    hits: list[Hit]
    total: int
    page: int
    per_page: int
    domains: dict[str, int] = field(default_factory=dict)
    suggestion: str | None = None
    terms: frozenset[str] = frozenset()

    @property
    def pages(self) -> int:
        """Return the number of pages."""
        return max(1, -(-self.total // self.per_page))


def _seed(searcher: Searcher, query: SearchQuery, clauses: list[list[Phrase]]) -> set[int]:
    """Return the first candidates: need-and-cell terms, need terms, text terms, or everything."""
    if query.place is not None:
        level, cells = cells_around(query.place.latitude, query.place.longitude, query.radius_km)
        places = [f"{level}:{each}" for each in cells] + [REMOTE]
        if query.needs:
            return ids_with_any(
                searcher, "keys", [f"nc:{n}:{p}" for n in query.needs for p in places]
            )
        return ids_with_any(searcher, "keys", [f"c:{p}" for p in places])
    if query.needs:
        return ids_with_any(searcher, "keys", [f"n:{code}" for code in query.needs])
    if clauses:
        rarest = [
            min(phrase, key=lambda s: searcher.doc_frequency("text", s)) for phrase in clauses[0]
        ]
        return ids_with_any(searcher, "text", rarest)
    return ids_with_any(searcher, "keys", ["all"])


def _active(data: dict[str, Any], day: dt.date) -> bool:
    if data["st"] == "active":
        return True
    return data["st"] == "suspended" and bool(data["until"]) and data["until"] < day.isoformat()


def _eligible(data: dict[str, Any], query: SearchQuery) -> bool:
    """Apply the exact filters: status on the day, age, school level, cost, capacity."""
    if not _active(data, query.day):
        return False
    if query.age is not None:
        low, high = data["amin"], data["amax"]
        if (low is not None and query.age < low) or (high is not None and query.age > high):
            return False
    if query.school_level and data["lvl"] and query.school_level not in data["lvl"]:
        return False
    if query.free and data["cost"] != "free":
        return False
    return not (query.accepting and data["cap"] == "full")


def _distance(data: dict[str, Any], place: FamilyPlace) -> float | None:
    points = data["pts"]
    if not points:
        return None
    return min(haversine_km(place.latitude, place.longitude, lat, lon) for lat, lon in points)


def _covers(data: dict[str, Any], place: FamilyPlace, distance: float | None) -> bool:
    """Tell whether the service area holds the family's commune (no area: everywhere)."""
    if not (data["ac"] or data["ad"] or data["ae"] or data["ar"] is not None):
        return True
    return (
        (place.commune is not None and place.commune in data["ac"])
        or (place.department is not None and place.department in data["ad"])
        or (place.epci is not None and place.epci in data["ae"])
        or (data["ar"] is not None and distance is not None and distance <= data["ar"])
    )


@dataclass
class _Row:
    docnum: int
    score: float
    distance: float | None
    data: dict[str, Any]


def _rows(searcher: Searcher, query: SearchQuery, scores: dict[int, float]) -> list[_Row]:
    rows = []
    for docnum, score in scores.items():
        data = searcher.stored_fields(docnum)["data"]
        if not _eligible(data, query):
            continue
        distance = None
        if query.place is not None:
            distance = _distance(data, query.place)
            if distance is not None and distance > query.radius_km:
                continue
            if not _covers(data, query.place, distance):
                continue
        rows.append(_Row(docnum, score, distance, data))
    return rows


def _sort(rows: list[_Row], sort: str) -> None:
    far = math.inf
    if sort == "relevance":
        rows.sort(
            key=lambda r: (-r.score, far if r.distance is None else r.distance, r.data["sort"])
        )
    elif sort == "distance":
        rows.sort(
            key=lambda r: (far if r.distance is None else r.distance, -r.score, r.data["sort"])
        )
    else:
        rows.sort(key=lambda r: (r.data["sort"], far if r.distance is None else r.distance))


def _correct(searcher: Searcher, word: str) -> str | None:
    """Return the word with its unknown stem replaced by the nearest indexed stem, if any."""
    corrector = searcher.corrector("text")
    changed, output = False, word
    for stem in stems(word):
        if searcher.doc_frequency("text", stem):
            continue
        found = corrector.suggest(stem, limit=1, maxdist=2, prefix=1)
        if found:
            # Stems are not words: keep the ending the person typed ("ortophon|ie").
            ending = word[len(stem) :] if word.startswith(stem) else ""
            output, changed = found[0] + ending, True
    return output if changed else None


def _suggest(searcher: Searcher, text: str) -> str | None:
    """Return the query with unknown words replaced by the nearest indexed words, if any."""
    corrected = [(word, _correct(searcher, word)) for word in words(text)]
    if not any(fixed for _, fixed in corrected):
        return None
    return " ".join(fixed or word for word, fixed in corrected)


def search(index: SearchIndex, query: SearchQuery) -> SearchResults:
    """Run a query against the index and return one page of hits."""
    clauses = index.synonyms.clauses(stems(query.text)) if query.text else []
    with index.searcher() as searcher:
        candidates = sorted(_seed(searcher, query, clauses))
        if query.age is not None:
            # Cheaper than reading each candidate's record: the age terms of neighbouring
            # documents share postings blocks.
            candidates = keep_with_any(searcher, [f"age:{query.age}", "age:any"], candidates)
        scores = (
            text_scores(searcher, clauses, candidates)
            if clauses
            else dict.fromkeys(candidates, 0.0)
        )
        rows = _rows(searcher, query, scores)
        _sort(rows, query.sort)
        start = (query.page - 1) * query.per_page
        shown = rows[start : start + query.per_page]
        hits = [
            Hit(int(searcher.stored_fields(r.docnum)["id"]), round(r.score, 4), r.distance)
            for r in shown
        ]
        suggestion = _suggest(searcher, query.text) if not rows and query.text else None
    domains = Counter(code for row in rows for code in row.data["dom"])
    terms = frozenset(stem for clause in clauses for phrase in clause for stem in phrase)
    return SearchResults(
        hits, len(rows), query.page, query.per_page, dict(domains), suggestion, terms
    )


_FORMATTER = HtmlFormatter(tagname="mark", between=" … ")
_FRAGMENTER = ContextFragmenter(maxchars=160, surround=60)


def snippet(text: str, terms: frozenset[str]) -> str:
    """Return an HTML excerpt of a text with the query's words in `<mark>` (escaped)."""
    if not terms or not text:
        return ""
    return str(highlight(text, terms, _ANALYZER, _FRAGMENTER, _FORMATTER, top=2))


_ANALYZER = french_analyzer()

__all__ = [
    "AGE_LIMIT",
    "SORTS",
    "FamilyPlace",
    "Hit",
    "SearchQuery",
    "SearchResults",
    "search",
    "snippet",
]
