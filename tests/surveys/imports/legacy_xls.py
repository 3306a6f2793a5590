"""A real Excel 97–2003 workbook (BIFF8 records in an OLE2 compound file), written
byte by byte, since no writer of the format is installed: enough of it for any .xls
reader, text and numbers in one sheet."""

from __future__ import annotations

import struct

SECTOR = 512
END_OF_CHAIN, FREE, FAT_SECTOR, NO_STREAM = (
    0xFFFFFFFE,
    0xFFFFFFFF,
    0xFFFFFFFD,
    0xFFFFFFFF,
)


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(substream: int) -> bytes:
    return _record(
        0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 6)
    )


def _cell(row: int, col: int, value: object) -> bytes:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _record(0x0203, struct.pack("<HHHd", row, col, 15, float(value)))
    text = str(value)
    data = struct.pack("<HHHHB", row, col, 15, len(text), 1) + text.encode("utf-16-le")
    return _record(0x0204, data)


def _xf() -> bytes:
    """One style record per cell format: readers look up a number cell's kind in it."""
    return _record(
        0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    )


def _font() -> bytes:
    return _record(
        0x0031,
        struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0)
        + struct.pack("<BB", 5, 0)
        + b"Arial",
    )


def biff8(rows: list[list[object]], *, sheet: str = "data") -> bytes:
    """The workbook stream: the globals, then the one sheet."""
    cells = b"".join(
        _cell(r, c, value)
        for r, values in enumerate(rows)
        for c, value in enumerate(values)
        if value not in (None, "")
    )
    width = max((len(values) for values in rows), default=0)
    sheet_stream = (
        _bof(0x0010)
        + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
        + cells
        + _record(0x000A, b"")
    )
    fonts = b"".join(_font() for _n in range(5))
    styles = b"".join(_xf() for _n in range(16))
    name = sheet.encode("latin-1")

    def globals_(offset: int) -> bytes:
        return (
            _bof(0x0005)
            + _record(0x0042, struct.pack("<H", 1200))
            + fonts
            + styles
            + _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 0) + name)
            + _record(0x000A, b"")
        )

    head = globals_(0)
    return globals_(len(head)) + sheet_stream


def xls(rows: list[list[object]], *, sheet: str = "data") -> bytes:
    """The workbook in an OLE2 compound file: header, one FAT sector, one directory
    sector, then the stream in regular sectors."""
    stream = biff8(rows, sheet=sheet)
    # Streams under 4096 bytes would live in the mini stream; keep it out of it.
    stream += b"\x00" * max(0, 4096 - len(stream))
    stream += b"\x00" * (-len(stream) % SECTOR)
    count = len(stream) // SECTOR
    if count + 2 > SECTOR // 4:
        raise ValueError("too many rows for one FAT sector")
    fat = [FAT_SECTOR, END_OF_CHAIN] + [
        3 + n if n < count - 1 else END_OF_CHAIN for n in range(count)
    ]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NO_STREAM, NO_STREAM, child)
            + b"\x00" * 36
            + struct.pack("<IQ", start, size)
        )

    directory = (
        entry("Root Entry", 5, 1, END_OF_CHAIN, 0)
        + entry("Workbook", 2, NO_STREAM, 2, len(stream))
        + entry("", 0, NO_STREAM, END_OF_CHAIN, 0) * 2
    )
    return header + struct.pack("<128I", *fat) + directory + stream
