from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.StatisticsView.as_view(), name="statistics"),
    path("national.xlsx", views.NationalView.as_view(), name="national"),
    path("<slug:key>.csv", views.FigureCSVView.as_view(), name="figure_csv"),
    path("<slug:key>.xlsx", views.FigureXLSXView.as_view(), name="figure_xlsx"),
]
