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
from catalogue.search import weights
from catalogue.search.analysis import french_analyzer
from catalogue.search.documents import AGE_LIMIT, REMOTE, cells_around
from catalogue.search.index import SearchIndex
from catalogue.search.postings import ids_with_any, keep_with_any, partial_scores, text_scores
from catalogue.search.understanding import Clause, Understanding, understand
from catalogue.search.vocabulary import Vocabulary, shipped

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
    exact: bool = False
    vocabulary: Vocabulary | None = None


@dataclass(frozen=True)
class Hit:
    """One service found, with its distance to the family and its score."""

    service_id: int
    score: float
    distance_km: float | None


@dataclass
class SearchResults:
    """One page of hits, the total, facets, the needs recognised and how the query was read.

    `corrected_query` is the query the results answer when words were mended; `partial` says
    that no service met every word, and the hits meet most of them.
    """

    hits: list[Hit]
    total: int
    page: int
    per_page: int
    domains: dict[str, int] = field(default_factory=dict)
    needs: list[str] = field(default_factory=list)
    corrected_query: str | None = None
    partial: bool = False
    terms: frozenset[str] = frozenset()

    @property
    def pages(self) -> int:
        """Return the number of pages."""
        return max(1, -(-self.total // self.per_page))


def _seed(searcher: Searcher, query: SearchQuery, clauses: list[Clause]) -> set[int]:
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
        decisive = [c for c in clauses if not c.generic] or clauses
        rarest = {
            min(alt.terms, key=lambda s: searcher.doc_frequency("text", s))
            for clause in decisive
            for alt in clause.alternatives
        }
        codes = [f"n:{code}" for clause in decisive for code in sorted(clause.needs)]
        return ids_with_any(searcher, "text", sorted(rarest)) | ids_with_any(
            searcher, "keys", codes
        )
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
            key=lambda r: (
                -round(r.score, weights.SCORE_DECIMALS),
                far if r.distance is None else r.distance,
                -r.data.get("ver", 0),
                r.data["sort"],
            )
        )
    elif sort == "distance":
        rows.sort(
            key=lambda r: (far if r.distance is None else r.distance, -r.score, r.data["sort"])
        )
    else:
        rows.sort(key=lambda r: (r.data["sort"], far if r.distance is None else r.distance))


def _read(searcher: Searcher, index: SearchIndex, query: SearchQuery) -> Understanding:
    if not query.text.strip():
        return Understanding()
    return understand(
        query.text,
        query.vocabulary or shipped(),
        index.lexicon(),
        lambda term: bool(searcher.doc_frequency("text", term)),
        query.exact,
    )


def _scores(
    searcher: Searcher, clauses: list[Clause], candidates: list[int]
) -> tuple[dict[int, float], bool]:
    """Return the scores of the candidates meeting every clause, else of those meeting most."""
    if not clauses:
        return dict.fromkeys(candidates, 0.0), False
    scores = text_scores(searcher, clauses, candidates)
    if scores or len(clauses) < 2:
        return scores, False
    scores = partial_scores(searcher, clauses, candidates)
    return scores, bool(scores)


def _favour_needs(rows: list[_Row], needs: list[str]) -> None:
    """Put the services covering a recognised need before the others."""
    wanted = set(needs)
    for row in rows:
        if wanted.intersection(row.data.get("nd", ())):
            row.score += weights.RECOGNISED_NEED


def search(index: SearchIndex, query: SearchQuery) -> SearchResults:
    """Run a query against the index and return one page of hits."""
    with index.searcher() as searcher:
        reading = _read(searcher, index, query)
        candidates = sorted(_seed(searcher, query, reading.clauses))
        if query.age is not None:
            # Cheaper than reading each candidate's record: the age terms of neighbouring
            # documents share postings blocks.
            candidates = keep_with_any(searcher, [f"age:{query.age}", "age:any"], candidates)
        scores, partial = _scores(searcher, reading.clauses, candidates)
        rows = _rows(searcher, query, scores)
        _favour_needs(rows, reading.needs)
        _sort(rows, query.sort)
        start = (query.page - 1) * query.per_page
        hits = [
            Hit(int(searcher.stored_fields(r.docnum)["id"]), round(r.score, 4), r.distance)
            for r in rows[start : start + query.per_page]
        ]
    domains = Counter(code for row in rows for code in row.data["dom"])
    terms = frozenset(term for clause in reading.clauses for term in clause.terms)
    return SearchResults(
        hits, len(rows), query.page, query.per_page, dict(domains), reading.needs,
        reading.corrected if rows else None, partial and bool(rows), terms,
    )  # fmt: skip


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
