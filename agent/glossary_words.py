"""Word forms for the glossary: case and accent folding, inflectional endings, splitting hyphens and elisions."""

from __future__ import annotations

import re
import unicodedata

# Inflectional endings stripped when a word is not in the glossary as written. Applied to folded, lowercased
# words; one ending at a time, shortest first, so "baterías" tries "bateria" before "bater".
_ENDINGS: dict[str, tuple[str, ...]] = {
    "es": tuple(
        "s es a o as os e ar er ir an en amos emos imos ando iendo ado ada ados adas ido ida idos idas aba aban "
        "ia ian ara aran iera ieran ion iones cion ciones mente ito ita itos itas".split()
    ),
    "fr": tuple(
        "s x e es ee ees er ez ent ons ait aient ais ai ir it is ant tion tions eux euse euses ement".split()
    ),
    "de": tuple("e en n er ern es s em st t te ten et est ung ungen".split()),
    "ru": tuple(
        "а я о е ы и у ю ь ой ей ом ем ам ям ах ях ами ями ов ев ий ый ая яя ое ее ые ие ого его ому ему ую юю ых их "
        "ым им ыми ими ть ет ит ут ют ат ят ешь ишь ете ите ил ила ило или ся сь ется ится ются ятся ает ают ать ять "
        "ала ало али ии ия ию ией ью ость ости ться иться аться ться ется".split()
    ),
    "vi": (),  # Vietnamese does not inflect.
}
_ES_ENCLITIC = re.compile(r"^(.{2,}(?:ar|er|ir|ando|iendo))(?:se|me|te|nos|le|les)?(?:lo|la|los|las|le|les|me|te|nos)$")
_MIN_STEM = 3
_ELISION = re.compile(r"^(?:l|d|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu)'(?=\w)")


def fold(text: str, lang: str) -> str:
    """Lowercase and, for es/de/fr, strip accents (ß→ss); ru only folds ё; vi keeps its tone marks."""
    text = unicodedata.normalize("NFC", text).lower().replace("\u2019", "'")
    if lang == "ru":
        return text.replace("ё", "е")
    if lang == "vi":
        return text
    text = text.replace("ß", "ss").replace("œ", "oe")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold_vi(text: str) -> str:
    """Vietnamese without tone marks or đ, as shoppers often type it."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def stem_candidates(word: str, lang: str) -> list[str]:
    """The word with one inflectional ending stripped, longest remainder first (never shorter than 3 letters)."""
    out = []
    if lang == "es":  # enclitic pronouns: "llevarlo", "cargándola" -> "llevar", "cargando"
        m = _ES_ENCLITIC.match(word)
        if m:
            out.append(m.group(1))
    for ending in _ENDINGS.get(lang, ()):
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            out.append(word[: -len(ending)])
    return sorted(set(out), key=len, reverse=True)


def primary_stem(word: str, lang: str) -> str:
    """The word with its longest known ending stripped (the form used to match inflected multi-word phrases)."""
    cands = stem_candidates(word, lang)
    return cands[-1] if cands else word


def split_token(raw: str, lang: str) -> list[str]:
    """One regex token as the words it stands for: hyphens split ("wi-fi"), French elisions dropped ("l'")."""
    if any(ch.isdigit() for ch in raw):
        return [raw]
    parts = raw.split("-") if "-" in raw else [raw]
    if lang == "fr":
        parts = [_ELISION.sub("", p.replace("\u2019", "'")) for p in parts]
    return [p for p in parts if p]
