from django.urls import path

from surveys.views import dashboard, records

urlpatterns = [
    path("countries/<str:code>/", dashboard.country_dashboard, name="country-detail"),
    path(
        "countries/<str:code>/case-studies/",
        records.case_study_list,
        name="case-study-list",
    ),
    path(
        "countries/<str:code>/case-studies/new/",
        records.case_study_create,
        name="case-study-create",
    ),
    path("case-studies/<int:pk>/", records.case_study_detail, name="case-study-detail"),
    path(
        "case-studies/<int:pk>/edit/", records.case_study_edit, name="case-study-edit"
    ),
    path(
        "case-studies/<int:pk>/attachments/new/",
        records.case_study_attachment_add,
        name="case-study-attachment-add",
    ),
    path(
        "case-studies/<int:pk>/attachments/<int:attachment_pk>/",
        records.case_study_attachment,
        name="case-study-attachment",
    ),
    path(
        "countries/<str:code>/capacity-gaps/",
        records.capacity_gap_list,
        name="capacity-gap-list",
    ),
    path(
        "countries/<str:code>/capacity-gaps/new/",
        records.capacity_gap_create,
        name="capacity-gap-create",
    ),
    path(
        "capacity-gaps/<int:pk>/",
        records.capacity_gap_detail,
        name="capacity-gap-detail",
    ),
    path(
        "capacity-gaps/<int:pk>/edit/",
        records.capacity_gap_edit,
        name="capacity-gap-edit",
    ),
    path(
        "countries/<str:code>/national-priorities/",
        records.national_priority_list,
        name="national-priority-list",
    ),
    path(
        "countries/<str:code>/national-definition/",
        records.definition_list,
        name="definition-list",
    ),
    path(
        "countries/<str:code>/national-definition/new/",
        records.definition_create,
        name="definition-create",
    ),
    path(
        "national-definitions/<int:pk>/",
        records.definition_detail,
        name="definition-detail",
    ),
    path(
        "national-definitions/<int:pk>/edit/",
        records.definition_edit,
        name="definition-edit",
    ),
]
