from django.urls import path

from surveys.releases import views as releases

urlpatterns = [
    path("countries/<str:code>/releases/", releases.release_list, name="release-list"),
    path(
        "countries/<str:code>/releases/accept/",
        releases.release_accept,
        name="release-accept",
    ),
    path("releases/<int:pk>/", releases.release_detail, name="release-detail"),
    path(
        "releases/<int:pk>/progress/",
        releases.release_progress,
        name="release-progress",
    ),
    path(
        "releases/<int:pk>/withdraw/",
        releases.release_withdraw,
        name="release-withdraw",
    ),
    path(
        "releases/<int:pk>/differences/",
        releases.release_differences,
        name="release-differences",
    ),
]
