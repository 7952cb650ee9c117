"""Every write of the recommendations app. Keyword-only, one transaction each (STYLE.md section 7).

A package by topic; import from `recommendations.services`.
"""

from __future__ import annotations

from recommendations.services.editing import (
    recommendation_bulk_classify,
    recommendation_update,
)
from recommendations.services.importing import (
    UPLOAD_KEEP,
    ImportSummary,
    import_upload_confirm,
    import_upload_create,
    recommendation_import,
    recommendation_import_check,
)
from recommendations.services.progress import (
    action_can_report,
    action_set_status,
    progress_update_approve,
    progress_update_reject,
    progress_update_submit,
    user_agency_ids,
)
from recommendations.services.reference import (
    STANDARD_MECHANISMS,
    action_upsert,
    affected_group_upsert,
    mechanisms_ensure,
    plan_measure_upsert,
    plan_upsert,
    recommendation_create,
    review_upsert,
    roadmap_upsert,
    theme_upsert,
)
from recommendations.services.roadmaps import (
    action_create,
    action_update,
    next_action_number,
    next_roadmap_number,
    roadmap_create,
    roadmap_update,
)

__all__ = [
    "ImportSummary",
    "UPLOAD_KEEP",
    "import_upload_confirm",
    "import_upload_create",
    "recommendation_import",
    "recommendation_import_check",
    "recommendation_bulk_classify",
    "recommendation_update",
    "action_can_report",
    "action_set_status",
    "progress_update_approve",
    "progress_update_reject",
    "progress_update_submit",
    "user_agency_ids",
    "action_create",
    "action_update",
    "next_action_number",
    "next_roadmap_number",
    "roadmap_create",
    "roadmap_update",
    "STANDARD_MECHANISMS",
    "action_upsert",
    "affected_group_upsert",
    "mechanisms_ensure",
    "plan_measure_upsert",
    "plan_upsert",
    "recommendation_create",
    "review_upsert",
    "roadmap_upsert",
    "theme_upsert",
]
