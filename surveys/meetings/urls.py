from django.urls import path

from surveys.meetings import views

urlpatterns = [
    path(
        "countries/<str:code>/meetings/",
        views.meeting_list_view,
        name="meeting-list",
    ),
    path(
        "countries/<str:code>/meetings/new/",
        views.meeting_create_view,
        name="meeting-create",
    ),
    path(
        "countries/<str:code>/meetings/<int:pk>/",
        views.meeting_detail_view,
        name="meeting-detail",
    ),
]
