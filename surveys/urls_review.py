from django.urls import path

from surveys.views import review

urlpatterns = [
    path("review/progress/", review.review_progress_view, name="review-progress"),
    path(
        "review/<str:record_type>/<int:pk>/",
        review.record_review_view,
        name="record-review",
    ),
    path(
        "review/<str:record_type>/<int:pk>/submit/",
        review.record_submit_view,
        name="record-submit",
    ),
    path(
        "review/<str:record_type>/<int:pk>/reopen/",
        review.record_reopen_view,
        name="record-reopen",
    ),
    path("countries/<str:code>/review/", review.review_queue_view, name="review-queue"),
    path(
        "countries/<str:code>/review/bulk/",
        review.review_bulk_view,
        name="review-bulk",
    ),
    path(
        "countries/<str:code>/returned/",
        review.returned_list_view,
        name="returned-list",
    ),
    path(
        "countries/<str:code>/meetings/",
        review.meeting_list_view,
        name="meeting-list",
    ),
    path(
        "countries/<str:code>/meetings/new/",
        review.meeting_create_view,
        name="meeting-create",
    ),
    path(
        "countries/<str:code>/meetings/<int:pk>/",
        review.meeting_detail_view,
        name="meeting-detail",
    ),
]
