from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from countries.models import AdminArea, LegalForm
from countries.selectors import country_get, country_list, has_all_countries
from surveys.view_errors import errors_as_pages


@login_required
@errors_as_pages
def home(request: HttpRequest) -> HttpResponse:
    """Where a user lands after login: their country, or all countries for staff."""
    countries = country_list(user=request.user)
    if not has_all_countries(request.user) and countries.count() == 1:
        return redirect("country-detail", code=countries.get().code)
    return redirect("country-list")


@login_required
@errors_as_pages
def country_list_view(request: HttpRequest) -> HttpResponse:
    """Every country the user reads, each with the way into its pages."""
    # One subquery per count: two joined Counts would multiply areas by legal forms.
    areas = (
        AdminArea.objects.current()
        .filter(country=OuterRef("pk"), level=1)
        .order_by()
        .values("country")
        .annotate(n=Count("pk"))
        .values("n")
    )
    legal_forms = (
        LegalForm.objects.filter(country=OuterRef("pk"))
        .order_by()
        .values("country")
        .annotate(n=Count("pk"))
        .values("n")
    )
    countries = country_list(user=request.user).annotate(
        current_areas=Coalesce(Subquery(areas, output_field=IntegerField()), 0),
        legal_form_count=Coalesce(
            Subquery(legal_forms, output_field=IntegerField()), 0
        ),
    )
    return render(request, "countries/country_list.html", {"countries": countries})


@login_required
@errors_as_pages
def country_reference(request: HttpRequest, code: str) -> HttpResponse:
    """The reference data a country's records use: its areas and legal forms."""
    country = country_get(user=request.user, code=code)
    areas = (
        AdminArea.objects.current()
        .filter(country=country, level=1)
        .select_related("macro_region")
        .order_by("macro_region__name_en", "name_en")
    )
    return render(
        request,
        "countries/country_reference.html",
        {
            "country": country,
            "areas": areas,
            "legal_forms": country.legal_forms.all(),
        },
    )
