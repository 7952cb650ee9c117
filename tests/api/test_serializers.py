"""The recommendations list is serialized by hand for speed; it must say exactly what DRF's generic walk of the
declared fields says (which is what the schema documents)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from rest_framework import serializers as drf

from api import selectors, serializers

pytestmark = pytest.mark.django_db


class GenericRecommendationSerializer(serializers.RecommendationSerializer):
    def to_representation(self, obj: Any) -> Any:
        return drf.ModelSerializer.to_representation(self, obj)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_hand_built_recommendations_equal_the_declared_fields(
    public_world: dict, imported_sample: None, language: str
) -> None:
    rows = list(selectors.recommendation_list().order_by("-id"))
    assert len(rows) == 327

    with translation.override(language):
        fast = [dict(row) for row in serializers.RecommendationSerializer(rows, many=True).data]
        generic = [dict(row) for row in GenericRecommendationSerializer(rows, many=True).data]

    assert fast == generic
