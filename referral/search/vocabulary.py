"""A programme's own search vocabulary: read, added to, removed from; applied to its users."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue import taxonomy
from catalogue.search import Entry, Vocabulary, shipped
from catalogue.search.vocabulary import is_acronym
from referral.audit.models import AuditCategory
from referral.audit.services import record
from referral.pathways.services import programmes_of
from referral.programmes.models import Programme
from referral.search.models import VocabularyEntry

KIND_LABELS = {
    "besoin": "Mot qui désigne un besoin",
    "sigle": "Sigle et sa forme développée",
    "synonyme": "Synonyme",
    "generique": "Mot trop vague pour décider seul",
}
CACHED = 64
_cache: OrderedDict[tuple[tuple[str, str, str], ...], Vocabulary] = OrderedDict()


def entries_of(session: Session, programme: Programme) -> list[VocabularyEntry]:
    """Return a programme's entries, by kind and form."""
    query = select(VocabularyEntry).where(VocabularyEntry.programme_id == programme.id)
    return list(session.scalars(query.order_by(VocabularyEntry.kind, VocabularyEntry.entry)))


def _check(session: Session, kind: str, target: str, entry: str) -> None:
    """Raise a French field message when an entry cannot be used."""
    if kind not in KIND_LABELS:
        raise ValidationError({"kind": ["Choisissez le type d'entrée."]})
    if not entry or len(entry) > 200:
        raise ValidationError(
            {"entry": ["Indiquez le mot ou l'expression (200 caractères au plus)."]}
        )
    if kind == "besoin" and target not in taxonomy.need_codes(session):
        raise ValidationError({"target": ["Choisissez un besoin de la taxonomie."]})
    if kind == "sigle" and not is_acronym(target):
        raise ValidationError(
            {"target": ["Un sigle s'écrit en capitales, d'un seul mot (ex. PRE86)."]}
        )
    if kind == "synonyme" and not target:
        raise ValidationError({"target": ["Indiquez le mot équivalent."]})
    if len(target) > 200:
        raise ValidationError({"target": ["200 caractères au plus."]})


def add_entry(
    session: Session,
    user: Any,
    programme: Programme,
    *,
    kind: str,
    entry: str,
    target: str = "",
    source: str = "",
) -> VocabularyEntry:
    """Add an entry to a programme's vocabulary (audited); a repeated entry is refused."""
    target = "" if kind == "generique" else target
    _check(session, kind, target, entry)
    if any(
        (e.kind, e.target, e.entry) == (kind, target, entry) for e in entries_of(session, programme)
    ):
        raise ValidationError({"entry": ["Cette entrée existe déjà."]})
    added = VocabularyEntry(
        programme_id=programme.id, kind=kind, target=target, entry=entry, source=source,
        created_by_id=user.id,
    )  # fmt: skip
    session.add(added)
    session.flush()
    _audit(session, user, programme, "programme.vocabulary.add", added)
    return added


def remove_entry(session: Session, user: Any, programme: Programme, entry_id: int) -> bool:
    """Remove one entry of a programme's vocabulary (audited); tell whether it existed."""
    found = session.get(VocabularyEntry, entry_id)
    if found is None or found.programme_id != programme.id:
        return False
    _audit(session, user, programme, "programme.vocabulary.remove", found)
    session.delete(found)
    session.flush()
    return True


def _audit(session: Session, user: Any, programme: Programme, action: str, entry: Any) -> None:
    record(
        session, actor_id=user.id, action=action, category=AuditCategory.CATALOGUE,
        target_type="programme", target_id=programme.uid,
        details={"kind": entry.kind, "target": entry.target, "entry": entry.entry},
    )  # fmt: skip


def vocabulary_for(session: Session, user: Any) -> Vocabulary:
    """Return the vocabulary of a user's searches: shipped, plus their programmes' entries."""
    if user is None or not getattr(user, "is_authenticated", False):
        return shipped()
    ids = [programme.id for programme in programmes_of(session, user)]
    if not ids:
        return shipped()
    rows = session.execute(
        select(VocabularyEntry.kind, VocabularyEntry.target, VocabularyEntry.entry)
        .where(VocabularyEntry.programme_id.in_(ids))
        .order_by(VocabularyEntry.id)
    ).all()
    key = tuple((kind, target, entry) for kind, target, entry in rows)
    return _cached(key)


def _cached(key: tuple[tuple[str, str, str], ...]) -> Vocabulary:
    """Return the shipped vocabulary extended by these entries, built once per set of entries."""
    if not key:
        return shipped()
    found = _cache.get(key)
    if found is None:
        found = shipped().extended([Entry(kind, target, entry) for kind, target, entry in key])
        _cache[key] = found
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    _cache.move_to_end(key)
    return found


def autocomplete(session: Session, vocabulary: Vocabulary) -> list[tuple[str, str, str]]:
    """Return what the search field proposes: (words, needs named, need code if only one).

    The needs' own labels come first, then every everyday entry of the vocabulary.
    """
    labels = {term.code: term.label for term in taxonomy.list_needs(session)}
    proposed = [(label, label, code) for code, label in labels.items()]
    named: dict[str, list[str]] = {}
    for code, phrases in vocabulary.need_phrases().items():
        for phrase in phrases:
            named.setdefault(phrase, []).append(code)
    for phrase, codes in sorted(named.items(), key=lambda item: item[0].casefold()):
        known = [code for code in dict.fromkeys(codes) if code in labels]
        if known and phrase not in labels.values():
            only = known[0] if len(known) == 1 else ""
            proposed.append((phrase, " ; ".join(labels[code] for code in known), only))
    return proposed
