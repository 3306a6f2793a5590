from django.urls import path

from surveys.dashboard import staff_views, views

urlpatterns = [
    path("countries/<str:code>/", views.country_dashboard, name="country-detail"),
    path("dashboard/", staff_views.staff_dashboard_view, name="staff-dashboard"),
]
