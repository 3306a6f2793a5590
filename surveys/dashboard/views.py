"""The country dashboard: where a consultant starts, and what needs their attention."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from countries.models import Country
from countries.selectors import country_get
from countries.vocabularies import ModerationFlag, WorkflowState
from surveys import access
from surveys.dashboard import selectors as dashboard_selectors
from surveys.records import selectors as records_selectors
from surveys.view_errors import errors_as_pages


def _url(name: str, country: Country, **params: str) -> str | None:
    """A list's address with its filters; None while that page does not exist."""
    try:
        url = reverse(name, args=[country.code])
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(params)}" if params else url


def _attention(country: Country, summary: dict[str, Any]) -> list[dict[str, Any]]:
    """What waits on the consultant, each linking to the list that shows it."""
    counts = summary["attention"]
    items: list[tuple[Any, int, dict[str, str]]] = [
        (
            _("Entities returned by the committee"),
            counts["returned"],
            {"workflow_state": WorkflowState.RETURNED},
        ),
        (
            _("Borderline entities (the committee decides)"),
            counts["borderline"],
            {"classification": "BORDERLINE"},
        ),
    ]
    flag_counts = {
        ModerationFlag.POSSIBLE_DUPLICATE: counts["possible_duplicate"],
        ModerationFlag.GEO_MISMATCH: counts["geo_mismatch"],
        ModerationFlag.DISAGG_INCONSISTENT: counts["disagg_inconsistent"],
        ModerationFlag.MISSING_REQUIRED: counts["missing_required"],
    }
    for flag, count in flag_counts.items():
        items.append((flag.label, count, {"flag": flag.value}))
    return [
        {
            "label": label,
            "count": count,
            "url": _url("entity-list", country, **params),
            "key": next(iter(params.values())),
        }
        for label, count, params in items
    ]


def coverage_context(country: Country, matrix: dict[str, Any]) -> dict[str, Any]:
    """The coverage matrix with a link per cell to the case studies it counts."""

    def cell(count: int, **params: str) -> dict[str, Any]:
        return {
            "count": count,
            "url": _url("case-study-list", country, **params) if count else None,
        }

    rows = matrix["rows"]
    return {
        "sectors": matrix["sectors"],
        "types": matrix["types"],
        "regions": [row["region"] for row in rows],
        "by_sector": [
            {
                "region": row["region"],
                "cells": [
                    cell(count, region=str(row["region"].pk), sector=code)
                    for count, (code, _label) in zip(
                        row["by_sector"], matrix["sectors"], strict=True
                    )
                ],
                "women_led": row["women_led"],
            }
            for row in rows
        ],
        # Types run down the side: ten columns do not fit a phone, five regions do.
        "by_type": [
            {
                "code": code,
                "label": label,
                "cells": [
                    cell(
                        row["by_type"][index],
                        region=str(row["region"].pk),
                        sse_type=code,
                    )
                    for row in rows
                ],
            }
            for index, (code, label) in enumerate(matrix["types"])
        ],
        "empty_sector_cells": matrix["empty_sector_cells"],
        "sector_cells": len(rows) * len(matrix["sectors"]),
    }


@login_required
@errors_as_pages
def country_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    summary = dashboard_selectors.country_dashboard(country=country)
    return render(
        request,
        "surveys/dashboard/dashboard.html",
        {
            "country": country,
            "summary": summary,
            "by_state": [
                (
                    state,
                    label,
                    count,
                    _url("entity-list", country, workflow_state=state),
                )
                for state, label, count in summary["by_state"]
            ],
            "by_classification": [
                (code, label, count, _url("entity-list", country, classification=code))
                for code, label, count in summary["by_classification"]
            ],
            "attention": _attention(country, summary),
            "records": dashboard_selectors.country_records_attention(country=country),
            "coverage": coverage_context(
                country, dashboard_selectors.coverage_matrix(country=country)
            ),
            "definition": records_selectors.national_definition_list(
                user=request.user, country=country
            )
            .order_by("-number")
            .first(),
            "can_create": access.can(request.user, "record.create", country=country),
            "entity_list_url": _url("entity-list", country),
            "entity_create_url": _url("entity-create", country),
        },
    )
