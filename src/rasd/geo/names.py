"""Name keys shared by the gazetteer builder and the geocoder.

An Arabic name and the text it is searched in go through the same steps: the project normaliser
(``rasd.text.normalize``), then every character that is not a letter or a digit becomes a space
(one character for one, so offsets survive), and Latin letters are lower-cased.
"""

from __future__ import annotations

import unicodedata

from rasd.text.normalize import norm


def is_arabic(text: str) -> bool:
    """True if ``text`` contains a letter of the Arabic script."""
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text)


def is_plain_arabic(text: str) -> bool:
    """True if every letter is one of the Arabic alphabet's own (not Persian, Kurdish or Latin):
    the test for a name good enough to show as ``name_ar``."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("\u0621" <= ch <= "\u064a" for ch in letters)


HAMZA_SEATS = {"ؤ": "ء", "ئ": "ء"}  # سيئون / سيؤون


def _fold_char(ch: str) -> str:
    if ch in HAMZA_SEATS:
        return HAMZA_SEATS[ch]
    if ch.isalnum():
        return ch.lower() if ch.isascii() else ch
    return " "


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character (fast, and complete)."""

    def __missing__(self, code: int) -> str:
        out = self[code] = _fold_char(chr(code))
        return out


_FOLD = _FoldTable()


def fold(normalised: str) -> str:
    """Map an already normalised string one character for one: non-alphanumerics to spaces, ASCII
    lower-cased, hamza on a seat (ؤ ئ) to bare hamza. Length is preserved."""
    return normalised.translate(_FOLD)


def arabic_key(name: str) -> str:
    """Lookup key of an Arabic-script name: normalised, punctuation to spaces, spaces collapsed."""
    return " ".join(fold(norm(name)).split())


def hamza_loose(key: str) -> str:
    """A key with the word-final hamza after alif dropped («رفحاء» → «رفحا», «صنعاء القديمه» →
    «صنعا القديمه»; not when two letters would be left: «ماء» is not «ما»): the form under
    which names that differ only by that hamza meet. Keys, not text: it shortens the string, so
    the text itself is never loosened (see ``hamza_surfaces``)."""
    if "اء" not in key:
        return key
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("اء") else w for w in key.split(" "))


def hamza_surfaces(key: str) -> tuple[str, ...]:
    """The written forms of a loosened key that differ only by a word-final hamza after alif: the
    key itself and the hamza restored on any of its words («المخا» → «المخا», «المخاء»; «مينا
    عدن» → «مينا عدن», «ميناء عدن»). Each is matched in the text with its own length, so offsets
    stay exact."""
    words = key.split(" ")
    at = [i for i, w in enumerate(words) if len(w) > 2 and w.endswith("ا")][:3]
    out = []
    for mask in range(1 << len(at)):
        ws = list(words)
        for bit, i in enumerate(at):
            if mask >> bit & 1:
                ws[i] += "ء"
        out.append(" ".join(ws))
    return tuple(out)


LATIN_EXTRA = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ð": "d",
                             "þ": "th", "İ": "I", "Ø": "O", "Ł": "L", "Đ": "D"})


def latin_key(name: str) -> str:
    """Lookup key of a Latin-script name ("Ḩadīthah" → "hadithah", "Aydın" → "aydin"); "" for
    other scripts."""
    decomposed = unicodedata.normalize("NFKD", name.translate(LATIN_EXTRA))
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch) or ch in "'’‘ʿʾ`":
            continue
        if ch.isalpha() and not ch.isascii():
            return ""
        out.append(ch.lower() if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def name_key(name: str) -> str:
    """The key of a name in either script."""
    return arabic_key(name) if is_arabic(name) else latin_key(name)
