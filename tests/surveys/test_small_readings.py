"""Small things people read: an attachment by its file's name, a sort list without
repeats."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from surveys.entities.filters import EntityFilter
from surveys.models import Entity
from tests.surveys.factories import CaseStudyAttachmentFactory, CaseStudyFactory

pytestmark = pytest.mark.django_db


def test_an_attachment_without_a_caption_is_listed_by_its_file_name(
    client: Client, kh_consultant: User, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    study = CaseStudyFactory(country_id="KH", created_by=kh_consultant)
    attachment = CaseStudyAttachmentFactory(case_study=study, caption="")
    client.force_login(kh_consultant)

    html = client.get(reverse("case-study-detail", args=[study.pk])).content.decode()

    assert "/" in attachment.file.name
    assert f">{attachment.file_name}</a>" in html
    assert attachment.file.name not in html


def test_the_sort_list_offers_each_order_once() -> None:
    choices = list(
        EntityFilter(None, queryset=Entity.objects.none()).form.fields["sort"].choices
    )

    labels = [str(label) for _value, label in choices]
    assert len(labels) == len(set(labels))
    assert "Updated (oldest first)" in labels
    assert "Updated (newest first)" not in labels  # the default, "Last updated"
