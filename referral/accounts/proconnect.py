"""ProConnect sign-in (OpenID Connect, authorisation code with PKCE, through Authlib).

An identity signs in to an account that already exists — active, or invited and not yet
activated — found by its linked subject or by its e-mail; never to a deactivated one. No account
is created and no role comes from the identity provider. Logging out ends the provider's
session too. Password sign-in stays for those without ProConnect.
"""

from __future__ import annotations

import secrets
import time
from typing import Any
from urllib.parse import urlencode

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import login_user
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.db import utcnow
from referral import database
from referral.accounts.models import User
from referral.accounts.security import audit_durably
from referral.accounts.services import user_by_email

EXTENSION = "relais.proconnect"
ID_TOKEN = "proconnect_id_token"  # noqa: S105 (a session key, not a secret)
NEXT = "proconnect_next"
blueprint = Blueprint("proconnect", __name__)


class ProConnectRefused(Exception):
    """The identity cannot sign in; the message is one French sentence for the person."""


def is_configured(app: Flask | None = None) -> bool:
    """Tell whether ProConnect is set up (client id, secret and issuer)."""
    config = (app or current_app).config
    keys = ("PROCONNECT_CLIENT_ID", "PROCONNECT_CLIENT_SECRET", "PROCONNECT_ISSUER")
    return all(config.get(key) for key in keys)


def init_app(app: Flask) -> None:
    """Register the ProConnect client when configured, its routes, and the template flag."""
    app.jinja_env.globals["proconnect_enabled"] = lambda: is_configured(app)
    app.register_blueprint(blueprint)
    if not is_configured(app):
        return
    oauth = OAuth(app)
    issuer = str(app.config["PROCONNECT_ISSUER"]).rstrip("/")
    oauth.register(
        "proconnect",
        client_id=app.config["PROCONNECT_CLIENT_ID"],
        client_secret=app.config["PROCONNECT_CLIENT_SECRET"],
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": app.config["PROCONNECT_SCOPES"],
            "code_challenge_method": "S256",
        },
    )
    app.extensions[EXTENSION] = oauth.proconnect


def _client() -> Any:
    client = current_app.extensions.get(EXTENSION)
    if client is None:
        abort(404)
    return client


def link_account(db: Session, claims: dict[str, Any]) -> User:
    """Return the account this identity signs in to, linking it; refuse in French otherwise."""
    email = str(claims.get("email") or "").strip().lower()
    if not claims.get("sub") or not email:
        raise ProConnectRefused("ProConnect n'a pas transmis votre adresse e-mail.")
    if claims.get("email_verified") is False:
        raise ProConnectRefused("Votre adresse e-mail n'est pas vérifiée par ProConnect.")
    sub = str(claims["sub"])
    user = db.scalar(select(User).where(User.proconnect_sub == sub)) or user_by_email(db, email)
    if user is None:
        raise ProConnectRefused(
            f"Aucun compte Relais n'existe pour {email} : demandez une invitation à "
            "l'administrateur ou au coordonnateur de votre programme."
        )
    if not user.active:
        raise ProConnectRefused("Ce compte Relais est désactivé : la connexion est refusée.")
    if user.proconnect_sub not in (None, sub):
        raise ProConnectRefused("Ce compte est déjà lié à une autre identité ProConnect.")
    user.proconnect_sub = sub  # an invitation not yet accepted is activated here
    user.last_login_at = utcnow()
    db.flush()
    return user


def _userinfo(client: Any, token: dict[str, Any]) -> dict[str, Any]:
    """Return the claims of the userinfo endpoint: ProConnect signs them (a JWT), others not."""
    metadata = client.load_server_metadata()
    response = client.get(metadata["userinfo_endpoint"], token=token)
    response.raise_for_status()
    if response.headers.get("Content-Type", "").startswith("application/jwt"):
        keys = KeySet.import_key_set(client.fetch_jwk_set())
        decoded = jwt.decode(response.text.strip(), keys)
        claims = jwt.JWTClaimsRegistry(iss={"essential": True, "value": metadata["issuer"]})
        claims.validate(decoded.claims)
        return dict(decoded.claims)
    return dict(response.json())


@blueprint.get("/login/proconnect")
def login() -> ResponseReturnValue:
    """Send the person to ProConnect (state, nonce and PKCE verifier kept in the session)."""
    client = _client()
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        session[NEXT] = target
    callback = url_for("proconnect.callback", _external=True)
    return client.authorize_redirect(callback, nonce=secrets.token_urlsafe(16))


@blueprint.get("/login/proconnect/callback")
def callback() -> ResponseReturnValue:
    """Finish the sign-in: exchange the code, read the identity, open the linked account."""
    client = _client()
    try:
        token = client.authorize_access_token()
        claims = {**token.get("userinfo", {}), **_userinfo(client, token)}
        user = link_account(database.session(), claims)
    except (OAuthError, JoseError, ValueError) as error:
        return _refuse(f"La connexion avec ProConnect a échoué ({error}).", None)
    except ProConnectRefused as error:
        return _refuse(str(error), claims.get("email"))
    target = session.get(NEXT)
    session.clear()
    login_user(user)
    session.permanent = True
    session["last_seen"] = time.time()
    session[ID_TOKEN] = token.get("id_token")
    audit_durably(
        actor_id=user.id,
        action="sign_in.success",
        category="security",
        details={"via": "proconnect"},
    )
    landing = url_for("partner.dashboard") if user.is_partner else url_for("catalogue.home")
    return redirect(target or landing)


def _refuse(message: str, email: Any) -> ResponseReturnValue:
    audit_durably(
        actor_id=None,
        action="sign_in.failure",
        category="security",
        details={"via": "proconnect", "email": str(email or "-")},
    )
    flash(message, "error")
    return redirect(url_for("accounts.login"))


def end_session_url() -> str | None:
    """Return the provider's logout URL when the session came from ProConnect, else None."""
    id_token = session.get(ID_TOKEN)
    client = current_app.extensions.get(EXTENSION)
    if not id_token or client is None:
        return None
    endpoint = client.load_server_metadata().get("end_session_endpoint")
    if not endpoint:
        return None
    query = {
        "id_token_hint": id_token,
        "state": secrets.token_urlsafe(16),
        "post_logout_redirect_uri": url_for("catalogue.home", _external=True),
    }
    return f"{endpoint}?{urlencode(query)}"
