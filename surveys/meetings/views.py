"""The committee meeting pages."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from countries.selectors import country_get
from countries.vocabularies import (
    Sex,
)
from surveys import record_types
from surveys.form_helpers import page_require
from surveys.meetings import selectors as meetings_selectors
from surveys.meetings import services as workflow
from surveys.meetings.forms import MeetingForm
from surveys.review import selectors as review_selectors
from surveys.submit_once import submitted_once
from surveys.view_errors import errors_as_message, errors_as_pages

# --- Committee meetings ---------------------------------------------------------------------


@login_required
@errors_as_pages
def meeting_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    return render(
        request,
        "surveys/meetings/meeting_list.html",
        {
            "country": country,
            "meetings": meetings_selectors.meeting_list(
                user=request.user, country=country
            ),
        },
    )


@login_required
@submitted_once
@errors_as_pages
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    page_require(request, "meeting.record", country=country)
    awaiting = review_selectors.awaiting_review_records(country=country)
    by_key = {f"{t}:{record.pk}": record for t, record in awaiting}
    choices = [
        (
            f"{t}:{record.pk}",
            " · ".join(
                part
                for part in (
                    str(record_types.RECORD_TYPES[t].label),
                    getattr(record, "code", ""),
                    str(record),
                )
                if part
            ),
        )
        for t, record in awaiting
    ]
    form = MeetingForm(request.POST or None, country=country, agenda_choices=choices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with errors_as_message(request):
                meeting = workflow.meeting_create(
                    country=country,
                    by=request.user,
                    data={
                        name: form.cleaned_data[name]
                        for name in ("date", "place", "online", "minutes")
                    },
                    attendees=form.cleaned_data["attendees"],
                    agenda=[by_key[key] for key in form.cleaned_data["agenda"]],
                )
                messages.success(request, _("The meeting is recorded."))
                return redirect("meeting-detail", code=country.code, pk=meeting.pk)
        status = 400
    return render(
        request,
        "surveys/meetings/meeting_form.html",
        {"country": country, "form": form},
        status=status,
    )


@login_required
@errors_as_pages
def meeting_detail_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    meeting = meetings_selectors.meeting_get(user=request.user, country=country, pk=pk)
    attendees = list(meeting.attendees.all())
    by_sex = Counter(member.sex for member in attendees)
    sex_counts: list[tuple[Any, int]] = [
        (label, by_sex.get(code, 0)) for code, label in Sex.choices
    ]
    if by_sex.get(""):
        sex_counts.append((_("Not recorded"), by_sex[""]))
    agenda = meetings_selectors.meeting_agenda(meeting=meeting)
    decisions = meetings_selectors.meeting_decisions(meeting=meeting)
    for row in [*agenda, *decisions]:
        row["review_url"] = reverse(
            "record-review", args=[row["record_type"], row["record"].pk]
        )
    return render(
        request,
        "surveys/meetings/meeting_detail.html",
        {
            "country": country,
            "meeting": meeting,
            "attendees": attendees,
            "sex_counts": sex_counts,
            "agenda": agenda,
            "decisions": decisions,
        },
    )
