"""The sources page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from countries.selectors import country_get
from surveys import access
from surveys.entities import selectors as records_selectors
from surveys.entities.page_helpers import _form_status
from surveys.form_helpers import page_require
from surveys.records import services
from surveys.records.source_forms import SourceForm
from surveys.submit_once import submitted_once
from surveys.view_errors import errors_as_pages, errors_on_form

# --- Sources ---------------------------------------------------------------------------


@login_required
@submitted_once
@errors_as_pages
def source_list_view(request: HttpRequest, code: str) -> HttpResponse:
    country = country_get(user=request.user, code=code)
    can_add = access.can(request.user, "record.create", country=country)
    if request.method == "POST":
        page_require(request, "record.create", country=country)
    form = SourceForm(request.POST or None) if can_add else None
    back = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    if form is not None and request.method == "POST" and form.is_valid():
        with errors_on_form(form):
            source = services.source_create(
                country=country, by=request.user, data=form.cleaned_data
            )
            messages.success(
                request, _("Source “%(title)s” added.") % {"title": source.title}
            )
            return redirect(back or reverse("source-list", args=[country.code]))
    return render(
        request,
        "surveys/records/source_list.html",
        {
            "country": country,
            "sources": records_selectors.source_list(user=request.user, country=country)
            .annotate(figure_count=Count("figures"))
            .order_by("title"),
            "form": form,
            "next": back,
        },
        status=_form_status(form) if form is not None else 200,
    )
