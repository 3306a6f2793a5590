"""The open data parsed back as RDF: ESSGlobal initiatives and a DCAT catalogue."""

from __future__ import annotations

import pytest
from django.test import Client
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from tests.surveys.factories.publication import Published, release_of, thai_entity

pytestmark = pytest.mark.django_db

ESSGLOBAL = Namespace("http://purl.org/essglobal/vocab/")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def graph_of(client: Client, url: str) -> Graph:
    response = client.get(url)
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return Graph().parse(data=content.decode(), format="json-ld")


def test_the_jsonld_holds_essglobal_initiatives_with_place_and_figures_by_consent(
    client: Client, published: Published
) -> None:
    graph = graph_of(client, "/directory/TH/releases/1/entities.jsonld")

    initiatives = set(graph.subjects(RDF.type, ESSGLOBAL.SSEInitiative))
    assert len(initiatives) == 2
    rice = URIRef(f"http://testserver/directory/TH/entities/{published.figures.code}/")
    silk = URIRef(
        f"http://testserver/directory/TH/entities/{published.name_place.code}/"
    )
    assert initiatives == {rice, silk}
    assert (rice, RDF.type, SCHEMA.Organization) in graph
    assert graph.value(rice, SCHEMA.name) == Literal(published.figures.name_en)
    assert graph.value(rice, ESSGLOBAL.totalOfMembers).toPython() == 123
    assert graph.value(silk, ESSGLOBAL.totalOfMembers) is None
    assert graph.value(rice, GEO.lat).toPython() == pytest.approx(13.76)
    address = graph.value(rice, ESSGLOBAL.hasAddress)
    assert graph.value(address, VCARD["country-name"]) == Literal("TH")
    assert graph.value(address, VCARD.locality) == Literal("Ban Nong Khai")
    assert graph.value(rice, ESSGLOBAL.organisationalStructure) is not None
    assert "Hidden Fishers" not in graph.serialize(format="turtle")


def test_the_dcat_catalogue_lists_each_published_release_with_its_files(
    client: Client, published: Published, staff: object
) -> None:
    release_of([thai_entity("Second Release Group", "FIGURES")], by=staff, number=2)  # type: ignore[arg-type]

    graph = graph_of(client, "/directory/catalog.jsonld")

    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    datasets = set(graph.objects(catalogue, DCAT.dataset))
    assert {str(graph.value(d, DCTERMS.identifier)) for d in datasets} == {
        "TH-1",
        "TH-2",
    }
    first = next(
        d for d in datasets if str(graph.value(d, DCTERMS.identifier)) == "TH-1"
    )
    assert graph.value(first, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    downloads = {
        str(graph.value(d, DCAT.downloadURL))
        for d in graph.objects(first, DCAT.distribution)
    }
    assert downloads == {
        "http://testserver/directory/TH/releases/1/entities.csv",
        "http://testserver/directory/TH/releases/1/entities.jsonld",
        "http://testserver/directory/TH/releases/1/changes.csv",
    }
    for url in downloads:
        assert client.get(url).status_code == 200


def test_the_files_stream_and_name_the_release_and_licence(
    client: Client, published: Published
) -> None:
    response = client.get("/directory/TH/releases/1/entities.csv")

    assert response.streaming
    assert 'filename="TH-1-entities.csv"' in response["Content-Disposition"]
    assert "creativecommons.org/licenses/by/4.0" in response["Link"]
