"""Health checks shared by `/readyz` and `relais doctor`: no personal data in what they say."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from referral import database, search
from referral.french import plural
from referral.search.sync import count_services


@dataclass
class Check:
    """One check: a stable name, whether it passed, a neutral detail, and for people the fix."""

    name: str
    ok: bool
    detail: str
    message: str
    fix: str = ""

    def public(self) -> dict[str, object]:
        """Return what `/readyz` shows (no URL, no credentials, no personal data)."""
        return {key: value for key, value in asdict(self).items() if key in ("ok", "detail")}


def check_database(app: Flask) -> Check:
    """The database answers a trivial query."""
    try:
        with database.read_only(database.get_database(app).engine).connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        return Check(
            "database",
            False,
            "unreachable",
            f"Base de données injoignable : {reason}",
            "Vérifiez DATABASE_URL, que le serveur PostgreSQL tourne et accepte la connexion "
            "(ou que le dossier de données est accessible en écriture pour SQLite).",
        )
    return Check("database", True, "reachable", "Base de données joignable.")


def head_revision() -> str | None:
    """Return the newest migration shipped with this version of Relais."""
    config = database.alembic_config(None)
    return ScriptDirectory.from_config(config).get_current_head()


def check_migrations(app: Flask) -> Check:
    """The schema is at the newest migration."""
    head = head_revision()
    try:
        with database.read_only(database.get_database(app).engine).connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError:
        current = None
    if current == head:
        return Check("migrations", True, f"at head {head}", f"Schéma à jour (migration {head}).")
    if current is None:
        fix = "Lancez « relais db upgrade » (il crée la base et charge les référentiels)."
        return Check("migrations", False, "not created", "La base n'est pas créée.", fix)
    fix = "Lancez « relais db upgrade » (après une sauvegarde : « relais backup FICHIER »)."
    return Check(
        "migrations",
        False,
        f"at {current}, head {head}",
        f"Schéma en retard : migration {current}, attendue {head}.",
        fix,
    )


def check_index(app: Flask) -> Check:
    """The search index opens and holds one document per service, with nothing pending."""
    fix = "Lancez « relais search reindex » (les recherches continuent pendant la reconstruction)."
    try:
        lacking = search.missing_extensions(app)
        if lacking:
            return Check("index", False, "extension missing", lacking, fix)
        index = search.get_index(app)
        documents = index.document_count()
        pending = len(index.pending_ids())
    except Exception as error:  # any failure to read the index makes the instance not ready
        return Check("index", False, "unreadable", f"Index de recherche illisible : {error}", fix)
    try:
        with database.get_database(app).sessionmaker() as session:
            services = count_services(session)
    except SQLAlchemyError:
        return Check("index", False, "not compared", "Index non comparé (base injoignable).", fix)
    detail = f"{documents} documents, {services} services, {pending} pending"
    if pending or documents != services:
        message = (
            f"Index en retard : {plural(documents, 'document')} pour {plural(services, 'service')}"
        )
        return Check("index", False, detail, f"{message}, {pending} en attente.", fix)
    return Check(
        "index",
        True,
        detail,
        f"Index à jour : {plural(documents, 'service indexé', 'services indexés')}.",
    )


def check_mail(app: Flask) -> Check:
    """Mail goes to an SMTP server, or is knowingly written to the log."""
    if app.config.get("MAIL_SERVER"):
        return Check("mail", True, "smtp", "Courriel : envoyé par le serveur SMTP configuré.")
    return Check(
        "mail",
        True,
        "logged",
        "Courriel : écrit dans le journal, pas envoyé (MAIL_SERVER absent).",
        "Pour envoyer les invitations et relances, définissez MAIL_SERVER (et MAIL_PORT, "
        "MAIL_USERNAME, MAIL_PASSWORD, MAIL_USE_TLS, MAIL_SENDER).",
    )


def run_checks(app: Flask) -> list[Check]:
    """Run every readiness check, in the order `relais doctor` prints them."""
    checks = [check_database(app)]
    if not checks[0].ok:
        skipped = "Non vérifié : la base de données est injoignable."
        skipped_checks = [
            Check(name, False, "skipped", skipped) for name in ("migrations", "index")
        ]
        return [*checks, *skipped_checks, check_mail(app)]
    migrations = check_migrations(app)
    if migrations.ok:
        index = check_index(app)
    else:
        index = Check("index", False, "skipped", "Index non vérifié : le schéma n'est pas à jour.")
    return [checks[0], migrations, index, check_mail(app)]
