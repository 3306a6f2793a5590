from django.urls import path

from surveys.dashboard import views

urlpatterns = [
    path("countries/<str:code>/", views.country_dashboard, name="country-detail"),
]
