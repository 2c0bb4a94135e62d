"""Match an Arabic place name against Latin names by their consonant skeletons.

Many places of the gazetteer have no Arabic name (most Turkish, Israeli and Maghrebi towns of
GeoNames), and news writes them by ear: سروج for Suruç, رفحاء for Rafha. Both scripts are reduced
to the same coarse consonant classes (vowels, alif, waw, ya, ayn and hamza dropped; ص/س/ث → s,
ض/ظ/ذ/د → d, ق/ك/خ → k, ج/غ → g, ...), after dropping the Arabic article and the Latin «Al-»,
«An-», ... The skeleton is a key, not a translation: the geocoder accepts a match only when the
skeleton is long enough and one place clearly wins (see ``Geocoder.resolve``).

Measured on the ANETAC English↔Arabic location names (not shipped): see docs/geo.md.
"""

from __future__ import annotations

import re

from rasd.geo.names import arabic_key, latin_key

AR_CLASS = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "s", "ج": "g", "چ": "g", "ح": "h", "خ": "k", "د": "d",
    "ذ": "d", "ر": "r", "ز": "z", "ژ": "z", "س": "s", "ش": "x", "ص": "s", "ض": "d", "ظ": "d", "غ": "g",
    "گ": "g", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
}
# Latin digraphs first (longest first), then single letters; vowels, w, y, a final "-ah", "-eh"
# and apostrophes are dropped.
LATIN_DIGRAPHS = (("sch", "x"), ("tch", "x"), ("kh", "k"), ("gh", "g"), ("sh", "x"), ("ch", "x"), ("th", "t"),
                  ("dh", "d"), ("ph", "f"), ("ck", "k"), ("dj", "g"), ("dz", "z"), ("ts", "s"), ("tz", "s"),
                  ("zh", "z"), ("qu", "k"))
LATIN_CLASS = {"b": "b", "p": "b", "t": "t", "g": "g", "j": "g", "c": "k", "h": "h", "d": "d", "r": "r", "z": "z",
               "s": "s", "f": "f", "v": "f", "k": "k", "q": "k", "l": "l", "m": "m", "n": "n", "x": "ks"}
LATIN_SPECIAL = str.maketrans({"ç": "sh", "ş": "sh", "š": "sh", "ž": "z", "ğ": "", "ẖ": "kh"})
AR_ARTICLE = re.compile(r"^(ال)")
LATIN_ARTICLES = frozenset({"al", "el", "ad", "ed", "ar", "er", "as", "es", "ash", "at", "az", "an", "en", "ath",
                            "adh", "ul", "il", "ol"})


AR_VARIANTS = (("تش", "ج"),)
"""Spellings by ear with more than one reading: «تش» is ch (تشاد, Chad) or Turkish ç (سوروتش, Suruç)."""


def arabic_variants(name: str) -> list[str]:
    """The name and its other readings («سوروتش» → [«سوروتش», «سوروج»])."""
    out = [name]
    for a, b in AR_VARIANTS:
        if a in name:
            out.append(name.replace(a, b))
    return out


def arabic_skeleton(name: str) -> str:
    """Consonant skeleton of an Arabic-script name («رفحاء» → "rfh", «سروج» → "srg")."""
    words = []
    for w in arabic_key(name).split():
        w = AR_ARTICLE.sub("", w) if len(w) > 4 else w
        if w.endswith(("ه", "ة")):
            w = w[:-1]
        words.append("".join(AR_CLASS.get(ch, "") for ch in w))
    return re.sub(r"(.)\1+", r"\1", "".join(words))


def latin_skeleton(name: str, iso3: str | None = None) -> str:
    """Consonant skeleton of a Latin-script name ("Rafḩā" → "rfh"); in Turkish names c and ç are
    the sounds Arabic writes ج ("Suruç" → "srg", "Cizre" → "gzr")."""
    return _latin_reading(name, iso3, vowels=False)


def _latin_reading(name: str, iso3: str | None, *, vowels: bool) -> str:
    """The letter classes of a Latin name, with vowels (a sound) or without (a skeleton, which also
    drops a final "-ah"/"-eh")."""
    low = name.lower()
    if iso3 == "TUR":
        low = low.replace("ç", "c").replace("c", "j")
    words = []
    for w in latin_key(low.translate(LATIN_SPECIAL)).split():
        if w in LATIN_ARTICLES:
            continue
        if not vowels and len(w) > 3 and w.endswith(("ah", "eh")):
            w = w[:-1]
        out = []
        i = 0
        while i < len(w):
            for a, b in LATIN_DIGRAPHS:
                if w.startswith(a, i):
                    out.append(b)
                    i += len(a)
                    break
            else:
                ch = w[i]
                out.append(LATIN_CLASS.get(ch) or (LATIN_VOWELS.get(ch, "") if vowels else ""))
                i += 1
        words.append("".join(out))
    return re.sub(r"(.)\1+", r"\1", "".join(words))


def skeleton_of(name: str, iso3: str | None = None) -> str:
    return arabic_skeleton(name) if any("\u0600" <= ch <= "\u06ff" for ch in name) else latin_skeleton(name, iso3)


AR_VOWELS = {"ا": "a", "ى": "a", "آ": "a", "و": "u", "ي": "i", "ة": "a"}
LATIN_VOWELS = {"a": "a", "e": "i", "i": "i", "o": "u", "u": "u", "y": "i", "w": "u"}


def arabic_sound(name: str) -> str:
    """A rough reading of an Arabic name with its long vowels («باريس» → "baris")."""
    words = []
    for w in arabic_key(name).split():
        w = AR_ARTICLE.sub("", w) if len(w) > 4 else w
        if w.endswith("ه"):
            w = w[:-1] + "ة"
        words.append("".join(AR_CLASS.get(ch) or AR_VOWELS.get(ch, "") for ch in w))
    return re.sub(r"(.)\1+", r"\1", "".join(words))


def latin_sound(name: str, iso3: str | None = None) -> str:
    """The same reading of a Latin name ("Paris" → "baris", "Moscow" → "musku")."""
    return _latin_reading(name, iso3, vowels=True)


def sound_similarity(arabic: str, latin: str, iso3: str | None = None) -> float:
    """0..100: how alike the two readings are (rapidfuzz ratio)."""
    from rapidfuzz.fuzz import ratio

    reading = latin_sound(latin, iso3)
    return max(float(ratio(arabic_sound(v), reading)) for v in arabic_variants(arabic))
