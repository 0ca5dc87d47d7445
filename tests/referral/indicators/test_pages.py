"""The dashboard, its downloads and `relais stats`: same figures, suppressed alike for funders."""

from __future__ import annotations

import json

import pytest

from referral.indicators import report as report_module
from tests.common import factories as f
from tests.common import indicators_data as data
from tests.referral.indicators.reports import only_small_cells_hidden as leaky_for_funders

PERIOD = {"from": "2025-01-01", "to": "2025-12-31"}


@pytest.fixture
def built(db_session):
    return data.build(db_session)


@pytest.fixture
def coordinator(built):
    return f.UserFactory(
        roles=["coordinator"], organisation=built.programme.organisation, programme=built.programme
    )


@pytest.fixture
def funder(built):
    return f.UserFactory(
        roles=["funder"], organisation=built.programme.organisation, programme=built.programme
    )


def get(client, built, endpoint=""):
    return client.get(f"/indicators/{built.programme.uid}{endpoint}", query_string=PERIOD)


def test_the_coordinator_sees_exact_figures_beside_charts(client, signed_in, built, coordinator):
    page = get(signed_in(client, coordinator), built).get_data(as_text=True)
    assert "Enfants par sexe" in page and "<svg" in page
    assert "&lt; 5" not in page
    assert "Châtellerault" in page


def test_the_funder_page_shows_small_cells_as_less_than_five(client, signed_in, built, funder):
    page = get(signed_in(client, funder), built).get_data(as_text=True)
    assert "&lt; 5" in page
    assert "Version financeurs" in page


def test_the_funder_page_shows_no_child_level_data(client, signed_in, built, funder):
    page = get(signed_in(client, funder), built).get_data(as_text=True)
    names = [p.child.first_name for p in built.pathways.values()]
    assert not any(name in page for name in names)
    assert str(built.pathways["A"].uid) not in page


def test_the_funder_csv_is_suppressed_like_the_page(client, signed_in, built, funder):
    response = get(signed_in(client, funder), built, "/indicateurs.csv")
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).splitlines()
    girls = next(x for x in lines if x.startswith("Enfants par sexe;filles;en cours en fin"))
    assert girls.rsplit(";", 1)[1] in {"< 5", "secret"}  # two girls: never printed
    assert "Parcours ouverts;;enfants;< 5" in lines


def test_the_funder_json_is_suppressed_like_the_page(client, signed_in, built, funder):
    body = json.loads(
        get(signed_in(client, funder), built, "/indicateurs.json").get_data(as_text=True)
    )
    by_sex = next(t for t in body["tables"] if t["key"] == "children_by_sex")
    assert by_sex["rows"][0]["values"]["open_at_end"] in {"< 5", "secret"}
    assert body["audience"] == "funder"


def test_a_funder_report_failing_its_audit_is_refused_with_a_message(
    client, signed_in, built, funder, monkeypatch
):
    monkeypatch.setattr(report_module, "for_funders", leaky_for_funders)
    response = get(signed_in(client, funder), built, "/indicateurs.csv")
    body = response.get_data(as_text=True)
    assert response.status_code == 451
    assert "contrôle de confidentialité a échoué" in body
    assert "Enfants par sexe" not in body


def test_relais_stats_refuses_a_funder_report_failing_its_audit(runner, built, monkeypatch):
    monkeypatch.setattr(report_module, "for_funders", leaky_for_funders)
    result = runner.invoke(
        args=[
            "stats",
            "--programme",
            str(built.programme.id),
            "--funder",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
        ]
    )
    assert result.exit_code != 0
    assert "contrôle de confidentialité a échoué" in result.output
    assert "Enfants par sexe" not in result.output


def test_the_coordinator_json_has_the_exact_counts(client, signed_in, built, coordinator):
    body = json.loads(
        get(signed_in(client, coordinator), built, "/indicateurs.json").get_data(as_text=True)
    )
    figures = {each["key"]: each["value"] for each in body["figures"]}
    assert figures["children_opened"] == 3 and figures["acceptance_rate"] == 50.0


def test_a_coordinator_of_another_programme_gets_404(client, signed_in, built):
    other = f.UserFactory(roles=["coordinator"])
    assert get(signed_in(client, other), built).status_code == 404


def test_a_referent_may_not_open_the_indicators(client, signed_in, built):
    referent = f.UserFactory(
        roles=["referent"], organisation=built.programme.organisation, programme=built.programme
    )
    assert get(signed_in(client, referent), built).status_code == 403


def test_a_period_ending_before_it_starts_is_refused(client, signed_in, built, coordinator):
    response = signed_in(client, coordinator).get(
        f"/indicators/{built.programme.uid}",
        query_string={"from": "2025-12-31", "to": "2025-01-01"},
    )
    assert response.status_code == 400


def test_the_index_lists_the_programmes_of_the_coordinator(client, signed_in, built, coordinator):
    page = signed_in(client, coordinator).get("/indicators/").get_data(as_text=True)
    assert built.programme.name in page


def test_relais_stats_prints_csv(runner, built):
    result = runner.invoke(
        args=[
            "stats",
            "--programme",
            str(built.programme.id),
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Taux d'acceptation des orientations;;%;50.0" in result.output


def test_relais_stats_for_funders_prints_suppressed_json(runner, built):
    result = runner.invoke(
        args=[
            "stats",
            "--programme",
            str(built.programme.uid),
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--format",
            "json",
            "--funder",
        ]
    )
    body = json.loads(result.output)
    assert body["audience"] == "funder"
    assert "< 5" in result.output


def test_relais_stats_names_an_unknown_programme(runner, built):
    result = runner.invoke(
        args=["stats", "--programme", "999999", "--from", "2025-01-01", "--to", "2025-12-31"]
    )
    assert result.exit_code != 0
    assert "Aucun programme" in result.output


def test_a_wrong_date_in_the_period_is_a_400_in_french(client, signed_in, built, coordinator):
    response = signed_in(client, coordinator).get(
        f"/indicators/{built.programme.uid}", query_string={"from": "2025-13-45"}
    )
    assert response.status_code == 400
    assert "Date invalide pour « from » : utilisez le format AAAA-MM-JJ." in response.get_data(
        as_text=True
    )


def test_the_period_defaults_to_the_current_year(client, signed_in, built, coordinator):
    import datetime as dt

    page = signed_in(client, coordinator).get(f"/indicators/{built.programme.uid}")
    assert page.status_code == 200
    assert str(dt.date.today().year) in page.get_data(as_text=True)
