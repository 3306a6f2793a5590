from django.urls import path

from surveys.drafts import views

urlpatterns = [
    path(
        "records/<str:record_type>/<int:pk>/delete/",
        views.draft_delete_view,
        name="draft-delete",
    ),
    path(
        "records/<str:record_type>/<int:pk>/restore/",
        views.draft_restore_view,
        name="draft-restore",
    ),
    path("deleted-drafts/", views.deleted_draft_list_view, name="deleted-draft-list"),
]
