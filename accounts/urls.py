from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import two_factor_views, views

urlpatterns = [
    path(
        "security-events/",
        views.security_event_list_view,
        name="security-events",
    ),
    path(
        "two-factor/verify/",
        two_factor_views.two_factor_verify,
        name="two-factor-verify",
    ),
    path("two-factor/", two_factor_views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/app/", two_factor_views.two_factor_app, name="two-factor-app"),
    path("two-factor/key/", two_factor_views.two_factor_key, name="two-factor-key"),
    path(
        "two-factor/recovery/",
        two_factor_views.two_factor_recovery,
        name="two-factor-recovery",
    ),
    path(
        "two-factor/<str:kind>/<int:pk>/remove/",
        two_factor_views.two_factor_remove,
        name="two-factor-remove",
    ),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "password/change/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
