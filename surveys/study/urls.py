from django.urls import path

from surveys.study import views

# (URL segment, record type, URL name prefix) of each kind of study record.
_KINDS = (
    ("legal-instruments", "legal_instrument", "legal-instrument"),
    ("support-institutions", "support_institution", "support-institution"),
    ("sampling-frames", "sampling_frame", "sampling-frame"),
    ("methodology", "study_methodology", "study-methodology"),
)

urlpatterns = [
    route
    for segment, kind, name in _KINDS
    for route in (
        path(
            f"countries/<str:code>/{segment}/",
            views.study_record_list,
            {"kind": kind},
            name=f"{name}-list",
        ),
        path(
            f"countries/<str:code>/{segment}/new/",
            views.study_record_create,
            {"kind": kind},
            name=f"{name}-create",
        ),
        path(
            f"{segment}/<int:pk>/",
            views.study_record_detail,
            {"kind": kind},
            name=f"{name}-detail",
        ),
        path(
            f"{segment}/<int:pk>/edit/",
            views.study_record_edit,
            {"kind": kind},
            name=f"{name}-edit",
        ),
    )
]
