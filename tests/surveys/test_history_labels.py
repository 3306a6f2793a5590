"""A record's history names what happened in the reader's language, for every action
the platform records."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

from surveys.audit import ACTION_LABELS
from surveys.models import AuditEvent
from surveys.review.workflow import AUDITED_AS
from surveys.templatetags.history import audit_action

SOURCES = Path(settings.BASE_DIR) / "surveys"


def test_every_recorded_action_has_words() -> None:
    written = set(AUDITED_AS.values())
    for path in SOURCES.rglob("*.py"):
        written |= set(re.findall(r'action="([a-z][a-z. ]+)"', path.read_text()))
    assert written, "no audited action found in the sources"
    assert written <= set(ACTION_LABELS), written - set(ACTION_LABELS)


def test_a_history_reads_in_thai() -> None:
    event = AuditEvent(action="figures saved")
    with translation.override("th"):
        shown = audit_action(event)
        assert shown == translation.pgettext("history", "Figures saved")
    assert shown != "Figures saved"
    with translation.override("en"):
        assert audit_action(event) == "Figures saved"
