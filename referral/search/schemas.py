"""Input schemas of a search (query string or JSON body) and the output of a hit."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates,
    validates_schema,
)

from catalogue.models import SchoolLevel
from catalogue.search import SORTS
from referral.catalogue.schemas import PageQuery, ServiceOut

PLACE_KEYS = ("lat", "commune", "postcode", "address")
RADIUS_ERROR = "Le rayon doit être compris entre 0 et 200 km."


class SearchArgs(PageQuery):
    """Search parameters of `GET /api/v1/services` and of the search page."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(
        load_default="",
        validate=validate.Length(max=200),
        metadata={"description": "Texte libre (sigles et synonymes compris)"},
    )
    need = fields.List(
        fields.String(), load_default=list,
        metadata={"description": "Code d'un besoin ou d'un domaine (répétable, combinés par OU)"},
    )  # fmt: skip
    age = fields.Integer(
        validate=validate.Range(min=0, max=25), metadata={"description": "Âge de l'enfant (0 à 25)"}
    )
    school_level = fields.String(
        validate=validate.OneOf([level.value for level in SchoolLevel]),
        metadata={"description": "Niveau scolaire"},
    )
    lat = fields.Float(
        validate=validate.Range(min=-90, max=90), metadata={"description": "Latitude (avec lon)"}
    )
    lon = fields.Float(
        validate=validate.Range(min=-180, max=180), metadata={"description": "Longitude (avec lat)"}
    )
    commune = fields.String(
        validate=validate.Regexp(r"^\d[\dAB]\d{3}$", error="Code INSEE de commune invalide."),
        metadata={"description": "Code INSEE de la commune de la famille"},
    )
    postcode = fields.String(
        validate=validate.Regexp(r"^\d{5}$", error="Code postal invalide."),
        metadata={"description": "Code postal (commune la plus peuplée)"},
    )
    radius_km = fields.Float(
        validate=validate.Range(min=0, max=200, error=RADIUS_ERROR),
        metadata={"description": "Rayon en km (0 ≤ r ≤ 200 ; 10 par défaut avec un lieu)"},
    )  # fmt: skip
    free = fields.Boolean(
        load_default=False, metadata={"description": "Seulement les services gratuits"}
    )
    accepting = fields.Boolean(
        load_default=False,
        metadata={"description": "Seulement les services qui ne sont pas complets"},
    )
    exact = fields.Boolean(
        load_default=False,
        metadata={"description": "Chercher les mots tels quels (sans correction d'orthographe)"},
    )
    sort = fields.String(
        validate=validate.OneOf(SORTS),
        metadata={"description": "relevance (défaut avec q), distance (défaut avec un lieu), name"},
    )

    def __init__(
        self,
        *args: Any,
        known_codes: Collection[str] | Callable[[], Collection[str]] = (),
        **kwargs: Any,
    ) -> None:
        """Check needs against `known_codes`, or against what it returns at each load."""
        super().__init__(*args, **kwargs)
        self.known_codes = known_codes

    @validates("need")
    def _known_needs(self, value: list[str], **_kwargs: Any) -> None:
        known = self.known_codes() if callable(self.known_codes) else self.known_codes
        unknown = [code for code in value if code not in known]
        if unknown:
            raise ValidationError(f"Besoin ou domaine inconnu : {', '.join(unknown)}.")

    @validates_schema
    def _one_place(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if ("lat" in data) != ("lon" in data):
            missing = "lon" if "lat" in data else "lat"
            raise ValidationError("lat et lon vont ensemble.", missing)
        given = [key for key in PLACE_KEYS if key in data]
        if len(given) > 1:
            raise ValidationError(
                "Un seul lieu : lat et lon, commune, code postal ou adresse.", given[1]
            )
        if data.get("sort") == "distance" and not given:
            raise ValidationError("Le tri par distance demande un lieu.", "sort")


ADDRESS_IN_URL = (
    "L'adresse d'une famille ne passe jamais dans une URL : utilisez POST /api/v1/services/search."
)


class SearchQuery(SearchArgs):
    """`GET /api/v1/services`: the search parameters, an address refused (it would be logged)."""

    @pre_load
    def _no_address(self, data: Any, **_kwargs: Any) -> Any:
        if "address" in data:
            raise ValidationError(ADDRESS_IN_URL, "address")
        return data


class SearchBody(SearchArgs):
    """`POST /api/v1/services/search`: the same parameters, plus the family's address."""

    address = fields.String(
        validate=validate.Length(min=3, max=300),
        metadata={
            "description": "Adresse de la famille : géocodée, jamais conservée ni mise dans une URL"
        },
    )


def args_from_query(args: Any) -> dict[str, Any]:
    """Return the query string as a dict for `SearchArgs` (need repeats; empty values dropped)."""
    data: dict[str, Any] = {
        key: value for key, value in args.items() if key != "need" and value != ""
    }
    needs = [value for value in args.getlist("need") if value]
    if needs:
        data["need"] = needs
    return data


class SearchItemOut(ServiceOut):
    """A service found, with its distance to the family and its score."""

    distance_km = fields.Float(
        allow_none=True, metadata={"description": "Distance au lieu le plus proche (km)"}
    )
    score = fields.Float(metadata={"description": "Pertinence du texte"})
    snippet = fields.String(metadata={"description": "Extrait avec les mots trouvés en <mark>"})


class GeocodingOut(Schema):
    """How the family's address was placed."""

    precision = fields.String(metadata={"description": "address, street ou commune"})
    fallback = fields.Boolean(
        metadata={"description": "Service d'adresses injoignable : centre de la commune"}
    )
    commune = fields.String(allow_none=True)
    latitude = fields.Float()
    longitude = fields.Float()


class RecognisedNeedOut(Schema):
    """A need the query named."""

    code = fields.String()
    label = fields.String()


class SearchPageOut(Schema):
    """The list envelope of a search."""

    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    items = fields.List(fields.Nested(SearchItemOut))
    corrected_query = fields.String(
        allow_none=True,
        metadata={
            "description": "La requête corrigée à laquelle répondent les résultats, s'il y a lieu"
        },
    )
    approaching = fields.Boolean(
        data_key="partial",
        metadata={"description": "Aucun service ne répond à tous les mots : résultats approchants"},
    )
    needs = fields.List(
        fields.Nested(RecognisedNeedOut),
        metadata={"description": "Besoins reconnus dans le texte (classés en premier)"},
    )
    geocoding = fields.Nested(GeocodingOut, allow_none=True)
