"""The programme's own search vocabulary, kept by its coordinator (thin views)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from marshmallow import ValidationError

from catalogue import taxonomy
from referral import database, permissions
from referral.accounts.decorators import not_found_unless, permission_required
from referral.pathways.services import programmes_of
from referral.programmes.models import Programme
from referral.search import vocabulary as services
from referral.search.forms import VocabularyForm

coordinator_only = permission_required(permissions.can_edit_search_vocabulary)


def _programme() -> Programme:
    found = next(iter(programmes_of(database.session(), current_user)), None)
    not_found_unless(found is not None)
    assert found is not None
    return found


def _render(
    programme: Programme, form: VocabularyForm, errors: dict[str, Any], status: int = 200
) -> Any:
    session = database.session()
    page = render_template(
        "search/vocabulary.html",
        programme=programme,
        entries=services.entries_of(session, programme),
        kinds=services.KIND_LABELS,
        needs={term.code: term.label for term in taxonomy.list_needs(session)},
        form=form,
        errors={name: list(messages) for name, messages in errors.items() if name != "csrf_token"},
    )
    return page, status


@coordinator_only
def vocabulary() -> ResponseReturnValue:
    """Show the programme's own entries and the form to add one."""
    return _render(_programme(), VocabularyForm(formdata=None), {})


@coordinator_only
def add_vocabulary_entry() -> ResponseReturnValue:
    """Add an entry to the programme's vocabulary."""
    programme, form = _programme(), VocabularyForm()
    if not form.validate():
        return _render(programme, form, form.errors, 400)
    try:
        services.add_entry(
            database.session(), current_user, programme, kind=form.kind.data,
            entry=form.entry.data, target=form.target.data, source=form.source.data,
        )  # fmt: skip
    except ValidationError as error:  # the taxonomy, the acronym's form, a repeated entry
        return _render(programme, form, error.normalized_messages(), 400)
    flash("Entrée ajoutée : elle s'applique aux recherches de votre programme.", "success")
    return redirect(url_for("search.vocabulary"), 303)


@coordinator_only
def remove_vocabulary_entry(entry_id: int) -> ResponseReturnValue:
    """Remove an entry of the programme's vocabulary."""
    removed = services.remove_entry(database.session(), current_user, _programme(), entry_id)
    not_found_unless(removed)
    flash("Entrée retirée.", "success")
    return redirect(url_for("search.vocabulary"), 303)
