"""The ILC 2022 principles checklist and the classification rule (DESIGN §2, §10).

A rule gives each criterion of P1–P4 a treatment: *required* (not met: outside),
*counts* toward its principle (the weakest counted criterion rates the principle),
*flag* (reported, never deciding) or *not used*; and thresholds for the criteria with a
measure. Outcomes: *SSE* when every principle is met or partly met; *outside* when a
required criterion or a national test fails, two counted criteria of P3 or of P4 fail,
or two or more principles are not met; *borderline* (the committee decides) otherwise. The ILC 2022 default requires P3.1,
P3.2 and P4.1, so a single failed surplus or asset criterion refers the entity to the
committee; P3.3 (dependency on one funder) is a flag. The named cases of the ILC text
(savings groups' share-outs, government-initiated cooperatives, social enterprises with
one owner) adjust the treatments for those entity types.
"""

from surveys.principles.classify import (
    ClassificationResult,
    EntityFacts,
    classify,
    principle_rating,
    rating_mismatches,
)
from surveys.principles.criteria import (
    CASE_TREATMENTS,
    COOPERATIVE_TYPES,
    CRITERIA,
    CRITERIA_BY_CODE,
    DEFAULT_RULE_VERSION,
    DEFAULT_TREATMENTS,
    FLAG_ONLY,
    ILC_2022_TEXT,
    PRINCIPLES,
    STRICTNESS,
    VALUES,
    WITHOUT_MEMBERS,
    Criterion,
    CriterionTreatment,
    NamedCase,
)
from surveys.principles.rules import (
    RULE_KEYS,
    NationalRule,
    normalised_rules,
    rule_from_data,
    rule_sentences,
    rules_errors,
)

__all__ = [
    "CASE_TREATMENTS",
    "COOPERATIVE_TYPES",
    "CRITERIA",
    "CRITERIA_BY_CODE",
    "DEFAULT_RULE_VERSION",
    "DEFAULT_TREATMENTS",
    "FLAG_ONLY",
    "ILC_2022_TEXT",
    "PRINCIPLES",
    "RULE_KEYS",
    "STRICTNESS",
    "VALUES",
    "WITHOUT_MEMBERS",
    "ClassificationResult",
    "Criterion",
    "CriterionTreatment",
    "EntityFacts",
    "NamedCase",
    "NationalRule",
    "classify",
    "normalised_rules",
    "principle_rating",
    "rating_mismatches",
    "rule_from_data",
    "rule_sentences",
    "rules_errors",
]
