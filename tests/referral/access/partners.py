"""Who may reach partner self-service and the moderation pages."""

from tests.referral.access import only, signed_in

EDITORS = ("partner", "partner_admin", "coordinator")
PARTNERS = ("partner", "partner_admin")

ROUTES = {
    "partners.dashboard": only(*PARTNERS),
    "partners.new_service": only(*PARTNERS),
    "partners.edit_service": only(*EDITORS),
    "partners.set_capacity": only(*EDITORS, ok=302),
    "partners.verify": only(*EDITORS, ok=302),
    "partners.suspend": only(*EDITORS, ok=302),
    "partners.resume": only(*EDITORS, ok=302),
    "partners.close": only(*EDITORS, ok=302),
    "partners.history": only(*EDITORS, "admin"),
    "partners.area_suggestions": only(*EDITORS),
    "partners.new_place": only(*PARTNERS),
    "partners.edit_place": only(*EDITORS),
    "moderation.queue": only("coordinator"),
    "moderation.publish": only("coordinator", ok=302),
    "moderation.set_moderation": only("coordinator", ok=302),
    "moderation.stale": only("coordinator"),
    "moderation.reports": only("coordinator"),
    "moderation.report_error": signed_in(200),
    "moderation.report": only(*EDITORS),
}

PARAMS = {
    "partners.edit_place": {"uid": lambda world: world.get("place").uid},
    "moderation.publish": {"uid": lambda world: world.get("pending_service").uid},
    "moderation.set_moderation": {"uid": lambda world: world.get("pathway").programme.uid},
    "moderation.report": {"uid": lambda world: world.get("error_report").uid},
}
