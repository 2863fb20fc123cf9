"""Detect the encoding of transcript and metadata files and decode them to NFC text.

Handled: UTF-8 (with or without BOM), UTF-16 (with BOM, or without BOM when the
zero bytes give it away), and the legacy Cyrillic code pages cp1251 and koi8-r,
which byte-level detectors often confuse on short texts. Between those two we
pick the decoding whose letters look like Russian or Ukrainian text: mostly
lower case, with the frequent letters frequent.
"""

from __future__ import annotations

import codecs

from overheard.errors import EncodingError
from overheard.model import nfc

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FREQUENT = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёієїґ")
_PUNCTUATION = set("«»—–…“”„’‘№ \u00a0")
LEGACY_CYRILLIC = ("cp1251", "koi8_u", "koi8_r")  # koi8-u first: it is koi8-r plus і ї є ґ


def decode_text(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode ``data``; returns ``(nfc_text, encoding_name)`` or raises EncodingError naming ``name``."""
    if not data:
        raise EncodingError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, name), "utf-16" if encoding == "utf-16" else "utf-8-sig"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode(data, utf16, name), utf16
    if b"\x00" in data:
        raise EncodingError(f"{name}: looks like binary data, not text")
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    best, best_score = None, -1.0
    for encoding in LEGACY_CYRILLIC:
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _cyrillic_likeness(candidate)
        if score > best_score:
            best, best_score = (candidate, encoding), score
    if best is None or best_score < 0.5:
        raise EncodingError(f"{name}: cannot tell the text encoding (tried UTF-8, UTF-16, cp1251, koi8-r)")
    text, encoding = best
    if encoding == "koi8_u" and data.decode("koi8_r", errors="replace") == text:
        encoding = "koi8_r"  # no Ukrainian letters: report the common name
    return _checked(text, name), encoding.replace("_", "-")


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return _checked(data.decode(encoding), name)
    except UnicodeDecodeError:
        raise EncodingError(f"{name}: not valid {encoding} although it starts like it") from None


def _checked(text: str, name: str) -> str:
    text = text.lstrip("\ufeff")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise EncodingError(f"{name}: looks like binary data, not text")
    return nfc(text)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / (len(sample) / 2)
    odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
    # Cyrillic in UTF-16 has 0x04 high bytes, Latin has 0x00: look at both patterns.
    even_04 = sample[0::2].count(4) / (len(sample) / 2)
    odd_04 = sample[1::2].count(4) / (len(sample) / 2)
    if odd_zeros + odd_04 > 0.6 and even_zeros < 0.1:
        return "utf-16-le"
    if even_zeros + even_04 > 0.6 and odd_zeros < 0.1:
        return "utf-16-be"
    return None


def _cyrillic_likeness(text: str) -> float:
    """Share of letters that are lower-case frequent Cyrillic letters (high for real text)."""
    letters = [ch for ch in text if ch.isalpha()]
    # box-drawing and other odd symbols are what a wrong code page turns letters into
    oddities = sum(1 for ch in text if ord(ch) > 127 and not ch.isalpha() and ch not in _PUNCTUATION)
    if not letters and not oddities:
        return 1.0  # pure ASCII punctuation/digits: any decoding is the same
    return sum(1 for ch in letters if ch in _FREQUENT) / (len(letters) + oddities)
