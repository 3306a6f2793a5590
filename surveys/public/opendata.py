"""The open data of a published release: CSV and ESSGlobal JSON-LD, written as
streams (a chunk of entities at a time, never the whole country in memory), the data
dictionary, and the DCAT catalogue that data portals harvest.

The JSON-LD describes each entity the way ESSGlobal data does (the Digital Commons /
Mykomap family): an `essglobal:SSEInitiative` that is also a `schema:Organization`,
its address as an ESSGlobal address in vCard terms and a schema.org postal
address, its point in WGS 84
(`geo:lat` / `geo:long`) and as schema.org coordinates, its legal form,
organisational structure and base membership type from the ESSGlobal code lists,
its ISIC activities as sectors, and — where consent allows — its members and
employees.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.urls import reverse

from countries.models import Country
from surveys.exports.writers.csv import BOM, csv_line
from surveys.exports.writers.jsonld import JSONLD_CONTEXT as EXPORT_CONTEXT
from surveys.exports.writers.jsonld import essglobal_terms, isic_term
from surveys.models import Release
from surveys.public import selectors
from surveys.public.fields import (
    ENTITY_FIELDS,
    FIGURE_FIELDS,
    PublicField,
    latest_figures,
)
from surveys.public.licences import licence_name, licence_url
from surveys.spreadsheet import FORMULA_TRIGGERS, MULTI_SEPARATOR

CSV_COLUMNS = (*ENTITY_FIELDS, *FIGURE_FIELDS)
# The ESSGlobal namespace as ESSGlobal data writes it (http, like the code lists).
JSONLD_CONTEXT = {
    **EXPORT_CONTEXT,
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
}
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA_TYPES = {"csv": "text/csv", "jsonld": "application/ld+json"}
# Entities per chunk of the streamed files.
CHUNK = 200

Absolute = Callable[[str], str]


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = MULTI_SEPARATOR.join(str(v) for v in value)
    text = str(value)
    # Open data is read in spreadsheets too: never let a cell become a formula.
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_row(entity: dict[str, Any]) -> list[str]:
    figures = latest_figures(entity)
    return [cell(entity.get(f.name)) for f in ENTITY_FIELDS] + [
        cell(figures.get(f.name)) for f in FIGURE_FIELDS
    ]


def chunks(lines: Iterator[str]) -> Iterator[bytes]:
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= CHUNK:
            yield "".join(buffer).encode()
            buffer = []
    if buffer:
        yield "".join(buffer).encode()


def csv_stream(release: Release) -> Iterator[bytes]:
    """One row per published entity, with its newest year's figures where consent
    allows them."""
    yield BOM + csv_line([f.name for f in CSV_COLUMNS]).encode()
    yield from chunks(
        csv_line(csv_row(entity)) for entity in selectors.entity_stream(release=release)
    )


def entity_url(release: Release, code: str) -> str:
    return reverse("directory-entity", args=[release.country_id, code])


def initiative(
    entity: dict[str, Any], *, country: str, entity_id: str
) -> dict[str, Any]:
    """One published entity as an ESSGlobal initiative."""
    names = [n for n in (entity["name_en"], entity["name_local"]) if n]
    node: dict[str, Any] = {
        "@id": entity_id,
        "@type": ["essglobal:SSEInitiative", "schema:Organization"],
        "schema:identifier": entity["code"],
        "schema:name": names[0] if names else entity["code"],
    }
    alternate = [n for n in (*names[1:], entity["acronym"]) if n]
    if alternate:
        node["schema:alternateName"] = alternate
    if entity["year_established"]:
        node["schema:foundingDate"] = str(entity["year_established"])
    place = {"locality": entity["locality"], "region": entity["area"]}
    node["essglobal:hasAddress"] = {
        "@type": "essglobal:Address",
        "vcard:country-name": country,
        **{f"vcard:{key}": value for key, value in place.items() if value},
    }
    node["schema:address"] = {
        "@type": "schema:PostalAddress",
        "schema:addressCountry": country,
        **({"schema:addressRegion": entity["area"]} if entity["area"] else {}),
        **(
            {"schema:addressLocality": entity["locality"]} if entity["locality"] else {}
        ),
    }
    if entity["latitude"] is not None and entity["longitude"] is not None:
        node["geo:lat"] = entity["latitude"]
        node["geo:long"] = entity["longitude"]
        node["schema:geo"] = {
            "@type": "schema:GeoCoordinates",
            "schema:latitude": entity["latitude"],
            "schema:longitude": entity["longitude"],
        }
    node.update(essglobal_terms(entity))
    if entity["main_activity"]:
        node["essglobal:primarySector"] = isic_term(entity["main_activity"])
    if entity["other_activities"]:
        node["essglobal:additionalSectors"] = [
            isic_term(code) for code in entity["other_activities"]
        ]
    figures = latest_figures(entity)
    if figures.get("members_total") is not None:
        node["essglobal:totalOfMembers"] = figures["members_total"]
    if figures.get("employees_total") is not None:
        node["schema:numberOfEmployees"] = {
            "@type": "schema:QuantitativeValue",
            "schema:value": figures["employees_total"],
        }
    properties = {
        "sse_type": entity["sse_type"],
        "registration_status": entity["registration_status"],
        "legal_form": entity["legal_form"],
        "classification": entity["classification"],
        "reference_year": figures.get("reference_year"),
    }
    node["schema:additionalProperty"] = [
        {"@type": "schema:PropertyValue", "schema:propertyID": key, "schema:value": v}
        for key, v in properties.items()
        if v not in (None, "")
    ]
    return node


def jsonld_stream(release: Release, absolute: Absolute) -> Iterator[bytes]:
    """The release's published entities as one JSON-LD document, written as it is
    read."""
    # Only @context beside @graph: other keys would make the graph a named one.
    yield b'{"@context": ' + json.dumps(JSONLD_CONTEXT).encode() + b',\n"@graph": [\n'
    about = {
        "@id": absolute(release_url(release)),
        "@type": "schema:Dataset",
        "schema:identifier": release.label,
        "schema:license": {"@id": licence_url(release.licence)},
    }
    yield json.dumps(about, ensure_ascii=False).encode()

    def nodes() -> Iterator[str]:
        for entity in selectors.entity_stream(release=release):
            node = initiative(
                entity,
                country=release.country_id,
                entity_id=absolute(entity_url(release, entity["code"])),
            )
            yield ",\n" + json.dumps(node, ensure_ascii=False)

    yield from chunks(nodes())
    yield b"\n]}\n"


def release_url(release: Release) -> str:
    return reverse("directory-release", args=[release.country_id, release.number])


def file_url(release: Release, kind: str) -> str:
    return reverse(
        "directory-open-data", args=[release.country_id, release.number, kind]
    )


def data_dictionary(
    columns: tuple[PublicField, ...] = CSV_COLUMNS,
) -> list[dict[str, str]]:
    """Every column of a CSV file: its name, what it holds, the consent it needs."""
    return [
        {"column": f.name, "description": str(f.description), "consent": f.level}
        for f in columns
    ]


def data_dictionary_csv(changes: tuple[PublicField, ...]) -> bytes:
    """The columns of `entities.csv`, then those of `changes.csv`."""
    files = (("entities.csv", CSV_COLUMNS), ("changes.csv", changes))
    rows = [["column", "description", "consent_level", "file"]] + [
        [row["column"], row["description"], row["consent"], name]
        for name, columns in files
        for row in data_dictionary(columns)
    ]
    return BOM + "".join(csv_line(row) for row in rows).encode()


def _distribution(
    release: Release, absolute: Absolute, *, url: str, title: str, kind: str
) -> dict[str, Any]:
    url = absolute(url)
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": f"{release.label} {title} ({kind.upper()})",
        "dcat:downloadURL": {"@id": url},
        "dcat:accessURL": {"@id": url},
        "dcat:mediaType": MEDIA_TYPES[kind],
        "dct:format": kind.upper(),
        "dct:license": {"@id": licence_url(release.licence)},
        "dct:conformsTo": {"@id": absolute(reverse("directory-data-dictionary"))},
    }


def changes_url(release: Release) -> str:
    return reverse("directory-changes", args=[release.country_id, release.number])


def _distributions(release: Release, absolute: Absolute) -> list[dict[str, Any]]:
    previous = selectors.previous_release(release=release)
    since = f"since {previous.label}" if previous else "(first release: all added)"
    return [
        *(
            _distribution(
                release,
                absolute,
                url=file_url(release, kind),
                title="entities",
                kind=kind,
            )
            for kind in MEDIA_TYPES
        ),
        _distribution(
            release,
            absolute,
            url=changes_url(release),
            title=f"changes {since}",
            kind="csv",
        ),
    ]


def dataset(release: Release, absolute: Absolute) -> dict[str, Any]:
    country: Country = release.country
    assert release.published_at is not None
    return {
        "@id": absolute(release_url(release)),
        "@type": "dcat:Dataset",
        "dct:identifier": release.label,
        "dct:title": f"SSE entities of {country.name}, release {release.label}",
        "dct:description": (
            f"Social and solidarity economy entities of {country.name} validated by "
            f"the national advisory committee and accepted as release {release.label}"
            ", published with their consent."
        ),
        "dct:issued": {
            "@value": release.published_at.isoformat(),
            "@type": "xsd:dateTime",
        },
        "dct:spatial": country.code,
        "dct:license": {"@id": licence_url(release.licence)},
        "dct:rights": licence_name(release.licence),
        "dcat:keyword": ["social and solidarity economy", "SSE", country.name],
        "dcat:landingPage": {
            "@id": absolute(reverse("directory-country", args=[country.code]))
        },
        "dcat:distribution": _distributions(release, absolute),
    }


def catalogue(absolute: Absolute) -> dict[str, Any]:
    """Every published release as a DCAT dataset."""
    return {
        "@context": DCAT_CONTEXT,
        "@id": absolute(reverse("directory-catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": "SSE Mapping Platform: published releases",
        "dcat:dataset": [
            dataset(release, absolute)
            for release in selectors.published_releases().order_by(
                "country_id", "number"
            )
        ],
    }
