"""Every page a role can reach on the demo: at 390 px nothing scrolls sideways, no code shows.

The pages are those of the permission matrix's route list (tests/referral/access) that answer
200 to the role; their URLs are found by following the links of the pages, from the role's
landing page, as a person would. Each page is then opened in Chromium at 390 px wide, and once
per page at 1280 px for the axe check. It walks the whole site for nine roles: it runs in the
SQLite pass only, to keep `make test` within its budget (the pages do not depend on the database).
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

import pytest
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from referral import database
from referral.accounts.models import User
from referral.demo.accounts import DEMO_DOMAIN
from tests.common.databases import backend
from tests.referral.access.test_permission_matrix import TABLES

pytestmark = pytest.mark.skipif(
    backend() != "sqlite", reason="the whole-site walk runs in the SQLite pass only"
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ACCOUNTS = {
    "anonymous": None,
    "admin": "admin",
    "coordinator": "coordination",
    "referent": "referente",
    "eps_member": "eps",
    "partner": "partenaire-caf",  # the demo partner with a referral sent to it
    "partner_admin": "admin-club",
    "funder": "financeur",
    "dpo": "dpo",
}
#: Not pages: files, data and machine answers.
NOT_PAGES = re.compile(r"^(static|api\.|hsds\.)|(csv|json|export_json|openapi)$")
#: Pages no link leads to: reached from an e-mail (signed tokens) or by a form's answer.
FROM_ELSEWHERE = {
    "accounts.reset_password",
    "accounts.accept_invitation",
    "referrals.partner_link",
    "accounts.logout",
    "search.search_submit",
}
DAYS = "Mo|Tu|We|Th|Fr|Sa|Su"
RAW_CODE = {
    "OSM hours": re.compile(rf"\b(?:{DAYS})(?:[-,](?:{DAYS})\b| \d\d:\d\d)"),
    "a Python list": re.compile(r"\['"),
    "a Python flag": re.compile(r"\b(?:True|False|None)\b"),
    "an enum value": re.compile(r"(?<![\w@./-])[a-z]+_[a-z_]+\b(?![\w@.-])"),
}
#: Pages the matrix lets a role open that no link of the demo leads that role to: the demo has
#: no error report, no import run, no referral sent to the CMP, no meeting on an EPS member's
#: agenda; a référent or coordinator reaches a charter from the EPS member's invitation; the
#: DPO's rights pages start from a child's identifier typed in the audit review.
UNLINKED = {
    "referent": {"meetings.charter"},
    "coordinator": {"meetings.charter", "moderation.report", "imports.run", "partners.edit_place"},
    "admin": {"partners.history"},  # linked from the partner's and coordinator's pages
    "eps_member": {"meetings.charter", "meetings.minutes", "meetings.show"},
    "partner": {"moderation.report"},
    "partner_admin": {"moderation.report", "referrals.partner_referral"},
    "dpo": {"privacy.export_html", "privacy.rectify", "privacy.rights_page"},
}
LINK = re.compile(r'href="(/[^"#]*)')
MAX_PAGES = 400


def _expected(app: Any, role: str) -> set[str]:
    readable = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ())}
    return {
        endpoint
        for endpoint, table in TABLES["ROUTES"].items()
        if table[role] == 200 and endpoint in readable and not NOT_PAGES.search(endpoint)
    } - FROM_ELSEWHERE


def _plain_urls(app: Any, role: str) -> list[str]:
    """The pages without parameters the role may open (typed or bookmarked, not only linked)."""
    wanted = _expected(app, role)
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint in wanted and not rule.arguments and "GET" in (rule.methods or ())
    )


def _client(app: Any, role: str) -> Any:
    client = app.test_client()
    local_part = ACCOUNTS[role]
    if local_part:
        with app.app_context():
            user = database.session().scalar(
                select(User).where(User.email == f"{local_part}@{DEMO_DOMAIN}")
            )
            assert user is not None, f"no demo account for {role}"
            user_id = user.id
        with client.session_transaction() as flask_session:
            flask_session["_user_id"] = str(user_id)
            flask_session["_fresh"] = True
    return client


def _endpoint(adapter: Any, path: str) -> str | None:
    try:
        endpoint, _ = adapter.match(path.split("?")[0], method="GET")
    except HTTPException:
        return None
    return endpoint


def pages_of(app: Any, role: str) -> dict[str, str]:
    """Follow links from the role's landing page; return one URL per endpoint it reaches."""
    client, adapter = _client(app, role), app.url_map.bind("localhost")
    start = client.get("/login" if role == "anonymous" else "/")
    queue = deque(["/", start.headers.get("Location", "/"), *_plain_urls(app, role)])
    seen, found = set(queue), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        endpoint = _endpoint(adapter, path)
        if endpoint is None or NOT_PAGES.search(endpoint) or endpoint in found:
            continue
        with client.get(path) as response:
            if response.status_code != 200:
                continue
            if response.mimetype != "text/html":
                found[endpoint] = ""  # a file: reached, nothing to look at
                continue
            found[endpoint] = path
            html = response.get_data(as_text=True)
        for link in LINK.findall(html):
            link = link.replace("&amp;", "&")
            if link not in seen and _endpoint(adapter, link) not in found:
                seen.add(link)
                queue.append(link)
    return found


def _raw_codes(text: str) -> list[str]:
    return [f"{what}: {m.group(0)!r}" for what, rx in RAW_CODE.items() for m in rx.finditer(text)]


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_every_page_of_the_role_fits_a_phone_and_reads_in_words(
    browser, live_app, live_server, sign_in_as, assert_accessible, role
):
    found = pages_of(live_app, role)
    pages = {endpoint: path for endpoint, path in found.items() if path}
    missing = sorted(_expected(live_app, role) - set(found) - UNLINKED.get(role, set()))
    assert missing == [], f"{role}: no link leads to {missing}"
    problems = []
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(locale="fr-FR", viewport=viewport)
        page = context.new_page()
        if ACCOUNTS[role]:
            sign_in_as(page, _user_id(live_app, role))
        for endpoint, path in sorted(pages.items()):
            page.goto(live_server + path)
            if viewport is PHONE:
                problems += _phone_problems(page, endpoint)
            else:
                try:
                    assert_accessible(page)
                except AssertionError as failure:
                    problems.append(f"{endpoint}: {str(failure).splitlines()[1:]}")
        context.close()
    assert problems == [], f"{role}:\n" + "\n".join(problems)


def _phone_problems(page: Any, endpoint: str) -> list[str]:
    width = page.evaluate("document.documentElement.scrollWidth")
    problems = [f"{endpoint} {page.url}: {width} px wide"] if width > PHONE["width"] else []
    text = page.evaluate("document.body.innerText")
    codes = sorted(set(_raw_codes(text)))
    return problems + [f"{endpoint} {page.url}: {found}" for found in codes]


def _user_id(app: Any, role: str) -> int:
    with app.app_context():
        return database.session().scalar(
            select(User.id).where(User.email == f"{ACCOUNTS[role]}@{DEMO_DOMAIN}")
        )
