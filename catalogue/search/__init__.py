"""Full-text, needs, eligibility and distance search: the only place that knows Whoosh."""

from catalogue.search.analysis import Synonyms
from catalogue.search.documents import ServiceDocument, document_for
from catalogue.search.engine import (
    SORTS,
    FamilyPlace,
    Hit,
    SearchQuery,
    SearchResults,
    search,
    snippet,
)
from catalogue.search.index import IndexLocked, SearchIndex

__all__ = [
    "SORTS",
    "FamilyPlace",
    "Hit",
    "IndexLocked",
    "SearchIndex",
    "SearchQuery",
    "SearchResults",
    "ServiceDocument",
    "Synonyms",
    "document_for",
    "search",
    "snippet",
]
