from django.urls import path

from surveys.public import publish_views, views

urlpatterns = [
    path("directory/", views.directory_home, name="directory-home"),
    path("directory/language/", views.directory_language, name="directory-language"),
    path(
        "directory/catalog.jsonld",
        views.directory_catalogue,
        name="directory-catalogue",
    ),
    path(
        "directory/data-dictionary/",
        views.directory_dictionary,
        name="directory-data-dictionary",
    ),
    path(
        "directory/data-dictionary.csv",
        views.directory_dictionary_csv,
        name="directory-data-dictionary-csv",
    ),
    path("directory/<str:code>/", views.directory_country, name="directory-country"),
    path(
        "directory/<str:code>/points.json",
        views.directory_points,
        name="directory-points",
    ),
    path(
        "directory/<str:code>/report.pdf",
        views.directory_report,
        name="directory-report",
    ),
    path(
        "directory/<str:code>/entities/<str:entity_code>/",
        views.directory_entity,
        name="directory-entity",
    ),
    path(
        "directory/<str:code>/releases/<int:number>/",
        views.directory_release,
        name="directory-release",
    ),
    path(
        "directory/<str:code>/releases/<int:number>/entities.<str:kind>",
        views.directory_open_data,
        name="directory-open-data",
    ),
    path(
        "directory/<str:code>/releases/<int:number>/changes.csv",
        views.directory_changes,
        name="directory-changes",
    ),
    path(
        "releases/<int:pk>/publish/",
        publish_views.release_publish_view,
        name="release-publish",
    ),
]
