"""marshmallow's default messages in French, set once for every schema (pages, API, importers)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

FIELD_MESSAGES: dict[type[fields.Field], dict[str, str]] = {
    fields.Field: {
        "required": "Ce champ est obligatoire.",
        "null": "Ce champ ne peut pas être vide.",
        "validator_failed": "Valeur refusée.",
    },
    fields.Nested: {"type": "Type de valeur incorrect."},
    fields.List: {"invalid": "Une liste est attendue."},
    fields.Tuple: {"invalid": "Une liste de valeurs est attendue."},
    fields.String: {
        "invalid": "Un texte est attendu.",
        "invalid_utf8": "Le texte contient des caractères illisibles.",
    },
    fields.UUID: {"invalid_uuid": "Identifiant invalide."},
    fields.Number: {"invalid": "Un nombre est attendu.", "too_large": "Nombre trop grand."},
    fields.Integer: {"invalid": "Un nombre entier est attendu."},
    fields.Float: {"special": "Un nombre fini est attendu."},
    fields.Decimal: {"special": "Un nombre fini est attendu."},
    fields.Boolean: {"invalid": "Oui ou non est attendu."},
    fields._TemporalField: {  # the base of DateTime, NaiveDateTime, AwareDateTime, Time
        "invalid": "Date ou heure invalide.",
        "invalid_awareness": "Date ou heure invalide (fuseau horaire).",
        "format": "« {input} » ne peut pas être écrit comme une date ou une heure.",
    },
    fields.Date: {
        "invalid": "Date invalide (jj/mm/aaaa).",
        "format": "« {input} » ne peut pas être écrit comme une date.",
    },
    fields.TimeDelta: {
        "invalid": "Durée invalide.",
        "format": "« {input!r} » ne peut pas être écrit comme une durée.",
    },
    fields.Mapping: {"invalid": "Un dictionnaire de valeurs est attendu."},
    fields.Url: {"invalid": "Adresse web invalide."},
    fields.Email: {"invalid": "Adresse e-mail invalide."},
    fields.IP: {"invalid_ip": "Adresse IP invalide."},
    fields.IPv4: {"invalid_ip": "Adresse IPv4 invalide."},
    fields.IPv6: {"invalid_ip": "Adresse IPv6 invalide."},
    fields.IPInterface: {"invalid_ip_interface": "Interface IP invalide."},
    fields.IPv4Interface: {"invalid_ip_interface": "Interface IPv4 invalide."},
    fields.IPv6Interface: {"invalid_ip_interface": "Interface IPv6 invalide."},
    fields.Enum: {"unknown": "Valeur inconnue ; valeurs possibles : {choices}."},
}
VALIDATOR_MESSAGES: dict[type[validate.Validator], dict[str, str]] = {
    validate.URL: {"default_message": "Adresse web invalide."},
    validate.Email: {"default_message": "Adresse e-mail invalide."},
    validate.Range: {
        "message_min": "Doit être {min_op} {{min}}.",
        "message_max": "Doit être {max_op} {{max}}.",
        "message_all": "Doit être {min_op} {{min}} et {max_op} {{max}}.",
        "message_gte": "supérieur ou égal à",
        "message_gt": "supérieur à",
        "message_lte": "inférieur ou égal à",
        "message_lt": "inférieur à",
    },
    validate.Length: {
        "message_min": "Trop court : au moins {min} caractères ou éléments.",
        "message_max": "Trop long : au plus {max} caractères ou éléments.",
        "message_all": "Entre {min} et {max} caractères ou éléments.",
        "message_equal": "Exactement {equal} caractères ou éléments.",
    },
    validate.Equal: {"default_message": "Doit être égal à {other}."},
    validate.Regexp: {"default_message": "Format non reconnu."},
    validate.Predicate: {"default_message": "Valeur refusée."},
    validate.NoneOf: {"default_message": "Valeur refusée."},
    validate.OneOf: {"default_message": "Valeur inconnue ; valeurs possibles : {choices}."},
    validate.ContainsOnly: {"default_message": "Un choix n'est pas parmi : {choices}."},
    validate.ContainsNoneOf: {"default_message": "Un choix est parmi : {values}."},
}
SCHEMA_MESSAGES = {"type": "Type de données incorrect.", "unknown": "Champ inconnu."}


#: marshmallow's own messages, as the library gave them before the first translation.
ENGLISH: list[str] = []


def _remember_english() -> None:
    if ENGLISH:
        return
    for field_class in FIELD_MESSAGES:
        ENGLISH.extend(field_class.__dict__.get("default_error_messages", {}).values())
    for validator_class, texts in VALIDATOR_MESSAGES.items():
        ENGLISH.extend(getattr(validator_class, name) for name in texts)
    ENGLISH.extend(Schema._default_error_messages.values())


def english_messages() -> list[str]:
    """Return marshmallow's own English messages (those the French ones replace)."""
    _remember_english()
    return list(ENGLISH)


def use_french_messages() -> None:
    """Put the French messages in place of marshmallow's English defaults (idempotent)."""
    _remember_english()
    for field_class, messages in FIELD_MESSAGES.items():
        field_class.default_error_messages = {
            **field_class.__dict__.get("default_error_messages", {}),
            **messages,
        }
    for validator_class, texts in VALIDATOR_MESSAGES.items():
        for name, text in texts.items():
            setattr(validator_class, name, text)
    Schema._default_error_messages = {**Schema._default_error_messages, **SCHEMA_MESSAGES}
