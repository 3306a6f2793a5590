"""Free text carries the language it is written in: review comments, narratives and
descriptions in a local script are marked, so that a screen reader reads them with
that language's voice and the browser picks its font."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from surveys.models import ReviewDecision
from tests.surveys.factories import (
    CaseStudyFactory,
    EntityFactory,
    ReviewDecisionFactory,
)

pytestmark = pytest.mark.django_db

KHMER_COMMENT = "សូមពិនិត្យឈ្មោះឡើងវិញ។"


@pytest.fixture
def returned_entity(kh_consultant: User, kh_committee: User) -> Any:
    record = EntityFactory(returned=True, created_by=kh_consultant)
    ReviewDecisionFactory(
        record=record,
        reviewer=kh_committee,
        decision=ReviewDecision.Decision.RETURN,
        comment=KHMER_COMMENT,
        field_comments={"name_en": KHMER_COMMENT, "registration_number": "Missing."},
    )
    return record


def page(user: User, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_khmer_return_comment_is_marked_khmer_beside_its_field(
    kh_consultant: User, returned_entity: Any
) -> None:
    html = page(kh_consultant, reverse("entity-edit", args=[returned_entity.pk]))

    assert f'<div class="text-break" lang="km">{KHMER_COMMENT}</div>' in html
    # English text reads in the page's language: no attribute.
    assert '<div class="text-break">Missing.</div>' in html


def test_the_returned_list_marks_the_khmer_comment(
    kh_consultant: User, returned_entity: Any
) -> None:
    html = page(kh_consultant, reverse("returned-list", args=["KH"]))

    assert f'data-testid="return-comment" lang="km">{KHMER_COMMENT}' in html


def test_a_case_study_narrative_in_khmer_is_marked_khmer(kh_consultant: User) -> None:
    study = CaseStudyFactory(created_by=kh_consultant, summary="សហករណ៍ស្រូវរបស់សមាជិក។")

    html = page(kh_consultant, reverse("case-study-detail", args=[study.pk]))

    assert '<div lang="km"><p>សហករណ៍ស្រូវរបស់សមាជិក។</p></div>' in html
    assert 'data-testid="gender-analysis">' in html


def test_an_entity_page_marks_its_local_name(kh_consultant: User) -> None:
    entity = EntityFactory(created_by=kh_consultant, name_local="សហករណ៍កសិកម្ម")

    html = page(kh_consultant, reverse("entity-detail", args=[entity.pk]))

    assert '<dd class="col-7" lang="km">សហករណ៍កសិកម្ម</dd>' in html


@pytest.mark.parametrize(
    ("country", "language"), [("MN", "mn"), ("KG", "ky"), ("KH", "ru")]
)
def test_cyrillic_text_reads_as_its_countrys_language(
    country: str, language: str
) -> None:
    shown = Template("<p{{ text|lang_attr:country }}>").render(
        Context({"text": "Хоршоо нь гишүүдийнхээ", "country": country})
    )
    assert shown == f'<p lang="{language}">'
