"""`/healthz`, `/readyz` and `relais doctor`: one set of checks, JSON or French."""

from __future__ import annotations

from referral import search
from referral.ops import health
from tests.common.apps import make_test_app


def test_healthz_answers_while_the_process_is_up(client):
    response = client.get("/healthz")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok"})


def test_readyz_lists_each_check_without_personal_data(client, app):
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "migrations", "index", "mail"}
    assert body["checks"]["mail"] == {"ok": True, "detail": "logged"}
    assert app.config["DATABASE_URL"] not in response.get_data(as_text=True)


def test_readyz_fails_with_503_when_the_index_is_behind(client, app):
    search.get_index(app).add_pending([12345])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["index"]["ok"] is False


def test_migrations_check_names_the_missing_upgrade(tmp_path):
    app = make_test_app(f"sqlite:///{tmp_path / 'vide.sqlite3'}", tmp_path)
    check = health.check_migrations(app)
    assert not check.ok and "relais db upgrade" in check.fix


def test_database_check_fails_in_french_on_an_unreachable_server(tmp_path):
    app = make_test_app("postgresql+psycopg://postgres@127.0.0.1:9/relais", tmp_path)
    checks = health.run_checks(app)
    assert [check.ok for check in checks] == [False, False, False, True]
    assert checks[0].message.startswith("Base de données injoignable")
    assert "DATABASE_URL" in checks[0].fix


def test_doctor_prints_every_check_and_the_mail_advice(runner):
    result = runner.invoke(args=["doctor"])
    assert result.exit_code == 0, result.output
    assert "[ok] Base de données joignable." in result.output
    assert "[ok] Schéma à jour" in result.output
    assert "MAIL_SERVER" in result.output
    assert result.output.strip().endswith("Instance en bonne santé.")


def test_doctor_exits_1_with_the_fix_when_a_check_fails(runner, app):
    search.get_index(app).add_pending([12345])
    result = runner.invoke(args=["doctor"])
    assert result.exit_code == 1
    assert "[ÉCHEC] Index en retard" in result.output
    assert "→ Lancez « relais search reindex »" in result.output


def test_an_uncreated_database_asks_for_db_upgrade_and_skips_the_index(tmp_path):
    app = make_test_app(f"sqlite:///{tmp_path / 'vide.sqlite3'}", tmp_path)
    database, migrations, index, mail = health.run_checks(app)
    assert (database.ok, migrations.ok, index.ok, mail.ok) == (True, False, False, True)
    assert index.detail == "skipped" and "relais db upgrade" in migrations.fix
