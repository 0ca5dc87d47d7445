"""Every URL rule of the accounts area, on one screen."""

from flask import Blueprint

from referral.accounts import views

blueprint = Blueprint("accounts", __name__)
rule = blueprint.add_url_rule

rule("/login", view_func=views.login, methods=["GET", "POST"])
rule("/logout", view_func=views.logout, methods=["POST"])
rule("/password/forgot", view_func=views.forgot_password, methods=["GET", "POST"])
rule("/password/reset/<token>", view_func=views.reset_password, methods=["GET", "POST"])
rule("/invitation/<token>", view_func=views.accept_invitation, methods=["GET", "POST"])
rule("/account", view_func=views.account, methods=["GET"])
rule("/account/tokens", view_func=views.create_token, methods=["POST"])
rule("/account/tokens/<uuid:uid>/revoke", view_func=views.revoke_token, methods=["POST"])
rule("/users", view_func=views.users, methods=["GET"])
rule("/users/invite", view_func=views.invite, methods=["GET", "POST"])
rule("/users/<uuid:uid>/deactivate", view_func=views.deactivate, methods=["POST"])
rule("/users/<uuid:uid>/reactivate", view_func=views.reactivate, methods=["POST"])
rule("/audit", view_func=views.audit_log, methods=["GET"])
