"""Concurrent requests through real threads and real commits: never a 500 (SQLite included).

SQLite begins transactions IMMEDIATE, so a request that reads, then writes (a token's use, a
sign-in, the audit event of a page read, a transition) waits its turn instead of failing with
"database is locked"; the loser of two transitions of one referral is told 409. The catalogue's
reads (views marked `reads_only`) take no write lock: they run beside a writer.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral import database
from referral.accounts.models import ApiToken
from referral.accounts.services import hash_password, issue_token
from referral.audit.models import AuditEvent
from tests.common import databases, factories
from tests.common.apps import make_test_app
from tests.common.referrals_world import make_world

PASSWORD = "un mot de passe assez long"


@pytest.fixture
def real_app(tmp_path) -> Iterator[Any]:
    """An app on a database of its own, where commits are real."""
    with databases.isolated_url(tmp_path) as url:
        engine = database.make_engine(url)
        databases.prepare(engine)
        engine.dispose()
        app = make_test_app(url, tmp_path, WTF_CSRF_ENABLED=False, SEARCH_ENABLED=False)
        yield app
        database.get_database(app).engine.dispose()


@pytest.fixture
def world(real_app) -> dict[str, Any]:
    with real_app.test_request_context(), Session(database.get_database(real_app).engine) as s:
        factories.bind(s)
        made = make_world()
        made.referent.password_hash = hash_password(PASSWORD)
        referrals = [made.referral("sent").uid for _ in range(4)]
        tokens = [issue_token(s, made.partner)[1] for _ in range(8)]
        found = {
            "referent": made.referent.email,
            "referent_id": made.referent.id,
            "pathway": made.pathway.uid,
            "referrals": referrals,
            "tokens": tokens,
            "service": made.service.uid,
        }
        s.commit()
        return found


def _run(app: Any, jobs: list[Callable[[Any], int]]) -> Counter[int]:
    """Run each job in its own thread with its own client, all released at once."""
    barrier, codes, lock = threading.Barrier(len(jobs)), Counter[int](), threading.Lock()

    def work(job: Callable[[Any], int]) -> None:
        client = app.test_client()
        barrier.wait(timeout=30)
        try:
            code = job(client)
        except Exception:  # the test client re-raises what would have been a 500
            code = 500
        with lock:
            codes[code] += 1

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return codes


def test_token_reads_at_once_never_fail(real_app, world) -> None:
    def read(token: str) -> Callable[[Any], int]:
        headers = {"Authorization": f"Bearer {token}"}
        uid = world["referrals"][0]
        return lambda c: max(
            c.get(f"/api/v1/referrals/{uid}", headers=headers).status_code for _ in range(10)
        )

    assert _run(real_app, [read(token) for token in world["tokens"]]) == {200: 8}


def test_sign_ins_and_audited_page_reads_at_once_never_fail(real_app, world) -> None:
    def sign_in_and_read(client: Any) -> int:
        form = {"email": world["referent"], "password": PASSWORD}
        codes = [client.post("/login", data=form).status_code]
        codes += [client.get(f"/pathways/{world['pathway']}").status_code for _ in range(5)]
        return 500 if 500 in codes else max(codes)

    assert _run(real_app, [sign_in_and_read] * 6) == {302: 6}


def test_two_transitions_at_once_one_wins_the_other_gets_409(real_app, world) -> None:
    def answer(uid: str, target: str) -> Callable[[Any], int]:
        headers = {"Authorization": f"Bearer {world['tokens'][0]}"}
        body = {"from": "sent", "to": target, "reason": "full"}
        return lambda c: (
            c.post(f"/api/v1/referrals/{uid}/transitions", json=body, headers=headers).status_code
        )

    jobs = [
        answer(uid, target)
        for uid in world["referrals"]
        for target in ("relay_accepted", "declined_by_partner")
    ]
    assert _run(real_app, jobs) == {200: 4, 409: 4}


@pytest.mark.skipif(databases.backend() != "sqlite", reason="SQLite's write lock")
def test_catalogue_reads_go_on_while_a_writer_holds_the_lock(real_app, world) -> None:
    client = real_app.test_client()
    with database.get_database(real_app).engine.connect() as writer, writer.begin():
        # BEGIN IMMEDIATE: this connection holds the write lock until the block ends.
        page = client.get(f"/services/{world['service']}")
        found = client.get("/api/v1/services?q=soutien")
    assert (page.status_code, found.status_code) == (200, 200)


def test_a_catalogue_read_with_a_token_still_notes_its_use(real_app, world) -> None:
    headers = {"Authorization": f"Bearer {world['tokens'][0]}"}
    response = real_app.test_client().get(f"/api/v1/services/{world['service']}", headers=headers)
    with Session(database.get_database(real_app).engine) as s:
        used = s.scalars(select(ApiToken.last_used_at)).all()
    assert response.status_code == 200 and any(used)


def test_a_view_marked_reads_only_cannot_write(real_app, world) -> None:
    with real_app.test_request_context(f"/services/{world['service']}", method="GET"):
        real_app.preprocess_request()  # as dispatching the request does
        session = database.session()
        session.add(AuditEvent(actor_id=None, category="catalogue", action="essai"))
        with pytest.raises(database.WriteInReadOnlyRequest):
            session.flush()
        session.rollback()


def test_a_request_context_outside_dispatch_keeps_a_session_that_writes(real_app) -> None:
    """`test_request_context()` (GET / by default) builds URLs or data: it is no marked request."""
    with real_app.test_request_context():
        session = database.session()
        session.add(AuditEvent(actor_id=None, category="catalogue", action="essai"))
        session.flush()
        session.rollback()
