"""Every write of the recommendations app. Keyword-only, one transaction each (STYLE.md section 7).

A package by topic; import from `recommendations.services`.
"""

from __future__ import annotations

from recommendations.services.editing import (
    recommendation_bulk_classify,
    recommendation_update,
)
from recommendations.services.import_jobs import (
    import_job_check,
    import_job_confirm,
    import_job_create,
    import_job_import,
    import_job_is_stale,
    import_job_progress,
    import_job_purge_stale,
    validate_import_file,
)
from recommendations.services.importing import (
    ImportSummary,
    recommendation_import,
)
from recommendations.services.progress import (
    action_can_report,
    action_set_status,
    progress_update_approve,
    progress_update_reject,
    progress_update_submit,
    user_agency_ids,
)
from recommendations.services.records import (
    action_save,
    plan_measure_save,
    plan_save,
    reference_save,
    roadmap_save,
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
from recommendations.services.withdrawal import (
    action_withdraw,
    progress_update_withdraw,
    recommendation_withdraw,
    roadmap_withdraw,
)

__all__ = [
    "ImportSummary",
    "import_job_check",
    "import_job_confirm",
    "import_job_create",
    "import_job_import",
    "import_job_is_stale",
    "import_job_progress",
    "import_job_purge_stale",
    "validate_import_file",
    "recommendation_import",
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
    "action_save",
    "plan_measure_save",
    "plan_save",
    "reference_save",
    "roadmap_save",
    "action_withdraw",
    "progress_update_withdraw",
    "recommendation_withdraw",
    "roadmap_withdraw",
]
