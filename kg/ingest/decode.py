"""Bytes → text: encoding detected, not assumed.

Order: an explicit ``--encoding``; a byte-order mark; a declared charset (HTML ``<meta>``);
strict UTF-8; UTF-8 with a few invalid bytes; then charset-normalizer. GB2312/GBK are widened to
GB18030 and Big5 to Big5-HKSCS, so rare place-name characters decode too. Line breaks are
normalised to ``\\n`` (as Python's ``open()`` reads text), so offsets agree however a user reads
``OUT/texts/<doc>.txt``.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import CharsetMatch, CharsetMatches, from_bytes

from kg.ingest.sniff import binary_kind

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

WIDER = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
}

# A file that is UTF-8 but for a few bad bytes is still UTF-8: it must have at least this many
# valid non-ASCII characters per invalid sequence (text in another encoding has almost none).
MIN_VALID_PER_BAD = 20
# More NUL bytes than this share means binary (or UTF-16/32 without a BOM), not stray controls.
MAX_NUL_SHARE = 0.01
# A file whose bytes are more than this share of C0 controls is binary.
MAX_CONTROL_SHARE = 0.05

DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can tell."""


def canonical_encoding(name: str) -> str:
    """Python's codec name for ``name``, widened to the superset encodings we prefer."""
    try:
        base = codecs.lookup(name).name
    except LookupError as exc:
        raise UndecodableError(f"unknown encoding {name!r}") from exc
    return WIDER.get(base, base)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML file declares in its first 4 KB, if any."""
    head = data[:4096]
    m = XML_ENCODING.search(head) or DECLARED_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _control_share(data: bytes) -> float:
    head = data[:65536]
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return controls / max(len(head), 1)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    return text, bad


# Encodings of Chinese text, preferred among the detector's near-equal candidates: short Big5
# samples also decode cleanly as Shift-JIS, and this tool reads Chinese documents.
CHINESE_ENCODINGS = ("gb2312", "gbk", "gb18030", "big5", "big5hkscs", "cp950", "hz", "utf_8", "utf_16", "utf_32")
CHAOS_MARGIN = 0.1


def _pick(matches: CharsetMatches) -> CharsetMatch | None:
    """The detector's best match, or a Chinese encoding that is nearly as good."""
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.encoding.startswith(CHINESE_ENCODINGS) and match.chaos <= best.chaos + CHAOS_MARGIN:
            return match
    return best


def decode_bytes(data: bytes, override: str | None = None, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode ``data``; returns (text, encoding used, warnings). Raises UndecodableError."""
    warnings: list[str] = []
    if override:
        enc = canonical_encoding(override)
        text, bad = _decode_counting(data, enc)
        if bad:
            warnings.append(f"{bad} bytes are not valid {enc} and were replaced by U+FFFD")
        return normalise_newlines(text), enc, warnings
    for bom, enc in BOMS:
        if data.startswith(bom):
            text, bad = _decode_counting(data, enc)
            if enc == "utf-16" or enc == "utf-32":
                text = text.lstrip("\ufeff")
            if bad:
                warnings.append(f"{bad} bytes are not valid {enc} and were replaced by U+FFFD")
            return normalise_newlines(text), enc, warnings
    kind = binary_kind(data)
    if kind:
        raise UndecodableError(f"this is {kind}, not a text file")
    if declared:
        try:
            enc = canonical_encoding(declared)
        except UndecodableError:
            warnings.append(f"declared charset {declared!r} is unknown; detecting instead")
        else:
            try:
                return normalise_newlines(data.decode(enc)), enc, warnings
            except UnicodeDecodeError:
                warnings.append(f"the file declares {declared} but is not valid {enc}; detecting instead")
    try:
        return normalise_newlines(data.decode("utf-8")), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    text, bad = _decode_counting(data, "utf-8")
    valid_non_ascii = sum(1 for ch in text if ord(ch) > 127) - bad
    few_nuls = data.count(b"\x00") <= max(4, MAX_NUL_SHARE * len(data))
    if few_nuls and bad * MIN_VALID_PER_BAD <= valid_non_ascii:
        warnings.append(f"{bad} invalid UTF-8 byte sequences were replaced by U+FFFD")
        return normalise_newlines(text), "utf-8", warnings
    best = _pick(from_bytes(data))
    binary = _control_share(data) > MAX_CONTROL_SHARE
    if best is None or best.encoding is None:
        if binary:
            raise UndecodableError("this looks like a binary file (many control bytes), not text")
        raise UndecodableError("cannot tell the text encoding; give it with --encoding")
    enc = canonical_encoding(best.encoding)
    if binary and not enc.startswith(("utf_16", "utf_32", "utf-16", "utf-32")):
        raise UndecodableError("this looks like a binary file (many control bytes), not text")
    text, bad = _decode_counting(data, enc)
    if bad:
        warnings.append(f"{bad} bytes are not valid {enc} and were replaced by U+FFFD")
    return normalise_newlines(text), enc, warnings
