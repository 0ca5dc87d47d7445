"""Outgoing mail: through a real SMTP server when configured, to the log otherwise."""

import logging

import pytest

from referral.mail import send_mail


@pytest.fixture
def app_settings(mail_settings):
    return mail_settings


def test_send_mail_delivers_through_smtp(app, smtp_server):
    with app.app_context():
        send_mail(["a@exemple.test", "b@exemple.test"], "Bonjour", "Un message accentué : éà.")
    [message] = smtp_server.received.messages
    assert message["Subject"] == "Bonjour"
    assert "accentué" in message.get_content()
    assert message.envelope_recipients == ["a@exemple.test", "b@exemple.test"]


def test_send_mail_without_server_writes_the_log(client, app, caplog):
    app.config["MAIL_SERVER"] = None
    with app.app_context(), caplog.at_level(logging.INFO, logger=app.logger.name):
        send_mail("a@exemple.test", "Sujet journalisé", "Corps")
    assert "Sujet journalisé" in caplog.text
