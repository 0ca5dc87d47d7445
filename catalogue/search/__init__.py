"""Full-text, needs, eligibility and distance search: the only place that knows Whoosh."""

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
from catalogue.search.vocabulary import Entry, Vocabulary, shipped

__all__ = [
    "SORTS",
    "Entry",
    "FamilyPlace",
    "Hit",
    "IndexLocked",
    "SearchIndex",
    "SearchQuery",
    "SearchResults",
    "ServiceDocument",
    "Vocabulary",
    "document_for",
    "search",
    "shipped",
    "snippet",
]
