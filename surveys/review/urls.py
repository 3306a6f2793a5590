from django.urls import path

from surveys.review import views

urlpatterns = [
    path("review/progress/", views.review_progress_view, name="review-progress"),
    path(
        "review/<str:record_type>/<int:pk>/",
        views.record_review_view,
        name="record-review",
    ),
    path(
        "review/<str:record_type>/<int:pk>/submit/",
        views.record_submit_view,
        name="record-submit",
    ),
    path(
        "review/<str:record_type>/<int:pk>/reopen/",
        views.record_reopen_view,
        name="record-reopen",
    ),
    path(
        "countries/<str:code>/review/",
        views.review_queue_view,
        name="review-queue",
    ),
    path(
        "countries/<str:code>/review/bulk/",
        views.review_bulk_view,
        name="review-bulk",
    ),
    path(
        "countries/<str:code>/returned/",
        views.returned_list_view,
        name="returned-list",
    ),
]
