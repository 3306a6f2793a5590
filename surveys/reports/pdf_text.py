"""Text copied or searched in a report PDF reads as the names were written.

WeasyPrint tells PDF readers which text each glyph stands for through one ToUnicode
entry per glyph, set the first time the glyph is drawn, with the whole text of a
shaped cluster on its last glyph. Thai, Khmer and other shaped scripts break that:
HarfBuzz draws Thai SARA AM (ำ) as NIKHAHIT + SARA AA, so the SARA AA glyph is read
as ำ everywhere (ลำปาง → ลำปำง) or ำ is read as า (ลำปาง → ลาปาง); a Khmer
subscript or pre-base vowel puts its cluster's text on a glyph that stands alone
elsewhere. No font avoids it, since the shaping, not the font, splits the characters.

So, for each line drawn:
- a glyph that is the font's own glyph for a character is read as that character
  (its ToUnicode entry no longer depends on which cluster drew it first);
- a line whose glyphs do not give back its text one for one (any cluster that is not
  one character drawn with that character's own glyph) is wrapped in a marked-content
  span carrying its text as /ActualText, which text extraction, search and copy use
  instead of the glyphs (ISO 32000-1 §14.9.4).
Lines in Latin or Cyrillic script (Vietnamese with precomposed accents, Mongolian)
are one glyph per character and stay as they are.

The charts' SVG text has a second problem: WeasyPrint lays out an SVG text one
character at a time (so that each may have its own position), which leaves Thai and
Khmer vowels and tone marks unshaped, on dotted circles. A text placed at one point
(one x and y, no per-character offsets, rotation, spacing or length) is laid out
whole instead, as the same text is in the page.
"""

from __future__ import annotations

import io
from typing import Any

_DRAW_FIRST_LINE = "draw_first_line"
# SVG text attributes that place characters one by one: a text with any of them is
# left to WeasyPrint's character-by-character layout.
_PER_CHARACTER = ("dx", "dy", "rotate", "letter-spacing", "textLength")


class _WholeText(str):
    """A text that WeasyPrint's SVG layout takes as one piece: iterating over it
    gives the whole text once, rather than one character after another."""

    def __iter__(self) -> Any:
        return iter((str(self),))


def install() -> None:
    """Make WeasyPrint draw every line readable; safe to call again."""
    _install_svg_text()
    from weasyprint.draw import text as drawing

    drawn = getattr(drawing, _DRAW_FIRST_LINE)
    if getattr(drawn, "reads_back", False):
        return

    def draw_first_line(
        stream: Any, textbox: Any, text_overflow: str, block_ellipsis: Any, matrix: Any
    ) -> Any:
        start = len(stream.stream)
        emojis = drawn(stream, textbox, text_overflow, block_ellipsis, matrix)
        if len(stream.stream) > start:  # a line of spaces draws nothing
            text, one_for_one = _read_line(stream, textbox)
            if not one_for_one:
                stream.stream.insert(start, _actual_text(text))
                stream.stream.append(b"EMC")
        return emojis

    draw_first_line.reads_back = True  # type: ignore[attr-defined]
    # draw_text and the SVG text drawer both look the function up in this module
    # when they draw.
    setattr(drawing, _DRAW_FIRST_LINE, draw_first_line)


def _install_svg_text() -> None:
    import weasyprint.svg as svg_package

    laid_out = svg_package.TAGS["text"]
    if getattr(laid_out, "whole", False):
        return

    def text(svg: Any, node: Any, font_size: float) -> Any:
        one_point = all(
            len(str(node.attrib.get(name, "")).split()) <= 1 for name in ("x", "y")
        )
        if (
            node.text
            and one_point
            and not any(a in node.attrib for a in _PER_CHARACTER)
        ):
            node._etree_node.text = _WholeText(node.text)
        return laid_out(svg, node, font_size)

    text.whole = True  # type: ignore[attr-defined]
    # The package tells text nodes apart by comparing TAGS' entry with its own name
    # for the function, so both are replaced.
    svg_package.TAGS["text"] = svg_package.TAGS["tspan"] = text
    svg_package.text = text  # type: ignore[attr-defined]


def _actual_text(text: str) -> bytes:
    utf16 = ("\ufeff" + text).encode("utf-16-be").hex().encode()
    return b"/Span <</ActualText <" + utf16 + b">>> BDC"


def _read_line(stream: Any, textbox: Any) -> tuple[str, bool]:
    """The text of the line just drawn, and whether its glyphs give it back one for
    one. Sets the ToUnicode entry of each of its glyphs that is a character's own."""
    from weasyprint.text.ffi import ffi

    first_line, _next_line = textbox.pango_layout.get_first_line()
    utf8 = textbox.pango_layout.text.encode()
    parts: list[str] = []
    one_for_one = True
    run = first_line.runs
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        start, length = glyph_item.item.offset, glyph_item.item.length
        parts.append(utf8[start : start + length].decode())
        font, _size = stream.add_font(glyph_item.item.analysis.font)
        if font.bitmap:
            one_for_one = False
            continue
        own = _characters_of_glyphs(font.hash, font.file_content, font.index)
        glyphs = glyph_item.glyphs
        clusters: dict[int, list[int]] = {}
        for index in range(glyphs.num_glyphs):
            clusters.setdefault(glyphs.log_clusters[index], []).append(
                glyphs.glyphs[index].glyph
            )
        starts = sorted(clusters)
        for begin, end in zip(starts, [*starts[1:], length], strict=True):
            text = utf8[start + begin : start + end].decode()
            cluster = clusters[begin]
            for glyph in cluster:
                if glyph in own:
                    font.to_unicode[glyph] = own[glyph]
            if len(cluster) != 1 or own.get(cluster[0]) != text:
                one_for_one = False
    return "".join(parts), one_for_one


# Font file hash → its glyphs' characters; a worker draws with a handful of fonts.
_CHARACTERS: dict[str, dict[int, str]] = {}


def _characters_of_glyphs(font_hash: str, content: bytes, index: int) -> dict[int, str]:
    """Each glyph that a character maps to in the font's cmap, with that character
    (the lowest, where several share a glyph)."""
    if font_hash not in _CHARACTERS:
        from fontTools.ttLib import TTFont

        font = TTFont(io.BytesIO(content), fontNumber=index, lazy=True)
        characters: dict[int, str] = {}
        for codepoint, name in sorted(font.getBestCmap().items()):
            characters.setdefault(font.getGlyphID(name), chr(codepoint))
        _CHARACTERS[font_hash] = characters
    return _CHARACTERS[font_hash]
