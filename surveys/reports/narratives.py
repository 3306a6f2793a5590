"""The case studies told in full in a country report: each validated study's
narrative, part by part, and the photos its people agreed to publish."""

from __future__ import annotations

import mimetypes
from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.vocabularies import PrioritySector
from surveys.models import CaseStudy, CaseStudyAttachment
from surveys.reports.context import ReportContext
from surveys.reports.dimensions import type_label
from surveys.reports.findings import LIST_LIMIT
from surveys.reports.tables import TEXT, Table, basis, column, row, table

# The parts of a narrative, in the order a reader takes them.
NARRATIVE_PARTS = (
    "summary",
    "context",
    "gender_analysis",
    "decent_work",
    "principles_evidence",
    "lessons",
)
# Raster images only: an SVG can carry scripts and links.
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
PHOTOS_PER_STUDY = 4
WITHHELD = gettext_lazy(
    "A case study whose people have not consented to publication is named, and its "
    "narrative and photos are withheld."
)


def _part_label(name: str) -> str:
    label = str(CaseStudy._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    return label[:1].upper() + label[1:]


def is_image(name: str) -> bool:
    return mimetypes.guess_type(name)[0] in IMAGE_TYPES


def case_study_narratives(context: ReportContext) -> list[dict[str, Any]]:
    """Each validated case study with its narrative and photos (two queries)."""
    studies = list(
        context.validated(CaseStudy)
        .order_by("title", "pk")
        .values(
            "pk",
            "title",
            "area__name_en",
            "priority_sector",
            "sse_type",
            "consent_given",
            *NARRATIVE_PARTS,
        )[:LIST_LIMIT]
    )
    photos: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for attachment in (
        CaseStudyAttachment.objects.filter(
            case_study__in=[s["pk"] for s in studies], consent_given=True
        )
        .order_by("case_study", "uploaded_at", "pk")
        .values("pk", "case_study", "file", "caption")
    ):
        listed = photos[attachment["case_study"]]
        if is_image(attachment["file"]) and len(listed) < PHOTOS_PER_STUDY:
            listed.append(
                {
                    "attachment": attachment["pk"],
                    "case_study": attachment["case_study"],
                    "file": attachment["file"],
                    "caption": attachment["caption"],
                }
            )
    labels = {name: _part_label(name) for name in NARRATIVE_PARTS}
    found = []
    for study in studies:
        facts = [
            study["area__name_en"] or "",
            str(PrioritySector(study["priority_sector"]).label)
            if study["priority_sector"]
            else "",
            type_label(study["sse_type"]) if study["sse_type"] else "",
        ]
        # Without the consent of the people described, only the title is published.
        published = study["consent_given"]
        found.append(
            {
                "pk": study["pk"],
                "title": study["title"],
                "facts": " · ".join(fact for fact in facts if fact),
                "withheld": not published,
                "parts": [
                    {"label": labels[name], "text": study[name]}
                    for name in NARRATIVE_PARTS
                    if study[name] and published
                ],
                "photos": photos.get(study["pk"], []) if published else [],
            }
        )
    return found


def narratives_table(context: ReportContext, found: list[dict[str, Any]]) -> Table:
    """The narratives, one row per case study: the workbook's copy of the chapter."""
    labels = [_part_label(name) for name in NARRATIVE_PARTS]
    rows = []
    for study in found:
        texts = {part["label"]: part["text"] for part in study["parts"]}
        rows.append(row([study["title"], *[texts.get(label, "") for label in labels]]))
    narratives = table(
        "case_study_narratives",
        _("Case-study narratives"),
        [column(_("Case study"), TEXT), *[column(label, TEXT) for label in labels]],
        rows,
        basis=_narratives_basis(context, len(found)),
        notes=[WITHHELD],
    )
    narratives["workbook_only"] = True
    return narratives


def photos_table(context: ReportContext, found: list[dict[str, Any]]) -> Table:
    """The photos the PDF and the page show, listed for the workbook."""
    rows = [
        row([study["title"], photo["caption"], photo["file"].rsplit("/", 1)[-1]])
        for study in found
        for photo in study["photos"]
    ]
    photos = table(
        "case_study_photos",
        _("Case-study photos"),
        [
            column(_("Case study"), TEXT),
            column(_("Caption"), TEXT),
            column(_("File"), TEXT),
        ],
        rows,
        basis=basis(
            n=len(rows),
            population=_("%(n)s photos published with the consent of the people shown")
            % {"n": len(rows)},
            reference=context.reference,
            sources=_("case studies validated by the national advisory committee"),
        ),
        notes=[
            _(
                "Only images whose people consented to their publication are "
                "shown, up to %(n)s per case study."
            )
            % {"n": PHOTOS_PER_STUDY}
        ],
    )
    photos["workbook_only"] = True
    return photos


def _narratives_basis(context: ReportContext, n: int) -> Any:
    return basis(
        n=n,
        population=_("%(n)s validated case studies") % {"n": n},
        reference=context.reference,
        sources=_("case studies validated by the national advisory committee"),
    )
