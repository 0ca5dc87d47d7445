"""Running a `SearchQuery` on the search rows: the same reading, filters and order as Whoosh.

The query is read by `understand` (vocabulary, acronyms, sound and typo mending) against the
rows' own words; each clause becomes a `tsquery` (any alternative, every term of it) or the
needs it names. Candidates come from the GiST index of the rows' extents (`earth_box`), ANDed
with the GIN indexes of the terms and codes, then the exact great-circle distance to the nearest
point. One statement returns the page, the total and the facets.

The SQL is assembled from fixed fragments and parameter names only; every value is bound.
"""

# ruff: noqa: S608 (see above: no value is ever formatted into the SQL)

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from catalogue.geography import EARTH_RADIUS_KM
from catalogue.search import weights
from catalogue.search.engine import Hit, SearchQuery, SearchResults
from catalogue.search.pg.lexicon import PostgresLexicon
from catalogue.search.pg.writing import quoted
from catalogue.search.understanding import Clause, Understanding, understand
from catalogue.search.vocabulary import shipped

# ts_rank with every weight at 1 and the length normalisation of BM25's spirit (flag 1), scaled
# so that a clause met by its words weighs about what Whoosh's BM25 gives (see docs/search.md).
RANK = "ts_rank('{1,1,1,1}', d.terms, CAST(:%s AS tsquery), 1) * %s"
RANK_SCALE = 10.0


@dataclass
class Statement:
    """SQL fragments and their parameters, built clause by clause."""

    lexicon: PostgresLexicon
    where: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def param(self, value: Any) -> str:
        """Bind a value and return its name."""
        name = f"p{len(self.params)}"
        self.params[name] = value
        return name


def _filters(statement: Statement, query: SearchQuery) -> None:
    """Add the exact filters: status on the day, needs, age, school level, cost, capacity."""
    day = statement.param(query.day.isoformat())
    statement.where.append(
        f"(d.status = 'active' OR (d.status = 'suspended' AND d.suspended_until <> ''"
        f" AND d.suspended_until < :{day}))"
    )
    if query.needs:
        statement.where.append(f"d.codes && CAST(:{statement.param(list(query.needs))} AS text[])")
    if query.age is not None:
        age = statement.param(query.age)
        statement.where.append(
            f"(d.age_min IS NULL OR d.age_min <= :{age})"
            f" AND (d.age_max IS NULL OR :{age} <= d.age_max)"
        )
    if query.school_level:
        level = statement.param(query.school_level)
        statement.where.append(
            f"(cardinality(d.school_levels) = 0 OR :{level} = ANY(d.school_levels))"
        )
    if query.free:
        statement.where.append("d.cost = 'free'")
    if query.accepting:
        statement.where.append("d.capacity <> 'full'")


def _coverage(statement: Statement, query: SearchQuery) -> None:
    """Keep the services whose area holds the family (no area: everywhere)."""
    place = query.place
    assert place is not None
    commune, department, epci = (
        statement.param(value) for value in (place.commune, place.department, place.epci)
    )
    statement.where.append(
        "((cardinality(d.area_communes) + cardinality(d.area_departments)"
        " + cardinality(d.area_epcis) = 0 AND d.area_radius_km IS NULL)"
        f" OR CAST(:{commune} AS text) = ANY(d.area_communes)"
        f" OR CAST(:{department} AS text) = ANY(d.area_departments)"
        f" OR CAST(:{epci} AS text) = ANY(d.area_epcis)"
        " OR (c.km IS NOT NULL AND c.km <= d.area_radius_km))"
    )


def _candidates(statement: Statement, query: SearchQuery) -> str:
    """Return the rows searched, each with its distance to the family (`c.km`) when placed.

    Near rows come from the GiST index of their points' extent, ANDed by the planner with the
    GIN indexes of the other filters; the exact great-circle distance to the nearest point
    (without `sec_to_gc`, which PostgreSQL cannot inline) is computed for the rows they keep.
    """
    if query.place is None:
        return "search_documents d CROSS JOIN (SELECT CAST(NULL AS float8) AS km) AS c"
    lat, lon = statement.param(query.place.latitude), statement.param(query.place.longitude)
    radius, earth = statement.param(query.radius_km), statement.param(EARTH_RADIUS_KM)
    origin = f"ll_to_earth(:{lat}, :{lon})"
    statement.where.append(
        f"(d.remote = 1 OR earth_box({origin}, :{radius} / :{earth} * earth()) && d.extent)"
    )
    statement.where.append(f"(d.remote = 1 OR c.km <= :{radius})")
    return (
        f"search_documents d CROSS JOIN LATERAL (SELECT 2 * :{earth} * asin(min(least(1,"
        f" cube_distance(p.position, {origin}) / (2 * earth())))) AS km"  # no point: NULL
        " FROM search_points p WHERE p.service_id = d.service_id) AS c"
    )


def _clause_sql(statement: Statement, clause: Clause) -> tuple[str, str]:
    """Return a clause's condition and its score (the best alternative, or its needs met)."""
    tests, scores = [], []
    for alternative in clause.alternatives:
        phrase = statement.param(" & ".join(quoted(term) for term in alternative.terms))
        rarity = sum(statement.lexicon.idf(term) for term in alternative.terms)
        weight = statement.param(alternative.weight * rarity * RANK_SCALE)
        tests.append(f"d.terms @@ CAST(:{phrase} AS tsquery)")
        scores.append(f"CASE WHEN {tests[-1]} THEN {RANK % (phrase, ':' + weight)} ELSE 0 END")
    if clause.needs:
        needs = statement.param(sorted(clause.needs))
        tests.append(f"d.codes && CAST(:{needs} AS text[])")
        scores.append(f"CASE WHEN {tests[-1]} THEN {weights.NEED_MATCH} ELSE 0 END")
    best = scores[0] if len(scores) == 1 else f"GREATEST({', '.join(scores)})"
    return f"({' OR '.join(tests)})", best


def _text(statement: Statement, clauses: list[Clause], partial: bool) -> str:
    """Add the clauses' conditions; return the score (coordination first when partial)."""
    if not clauses:
        return "0"
    parts = [_clause_sql(statement, clause) for clause in clauses]
    total = " + ".join(f"({score})" for _test, score in parts)
    if not partial:
        statement.where.extend(test for test, _score in parts)
        return total
    decisive = [test for (test, _score), c in zip(parts, clauses, strict=True) if not c.generic]
    statement.where.append(f"({' OR '.join(decisive or ['false'])})")
    met = " + ".join(f"(CASE WHEN {test} THEN 1 ELSE 0 END)" for test, _score in parts)
    return f"({met}) * {weights.CLAUSE_MET} + {total}"


_SCORE = f"round(CAST(score AS numeric), {weights.SCORE_DECIMALS})"
_NAME = 'sort_name COLLATE "C"'  # code point order, as Python sorts
ORDERS = {
    "relevance": f"{_SCORE} DESC, km ASC NULLS LAST, verified DESC, {_NAME}, service_id",
    "distance": f"km ASC NULLS LAST, score DESC, {_NAME}, service_id",
    "name": f"{_NAME}, km ASC NULLS LAST, service_id",
}


def _matched(
    lexicon: PostgresLexicon, query: SearchQuery, reading: Understanding, partial: bool
) -> tuple[str, Statement]:
    """Return the `matched` rows' common table expression (id, distance, score) and its values."""
    statement = Statement(lexicon)
    source = _candidates(statement, query)
    _filters(statement, query)
    if query.place is not None:
        _coverage(statement, query)
    score = _text(statement, reading.clauses, partial)
    favour = statement.param(reading.needs)
    bonus = (
        f"CASE WHEN d.needs && CAST(:{favour} AS text[]) THEN {weights.RECOGNISED_NEED} ELSE 0 END"
    )
    where = " AND ".join(statement.where) or "true"
    sql = (
        "WITH matched AS MATERIALIZED ("
        " SELECT d.service_id, c.km, d.verified, d.sort_name, d.domains,"
        f" {score} + {bonus} AS score"
        f" FROM {source} WHERE {where})"
    )
    return sql, statement


def _page(
    lexicon: PostgresLexicon, query: SearchQuery, reading: Understanding, partial: bool
) -> tuple[list[Hit], int, dict[str, int]]:
    """Return the page of hits, the total and the facets, in one statement."""
    connection = lexicon.connection
    matched, statement = _matched(lexicon, query, reading, partial)
    limit = statement.param(query.per_page)
    offset = statement.param((query.page - 1) * query.per_page)
    sql = (
        f"{matched} SELECT service_id, score, km, (SELECT count(*) FROM matched) AS total,"
        " (SELECT json_object_agg(code, n) FROM (SELECT unnest(domains) AS code, count(*) AS n"
        "  FROM matched GROUP BY 1) AS facets) AS facets"
        f" FROM matched ORDER BY {ORDERS[query.sort]} LIMIT :{limit} OFFSET :{offset}"
    )
    rows = connection.execute(text(sql), statement.params).all()
    if not rows:
        total = 0
        if query.page > 1:  # beyond the last page: no row carries the total
            counted = text(f"{matched} SELECT count(*) FROM matched")
            total = int(connection.scalar(counted, statement.params) or 0)
        return [], total, {}
    hits = [Hit(row.service_id, round(float(row.score), 4), row.km) for row in rows]
    return hits, rows[0].total, {code: int(n) for code, n in (rows[0].facets or {}).items()}


def run(connection: Connection, query: SearchQuery) -> SearchResults:
    """Return one page of hits for a query, read and filtered as the embedded index does."""
    lexicon = PostgresLexicon(connection)
    reading = Understanding()
    if query.text.strip():
        vocabulary = query.vocabulary or shipped()
        reading = understand(query.text, vocabulary, lexicon, lexicon.known, query.exact)
    hits, total, domains = _page(lexicon, query, reading, partial=False)
    partial = False
    if not total and len(reading.clauses) > 1:
        hits, total, domains = _page(lexicon, query, reading, partial=True)
        partial = bool(total)
    terms = frozenset(term for clause in reading.clauses for term in clause.terms)
    return SearchResults(
        hits, total, query.page, query.per_page, domains, reading.needs,
        reading.corrected if total else None, partial, terms,
    )  # fmt: skip
