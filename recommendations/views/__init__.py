"""Views of the recommendations app: the public tracker, road maps, and the secretariat's tools."""

from __future__ import annotations

from recommendations.views.manage import (
    bulk_classify,
    import_preview,
    import_template,
    import_upload,
    progress_approve,
    progress_queue,
    progress_reject,
    recommendation_edit,
)
from recommendations.views.roadmaps import (
    agency_detail,
    agency_list,
    my_actions,
    plan_detail,
    plan_list,
    progress_create,
    roadmap_detail,
    roadmap_list,
)
from recommendations.views.roadmaps_manage import action_create, action_edit, roadmap_create, roadmap_edit
from recommendations.views.tracker import dashboard, export, recommendation_detail, tracker

__all__ = [
    "action_create", "action_edit", "roadmap_create", "roadmap_edit",
    "agency_detail", "agency_list", "bulk_classify", "dashboard", "export", "import_preview", "import_template",
    "import_upload", "my_actions", "plan_detail", "plan_list", "progress_approve", "progress_create",
    "progress_queue", "progress_reject", "recommendation_detail", "recommendation_edit", "roadmap_detail",
    "roadmap_list", "tracker",
]
