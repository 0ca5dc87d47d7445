"""Every form of the app, pages and API, sent bad input: no library default in English answers.

The routes are the permission matrix's (every unsafe method of the URL map), each sent by the
first role its table lets in; the fields are every field name the app's WTForms forms and
marshmallow schemas declare, all filled with values of the wrong kind. A redirect is followed,
since a refused page form may say why in a flashed message.
"""

from __future__ import annotations

from typing import Any

import marshmallow
import pytest
import wtforms

import referral
from tests.referral.access import ROLES
from tests.referral.access.test_permission_matrix import (  # noqa: F401 - world is a fixture
    RULES,
    TABLES,
    world,
)
from tests.referral.access.walk import UNSAFE
from tests.referral.access.walk import url_of as _url
from tests.referral.web.test_no_english_messages import _english_in

REFUSED = {401, 403, 404, 405}
BAD_VALUES = ("¿?", "-99999999999")


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False}


def _subclasses(base: type) -> list[type]:
    found = []
    for each in base.__subclasses__():
        found += [each, *_subclasses(each)]
    return found


def _field_names() -> set[str]:
    assert referral  # the app's forms and schemas are imported with it
    names: set[str] = set()
    for form in _subclasses(wtforms.Form):
        names |= {name for name, value in vars(form).items() if hasattr(value, "field_class")}
    for schema in _subclasses(marshmallow.Schema):
        names |= {field.data_key or name for name, field in schema._declared_fields.items()}
    return names - {"csrf_token"}


def _role(endpoint: str) -> str | None:
    table = TABLES["ROUTES"][endpoint]
    allowed = [role for role in ROLES if table[role] not in REFUSED]
    return next((role for role in allowed if role != "anonymous" or table[role] != 302), None)


FORMS = [rule for rule in RULES if set(rule.methods or ()) & set(UNSAFE) and _role(rule.endpoint)]


def _answers(app: Any, sample: Any, rule: Any, value: str) -> list[str]:
    sample.role = _role(rule.endpoint)
    client = app.test_client()
    if sample.user is not None:
        with client.session_transaction() as flask_session:
            flask_session["_user_id"] = str(sample.user.id)
    fields = dict.fromkeys(_field_names(), value)
    method = next(m for m in UNSAFE if m in (rule.methods or ()))
    url = _url(app, rule, sample)
    if rule.rule.startswith("/api/"):
        response = client.open(url, method=method, json=fields)
    else:
        response = client.open(url, method=method, data=fields)
    assert response.status_code not in {401, 403, 405}, "the form was not reached"
    texts = [response.get_data(as_text=True)]
    if response.status_code in (302, 303) and response.location.startswith("/"):
        texts.append(client.get(response.location).get_data(as_text=True))
    return texts


@pytest.mark.parametrize("rule", FORMS, ids=lambda rule: f"{rule.endpoint}:{rule.rule}")
def test_every_form_answers_bad_input_without_an_english_default(
    app,
    db_session,
    world,  # noqa: F811 - the permission matrix's fixture
    rule,
):
    texts = [text for value in BAD_VALUES for text in _answers(app, world, rule, value)]
    assert [found for text in texts for found in _english_in(text)] == []
