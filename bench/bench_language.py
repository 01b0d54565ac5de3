"""Language detection on short shop messages: accuracy and speed of the offline detectors, six languages.

Candidates (each restricted to en/es/de/fr/ru/vi): py3langid, langdetect (seeded), lingua-language-detector, the
glossary's own detector (agent.glossary.detect_language) and the one the agent ships (knowledge.text.guess_language).
Missing packages are skipped. Run: ``.venv/bin/python bench/bench_language.py``
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge.text import LANGUAGES  # noqa: E402


DATA = Path(__file__).resolve().parent / "data" / "language_messages.tsv"


def load_messages(path: Path = DATA) -> dict[str, list[str]]:
    """The labelled messages: language -> texts (a TSV of ``lang<TAB>text``; # starts a comment)."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, _, text = line.partition("\t")
            out.setdefault(lang, []).append(text)
    return out


MESSAGES = load_messages()


def _py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return lambda text: ident.classify(text)[0]


def _langdetect():
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0

    def detect(text: str) -> str | None:
        try:
            return next((c.lang for c in detect_langs(text) if c.lang in LANGUAGES), None)
        except Exception:  # noqa: BLE001 (no features: "ok!")
            return None

    return detect


def _lingua():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in LANGUAGES]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

    def detect(text: str) -> str | None:
        lang = detector.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang else None

    return detect


def _glossary():
    from agent.glossary import detect_language

    return lambda text: detect_language(text, default=None)


def _shipped():
    from knowledge.text import guess_language

    return lambda text: guess_language(text)


def main() -> None:
    """Print accuracy (overall and per language) and mean time per message for each detector."""
    n = sum(len(v) for v in MESSAGES.values())
    print(f"{n} messages, {', '.join(f'{k}={len(v)}' for k, v in MESSAGES.items())}")
    for name, make in [("py3langid", _py3langid), ("langdetect", _langdetect), ("lingua", _lingua),
                       ("glossary", _glossary), ("shipped", _shipped)]:
        try:
            t0 = time.perf_counter()
            detect = make()
            detect("warm up")
            load = time.perf_counter() - t0
        except ImportError as e:
            print(f"{name:11s} skipped: {e}")
            continue
        right: dict[str, int] = {}
        t0 = time.perf_counter()
        for lang, texts in MESSAGES.items():
            right[lang] = sum(detect(t) == lang for t in texts)
        per = (time.perf_counter() - t0) / n * 1000
        total = sum(right.values()) / n
        langs = " ".join(f"{k}={right[k] / len(MESSAGES[k]):.2f}" for k in MESSAGES)
        print(f"{name:11s} acc={total:.3f}  {langs}  {per:.3f} ms/msg  load {load:.2f} s")


if __name__ == "__main__":
    main()
