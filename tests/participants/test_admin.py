from __future__ import annotations

from collections.abc import Callable

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

OUR_APPS = ("participants", "recommendations", "meetings", "reports")


def test_every_model_of_ours_is_in_the_admin_with_search_and_filters() -> None:
    for app_label in OUR_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.auto_created or model.__name__.startswith("Historical"):
                continue
            model_admin = admin.site._registry.get(model)
            assert model_admin is not None, f"{model.__name__} is not in the admin"
            assert model_admin.search_fields, f"{model.__name__} admin has no search"
            assert model_admin.list_filter, f"{model.__name__} admin has no filters"


@pytest.mark.django_db
def test_secretariat_can_search_and_filter_organisations(client_as: Callable[[str], Client]) -> None:
    from participants.models import Organization
    from tests.participants.factories import OrganizationFactory

    OrganizationFactory(name="Ministry of Justice", kind=Organization.Kind.MINISTRY)
    OrganizationFactory(name="Justice Watch", kind=Organization.Kind.NGO)
    client = client_as("secretariat")
    url = reverse("admin:participants_organization_changelist")
    response = client.get(url, {"q": "Justice", "kind__exact": "ministry"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


@pytest.mark.django_db
def test_secretariat_cannot_grant_superuser_powers(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    from participants.models import User

    target = User.objects.get(email="secretariat@example.org")
    response = client.get(reverse("admin:participants_user_change", args=[target.pk]))
    assert response.status_code == 200
    assert "is_superuser" in response.context["adminform"].readonly_fields


@pytest.mark.django_db
def test_a_secretariat_member_who_is_not_a_superuser_opens_every_model_of_the_portal(
    client_as: Callable[[str], Client],
) -> None:
    """The role gives the administration of every app of the portal (derived, not listed by hand), so a new app's
    models are never a 403 for the secretariat; Django's groups stay with superusers."""
    from django.conf import settings

    client = client_as("secretariat")
    user = client.get(reverse("admin:index")).wsgi_request.user
    assert not user.is_superuser
    ours = {config.label for config in apps.get_app_configs() if str(config.path).startswith(str(settings.BASE_DIR))
            and ".venv" not in str(config.path)}
    opened = set()
    for model in admin.site._registry:
        if model._meta.app_label not in ours:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        opened.add(model._meta.app_label)
    assert {"submissions", "api", "meetings", "recommendations"} <= opened
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
