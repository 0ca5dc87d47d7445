"""Outgoing e-mail: through SMTP when `MAIL_SERVER` is set, never lost silently otherwise.

Without a server, each message's recipient and subject are logged at WARNING (seen under
`relais run` and `relais serve` alike) and the whole message, which may hold a partner's signed
link (a credential, never logged), is written to `<data dir>/outbox/`, readable by the owner
only. With a server, a message that fails is kept in `<data dir>/outbox/retry/` and sent again
by `relais referrals tick` (`retry_outbox`).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import smtplib
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from flask import current_app, render_template


def mail_body(name: str, **context: Any) -> str:
    """Write an e-mail's text from `templates/mail/<name>.txt` with the pages' French filters."""
    return render_template(f"mail/{name}.txt", **context)


def build_message(to: str | list[str], subject: str, body: str) -> EmailMessage:
    """Return a plain-text message from the configured sender."""
    message = EmailMessage()
    message["From"] = current_app.config.get("MAIL_SENDER") or "relais@localhost"
    message["To"] = ", ".join([to] if isinstance(to, str) else to)
    # A header holds one line: text from a partner (a service name) must not break it.
    message["Subject"] = " ".join(subject.split())
    message.set_content(body)
    return message


def outbox_dir(*, retry: bool = False) -> Path:
    """Return the outbox folder (created owner-only), or its folder of messages to retry."""
    folder = Path(current_app.config["DATA_DIR"]) / "outbox"
    if retry:
        folder = folder / "retry"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def keep(message: EmailMessage, folder: Path) -> Path:
    """Write a message to a folder as an owner-only `.eml` file and return its path."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(message.as_bytes(policy=policy.SMTP))
    return path


def _smtp_send(message: EmailMessage) -> None:
    config = current_app.config
    port = int(config.get("MAIL_PORT") or 25)
    with smtplib.SMTP(config["MAIL_SERVER"], port, timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)


def send_mail(to: str | list[str], subject: str, body: str) -> None:
    """Send a plain-text e-mail; without a server, log who and what, and keep it in the outbox.

    With a server, a failure keeps the message for `retry_outbox` and raises.
    """
    message = build_message(to, subject, body)
    if not current_app.config.get("MAIL_SERVER"):
        path = keep(message, outbox_dir())
        current_app.logger.warning(
            "E-mail non envoyé (MAIL_SERVER absent) à %s — « %s » : message complet dans %s",
            message["To"],
            subject,
            path.parent,
        )
        return
    try:
        _smtp_send(message)
    except (OSError, smtplib.SMTPException):
        keep(message, outbox_dir(retry=True))
        raise


def retry_outbox() -> tuple[int, int]:
    """Send again the messages a server refused; return (sent, still waiting)."""
    if not current_app.config.get("MAIL_SERVER"):
        return 0, 0
    sent = waiting = 0
    for path in sorted(outbox_dir(retry=True).glob("*.eml")):
        with path.open("rb") as file:
            message = BytesParser(policy=policy.default).parse(file)
        try:
            _smtp_send(message)
        except (OSError, smtplib.SMTPException) as error:
            current_app.logger.warning("E-mail toujours en attente (%s) : %s", path.name, error)
            waiting += 1
            continue
        path.unlink()
        sent += 1
    return sent, waiting
