"""Case-study attachments: checked by size and content before they are stored."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from countries.selectors import AnyUser
from countries.vocabularies import (
    WorkflowState,
)
from sse_mapping.exceptions import ApplicationError
from surveys.audit import audit
from surveys.models import (
    CaseStudy,
    CaseStudyAttachment,
)
from surveys.review.edits import _after_edit_state, _full_clean, _lock_for_edit

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# Extension → the first bytes such a file starts with (empty: plain text, not checked).
ATTACHMENT_TYPES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
    "rtf": (b"{\\rtf",),
    "txt": (),
    "csv": (),
}


def _check_attachment(file: UploadedFile) -> None:
    name = file.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ", ".join(sorted(ATTACHMENT_TYPES))
    if extension not in ATTACHMENT_TYPES:
        raise ApplicationError(
            _("This kind of file cannot be attached. Use one of: %(types)s.")
            % {"types": allowed},
            field_errors={
                "file": [
                    _(
                        "“%(name)s” is not a document or image type we accept (%(types)s)."
                    )
                    % {"name": name, "types": allowed}
                ]
            },
        )
    if (file.size or 0) > ATTACHMENT_MAX_BYTES:
        raise ApplicationError(
            _("The file is too large."),
            field_errors={
                "file": [
                    _("“%(name)s” is %(size).1f MB; files can be at most 10 MB.")
                    % {"name": name, "size": (file.size or 0) / 1024 / 1024}
                ]
            },
        )
    signatures = ATTACHMENT_TYPES[extension]
    if signatures:
        file.seek(0)
        head = file.read(16)
        file.seek(0)
        if not any(head.startswith(signature) for signature in signatures):
            raise ApplicationError(
                _("The file's content does not match its name."),
                field_errors={
                    "file": [
                        _(
                            "“%(name)s” does not look like a .%(ext)s file. Save it "
                            "again in that format, or rename it to its real type."
                        )
                        % {"name": name, "ext": extension}
                    ]
                },
            )


@transaction.atomic
def case_study_attachment_add(
    *,
    case_study: CaseStudy,
    by: AnyUser,
    file: UploadedFile,
    caption: str,
    consent_given: bool,
) -> CaseStudyAttachment:
    """Attach a document or photo to a case study. It counts as an edit of the study:
    its version goes up and a validated study needs validating again."""
    case_study = _lock_for_edit(  # type: ignore[assignment]
        CaseStudy, case_study, by=by, expected_version=None
    )
    _check_attachment(file)
    attachment = CaseStudyAttachment(
        case_study=case_study,
        file=file,
        caption=caption.strip(),
        consent_given=consent_given,
        uploaded_by=by,  # type: ignore[misc]
    )
    _full_clean(attachment, exclude=["case_study", "uploaded_by", "file"])
    attachment.save()
    changes: dict[str, list[Any]] = {
        "attachment": [None, attachment.caption or file.name],
        "attachment consent": [None, consent_given],
    }
    if _after_edit_state(case_study):
        changes["workflow_state"] = [WorkflowState.VALIDATED, WorkflowState.DRAFT]
    case_study.version += 1
    case_study.updated_by = by  # type: ignore[assignment]
    case_study.save()
    audit(record=case_study, by=by, action="attachment added", changes=changes)
    return attachment
