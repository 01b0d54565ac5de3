"""The one text toolkit every layer uses: Unicode words, small stop-word lists, the language of a locale.

Lowest layer on purpose (knowledge/ must not import agent/): the catalog side, the signal detector, the policy
and the reply checks all split text the same way, so a Russian or Vietnamese need yields words everywhere and
no module carries its own ``[a-z0-9]+``. Words are NFC-normalised and casefolded, made of letters and digits of
any script; diacritics stay ("tiếng" stays "tiếng", "Größe" becomes "grösse"). The one deliberately ASCII
pattern here is :data:`SKU_TOKEN`, for sku-like codes ("PX8-128", "pb_20k.v2").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache

#: The languages the agent serves; stop words exist for each.
LANGUAGES: tuple[str, ...] = ("en", "es", "de", "fr", "ru", "vi")

# A letter or digit of any script, then more of them or combining marks: NFC leaves a few marks uncombined
# (and a casefolded "İ" is "i" + U+0307), and a mark must not cut a word in two.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0903\u093a-\u094f\u1ab0-\u1aff\u20d0-\u20ff"
_WORD = re.compile(rf"[^\W_]+(?:[{_MARKS}]+[^\W_]*)*")
# The same, with an inner apostrophe kept: "don't", "l'eau", "aujourd'hui" stay one word.
_WORD_APOS = re.compile(rf"[^\W_]+(?:[{_MARKS}]+[^\W_]*)*(?:['\u2019][^\W_]+(?:[{_MARKS}]+[^\W_]*)*)*")
# A run of letters next to a run of digits ("128gb"): where grounding splits so spacing never matters.
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
#: Sku-like codes: ASCII letters/digits, inner dots, dashes and underscores allowed. ASCII on purpose: skus are.
SKU_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]*[A-Za-z0-9]")
_LOCALE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_.@\s]|$)")

# Small, general function-word lists: articles, pronouns, prepositions, conjunctions, auxiliaries, negations.
# Enough to compare content words of two short texts; not a linguistic resource.
_STOP_TEXT = {
    "en": "a an and the my our your their his her its i me we us you it they them is are was were be been am to "
    "of for in on at by with from so that this these those just too very really quite always never all more less "
    "no not do does did don t s m ll ve re d would could can will should have has had or but as than then if "
    "what which who how when where there here about into out up over also only any some",
    "es": "el la los las lo un una unos unas y e o u de del al a en con sin para por que qué mi mis tu tus su sus "
    "nuestro nuestra yo me te se le les nos es son está están estoy ser era muy más menos no ni sí pero como "
    "cuando donde este esta estos estas ese esa eso también ya solo sólo hay tengo tiene",
    "de": "der die das den dem des ein eine einer einen einem eines und oder aber zu zum zur mit für von vom im in "
    "an am auf aus bei ist sind war bin bist sein mein meine meinen meiner dein deine unser unsere ich du er sie "
    "es wir ihr man nicht kein keine sehr mehr weniger auch nur noch schon wie wenn dass als so da hier habe hat "
    "haben wird würde kann",
    "fr": "le la les l un une des du de d et ou mais en dans avec sans pour par sur au aux que qu qui quoi mon ma "
    "mes ton ta tes son sa ses notre nos je j tu il elle on nous vous ils elles me m te se s est sont suis être "
    "ai a as avons ont ne n pas plus moins très trop aussi seulement ce c cet cette ces y",
    "ru": "и в во на с со к ко по за из у о об от до для без что чтобы это этот эта эти тот та те мой моя моё мои "
    "мне меня мы нас вы вас он она оно они его её их я ты не ни нет да а но или же ли бы уже очень более менее "
    "только тоже также как когда где есть был была было были будет",
    "vi": "và của cho là có một những các cái chiếc con tôi mình em anh chị bạn chúng ta họ nó với để thì mà ở "
    "này đó kia không chẳng rất quá lắm nhiều hơn cũng đã đang sẽ được bị thêm nữa vẫn còn như khi nào gì "
    "ạ nhé nha ơi",
}
STOP_WORDS: dict[str, frozenset[str]] = {lang: frozenset(text.split()) for lang, text in _STOP_TEXT.items()}
_ALL_STOP: frozenset[str] = frozenset().union(*STOP_WORDS.values())


def normalize(text: str) -> str:
    """``text`` in NFC and casefolded: the form every word comparison uses."""
    # Casefolding can decompose ("İ" -> "i" + U+0307), so compose again after it.
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def words(text: str, *, contractions: bool = False) -> list[str]:
    """The words of ``text``: runs of letters and digits of any script, NFC and casefolded, in order.

    With ``contractions`` an apostrophe between letters stays inside the word ("don't" rather than "don", "t"),
    as negation lists spell them; a typographic apostrophe becomes a plain one.
    """
    pattern = _WORD_APOS if contractions else _WORD
    out = [normalize(m.group()) for m in pattern.finditer(unicodedata.normalize("NFC", text))]
    return [w.replace("\u2019", "'") for w in out] if contractions else out


def word_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Each word of ``text`` (normalised as in :func:`words`) with its start and end offsets in ``text`` itself."""
    for m in _WORD.finditer(text):
        yield normalize(m.group()), m.start(), m.end()


def letter_digit_parts(word: str) -> list[str]:
    """A word cut where letters meet digits: "128gb" -> ["128", "gb"], "x8" -> ["x", "8"]."""
    return [p for p in _LETTER_DIGIT.split(word) if p]


def shared_name_start(names: Sequence[str], brand: str | None = None) -> str:
    """The whole words every name starts with ("Nova Phone" of "Nova Phone 128 GB" and "Nova Phone 256 GB").

    Empty when that start is only the ``brand``: a brand names a maker, not a product line.
    """
    split = [name.split() for name in names]
    common: list[str] = []
    for column in zip(*split):
        if len({w.strip(" -–,:;").casefold() for w in column}) != 1:
            break
        common.append(column[0])
    start = " ".join(common).strip(" -–,:;")
    if brand and words(start) == words(brand):
        return ""
    return start


def stop_words(lang: str | None = None) -> frozenset[str]:
    """The stop words of one language (a code or a locale), or of all six when ``lang`` is None or unknown."""
    code = lang_of(lang)
    return STOP_WORDS.get(code, _ALL_STOP) if code else _ALL_STOP


def content_words(text: str, lang: str | None = None) -> list[str]:
    """The words of ``text`` that are not stop words (of ``lang``, or of every language when it is None)."""
    stop = stop_words(lang)
    return [w for w in words(text) if w not in stop]


def lang_of(locale: str | None) -> str | None:
    """The language of a locale or language tag: "pt_BR" -> "pt", "en-US" -> "en", "ru" -> "ru"; None if unreadable."""
    if not locale:
        return None
    m = _LOCALE.match(locale)
    return m.group(1).lower() if m else None


def sku_tokens(text: str) -> list[str]:
    """The sku-like codes in ``text`` as written ("Get the PX8-128 and PB-20K" -> [..., "PX8-128", ..., "PB-20K"])."""
    return SKU_TOKEN.findall(text)


#: Below this share of the six languages' probability, a short message ("ok", "super") names no language.
MIN_LANGUAGE_CONFIDENCE = 0.6
#: A language outside the six wins only with this much probability over the whole model ("la pelle secca" -> it)
MIN_OTHER_CONFIDENCE = 0.4
#: ... and only while none of the six gets this much: near neighbours (gl/es, af/en) go to the six.
MAX_SIX_FOR_OTHER = 0.15


# Letters only Vietnamese writes: horned o/u, d with stroke, and the stacked tone marks of U+1EA0-U+1EF9.
_VIETNAMESE = re.compile(r"[\u01a0\u01a1\u01af\u01b0\u0110\u0111\u1ea0-\u1ef9]")


@lru_cache(maxsize=1)
def _identifier():  # noqa: ANN202 (py3langid has no type stubs)
    """py3langid's model (shipped inside the package: nothing is downloaded), loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=4096)
def guess_language(text: str) -> str | None:
    """The language ``text`` is written in, by py3langid (offline); None when too short or unclear to say.

    One of :data:`LANGUAGES` when their share of the model's probability clearly points at one; another ISO code
    when a language outside them clearly wins; None for "ok", "yes", a sku or an emoji.
    Chosen by bench/bench_language.py: 108/108 short shop messages right in the six languages, 0.04 ms a message.
    """
    if len(words(text)) == 0 or not any(c.isalpha() for c in text):
        return None
    if _VIETNAMESE.search(text):
        return "vi"  # letters no other language writes ("vâng" alone reads Romanian to the model)
    ranked = _identifier().rank(text)
    top, top_p = ranked[0]
    six = {lang: p for lang, p in ranked if lang in LANGUAGES}
    share = sum(six.values())
    best = max(six, key=six.__getitem__)
    if top not in six and top_p >= MIN_OTHER_CONFIDENCE and six[best] < MAX_SIX_FOR_OTHER:
        return top
    if share <= 0:
        return None
    return best if six[best] / share >= MIN_LANGUAGE_CONFIDENCE and six[best] >= 0.05 else None
