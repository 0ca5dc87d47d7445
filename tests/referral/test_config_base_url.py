"""Links in mails sent by the periodic jobs (no request) use the address set for the instance."""

from referral import config
from referral.referrals.notify import external_url


def test_the_base_url_is_read_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("RELAIS_BASE_URL", "https://relais.exemple.fr")
    assert config.build({"DATA_DIR": tmp_path})["BASE_URL"] == "https://relais.exemple.fr"


def test_a_link_built_outside_a_request_uses_the_base_url(app):
    app.config["BASE_URL"] = "https://relais.exemple.fr"
    with app.app_context():
        assert external_url("accounts.login").startswith("https://relais.exemple.fr/login")
