"""The six catalogues are complete, current and use the glossary's terms.

These fail until the translations are merged: a page half in English is the failure
they are there to catch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from countries.reference_data import ISIC_CLASSES, ISIC_DIVISIONS, ISIC_SECTIONS
from tests.catalogues import (
    LANGUAGES,
    Term,
    glossary_problems,
    read_glossary,
    read_po,
)

BASE = Path(settings.BASE_DIR)
# ISIC titles follow each country's own classification of economic activities (TSIC,
# VSIC, ОКВЭД…), whose words ("boards", "employers") are not the glossary's terms.
ISIC_TITLES = frozenset(
    seed.title for seed in (*ISIC_SECTIONS, *ISIC_DIVISIONS, *ISIC_CLASSES)
)
# Exactly the options the catalogues are made with (README, "Translations").
MAKEMESSAGES = [
    "makemessages",
    *(arg for language in LANGUAGES for arg in ("-l", language)),
    *("-i", ".venv/*", "-i", "var/*", "-i", "benchmarks/*", "-i", "tests/*"),
    *("-i", "staticfiles/*", "-i", "docs/*", "-i", "node_modules/*", "--no-location"),
]
# Not part of the sources: left out of the copy makemessages runs in.
NOT_SOURCES = shutil.ignore_patterns(
    ".venv",
    "node_modules",
    "var",
    ".git",
    "staticfiles",
    "test-results",
    "__pycache__",
    "*.png",
    ".mypy_cache",
    ".ruff_cache",
    "db.sqlite3*",
    "*.mo",
)


def catalogue(language: str, root: Path = BASE) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def remade(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sources with makemessages run in it: the catalogues as the code
    now asks for them, the committed ones left untouched."""
    copy = tmp_path_factory.mktemp("sources") / "project"
    shutil.copytree(BASE, copy, ignore=NOT_SOURCES, symlinks=True)
    subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        env={**os.environ, "DEBUG": "true"},
        check=True,
        capture_output=True,
    )
    return copy


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_of_the_catalogue_is_translated(language: str) -> None:
    entries = read_po(catalogue(language))
    untranslated = [e.msgid for e in entries if not e.obsolete and not e.translated]
    fuzzy = [e.msgid for e in entries if not e.obsolete and "fuzzy" in e.flags]
    obsolete = [e.msgid for e in entries if e.obsolete]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:5]}"
    assert not obsolete, f"{len(obsolete)} obsolete: {obsolete[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_every_message_of_the_code(
    remade: Path, language: str
) -> None:
    committed = {e.key for e in read_po(catalogue(language)) if not e.obsolete}
    wanted = {e.key for e in read_po(catalogue(language, remade)) if not e.obsolete}
    missing = sorted(msgid for _ctx, msgid in wanted - committed)
    stale = sorted(msgid for _ctx, msgid in committed - wanted)
    assert not missing, (
        f"{len(missing)} messages of the code are not in locale/{language} "
        f"(run makemessages, see README): {missing[:5]}"
    )
    assert not stale, f"{len(stale)} messages no longer in the code: {stale[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_uses_the_glossary_terms(language: str) -> None:
    glossary = BASE / "docs" / "glossary.md"
    assert glossary.exists(), "docs/glossary.md, the terms per language, is missing"
    terms = read_glossary(glossary.read_text(encoding="utf-8")).get(language)
    assert terms, f"docs/glossary.md has no {language} column"
    entries = [e for e in read_po(catalogue(language)) if e.msgid not in ISIC_TITLES]
    problems = glossary_problems(entries, terms)
    assert not problems, f"{len(problems)} entries stray from the glossary:\n" + (
        "\n".join(problems[:10])
    )


# --- The readers themselves --------------------------------------------------------

SAMPLE_GLOSSARY = """\
# Glossary

| English | km | ky | ru | mn | th | vi |
|---|---|---|---|---|---|---|
| cooperative | សហករណ៍ (សហករណ៍) | кооператив (кооператив) | кооператив (кооператив) | хоршоо (хоршоо) | สหกรณ์ (สหกรณ์) | hợp tác xã (hợp tác xã) |
| **SSE** | សេដ្ឋកិច្ចសង្គម (សេដ្ឋកិច្ច) | ССЭ (ССЭ) | ССЭ (ССЭ) | НЭСЭ (НЭСЭ) | — | KTXH (KTXH) |
"""

SAMPLE_PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Cooperatives of the country"
msgstr "Кооперативы страны"

#, fuzzy
msgid "A cooperative"
msgstr "Товарищество"

msgid "Classic SSE"
msgstr ""
"Классическая "
"ССЭ"

msgctxt "record"
msgid "One entity"
msgid_plural "%(count)s entities"
msgstr[0] "Одна"
msgstr[1] ""

#~ msgid "Gone"
#~ msgstr "Ушло"
"""


def test_the_glossary_reader_reads_terms_and_stems_per_language() -> None:
    terms = read_glossary(SAMPLE_GLOSSARY)
    assert terms["ru"] == [
        Term("cooperative", "кооператив", "кооператив"),
        Term("SSE", "ССЭ", "ССЭ"),
    ]
    assert terms["th"] == [Term("cooperative", "สหกรณ์", "สหกรณ์")]
    assert terms["vi"][0] == Term("cooperative", "hợp tác xã", "hợp tác xã")


def test_the_glossary_check_finds_a_translation_without_the_stem(
    tmp_path: Path,
) -> None:
    po = tmp_path / "django.po"
    po.write_text(SAMPLE_PO, encoding="utf-8")
    entries = read_po(po)
    by_id = {e.msgid: e for e in entries}
    assert set(by_id) == {
        "Cooperatives of the country",
        "A cooperative",
        "Classic SSE",
        "One entity",
        "Gone",
    }
    assert by_id["A cooperative"].flags == {"fuzzy"}
    assert by_id["Classic SSE"].msgstrs == ["Классическая ССЭ"]
    assert by_id["One entity"].msgctxt == "record"
    assert not by_id["One entity"].translated
    assert by_id["Gone"].obsolete
    # Plural "Cooperatives" matches and carries the stem; the fuzzy one does not.
    problems = glossary_problems(entries, read_glossary(SAMPLE_GLOSSARY)["ru"])
    assert len(problems) == 1 and "A cooperative" in problems[0]


def test_the_glossary_matches_whole_words_only() -> None:
    from tests.catalogues import mentions

    assert mentions("cooperative", "Two Cooperatives")
    assert not mentions("cooperative", "cooperatively")
    assert mentions("SSE", "SSE bodies") and not mentions("SSE", "sse bodies")
    assert not mentions("entity", "non-entity")
