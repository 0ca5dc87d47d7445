"""Retention (DESIGN §7): exited pathways are purged 2 years after the last contact.

Before anything goes, the pathway's anonymous trace is written (`AnonymousPathway`), so the
indicators of past periods do not change. `delete` removes the pathway and every row that
depends on it (found through the foreign keys, so tables added later are covered), then the
child and the family when nothing else of theirs remains. `anonymise` keeps a skeleton with
no name, address, contact, note, consent or payload. Expired geocoding cache entries go too.
Running it again finds nothing more to do.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session, selectinload

from catalogue.db import Base
from referral.french import plural, plural_word
from referral.indicators.facts import pathway_fact, referrals_by_pathway, to_json
from referral.indicators.models import AnonymousPathway
from referral.indicators.unmet import programme_needs, unmet_flags
from referral.pathways.models import Child, Family, Need, Pathway
from referral.referrals.models import Referral, ReferralEvent

DEFAULT_RETENTION_DAYS = 730
MODES = ("delete", "anonymise")
KEPT_TABLES = frozenset({"anonymous_pathways", "audit_events"})
ANONYMOUS_NAME = "Anonyme"


@dataclass
class PurgeReport:
    """What the purge did (or would do, in a dry run), table by table."""

    today: dt.date
    mode: str
    dry_run: bool
    retention_days: int
    pathways: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    geocoding_entries: int | None = None

    def count(self, table: str, number: int) -> None:
        """Add rows handled in a table."""
        if number:
            self.rows[table] = self.rows.get(table, 0) + number

    def summary(self) -> str:
        """Return the report in French, one line per kind of row."""
        done = {
            "delete": ("supprimés", "à supprimer"),
            "anonymise": ("anonymisés", "à anonymiser"),
        }[self.mode][self.dry_run]
        lines = [
            f"Purge du {self.today:%d/%m/%Y} ({'simulation' if self.dry_run else 'exécutée'}), "
            f"conservation : {self.retention_days} jours après le dernier contact (sauf durée "
            "propre au programme), "
            f"mode : {self.mode}.",
            f"Parcours {done} : {len(self.pathways)} (les statistiques passées sont conservées "
            "sous forme anonyme).",
        ]
        lines += [
            f"  {table} : {self._done(number, 'ligne', 'lignes', 'traitée')}"
            for table, number in sorted(self.rows.items())
        ]
        if self.geocoding_entries is None:
            lines.append("Cache de géocodage : absent, rien à purger.")
        else:
            expired = self._done(
                self.geocoding_entries, "entrée expirée", "entrées expirées", "supprimée"
            )
            lines.append(f"Cache de géocodage : {expired}.")
        return "\n".join(lines)

    def _done(self, count: int, noun: str, nouns: str, participle: str) -> str:
        """Say « 1 ligne serait traitée », « 3 lignes ont été traitées »: agreed with the count."""
        verb = plural_word(
            count, *(("serait", "seraient") if self.dry_run else ("a été", "ont été"))
        )
        return f"{plural(count, noun, nouns)} {verb} {plural_word(count, participle)}"


def reference_day(pathway: Pathway) -> dt.date | None:
    """Return the day the retention runs from: the last contact, or the exit when later."""
    if pathway.exited_on is None:
        return None
    return max(filter(None, [pathway.last_contact_on, pathway.exited_on]))


def due_pathways(session: Session, today: dt.date, retention_days: int) -> list[Pathway]:
    """Return the exited pathways past their programme's retention period (else the default)."""
    traced = select(AnonymousPathway.pathway_id).where(AnonymousPathway.pathway_id.is_not(None))
    query = (
        select(Pathway)
        .where(Pathway.exited_on.is_not(None), Pathway.id.not_in(traced))
        .options(selectinload(Pathway.contacts), selectinload(Pathway.needs))
        .order_by(Pathway.id)
    )
    due = []
    for pathway in session.scalars(query):
        # A programme may keep its records for its own period (set up on « Programmes »).
        limit = dt.timedelta(days=pathway.programme.retention_days or retention_days)
        if (day := reference_day(pathway)) and day + limit < today:
            due.append(pathway)
    return due


def write_trace(session: Session, pathway: Pathway, mode: str, today: dt.date) -> AnonymousPathway:
    """Keep the pathway's anonymous statistical trace (unmet needs judged on the purge day)."""
    needs = programme_needs(session, [pathway.id])
    unmet = unmet_flags(session, needs, pathway.programme, today)
    referrals = referrals_by_pathway(session, [pathway.id])[pathway.id]
    trace = AnonymousPathway(
        programme_id=pathway.programme_id,
        pathway_id=pathway.id if mode == "anonymise" else None,
        mode=mode,
        facts=to_json(pathway_fact(pathway, referrals, unmet)),
    )
    session.add(trace)
    return trace


# --- deletion through the foreign keys ------------------------------------------------------


def _run(session: Session, statement: Any) -> int:
    """Execute a bulk UPDATE or DELETE and return how many rows it touched."""
    return int(getattr(session.execute(statement), "rowcount", 0) or 0)


def _referencing(table: Table) -> list[tuple[Table, Any]]:
    """Return (table, column) pairs whose foreign key points to `table`."""
    found = []
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table and other.name not in KEPT_TABLES:
                found.append((other, fk.parent))
    return found


def delete_rows(session: Session, table: Table, ids: set[Any], report: PurgeReport) -> None:
    """Delete rows by primary key, after every row that depends on them, recursively."""
    if not ids:
        return
    key = next(iter(table.primary_key.columns))
    for other, column in _referencing(table):
        if other is table:
            session.execute(update(table).where(column.in_(ids)).values({column.name: None}))
            continue
        own_key = list(other.primary_key.columns)
        if len(own_key) == 1:
            children = set(session.scalars(select(own_key[0]).where(column.in_(ids))))
            delete_rows(session, other, children, report)
        else:
            report.count(other.name, _run(session, delete(other).where(column.in_(ids))))
    report.count(table.name, _run(session, delete(table).where(key.in_(ids))))


def _detach_traces(session: Session, pathway_ids: set[int]) -> None:
    session.execute(
        update(AnonymousPathway)
        .where(AnonymousPathway.pathway_id.in_(pathway_ids))
        .values(pathway_id=None)
    )


def delete_pathways(session: Session, pathways: list[Pathway], report: PurgeReport) -> None:
    """Delete pathways with everything that depends on them, then orphaned children and families."""
    child_ids = {p.child_id for p in pathways}
    family_ids = {p.child.family_id for p in pathways}
    ids = {p.id for p in pathways}
    session.flush()
    _detach_traces(session, ids)
    delete_rows(session, Pathway.__table__, ids, report)  # type: ignore[arg-type]
    still = set(session.scalars(select(Pathway.child_id).where(Pathway.child_id.in_(child_ids))))
    delete_rows(session, Child.__table__, child_ids - still, report)  # type: ignore[arg-type]
    kept = set(session.scalars(select(Child.family_id).where(Child.family_id.in_(family_ids))))
    delete_rows(session, Family.__table__, family_ids - kept, report)  # type: ignore[arg-type]
    session.expire_all()


# --- anonymisation in place ---------------------------------------------------------------


SCRUBBED = {"pathway_events": "note", "needs": "justification", "referral_events": "note"}


def _scrub_texts(session: Session, ids: set[int], report: PurgeReport) -> None:
    """Blank free texts of the rows kept, and the referral payloads."""
    referral_ids = set(session.scalars(select(Referral.id).where(Referral.pathway_id.in_(ids))))
    for name, column in SCRUBBED.items():
        table = Base.metadata.tables[name]
        owner = table.c.referral_id if name == "referral_events" else table.c.pathway_id
        wanted = referral_ids if name == "referral_events" else ids
        report.count(
            name,
            _run(session, update(table).where(owner.in_(wanted)).values({column: ""})),
        )
    changed = _run(
        session,
        update(Referral)
        .where(Referral.id.in_(referral_ids))
        .values(payload=None, family_message="", consent_id=None),
    )
    report.count("referrals", changed)
    _ = ReferralEvent  # the events keep their states and dates, for the figures


SKELETON = frozenset({"pathways", "needs", "referrals", "referral_events", "pathway_events"})


def _delete_dependents(session: Session, table: Table, ids: set[int], report: PurgeReport) -> None:
    """Delete what hangs on the rows of `table` except the kept skeleton (needs, referrals…)."""
    for other, column in _referencing(table):
        if other.name in SKELETON:
            continue
        own_key = list(other.primary_key.columns)
        if len(own_key) == 1:
            found = set(session.scalars(select(own_key[0]).where(column.in_(ids))))
            delete_rows(session, other, found, report)
        else:
            report.count(other.name, _run(session, delete(other).where(column.in_(ids))))


def _delete_skeleton_dependents(session: Session, ids: set[int], report: PurgeReport) -> None:
    """Delete consents, journals, notifications… of the pathways, their needs and referrals."""
    need_ids = set(session.scalars(select(Need.id).where(Need.pathway_id.in_(ids))))
    referral_ids = set(session.scalars(select(Referral.id).where(Referral.pathway_id.in_(ids))))
    tables = Base.metadata.tables
    for name, wanted in (("pathways", ids), ("needs", need_ids), ("referrals", referral_ids)):
        if wanted:
            _delete_dependents(session, tables[name], wanted, report)


def _anonymise_people(pathways: list[Pathway], report: PurgeReport) -> None:
    for pathway in pathways:
        child, family = pathway.child, pathway.child.family
        child.first_name, child.last_name = ANONYMOUS_NAME, ""
        child.birth_date = child.birth_date.replace(day=1)
        child.school_name = child.school_uai = None
        family.address = family.latitude = family.longitude = None
        family.guardians, family.languages, family.days_available = [], [], []
    report.count("children", len({p.child_id for p in pathways}))
    report.count("families", len({p.child.family_id for p in pathways}))


def anonymise_pathways(session: Session, pathways: list[Pathway], report: PurgeReport) -> None:
    """Keep a skeleton of the pathways with nothing that names or locates a person."""
    ids = {p.id for p in pathways}
    _anonymise_people(pathways, report)
    session.flush()
    session.execute(update(Referral).where(Referral.pathway_id.in_(ids)).values(consent_id=None))
    _scrub_texts(session, ids, report)
    _delete_skeleton_dependents(session, ids, report)
    report.count("pathways", len(ids))
    session.expire_all()


# --- geocoding cache and the command's entry point ----------------------------------------


def purge_geocoding_cache(session: Session, now: dt.datetime, dry_run: bool) -> int | None:
    """Remove the expired geocoding cache entries; None when there is no cache."""
    try:
        service = importlib.import_module("catalogue.geocoding")
    except ImportError:
        service = None
    if service is not None and hasattr(service, "purge_expired") and not dry_run:
        return int(service.purge_expired(session, now))
    try:
        model = importlib.import_module("catalogue.models.geocoding").GeocodingCacheEntry
    except (ImportError, AttributeError):
        return None
    expired = select(model.address_hash).where(model.expires_at < now)
    count = len(list(session.scalars(expired)))
    if not dry_run:
        session.execute(delete(model).where(model.expires_at < now))
    return count


def _apply(
    session: Session, pathways: list[Pathway], report: PurgeReport, now: dt.datetime
) -> None:
    """Write the traces, delete or anonymise the pathways, purge the geocoding cache."""
    for pathway in pathways:
        write_trace(session, pathway, report.mode, report.today)
    session.flush()
    (delete_pathways if report.mode == "delete" else anonymise_pathways)(session, pathways, report)
    report.geocoding_entries = purge_geocoding_cache(session, now, dry_run=False)
    session.flush()


def purge(
    session: Session,
    *,
    today: dt.date,
    retention_days: int = DEFAULT_RETENTION_DAYS,
    mode: str = "delete",
    dry_run: bool = False,
) -> PurgeReport:
    """Purge the pathways past retention and the expired geocoding entries; report what was done.

    A dry run does the very same work inside a savepoint and rolls it back, so that it reports,
    table by table, exactly what the real purge would remove, and changes nothing.
    """
    if mode not in MODES:
        raise ValueError(f"RETENTION_MODE doit valoir « delete » ou « anonymise », pas « {mode} ».")
    report = PurgeReport(today=today, mode=mode, dry_run=dry_run, retention_days=retention_days)
    pathways = due_pathways(session, today, retention_days)
    report.pathways = [str(p.uid) for p in pathways]
    now = dt.datetime.combine(today, dt.time(), dt.UTC)
    if not dry_run:
        _apply(session, pathways, report, now)
        return report
    savepoint = session.begin_nested()
    try:
        _apply(session, pathways, report, now)
    finally:
        savepoint.rollback()
        session.expire_all()
    return report
