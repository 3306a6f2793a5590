from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy, ngettext
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.admin import WebAuthnCredentialAdmin
from django_otp_webauthn.models import WebAuthnCredential

from accounts.passwords import password_link_send
from accounts.second_factor import second_factors_reset
from accounts.services import acting_request
from countries.models import (
    AdminArea,
    Country,
    ExchangeRate,
    IsicCode,
    LegalForm,
    MacroRegion,
    Membership,
)


class ActorRecordedAdmin(admin.ModelAdmin):
    """The security events written while an administrator's form or action changes
    rows (roles, rights, second factors) name that administrator as who acted."""

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with acting_request(request):
            return super().changeform_view(request, *args, **kwargs)

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with acting_request(request):
            return super().changelist_view(request, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with acting_request(request):
            return super().delete_view(request, *args, **kwargs)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "name_local",
        "currency",
        "review_quorum",
        "committee_second_factor",
    ]


@admin.register(MacroRegion)
class MacroRegionAdmin(admin.ModelAdmin):
    list_display = ["country", "code", "name_en", "name_local"]
    list_filter = ["country"]


@admin.register(AdminArea)
class AdminAreaAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_en",
        "name_local",
        "country",
        "level",
        "macro_region",
        "valid_from",
        "valid_to",
        "replaced_by",
    ]
    list_filter = ["country", "level", "macro_region"]
    search_fields = ["code", "name_en", "name_local", "iso_3166_2"]
    raw_id_fields = ["parent", "replaced_by"]


@admin.register(IsicCode)
class IsicCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "title", "section"]
    list_filter = ["level"]
    search_fields = ["code", "title"]


@admin.register(LegalForm)
class LegalFormAdmin(admin.ModelAdmin):
    list_display = [
        "country",
        "code",
        "name_en",
        "name_local",
        "default_sse_type",
        "to_be_confirmed",
    ]
    list_filter = ["country", "to_be_confirmed", "default_sse_type"]
    search_fields = ["code", "name_en", "name_local"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "year", "units_per_usd", "source"]
    list_filter = ["currency"]
    search_fields = ["currency", "source"]
    ordering = ["currency", "-year"]


@admin.register(Membership)
class MembershipAdmin(ActorRecordedAdmin):
    list_display = ["user", "country", "role"]
    list_filter = ["country", "role"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithMembershipsAdmin(ActorRecordedAdmin, UserAdmin):
    inlines = [*UserAdmin.inlines, MembershipInline]
    actions = ["send_password_link", "reset_second_factors"]

    @admin.action(description=gettext_lazy("Reset this member's second factors"))
    def reset_second_factors(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> None:
        """For a lost phone or key: the member sets up a new factor at their next
        sign-in if their role requires one."""
        names = [
            user.get_username()
            for user in queryset
            if second_factors_reset(user=user, request=request)
        ]
        if names:
            self.message_user(
                request,
                gettext("The second factors of %(names)s are removed.")
                % {"names": ", ".join(names)},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                gettext("None of these members had a second factor."),
                messages.WARNING,
            )

    @admin.action(description=gettext_lazy("Send a set-password link by email"))
    def send_password_link(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        """New members choose their own password: nobody shares one with them."""
        sent, skipped = 0, []
        for user in queryset:
            if password_link_send(
                user=user,
                request=request,
                by=request.user,
                new_account=not user.has_usable_password(),
            ):
                sent += 1
            else:
                skipped.append(user.get_username())
        if sent:
            self.message_user(
                request,
                ngettext(
                    "A set-password link was sent to %(count)d user.",
                    "A set-password link was sent to %(count)d users.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                gettext(
                    "No link was sent to %(names)s: give them an email address "
                    "and make sure they are active."
                )
                % {"names": ", ".join(skipped)},
                messages.WARNING,
            )


# The second factors' own administration pages (django-otp registers its own when its
# module is imported), so that a deletion there names who did it too.
for _model, _model_admin in (
    (TOTPDevice, TOTPDeviceAdmin),
    (StaticDevice, StaticDeviceAdmin),
    (WebAuthnCredential, WebAuthnCredentialAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(
        _model,
        type(
            f"Recorded{_model_admin.__name__}", (ActorRecordedAdmin, _model_admin), {}
        ),
    )
