"""JSON-LD exports: the entities as ESSGLOBAL / schema.org organisations."""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from django.db.models import QuerySet

from countries.vocabularies import CoopMemberType, OrgLevel, RegistrationStatus, SseType
from surveys.exports.rows import Row, export_rows
from surveys.exports.writers.context import ExportContext
from surveys.exports.writers.geojson import published_point
from surveys.models import Entity

JSONLD_CONTEXT = {
    "schema": "https://schema.org/",
    "essglobal": "http://purl.org/essglobal/vocab/",
    "legal-form": "http://purl.org/essglobal/standard/legal-form/",
    "organisational-structure": (
        "http://purl.org/essglobal/standard/organisational-structure/"
    ),
    "base-membership-type": "http://purl.org/essglobal/standard/base-membership-type/",
}
ISIC_SET = "https://unstats.un.org/unsd/classifications/Econ/isic"

# Crosswalks to the ESSGlobal code lists (notes/sse-domain.md §3).
ESSGLOBAL_LEGAL_FORM = {
    SseType.COOP: "L2",
    SseType.SCC: "L2",
    SseType.PRECOOP: "L1",
    SseType.SHG: "L1",
    SseType.ASSOC: "L4",
    SseType.FOUND: "L4",
    SseType.MUTUAL: "L4",
    SseType.SE: "L5",
}
ESSGLOBAL_STRUCTURE = {
    SseType.COOP: "OS115",
    SseType.SCC: "OS115",
    SseType.PRECOOP: "OS10",
    SseType.SHG: "OS10",
    SseType.CE: "OS10",
    SseType.ASSOC: "OS20",
    SseType.FOUND: "OS40",
    SseType.MUTUAL: "OS170",
    SseType.SE: "OS30",
}
ESSGLOBAL_COOP_STRUCTURE = {
    CoopMemberType.WORKER: "OS60",
    CoopMemberType.CONSUMER_USER: "OS80",
    CoopMemberType.PRODUCER: "OS90",
    CoopMemberType.MULTI: "OS100",
}
ESSGLOBAL_MEMBERSHIP = {
    CoopMemberType.CONSUMER_USER: "BMT10",
    CoopMemberType.PRODUCER: "BMT20",
    CoopMemberType.WORKER: "BMT30",
    CoopMemberType.MULTI: "BMT40",
}


def essglobal_terms(row: Row) -> dict[str, Any]:
    sse_type = row["sse_type"]
    terms: dict[str, Any] = {}
    legal_form = (
        "L1"
        if row["registration_status"] == RegistrationStatus.INFORMAL
        else ESSGLOBAL_LEGAL_FORM.get(sse_type)
    )
    if legal_form:
        terms["essglobal:legalForm"] = {"@id": f"legal-form:{legal_form}"}
    structure = ESSGLOBAL_STRUCTURE.get(sse_type)
    if sse_type in (SseType.COOP, SseType.SCC):
        if row["org_level"] == OrgLevel.SECONDARY:
            structure = "OS110"
        elif row["org_level"] == OrgLevel.APEX:
            structure = "OS180"
        else:
            structure = ESSGLOBAL_COOP_STRUCTURE.get(row["coop_member_type"], structure)
    if structure:
        terms["essglobal:organisationalStructure"] = {
            "@id": f"organisational-structure:{structure}"
        }
    membership = ESSGLOBAL_MEMBERSHIP.get(row["coop_member_type"])
    if membership:
        terms["essglobal:baseMembershipType"] = {
            "@id": f"base-membership-type:{membership}"
        }
    return terms


def isic_term(code: str, title: str = "") -> dict[str, Any]:
    term = {
        "@type": "schema:DefinedTerm",
        "schema:termCode": code,
        "schema:inDefinedTermSet": ISIC_SET,
    }
    if title:
        term["schema:name"] = title
    return term


def organisation(row: Row) -> dict[str, Any]:
    """One entity as a schema.org Organization with ESSGlobal terms."""
    names = [n for n in (row["name_en"], row["name_local"]) if n]
    node: dict[str, Any] = {
        "@id": f"urn:uuid:{row['_uid']}",
        "@type": ["schema:Organization", "essglobal:SSEInitiative"],
        "schema:identifier": row["entity_code"],
        "schema:name": names[0] if names else row["entity_code"],
    }
    alternate = [n for n in (*names[1:], row["acronym"]) if n]
    if alternate:
        node["schema:alternateName"] = alternate
    if row["year_established"]:
        node["schema:foundingDate"] = str(row["year_established"])
    if row["purpose"]:
        node["schema:description"] = row["purpose"]
    address = {
        "@type": "schema:PostalAddress",
        "schema:addressCountry": row["_country"],
    }
    if row["_area_name"]:
        address["schema:addressRegion"] = row["_area_name"]
    if row["locality"]:
        address["schema:addressLocality"] = row["locality"]
    node["schema:address"] = address
    point, _precision = published_point(row)
    if point:
        node["schema:geo"] = {
            "@type": "schema:GeoCoordinates",
            "schema:latitude": point[1],
            "schema:longitude": point[0],
        }
    node.update(essglobal_terms(row))
    if row["main_activity"]:
        node["essglobal:primarySector"] = isic_term(
            row["main_activity"], row["_main_activity_title"]
        )
    if row["other_activities"]:
        node["essglobal:additionalSectors"] = [
            isic_term(code) for code in row["other_activities"]
        ]
    if row["members_total"] is not None:
        node["essglobal:totalOfMembers"] = row["members_total"]
    if row["employees_total"] is not None:
        node["schema:numberOfEmployees"] = {
            "@type": "schema:QuantitativeValue",
            "schema:value": row["employees_total"],
        }
    properties = {
        "sse_type": row["sse_type"],
        "registration_status": row["registration_status"],
        "legal_form": row["legal_form"],
        "workflow_state": row["workflow_state"],
        "classification": row["classification"],
        "reference_year": row["reference_year"],
    }
    node["schema:additionalProperty"] = [
        {
            "@type": "schema:PropertyValue",
            "schema:propertyID": key,
            "schema:value": value,
        }
        for key, value in properties.items()
        if value not in (None, "")
    ]
    return node


def write_jsonld(
    entities: QuerySet[Entity], out: BinaryIO, context: ExportContext
) -> int:
    out.write(b'{"@context": ' + json.dumps(JSONLD_CONTEXT).encode())
    out.write(b',\n"@graph": [\n')
    rows = 0
    for row in export_rows(entities, per_year=False, progress=context.progress):
        out.write((",\n" if rows else "").encode())
        out.write(json.dumps(organisation(row), ensure_ascii=False).encode())
        rows += 1
    out.write(b"\n]}\n")
    return rows
