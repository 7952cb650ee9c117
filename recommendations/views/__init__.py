"""Views of the recommendations app: the public tracker, road maps, and the secretariat's tools."""

from __future__ import annotations

from recommendations.views.manage import (
    bulk_classify,
    import_job,
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
    progress_evidence,
    roadmap_detail,
    roadmap_list,
)
from recommendations.views.roadmaps_manage import action_create, action_edit, roadmap_create, roadmap_edit
from recommendations.views.tracker import dashboard, export, recommendation_detail, tracker
from recommendations.views.withdrawal import (
    action_withdraw,
    progress_update_withdraw,
    recommendation_withdraw,
    roadmap_withdraw,
)

__all__ = [
    "action_withdraw", "progress_update_withdraw", "recommendation_withdraw", "roadmap_withdraw",
    "agency_detail", "agency_list", "bulk_classify", "dashboard", "export", "import_job", "import_template",
    "import_upload", "my_actions", "plan_detail", "plan_list", "progress_approve", "progress_create", "progress_evidence",
    "action_create", "action_edit", "roadmap_create", "roadmap_edit",
    "progress_queue", "progress_reject", "recommendation_detail", "recommendation_edit", "roadmap_detail",
    "roadmap_list", "tracker",
]
