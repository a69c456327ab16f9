from django.urls import path

from shortlist.web import desk_views, export_views, search_views, views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("clients/<int:pk>/", views.client_detail, name="client"),
    path("roles/<int:pk>/", views.role_detail, name="role"),
    path("roles/<int:pk>/shortlist/", views.role_shortlist, name="shortlist"),
    path("roles/<int:pk>/pipeline/", views.add_to_pipeline, name="add_to_pipeline"),
    path("applications/<int:pk>/reveal/", views.application_reveal_view, name="reveal_to_client"),
    path("candidates/", search_views.candidate_list, name="candidates"),
    path("candidates/<int:pk>/", views.candidate_detail, name="candidate"),
    *(
        path(
            f"candidates/<int:pk>/access-request.{fmt}",
            views.candidate_access_request_download,
            {"fmt": fmt},
            name=f"candidate_access_{fmt}",
        )
        for fmt in ("json", "pdf")
    ),
    path("candidates/<int:pk>/erase/", views.candidate_erase_view, name="candidate_erase"),
    path("candidates/<int:pk>/notice-sent/", views.candidate_notice_sent_view, name="candidate_notice_sent"),
    path("privacy/", views.privacy_page, name="privacy"),
    path("candidates/<int:pk>/reveal/", views.reveal_candidate, name="reveal"),
    path("roles/<int:pk>/blind/", views.role_blind_review, name="role_blind"),
    path("me/blind/", views.my_blind_review, name="my_blind"),
    path("audit/bias/", views.bias, name="bias"),
    path("uploads/new/", views.upload_new, name="upload"),
    path("uploads/<int:pk>/", views.upload_detail, name="upload_detail"),
    # The recruiter's desk (issue 12): intake, the pipeline board, the desk across roles, notes.
    path("clients/new/", desk_views.client_edit, name="client_new"),
    path("clients/<int:pk>/edit/", desk_views.client_edit, name="client_edit"),
    path("clients/<int:pk>/growth/", desk_views.growth_edit, name="growth_edit"),
    path("clients/<int:pk>/growth/preview/", desk_views.growth_preview_fragment, name="growth_preview"),
    path("clients/<int:pk>/roles/new/", desk_views.role_new, name="role_new"),
    path("roles/<int:pk>/edit/", desk_views.role_edit, name="role_edit"),
    path("roles/<int:pk>/duplicate/", desk_views.role_copy, name="role_duplicate"),
    path("roles/<int:pk>/status/", desk_views.role_status, name="role_status"),
    path("roles/<int:pk>/pipeline/bulk/", desk_views.shortlist_add, name="shortlist_add"),
    path("applications/<int:pk>/move/", desk_views.application_move_view, name="application_move"),
    path("notes/<str:subject>/<int:pk>/", desk_views.note_new, name="note_new"),
    path("desk/", desk_views.my_desk, name="desk"),
    path("skills/suggest/", desk_views.skills_suggest, name="skills_suggest"),
    # The shortlist for the client and the original CV (issue 12).
    path("roles/<int:pk>/shortlist/export/", export_views.shortlist_export_view, name="shortlist_export"),
    path("candidates/<int:pk>/cv/", export_views.candidate_cv_view, name="candidate_cv"),
    path(
        "candidates/<int:pk>/cv/download/", export_views.candidate_cv_download, name="candidate_cv_download"
    ),
    path(
        "candidates/<int:pk>/cv/preview/",
        export_views.candidate_cv_download,
        {"inline": True},
        name="candidate_cv_inline",
    ),
    # Search, saved searches and tags (issue 12).
    path("candidates/saved/", search_views.saved_search_new, name="saved_search_new"),
    path("candidates/saved/<int:pk>/delete/", search_views.saved_search_remove, name="saved_search_delete"),
    path("candidates/<int:pk>/tags/", search_views.candidate_tag_new, name="candidate_tag_new"),
    path("candidates/<int:pk>/tags/remove/", search_views.candidate_tag_delete, name="candidate_tag_delete"),
]
