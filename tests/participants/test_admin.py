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
