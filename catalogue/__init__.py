"""The directory of droit-commun resources: a domain library with no web layer."""

from catalogue.messages import use_french_messages

# marshmallow copies its default messages into each field when the field is built, that is when
# a schema module is imported: French must be in place before any of them (catalogue, importers
# and referral all import this package first).
use_french_messages()
