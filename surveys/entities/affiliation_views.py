"""The affiliation form of the entity page: add or remove a link from a member
organisation to a union, federation or apex body."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from surveys.entities import affiliations
from surveys.entities import selectors as entities_selectors
from surveys.entities.forms import AffiliationForm
from surveys.models import Affiliation
from surveys.submit_once import submitted_once
from surveys.view_errors import errors_as_message, errors_as_pages


def _back(pk: int) -> HttpResponse:
    return redirect(reverse("entity-detail", args=[pk]) + "#affiliations")


@login_required
@submitted_once
@errors_as_pages
@require_POST
def affiliation_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = entities_selectors.entity_get(user=request.user, pk=pk)
    form = AffiliationForm(
        request.POST, federations=affiliations.federation_choices(member)
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(member.pk)
    with errors_as_message(request):
        affiliations.affiliation_add(
            member=member,
            federation=form.cleaned_data["federation"],
            year=form.cleaned_data["year"],
            by=request.user,
            expected_version=form.cleaned_data["version"],
        )
        messages.success(request, _("Affiliation recorded."))
    return _back(member.pk)


@login_required
@errors_as_pages
@require_POST
def affiliation_remove_view(
    request: HttpRequest, pk: int, affiliation_pk: int
) -> HttpResponse:
    member = entities_selectors.entity_get(user=request.user, pk=pk)
    affiliation = get_object_or_404(Affiliation, pk=affiliation_pk, member=member)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    with errors_as_message(request):
        affiliations.affiliation_remove(
            affiliation=affiliation, by=request.user, expected_version=version
        )
        messages.success(request, _("Affiliation removed."))
    return _back(member.pk)
