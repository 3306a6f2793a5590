"""Staff publish an accepted release, choosing its licence."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from surveys import access
from surveys.form_helpers import StyledFormMixin
from surveys.models import JobStatus, Release
from surveys.public.licences import Licence
from surveys.public.services import release_publish
from surveys.view_errors import errors_as_message, errors_as_pages


class PublishForm(StyledFormMixin, forms.Form):
    licence = forms.ChoiceField(
        label=gettext_lazy("Licence of the open data"),
        choices=Licence.choices,
        initial=Licence.CC_BY,
    )


@login_required
@errors_as_pages
@require_http_methods(["GET", "POST"])
def release_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    release = get_object_or_404(
        Release.objects.visible_to(request.user).select_related("country"),
        pk=pk,
        status=JobStatus.DONE,
    )
    access.require(request.user, "release.publish", country=release.country)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_as_message(request):
            release_publish(
                release=release, by=request.user, licence=form.cleaned_data["licence"]
            )
            messages.success(
                request,
                _("%(release)s is published in the public directory.")
                % {"release": release.label},
            )
            return redirect("release-detail", release.pk)
        return redirect(request.path)
    return render(
        request,
        "surveys/public/release_publish.html",
        {"release": release, "country": release.country, "form": form},
    )
