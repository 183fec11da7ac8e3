"""The API documents itself at /api/v1/openapi.json; the CDN-backed docs page is off."""


def test_the_schema_lists_every_endpoint_with_its_responses(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    paths = schema["paths"]
    assert set(paths) == {
        "/api/v1/applications",
        "/api/v1/applications/status",
        "/api/v1/staff/cases",
    }
    assert set(paths["/api/v1/applications"]["post"]["responses"]) == {"201", "400", "429"}
    assert set(paths["/api/v1/applications/status"]["post"]["responses"]) >= {"200", "404", "429"}
    assert paths["/api/v1/staff/cases"]["get"]["security"]
    application = schema["components"]["schemas"]["ApplicationIn"]
    assert application["additionalProperties"] is False
    assert {
        "unit",
        "applicant_kind",
        "applicant_name",
        "id_type",
        "id_number",
        "description",
    } <= set(application["required"])


def test_the_interactive_docs_page_is_not_served(client, db):
    assert client.get("/api/v1/docs").status_code == 404
