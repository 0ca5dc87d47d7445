"""Outgoing e-mail: through SMTP when `MAIL_SERVER` is set, otherwise written to the log."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app


def build_message(to: str | list[str], subject: str, body: str) -> EmailMessage:
    """Return a plain-text message from the configured sender."""
    message = EmailMessage()
    message["From"] = current_app.config.get("MAIL_SENDER") or "relais@localhost"
    message["To"] = ", ".join([to] if isinstance(to, str) else to)
    # A header holds one line: text from a partner (a service name) must not break it.
    message["Subject"] = " ".join(subject.split())
    message.set_content(body)
    return message


def send_mail(to: str | list[str], subject: str, body: str) -> None:
    """Send a plain-text e-mail, or log it when no SMTP server is configured."""
    message = build_message(to, subject, body)
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        current_app.logger.info("E-mail (non envoyé, MAIL_SERVER absent) :\n%s", message)
        return
    port = int(config.get("MAIL_PORT") or 25)
    with smtplib.SMTP(config["MAIL_SERVER"], port, timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)
