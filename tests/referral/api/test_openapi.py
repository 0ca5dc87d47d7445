"""The OpenAPI document describes every route of /api/v1."""

import re

from openapi_spec_validator import validate


def _spec_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.removeprefix("/api/v1"))


def test_every_api_route_is_in_the_openapi_document(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    routes = {
        (_spec_path(rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1") and rule.endpoint != "api.openapi"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    described = {
        (path.removeprefix("/api/v1"), method)
        for path, operations in document["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert routes - described == set()


def test_the_document_is_valid_openapi(client):
    validate(client.get("/api/v1/openapi.json").get_json())


def test_paging_parameters_are_described(client):
    document = client.get("/api/v1/openapi.json").get_json()
    parameters = document["paths"]["/api/v1/services"]["get"]["parameters"]
    assert {"page", "per_page"} <= {parameter["name"] for parameter in parameters}


def test_the_document_comes_from_the_code_not_from_yaml_in_docstrings(app):
    docstrings = [
        app.view_functions[rule.endpoint].__doc__ or ""
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
    ]
    assert docstrings and not [doc for doc in docstrings if "---" in doc]


def test_query_parameters_say_an_empty_value_counts_as_absent(client):
    # The API's parser drops `postcode=` as forms send it: the document must admit it.
    document = client.get("/api/v1/openapi.json").get_json()
    parameters = document["paths"]["/api/v1/services"]["get"]["parameters"]
    by_name = {parameter["name"]: parameter for parameter in parameters}
    assert by_name["postcode"]["allowEmptyValue"] is True
    assert client.get("/api/v1/services?postcode=&age=").status_code == 200
