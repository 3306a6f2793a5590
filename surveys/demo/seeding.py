"""What seeding one demo country has at hand, and the review each record awaits."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User

from countries.models import CommitteeMember, Country, NationalPriority
from surveys.demo.codes import References, Story
from surveys.demo.records import DemoCountry
from surveys.models import Entity, Source, WorkflowRecord

# Starts the notes of every demo entity: it tells people the record is invented, and
# tells a second run that the country is already seeded.
DEMO_NOTE = "Demo record: a fictitious entity for trying the platform."


@dataclass
class Review:
    """The state a seeded record is brought to, and how the committee gets there."""

    record: WorkflowRecord
    target: str
    comment: str = ""
    field_comments: dict[str, str] = field(default_factory=dict)
    in_meeting: bool = True
    story: str = Story.NONE
    fix: dict[str, Any] = field(default_factory=dict)


@dataclass
class Seeding:
    """What seeding one country needs at hand."""

    spec: DemoCountry
    country: Country
    consultant: User
    reviewers: tuple[User, User]
    rng: random.Random
    notify: bool
    references: References
    sources: dict[str, Source] = field(default_factory=dict)
    priorities: dict[str, NationalPriority] = field(default_factory=dict)
    members: list[CommitteeMember] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
