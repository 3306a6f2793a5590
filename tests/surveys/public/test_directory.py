"""The public directory: signed out, published releases only, consented entities only,
no personal data anywhere, cached with ETags."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from surveys.public.fields import ENTITY_FIELDS, FIGURE_FIELDS
from tests.surveys.factories.publication import (
    PERSONAL,
    Published,
    release_of,
    thai_entity,
)
from tests.surveys.factories.reports import ReportFactory

pytestmark = pytest.mark.django_db


def public_urls(published: Published) -> list[str]:
    release = published.release
    figures, name_place = published.figures.code, published.name_place.code
    return [
        "/directory/",
        "/directory/TH/",
        "/directory/TH/?q=Group",
        "/directory/TH/points.json",
        f"/directory/TH/entities/{figures}/",
        f"/directory/TH/entities/{name_place}/",
        f"/directory/TH/releases/{release.number}/",
        f"/directory/TH/releases/{release.number}/entities.csv",
        f"/directory/TH/releases/{release.number}/entities.jsonld",
        "/directory/catalog.jsonld",
        "/directory/data-dictionary/",
        "/directory/data-dictionary.csv",
        "/api/v1/public/releases/",
        "/api/v1/public/countries/TH/entities/",
        f"/api/v1/public/countries/TH/entities/{figures}/",
    ]


def body(response: object) -> str:
    content = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if getattr(response, "streaming", False)
        else response.content  # type: ignore[attr-defined]
    )
    return content.decode()


def test_a_visitor_signed_out_reads_every_public_page_and_file(
    client: Client, published: Published
) -> None:
    for url in public_urls(published):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"], url


def test_an_entity_without_consent_and_personal_data_are_in_no_public_answer(
    client: Client, published: Published
) -> None:
    hidden = published.hidden
    for url in public_urls(published):
        text = body(client.get(url))
        assert hidden.name_en not in text, url
        assert hidden.code not in text, url
        for personal in PERSONAL:
            assert personal not in text, url
        assert "chair_sex" not in text, url
    assert client.get(f"/directory/TH/entities/{hidden.code}/").status_code == 404
    api = client.get(f"/api/v1/public/countries/TH/entities/{hidden.code}/")
    assert api.status_code == 404


def test_the_search_finds_a_community_enterprise_by_name(
    client: Client, published: Published
) -> None:
    page = client.get("/directory/TH/", {"q": "rice growers", "sse_type": "CE"})

    assert published.figures.name_en in page.content.decode()
    assert published.name_place.name_en not in page.content.decode()
    assert "Small-scale farming" in page.content.decode()
    farming = client.get("/directory/TH/", {"sector": "FARM_SMALL"}).content.decode()
    assert published.figures.name_en in farming
    assert published.name_place.name_en not in farming


def test_the_public_api_refuses_a_type_it_does_not_know(
    client: Client, published: Published
) -> None:
    url = "/api/v1/public/countries/TH/entities/"

    refused = client.get(url, {"sse_type": "AAA"})
    empty = client.get(url, {"sse_type": ""})
    found = client.get(url, {"sse_type": "CE", "q": "rice growers"}).json()

    assert refused.status_code == 400
    assert "sse_type" in refused.json()["errors"]
    assert empty.status_code == 400
    assert [e["name_en"] for e in found["results"]] == [published.figures.name_en]


def test_name_and_place_only_shows_no_figures(
    client: Client, published: Published
) -> None:
    code = published.name_place.code
    page = client.get(f"/directory/TH/entities/{code}/").content.decode()
    api = client.get(f"/api/v1/public/countries/TH/entities/{code}/").json()
    with_figures = client.get(
        f"/directory/TH/entities/{published.figures.code}/"
    ).content.decode()

    assert "123" not in page and "no-figures" in page
    assert api["figures"] == []
    assert "123" in with_figures
    csv_rows = body(client.get("/directory/TH/releases/1/entities.csv")).splitlines()
    header = csv_rows[0].lstrip("\ufeff").split(",")
    row = next(r for r in csv_rows if code in r).split(",")
    assert row[header.index("members_total")] == ""


def test_the_csv_has_the_allowed_columns_only(
    client: Client, published: Published
) -> None:
    csv_text = body(client.get("/directory/TH/releases/1/entities.csv"))

    header = csv_text.splitlines()[0].lstrip("\ufeff").split(",")
    assert header == [f.name for f in (*ENTITY_FIELDS, *FIGURE_FIELDS)]
    assert len(csv_text.splitlines()) == 3


def test_a_page_not_changed_answers_304_to_its_etag(
    client: Client, published: Published
) -> None:
    first = client.get("/directory/TH/")
    again = client.get("/directory/TH/", HTTP_IF_NONE_MATCH=first["ETag"])
    other_language = client.get(
        "/directory/TH/", HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_LANGUAGE="th"
    )

    assert again.status_code == 304
    assert other_language.status_code == 200
    assert "max-age" in first["Cache-Control"]


def test_a_withdrawn_release_disappears_and_the_previous_one_returns(
    client: Client, published: Published, staff: object
) -> None:
    newer = release_of(
        [thai_entity("Newer Savings Group", "FIGURES")], by=staff, number=2
    )  # type: ignore[arg-type]
    assert "Newer Savings Group" in client.get("/directory/TH/").content.decode()

    newer.withdrawn_at = timezone.now()
    newer.withdrawn_by = published.release.published_by
    newer.withdrawn_reason = "Wrong figures"
    newer.save()

    page = client.get("/directory/TH/").content.decode()
    assert "Newer Savings Group" not in page
    assert published.figures.name_en in page
    assert client.get("/directory/TH/releases/2/entities.csv").status_code == 404


def test_an_unpublished_release_is_not_in_the_directory(
    client: Client, staff: object, reference_data: None
) -> None:
    release_of([thai_entity("Draft Only Group", "FIGURES")], by=staff, published=False)  # type: ignore[arg-type]

    assert client.get("/directory/TH/").status_code == 404
    assert "Draft Only Group" not in client.get("/directory/").content.decode()
    assert client.get("/directory/TH/releases/1/entities.jsonld").status_code == 404


def test_the_language_switch_works_signed_out(
    client: Client, published: Published
) -> None:
    response = client.get(
        "/directory/language/", {"language": "th", "next": "/directory/TH/"}
    )

    assert response.status_code == 302 and response["Location"] == "/directory/TH/"
    page = client.get("/directory/TH/")
    assert '<html lang="th">' in page.content.decode()
    assert "csrfmiddlewaretoken" not in page.content.decode()


def test_one_client_beyond_the_public_budget_waits_with_a_429(
    client: Client, published: Published, settings: Any
) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": "2/minute"},
    }
    cache.clear()

    assert client.get("/directory/TH/").status_code == 200
    assert client.get("/api/v1/public/countries/TH/entities/").status_code == 200
    page = client.get("/directory/TH/")
    api = client.get("/api/v1/public/countries/TH/entities/")

    assert page.status_code == 429 and int(page["Retry-After"]) > 0
    assert api.status_code == 429
    cache.clear()


def test_the_country_page_reads_a_bounded_number_of_rows(
    client: Client,
    published: Published,
    staff: User,
    django_assert_max_num_queries: Any,
) -> None:
    more = [thai_entity(f"Group {n}", "FIGURES") for n in range(30)]
    release_of(more, by=staff, number=2)

    with django_assert_max_num_queries(14):
        response = client.get("/directory/TH/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "30 entities found" in page
    # The area filter offers each area of the published entities once.
    assert more[0].area is not None
    assert page.count(f'<option value="{more[0].area.code}"') == 1


def test_the_report_compiled_from_the_release_is_public_and_a_draft_is_not(
    client: Client, published: Published, settings: Any, tmp_path: Any
) -> None:
    settings.PRIVATE_FILES_ROOT = str(tmp_path)
    (tmp_path / "TH-1.pdf").write_bytes(b"%PDF-1.7 release report")
    (tmp_path / "draft.pdf").write_bytes(b"%PDF-1.7 working draft")
    ReportFactory(country_id="TH", done=True, pdf_path="draft.pdf")
    assert client.get("/directory/TH/report.pdf").status_code == 404

    ReportFactory(
        country_id="TH", done=True, pdf_path="TH-1.pdf", release=published.release
    )
    response = client.get("/directory/TH/report.pdf")

    assert b"".join(response.streaming_content) == b"%PDF-1.7 release report"
    assert "report-pdf" in client.get("/directory/TH/").content.decode()
