from django.urls import path

from shortlist.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("roles/<int:pk>/", views.role, name="role"),
    path("candidates/<int:pk>/", views.submission, name="submission"),
    path("candidates/<int:pk>/feedback/", views.feedback, name="feedback"),
]
