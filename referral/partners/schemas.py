"""API schemas of partner self-service: a service edit (in) and its history (out)."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate

#: A version is a database integer: a bigger one is refused, not sent to PostgreSQL (a 500).
LAST_VERSION = 2**31 - 1


class ServiceEditIn(Schema):
    """An edit: the version it starts from, and any editable field of the service."""

    class Meta:
        unknown = INCLUDE

    version = fields.Integer(
        required=True,
        validate=validate.Range(min=1, max=LAST_VERSION),
        metadata={"description": "Version lue avant la modification (verrouillage optimiste)."},
    )


class ServiceChangeOut(Schema):
    """One entry of a service's history: who, when, through what, fields old → new."""

    at = fields.DateTime()
    actor = fields.String(attribute="actor_email", allow_none=True)
    origin = fields.String()
    action = fields.String()
    version = fields.Integer()
    changes = fields.Dict(keys=fields.String(), values=fields.List(fields.Raw()))


class ConflictOut(Schema):
    """A stale edit: nothing saved; what changed since the version the editor read."""

    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    current_version = fields.Integer()
    changes = fields.List(fields.Nested(ServiceChangeOut))
