"""The data-protection audit review: filters, CSV, bulk-export alerts; the notices pages."""

from __future__ import annotations

import pytest

from referral.audit.services import record
from tests.common import factories as f


@pytest.fixture
def dpo(events):
    """The DPO of the programme the events are about (a DPO belongs to one programme)."""
    programme = events["pathway"].programme
    return f.UserFactory(
        roles=["dpo"],
        email="dpo@exemple.test",
        organisation=programme.organisation,
        programme=programme,
    )


@pytest.fixture
def events(db_session):
    referent = f.UserFactory(roles=["referent"], email="ref@exemple.test")
    pathway = f.PathwayFactory()
    other, sibling = (
        f.PathwayFactory(programme=pathway.programme, child__family__programme=pathway.programme)
        for _ in range(2)
    )
    record(
        db_session,
        actor_id=referent.id,
        action="read_pathway",
        category="case",
        target_type="pathway",
        target_id=pathway.uid,
    )
    record(
        db_session,
        actor_id=referent.id,
        action="read_pathway",
        category="case",
        target_type="pathway",
        target_id=other.uid,
    )
    record(
        db_session,
        actor_id=None,
        action="privacy.export",
        category="case",
        target_type="pathway",
        target_id=sibling.uid,  # found by the detail that names the child, not by its target
        details={"child_id": pathway.child_id},
    )
    return {"referent": referent, "pathway": pathway, "other": other}


def page(client, **args):
    return client.get("/data-protection/audit", query_string=args).get_data(as_text=True)


def test_filter_by_child_finds_its_pathway_events_and_detail_mentions(
    client, signed_in, dpo, events
):
    text = page(signed_in(client, dpo), child=events["pathway"].child_id)
    assert str(events["pathway"].uid) in text and "export des données d&#39;un enfant" in text
    assert str(events["other"].uid) not in text


def test_filter_by_user_email(client, signed_in, dpo, events):
    text = page(signed_in(client, dpo), user="ref@")
    assert "consultation d&#39;un parcours" in text and "export des données" not in text


def test_filter_by_action_and_period(client, signed_in, dpo, events):
    assert "consultation d&#39;un parcours" not in page(signed_in(client, dpo), action="privacy")
    assert "Aucun événement" in page(client, start="2000-01-01", end="2000-01-31")


def test_a_wrong_child_id_is_explained_next_to_its_field(client, signed_in, dpo, events):
    assert 'aria-describedby="f-child-error"' in page(signed_in(client, dpo), child="Lina")


def test_the_filtered_log_downloads_as_csv(client, signed_in, dpo, events):
    response = signed_in(client, dpo).get(
        "/data-protection/audit.csv", query_string={"user": "ref@"}
    )
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0].startswith("date;personne") and len(lines) == 3
    assert "consultation d'un parcours" in lines[1] and "read_pathway" not in lines[1]


def test_bulk_export_alerts_show_on_the_page(client, signed_in, db_session, dpo, events):
    record(
        db_session,
        actor_id=events["referent"].id,
        action="privacy.bulk_export_alert",
        category="security",
        details={"exports_last_hour": 12},
    )
    text = page(signed_in(client, dpo))
    assert "exports en nombre" in text and "12 exports en une heure" in text


def test_a_referent_may_not_review_the_log(client, signed_in, events):
    assert signed_in(client, events["referent"]).get("/data-protection/audit").status_code == 403


def test_the_privacy_notice_ships_a_default(client):
    text = client.get("/privacy").get_data(as_text=True)
    assert "Vos droits" in text and "deux ans après le dernier contact" in text


def test_a_deployment_file_overrides_the_accessibility_statement(client, app):
    (app.config["DATA_DIR"] / "accessibility.md").write_text(
        "# Notre état\n\nTotalement **conforme**.\n"
    )
    text = client.get("/accessibility").get_data(as_text=True)
    assert "<h2>Notre état</h2>" in text and "<strong>conforme</strong>" in text


def test_markdown_overrides_cannot_inject_html(client, app):
    (app.config["DATA_DIR"] / "privacy.md").write_text("<script>alert(1)</script>\n")
    assert "<script>alert(1)" not in client.get("/privacy").get_data(as_text=True)


def test_the_footer_links_both_pages(client):
    text = client.get("/").get_data(as_text=True)
    assert 'href="/privacy"' in text and 'href="/accessibility"' in text


def test_a_wrong_date_is_explained_and_the_other_filters_still_apply(
    client, signed_in, dpo, events
):
    page = signed_in(client, dpo).get(
        "/data-protection/audit", query_string={"start": "2025-02-30", "action": "read_pathway"}
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Date attendue au format AAAA-MM-JJ." in text
