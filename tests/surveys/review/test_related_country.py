"""Every service refuses a related row of another country, whichever door it comes by."""

import pytest
from django.contrib.auth.models import User

from countries.models import Country, LegalForm
from sse_mapping.exceptions import ApplicationError
from surveys.entities import services
from surveys.meetings.services import meeting_create
from surveys.models import CaseStudy, Entity
from surveys.records.services import record_create
from tests.api.helpers import area_of, make_entity, token_client
from tests.surveys.factories.entities import SourceFactory

pytestmark = pytest.mark.django_db


def test_the_api_refuses_another_countrys_area_among_other_areas(
    th_consultant: User,
) -> None:
    response = token_client(th_consultant).post(
        "/api/v1/entities/",
        {
            "country": "TH",
            "name_en": "Listed in Bangkok",
            "other_areas": [area_of("TH").pk, area_of("KH").pk],
        },
        format="json",
    )

    assert response.status_code == 400, response.content
    assert response.json()["errors"]["other_areas"] == ["Choose an area of Thailand."]
    assert not Entity.objects.filter(name_en="Listed in Bangkok").exists()


def test_an_update_cannot_add_another_countrys_area(th_consultant: User) -> None:
    entity = make_entity(th_consultant, "TH", ready=False)

    response = token_client(th_consultant).patch(
        f"/api/v1/entities/{entity.pk}/",
        {"other_areas": [area_of("KH").pk], "version": entity.version},
        format="json",
    )

    assert response.status_code == 400, response.content
    assert list(entity.other_areas.all()) == []


def test_figures_cannot_cite_another_countrys_source(th_consultant: User) -> None:
    entity = make_entity(th_consultant, "TH", ready=False)
    source = SourceFactory(country_id="KH")

    with pytest.raises(ApplicationError) as error:
        services.figures_save(
            entity=entity,
            by=th_consultant,
            reference_year=2024,
            data={"members_total": 10, "source": source},
            expected_version=None,
        )

    assert error.value.field_errors["source"] == ["Choose a source of Thailand."]
    assert not entity.figures.exists()


def test_a_legal_form_change_cannot_use_another_countrys_form(
    th_consultant: User,
) -> None:
    entity = make_entity(th_consultant, "TH", ready=False)
    th_form = LegalForm.objects.filter(country_id="TH").first()
    kh_form = LegalForm.objects.filter(country_id="KH").first()

    with pytest.raises(ApplicationError) as error:
        services.legal_form_change_record(
            entity=entity,
            by=th_consultant,
            from_form=th_form,
            to_form=kh_form,
            year=None,
            expected_version=None,
        )

    assert set(error.value.field_errors) == {"to_form"}


def test_a_case_study_cannot_name_another_countrys_entity(
    th_consultant: User, kh_consultant: User
) -> None:
    cambodian = make_entity(kh_consultant, "KH", ready=False)

    with pytest.raises(ApplicationError) as error:
        record_create(
            model=CaseStudy,
            country=Country.objects.get(pk="TH"),
            by=th_consultant,
            data={"title": "Mixed", "entities": [cambodian]},
        )

    assert error.value.field_errors["entities"] == ["Choose an entity of Thailand."]
    assert not CaseStudy.objects.exists()


def test_a_meeting_cannot_put_another_countrys_record_on_its_agenda(
    th_committee: User, kh_consultant: User
) -> None:
    cambodian = make_entity(kh_consultant, "KH", ready=False)

    with pytest.raises(ApplicationError):
        meeting_create(
            country=Country.objects.get(pk="TH"),
            by=th_committee,
            data={"date": "2026-01-10", "place": "Bangkok"},
            agenda=[cambodian],
        )
