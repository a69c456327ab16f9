from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from shortlist.accounts.views import LoginView
from shortlist.api.errors import unknown_url
from shortlist.api.main import api
from shortlist.api.views import tokens

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("api/<path:rest>", unknown_url),
    path("account/tokens/", tokens, name="api_tokens"),
    path("login/", LoginView.as_view(), name="login"),
    path("portal/", include("shortlist.portal.urls")),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("shortlist.web.urls")),
]

# Styled error pages (issue 12): with navigation for who is signed in; the 500 page reads no database.
handler404 = "shortlist.web.error_pages.page_not_found"
handler500 = "shortlist.web.error_pages.server_error"
