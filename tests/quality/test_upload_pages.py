"""The quality gates on the pages of issue 13's uploads that the crawler cannot reach: an import job in each of its
states (its token is known only to its uploader) and the progress form refusing an evidence file.

axe (WCAG 2.2 A/AA), the CSP and sideways scrolling at 375 and 1280 px in Chromium; valid HTML with the Nu checker.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.fixtures import Settings

from conftest import make_role_user
from participants.models import Organization, User
from recommendations import services
from recommendations.models import ImportJob
from tests.auth import force_login
from tests.core.files import HTML_BYTES
from tests.participants.factories import OrganizationFactory
from tests.quality import vnu
from tests.quality.axe import blocking, blocking_csp, run_axe
from tests.quality.browser import LAYOUT_WIDTHS, csp_violations, horizontal_overflow
from tests.recommendations.factories import ActionFactory
from tests.recommendations.import_files import generic_csv


def _jobs(secretariat: User) -> dict[str, str]:
    """A job in each state a page shows; returns their URLs by state."""
    def create(data: bytes) -> ImportJob:
        return services.import_job_create(actor=secretariat, file=SimpleUploadedFile("rows.csv", data),
                                          format="generic")

    ready = create(generic_csv(12))
    services.import_job_check(job_id=ready.pk)
    invalid = create(generic_csv(2).replace(b"Recommendation 1:", b"Recommendation\x00 1:"))
    services.import_job_check(job_id=invalid.pk)
    running = create(generic_csv(3))
    ImportJob.objects.filter(pk=running.pk).update(status=ImportJob.Status.IMPORTING, started_at=timezone.now())
    failed = create(generic_csv(3))
    ImportJob.objects.filter(pk=failed.pk).update(status=ImportJob.Status.FAILED, error="Line 3: unknown mechanism")
    stale = create(generic_csv(3))
    ImportJob.objects.filter(pk=stale.pk).update(
        status=ImportJob.Status.IMPORTING, started_at=timezone.now() - datetime.timedelta(days=1))
    done = create(generic_csv(4))
    services.import_job_check(job_id=done.pk)
    done.refresh_from_db()
    services.import_job_confirm(actor=secretariat, job=done)
    services.import_job_import(job_id=done.pk)
    jobs = {"ready": ready, "invalid": invalid, "running": running, "failed": failed, "stale": stale, "done": done}
    urls = {state: reverse("recommendations:import-job", args=[job.token]) for state, job in jobs.items()}
    urls["upload"] = reverse("recommendations:import")
    return urls


@pytest.mark.quality_gate("accessibility (axe-core)")
@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_import_pages_and_the_progress_form_pass_axe_the_csp_and_fit_the_screen(
    page_as: Callable[..., Page], settings: Settings, tmp_path: Path,
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    secretariat = make_role_user(User.Role.SECRETARIAT, email="axe-imports@example.org")
    urls = _jobs(secretariat)
    focal_point = make_role_user(User.Role.FOCAL_POINT, email="axe-evidence@example.org")
    action = ActionFactory(responsible_agencies=[focal_point.memberships.get().organization])
    failures = []

    tab = page_as("secretariat", user=secretariat)
    for state, url in urls.items():
        response = tab.goto(url)
        assert response is not None and response.ok, f"{state}: {url}"
        failures += [f"{state}: {v.describe()}" for v in blocking(run_axe(tab), url)]
        failures += [f"{state}: CSP {v}" for v in blocking_csp(csp_violations(tab), url)]
        for width in LAYOUT_WIDTHS:
            tab.set_viewport_size({"width": width, "height": 900})
            if horizontal_overflow(tab) > 0:
                failures.append(f"{state}: scrolls sideways at {width} px")

    form = page_as("focal_point", user=focal_point)
    form.goto(reverse("recommendations:progress-create", args=[action.pk]))
    form.fill("#id_text", "Draft law sent to the Mazhilis.")
    form.set_input_files("#id_evidence_file", files=[{"name": "evidence.pdf", "mimeType": "application/pdf",  # type: ignore[arg-type]  # a FilePayload
                                                      "buffer": HTML_BYTES}])
    form.locator("main form [type=submit]").first.click()
    form.wait_for_load_state()
    assert "not an accepted document" in form.content()
    failures += [f"progress form: {v.describe()}" for v in blocking(run_axe(form), form.url)]
    failures += [f"progress form: CSP {v}" for v in blocking_csp(csp_violations(form), form.url)]

    assert failures == []


@pytest.mark.quality_gate("valid HTML (Nu HTML Checker)")
@pytest.mark.django_db
def test_import_pages_and_the_progress_form_are_valid_html(tmp_path: Path, settings: Settings) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    secretariat = make_role_user(User.Role.SECRETARIAT)
    client = Client()
    force_login(client, secretariat)
    pages = {}
    for state, url in _jobs(secretariat).items():
        for language in ("en", "kk"):
            pages[f"{state}-{language}"] = client.get(url.replace("/en/", f"/{language}/", 1)).content.decode()
        if state == "upload":
            continue
        pages[f"{state}-partial"] = (
            "<!doctype html><html lang=en><title>partial</title>"
            + client.get(url, headers={"HX-Request": "true"}).content.decode() + "</html>"
        )
    focal_point = make_role_user(User.Role.FOCAL_POINT)
    ministry = OrganizationFactory(name="Ministry of Justice", kind=Organization.Kind.MINISTRY)
    action = ActionFactory(responsible_agencies=[ministry])
    form = Client()
    force_login(form, focal_point)
    pages["progress-form-error"] = form.post(
        reverse("recommendations:progress-create", args=[action.pk]),
        {"date": datetime.date.today().isoformat(), "text": "x",
         "evidence_file": SimpleUploadedFile("evidence.html", HTML_BYTES)},
    ).content.decode()
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)

    errors = vnu.validate(files)

    assert errors == [], vnu.summarize(errors)
