"""Reading gettext catalogues and the glossary, for the catalogue tests.

A small reader of the .po format as makemessages writes it (no dependency needed):
each entry's msgctxt, msgid, msgid_plural, msgstr(s), flags and whether it is obsolete.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from countries.languages import LANGUAGES as PLATFORM_LANGUAGES

LANGUAGES = ("km", "ky", "ru", "mn", "th", "vi")
# The switcher names each language in its own script, English as "English".
LANGUAGE_NAMES = frozenset(name for _code, name in PLATFORM_LANGUAGES)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.msgstrs) and all(s.strip() for s in self.msgstrs)


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$")


def read_po(path: Path) -> list[Entry]:
    """The entries of a catalogue, without its header."""
    entries: list[Entry] = []
    entry = Entry()
    current: str | None = None
    started = False

    def finish() -> None:
        nonlocal entry, current, started
        if started and entry.msgid:
            entries.append(entry)
        entry, current, started = Entry(), None, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("#,") and not obsolete:
            if started:
                finish()
            entry.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, text = match.groups()
            if (
                keyword in ("msgctxt", "msgid")
                and started
                and current not in ("msgctxt",)
            ):
                finish()
            started = True
            entry.obsolete = entry.obsolete or obsolete
            current = keyword
            value = ast.literal_eval(text)
            if keyword == "msgctxt":
                entry.msgctxt = value
            elif keyword == "msgid":
                entry.msgid = value
            elif keyword == "msgid_plural":
                entry.msgid_plural = value
            else:
                entry.msgstrs.append(value)
        elif line.startswith('"') and current:
            value = ast.literal_eval(line)
            if current == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + value
            elif current == "msgid":
                entry.msgid += value
            elif current == "msgid_plural":
                entry.msgid_plural += value
            else:
                entry.msgstrs[-1] += value
    finish()
    return entries


@dataclass(frozen=True)
class Term:
    english: str
    term: str
    stem: str


_CELL = re.compile(r"^(?P<term>.*?)\s*\((?P<stem>[^()]+)\)\s*$")


def read_glossary(text: str) -> dict[str, list[Term]]:
    """docs/glossary.md's table: `| English | km | … |`, each cell `term (stem)`.

    Returns, per language, the terms whose cell gives a stem (an empty cell or a dash
    is a term the language has no fixed word for).
    """
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.strip().startswith("|")
    ]
    header_at = next(
        (i for i, row in enumerate(rows) if row and row[0].lower() == "english"), None
    )
    if header_at is None:
        raise ValueError("The glossary has no table whose first column is English.")
    languages = rows[header_at][1:]
    terms: dict[str, list[Term]] = {language: [] for language in languages}
    for row in rows[header_at + 1 :]:
        if not row or set("".join(row)) <= set("-: "):
            continue  # the separator line
        english = row[0].strip("* ")
        for language, cell in zip(languages, row[1:], strict=False):
            match = _CELL.match(cell)
            if english and match:
                terms[language].append(
                    Term(english, match["term"].strip(), match["stem"].strip())
                )
    return terms


def mentions(term: str, msgid: str) -> bool:
    """Whether `msgid` uses the English `term` (whole words, plural allowed; an
    all-capitals term such as SSE only in capitals)."""
    pattern = r"(?<![\w-])" + re.escape(term) + r"(s|es)?(?!\w)"
    return re.search(pattern, msgid, 0 if term.isupper() else re.IGNORECASE) is not None


def glossary_problems(entries: list[Entry], terms: list[Term]) -> list[str]:
    """Each translated entry using a glossary term whose translation lacks its stem."""
    problems = []
    for entry in entries:
        if entry.obsolete or not entry.translated:
            continue
        source = f"{entry.msgid} {entry.msgid_plural}"
        for term in terms:
            if mentions(term.english, source) and not all(
                term.stem.lower() in msgstr.lower() for msgstr in entry.msgstrs
            ):
                problems.append(
                    f"[{term.english} → {term.term} ({term.stem})] {entry.msgid[:70]!r}"
                    f" => {entry.msgstrs[0][:70]!r}"
                )
    return problems


# --- English left in a page --------------------------------------------------------

# Attributes whose text a person reads or hears.
READ_ATTRIBUTES = frozenset({"title", "alt", "placeholder", "aria-label"})
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdf]")
# Pieces a page joins interface words with.
_JOINERS = re.compile(r"\s*(?:·|:|\||/|—|\(|\))\s*")


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    """The page's text nodes and read attributes, whitespace collapsed, each also cut
    at the separators a page joins words with."""
    parser = _VisibleText()
    parser.feed(html)
    pieces: list[str] = []
    for text in parser.texts:
        text = " ".join(text.split())
        pieces.append(text)
        pieces += [part for part in _JOINERS.split(text) if part and part != text]
    return pieces


def english_patterns(entries: list[Entry]) -> list[tuple[str, re.Pattern[str]]]:
    """A whole-text pattern for each English message worth looking for: a message its
    translation keeps as it is (a name, an abbreviation) is not English left over."""
    patterns = []
    for entry in entries:
        if entry.obsolete:
            continue
        for source in filter(None, (entry.msgid, entry.msgid_plural)):
            if (
                source in entry.msgstrs
                or source in LANGUAGE_NAMES
                or not re.search(r"[A-Za-z]{3}", _PLACEHOLDER.sub("", source))
            ):
                continue
            text = " ".join(source.split())
            parts = _PLACEHOLDER.split(text)
            # A value put in: a number, a code or a short name, not a sentence.
            body = r"\S+(?: \S+){0,3}?".join(re.escape(part) for part in parts)
            patterns.append((source, re.compile(body + r"[.:]?")))
    return patterns


def english_left(html: str, patterns: list[tuple[str, re.Pattern[str]]]) -> set[str]:
    """The English messages shown as they are in `html`."""
    found = set()
    for text in visible_texts(html):
        for source, pattern in patterns:
            if pattern.fullmatch(text):
                found.add(source)
    return found
