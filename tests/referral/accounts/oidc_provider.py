"""A real OpenID Connect provider for the tests, built on Authlib's authorisation server.

It runs on the loopback in a thread and behaves as ProConnect does where Relais depends on it:
discovery, authorisation code with PKCE required (S256), a signed ID token carrying the subject
only, the user's claims from the userinfo endpoint as a signed JWT, and RP-initiated logout
(`end_session_endpoint`) that records which sessions were ended.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import AuthorizationCodeMixin
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

CLIENT_ID = "relais-test"
CLIENT_SECRET = "secret-de-test-relais"


class Client(ClientMixin):
    """The one registered client: Relais."""

    def get_client_id(self) -> str:
        return CLIENT_ID

    def get_default_redirect_uri(self) -> str:
        return ""

    def get_allowed_scope(self, scope: str) -> str:
        return scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri.endswith("/login/proconnect/callback")

    def check_client_secret(self, client_secret: str) -> bool:
        return client_secret == CLIENT_SECRET

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):
    """An authorisation code with what PKCE and OpenID need."""

    code: str
    user: dict[str, Any]
    redirect_uri: str
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return int(time.time())


@dataclass
class Provider:
    """The provider's state: who is signed in there, codes, tokens, ended sessions."""

    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "k1"}))
    identity: dict[str, Any] = field(default_factory=dict)
    codes: dict[str, Code] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    ended: list[str] = field(default_factory=list)
    pkce_challenges: list[str] = field(default_factory=list)
    issuer: str = ""

    def sign(self, claims: dict[str, Any]) -> str:
        """Return claims as a JWT signed with the provider's key."""
        return jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)


def _grant_class(provider: Provider) -> type:
    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code: str, request: Any) -> None:
            data = request.payload.data
            provider.pkce_challenges.append(data.get("code_challenge_method") or "")
            provider.codes[code] = Code(
                code,
                dict(request.user),
                request.payload.redirect_uri,
                request.payload.scope,
                data.get("nonce"),
                data.get("code_challenge"),
                data.get("code_challenge_method"),
            )

        def query_authorization_code(self, code: str, client: Any) -> Code | None:
            return provider.codes.get(code)

        def delete_authorization_code(self, authorization_code: Code) -> None:
            provider.codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code: Code) -> dict[str, Any]:
            return authorization_code.user

    return CodeGrant


def _openid(provider: Provider) -> OpenIDCode:
    class SubjectOnlyIdToken(OpenIDCode):
        def resolve_client_private_key(self, client: Any) -> Any:
            return provider.key

        def get_client_algorithm(self, client: Any) -> str:
            return "RS256"

        def get_encode_header(self, client: Any) -> dict[str, str]:
            return {"alg": "RS256", "kid": "k1"}

        def get_client_claims(self, client: Any) -> dict[str, Any]:
            return {"iss": provider.issuer, "aud": [CLIENT_ID]}

        def exists_nonce(self, nonce: str, request: Any) -> bool:
            return any(code.nonce == nonce for code in provider.codes.values())

        def generate_user_info(self, user: Any, scope: str) -> dict[str, Any]:
            return {"sub": user["sub"]}  # as ProConnect: the claims come from userinfo

    return SubjectOnlyIdToken(require_nonce=True)


def _discovery(provider: Provider) -> Any:
    base = provider.issuer
    return jsonify(
        issuer=base,
        authorization_endpoint=f"{base}/authorize",
        token_endpoint=f"{base}/token",
        userinfo_endpoint=f"{base}/userinfo",
        end_session_endpoint=f"{base}/session/end",
        jwks_uri=f"{base}/jwks",
        response_types_supported=["code"],
        subject_types_supported=["public"],
        id_token_signing_alg_values_supported=["RS256"],
        code_challenge_methods_supported=["S256"],
    )


def _userinfo(provider: Provider) -> Any:
    bearer = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    user = provider.tokens.get(bearer)
    if user is None:
        return jsonify(error="invalid_token"), 401
    claims = {**user, "iss": provider.issuer, "aud": CLIENT_ID}
    return provider.sign(claims), 200, {"Content-Type": "application/jwt"}


def _end_session(provider: Provider) -> Any:
    provider.ended.append(request.args["id_token_hint"])
    target = request.args["post_logout_redirect_uri"]
    return redirect(f"{target}?{urlencode({'state': request.args.get('state', '')})}")


def _authorization_server(app: Flask, provider: Provider) -> AuthorizationServer:
    server = AuthorizationServer(
        app,
        query_client=lambda client_id: Client() if client_id == CLIENT_ID else None,
        save_token=lambda token, req: provider.tokens.__setitem__(
            token["access_token"], dict(req.user)
        ),
    )
    server.register_grant(_grant_class(provider), [CodeChallenge(required=True), _openid(provider)])
    return server


def build_app(provider: Provider) -> Flask:
    """Return the provider's Flask app."""
    app = Flask("oidc-provider")
    server = _authorization_server(app, provider)

    def authorize() -> Any:
        user = dict(provider.identity)  # the person signed in at the provider consents at once
        grant = server.get_consent_grant(end_user=user)
        return server.create_authorization_response(grant_user=user, grant=grant)

    rule = app.add_url_rule
    rule("/.well-known/openid-configuration", "discovery", lambda: _discovery(provider))
    rule("/jwks", "jwks", lambda: jsonify(KeySet([provider.key]).as_dict(private=False)))
    rule("/authorize", "authorize", authorize)
    rule("/token", "token", server.create_token_response, methods=["POST"])
    rule("/userinfo", "userinfo", lambda: _userinfo(provider))
    rule("/session/end", "end_session", lambda: _end_session(provider))
    return app


@contextmanager
def running_provider() -> Iterator[Provider]:
    """Run a provider on 127.0.0.1 (a free port) in a thread; stop it afterwards."""
    provider = Provider(identity={"sub": secrets.token_hex(8)})
    server = make_server("127.0.0.1", 0, build_app(provider), threaded=True)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        thread.join()
