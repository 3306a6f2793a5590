"""Every page of the three journeys (consultant, committee, staff) on the Thai demo."""

from typing import NamedTuple

from countries.models import CommitteeMeeting
from surveys.models import (
    CapacityGap,
    CaseStudy,
    Entity,
    NationalDefinition,
    Report,
)


class JourneyPage(NamedTuple):
    login: str
    name: str
    path: str
    # A file the page downloads (the compiled report), opened in the browser as is.
    download: bool = False


def journey_pages(country: str = "TH") -> list[JourneyPage]:
    """The pages each role goes through, with the demo's records in them."""
    prefix = country.lower()
    consultant, committee = f"{prefix}-consultant", f"{prefix}-committee"
    entities = Entity.objects.filter(country=country).order_by("pk")
    returned = entities.filter(workflow_state="returned").first()
    waiting = entities.filter(workflow_state__in=["submitted", "in_review"]).first()
    validated = entities.filter(workflow_state="validated").first()
    case_study = CaseStudy.objects.filter(country=country).order_by("pk").first()
    gap = CapacityGap.objects.filter(country=country).order_by("pk").first()
    definition = NationalDefinition.objects.filter(country=country).first()
    meeting = CommitteeMeeting.objects.filter(country=country).first()
    report = (
        Report.objects.filter(country=country, status="done").order_by("-pk").first()
    )
    assert returned and waiting and validated and case_study and gap and definition
    assert meeting and report
    home = f"/countries/{country}"
    return [
        JourneyPage(consultant, "country dashboard", f"{home}/"),
        JourneyPage(consultant, "entity list", f"{home}/entities/"),
        JourneyPage(consultant, "new entity form", f"{home}/entities/new/"),
        JourneyPage(consultant, "entity form", f"/entities/{returned.pk}/edit/"),
        JourneyPage(consultant, "entity", f"/entities/{validated.pk}/"),
        JourneyPage(consultant, "returned to me", f"{home}/returned/"),
        JourneyPage(consultant, "case studies", f"{home}/case-studies/"),
        JourneyPage(consultant, "case study", f"/case-studies/{case_study.pk}/"),
        JourneyPage(consultant, "capacity gaps", f"{home}/capacity-gaps/"),
        JourneyPage(consultant, "capacity gap", f"/capacity-gaps/{gap.pk}/"),
        JourneyPage(consultant, "national definition", f"{home}/national-definition/"),
        JourneyPage(
            consultant, "definition", f"/national-definitions/{definition.pk}/"
        ),
        JourneyPage(consultant, "imports", f"{home}/imports/"),
        JourneyPage(committee, "review queue", f"{home}/review/"),
        JourneyPage(committee, "review page", f"/review/entity/{waiting.pk}/"),
        JourneyPage(committee, "meetings", f"{home}/meetings/"),
        JourneyPage(committee, "meeting", f"{home}/meetings/{meeting.pk}/"),
        JourneyPage("staff", "staff dashboard", "/dashboard/"),
        JourneyPage("staff", "exports", f"{home}/exports/"),
        JourneyPage("staff", "reports", f"{home}/reports/"),
        JourneyPage("staff", "report", f"/reports/{report.pk}/"),
        JourneyPage("staff", "compiled report", f"/reports/{report.pk}/html/", True),
        JourneyPage("staff", "map", f"{home}/map/"),
        JourneyPage(committee, "coverage map", f"{home}/coverage/"),
        JourneyPage("staff", "all countries' map", "/map/"),
    ]
