"""The staff dashboard: the five countries at a glance, each figure linking to the
filtered list it counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from countries.models import Country
from countries.vocabularies import Classification, WorkflowState
from surveys.dashboard.staff import staff_dashboard
from surveys.form_helpers import page_require
from surveys.reports.charts import PALETTE, Series, horizontal_bars
from surveys.view_errors import errors_as_pages

NOT_GIVEN = "#E5E5E5"


def _list_url(country: Country, **params: str) -> str:
    url = reverse("entity-list", args=[country.code])
    return f"{url}?{urlencode(params)}" if params else url


def _by_country_figure(
    *,
    key: str,
    title: str,
    field: str,
    choices: Sequence[tuple[str, Any]],
    counts: dict[str, dict[str, int]],
    countries: list[Country],
) -> dict[str, Any]:
    """Countries down the side, one stacked bar each; the table below has a link per
    count to the country's list filtered on that value."""
    labels = [str(label) or _("Not given") for _code, label in choices]
    cells = {
        country.code: [
            {
                "count": counts.get(country.code, {}).get(code, 0),
                "url": _list_url(country, **{field: code}) if code else None,
            }
            for code, _label in choices
        ]
        for country in countries
    }
    series = [
        Series(
            label,
            PALETTE[index % len(PALETTE)] if code else NOT_GIVEN,
            [counts.get(c.code, {}).get(code, 0) for c in countries],
        )
        for index, ((code, _label), label) in enumerate(
            zip(choices, labels, strict=True)
        )
    ]
    return {
        "key": key,
        "title": title,
        "svg": mark_safe(  # noqa: S308 - the chart code escapes every text it draws
            horizontal_bars(title, [c.name for c in countries], series)
        ),
        "columns": labels,
        "rows": [
            {
                "country": country,
                "url": _list_url(country),
                "total": sum(counts.get(country.code, {}).values()),
                "cells": cells[country.code],
            }
            for country in countries
        ],
        # Many values and few countries: the values run down the side instead.
        "transposed": [
            {
                "label": label,
                "cells": [cells[country.code][index] for country in countries],
            }
            for index, label in enumerate(labels)
        ]
        if len(labels) > len(countries) + 2
        else None,
    }


def _women_figure(
    share: dict[str, tuple[int, int]], countries: list[Country]
) -> dict[str, Any]:
    title = _("Women's share of members")
    values = [
        (share[c.code][0] / share[c.code][1]) if c.code in share else None
        for c in countries
    ]
    return {
        "key": "women",
        "title": title,
        "svg": mark_safe(  # noqa: S308 - the chart code escapes every text it draws
            horizontal_bars(
                title,
                [c.name for c in countries],
                [Series(_("Women"), PALETTE[1], values)],
                percent=True,
            )
        ),
        "rows": [
            {
                "country": country,
                "women": share.get(country.code, (None, None))[0],
                "members": share.get(country.code, (None, None))[1],
                "share": value,
                "url": _list_url(country, women_led="yes"),
            }
            for country, value in zip(countries, values, strict=True)
        ],
    }


def _frame_figure(
    coverage: dict[str, dict[str, Any]], countries: list[Country]
) -> dict[str, Any]:
    title = _("Coverage of the sampling frame: mapped SSE entities ÷ registered")
    values = [
        min(coverage[c.code]["share"] or 0, 1.0) if c.code in coverage else None
        for c in countries
    ]
    return {
        "key": "frame",
        "title": title,
        "svg": mark_safe(  # noqa: S308 - the chart code escapes every text it draws
            horizontal_bars(
                title,
                [c.name for c in countries],
                [Series(_("Coverage (bars stop at 100 %)"), PALETTE[2], values)],
                percent=True,
            )
        ),
        "rows": [
            {
                "country": country,
                "coverage": coverage.get(country.code),
                "url": _list_url(
                    country,
                    classification=Classification.SSE,
                    workflow_state=WorkflowState.VALIDATED,
                ),
            }
            for country in countries
        ],
    }


@login_required
@errors_as_pages
@require_GET
def staff_dashboard_view(request: HttpRequest) -> HttpResponse:
    page_require(request, "dashboard.all")
    data = staff_dashboard(user=request.user)
    countries = data["countries"]
    figures = [
        _by_country_figure(
            key="classification",
            title=_("Entities by classification"),
            field="classification",
            choices=data["classifications"],
            counts=data["classification"],
            countries=countries,
        ),
        _by_country_figure(
            key="state",
            title=_("Entities by state of review"),
            field="workflow_state",
            choices=data["workflow_states"],
            counts=data["workflow_state"],
            countries=countries,
        ),
        _by_country_figure(
            key="type",
            title=_("Entities by SSE type"),
            field="sse_type",
            choices=data["sse_types"],
            counts=data["sse_type"],
            countries=countries,
        ),
    ]
    since = data["recent_since"].isoformat()
    return render(
        request,
        "surveys/dashboard/staff_dashboard.html",
        {
            "figures": figures,
            "women": _women_figure(data["women_share"], countries),
            "frame": _frame_figure(data["frame_coverage"], countries),
            "activity": [
                {
                    "country": country,
                    "added": data["added"].get(country.code, 0),
                    "changed": data["changed"].get(country.code, 0),
                    "url": _list_url(country),
                    "added_url": _list_url(country, added_since=since),
                    "changed_url": _list_url(country, changed_since=since),
                }
                for country in countries
            ],
            "latest": data["latest"],
            "recent_days": data["recent_days"],
            "failed_mails": data["failed_mails"],
        },
    )
