"""Glossary query translation: language detection, phrase/inflection matching, names and numbers, speed, search fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.glossary import (
    SOURCE_LANGUAGES,
    GlossaryError,
    detect_language,
    load_glossary,
    to_english,
)

# (language, shopper sentence, words the English query must contain)
SENTENCES: list[tuple[str, str, tuple[str, ...]]] = [
    # Spanish
    ("es", "ojalá la batería durara todo el día", ("wish", "battery", "last", "all day")),
    ("es", "las baterías de mis auriculares se mueren enseguida", ("battery", "headphones", "dies")),
    ("es", "me duele la espalda después de estar sentado en la silla de oficina", ("back pain", "sit", "office chair")),
    ("es", "necesitamos licencias para 5 personas más porque el equipo está creciendo",
     ("licenses", "5 people", "team", "grow")),
    ("es", "se me cayó el móvil y la pantalla está rota", ("drop", "phone", "screen", "broken")),
    ("es", "mi portátil es muy pesado para llevarlo en la mochila", ("laptop", "heavy", "carry", "backpack")),
    ("es", "quiero hacer un buen café con leche por la mañana", ("want", "good", "latte", "morning")),
    ("es", "la sartén se pega siempre", ("pan", "sticks")),
    ("es", "el mes que viene nos vamos de acampada a la montaña", ("next month", "camping", "mountain")),
    ("es", "mi perro necesita una correa nueva para los paseos", ("dog", "need", "leash", "new", "walk")),
    ("es", "la impresora se queda sin tinta cada semana", ("printer", "ink", "week")),
    ("es", "busco un regalo de cumpleaños para mi hija", ("want", "gift", "birthday", "kids")),
    # German
    ("de", "es ist so laut im Büro", ("loud", "office")),
    ("de", "Mein Handyakku ist schon mittags leer", ("phone battery", "midday")),
    ("de", "die Akkus meiner Kopfhörer halten nicht lange", ("battery", "headphones", "last", "long")),
    ("de", "ich habe Rückenschmerzen vom langen Sitzen am Schreibtisch", ("back pain", "long", "sit", "desk")),
    ("de", "Wir brauchen mehr Lizenzen, unser Team wächst jeden Monat",
     ("need", "more", "licenses", "team", "grow", "month")),
    ("de", "der Speicher auf meinem Handy ist voll", ("storage", "phone", "full")),
    ("de", "nächste Woche gehen wir wandern und ich brauche ein leichtes Zelt",
     ("next week", "hiking", "lightweight", "tent")),
    ("de", "meine Messer sind total stumpf", ("knife", "blunt")),
    ("de", "im Winter ist es im Schlafzimmer zu kalt", ("winter", "cold")),
    ("de", "die Pflanzen im Garten vertrocknen, ich vergesse das Gießen", ("plants", "garden", "forget", "watering")),
    ("de", "Ich suche eine Laptoptasche für meine Reise", ("want", "laptop bag", "trip")),
    # French
    ("fr", "on part en randonnée le mois prochain", ("going", "hiking", "next month")),
    ("fr", "la batterie de mon téléphone ne tient pas la journée", ("battery", "phone", "last", "day")),
    ("fr", "j'ai mal au dos à cause de ma chaise de bureau", ("back pain", "office chair")),
    ("fr", "il fait trop sombre dans le salon le soir", ("dark", "room", "evening")),
    ("fr", "mon écran est rayé et fissuré", ("screen", "scratch", "crack")),
    ("fr", "je voudrais un casque sans fil avec réduction de bruit pour l'avion",
     ("want", "headphones", "wireless", "noise cancelling", "flight")),
    ("fr", "notre équipe grandit, il nous faut des sièges supplémentaires", ("team", "grow", "need", "seats", "more")),
    ("fr", "la machine à café fait un espresso trop lent", ("coffee machine", "espresso", "slow")),
    ("fr", "mes enfants cassent tous leurs jouets", ("kids", "broken", "toy")),
    ("fr", "je cherche un sac à dos léger pour la randonnée", ("want", "backpack", "lightweight", "hiking")),
    ("fr", "l'autonomie de mon ordinateur portable est trop courte", ("battery life", "laptop", "short")),
    ("fr", "il me faut un chargeur plus rapide", ("need", "charger", "more", "fast")),
    # Russian
    ("ru", "батарея садится к обеду", ("battery", "dies", "midday")),
    ("ru", "батареи в пульте постоянно заканчиваются", ("battery", "run out")),
    ("ru", "у меня болит спина от долгого сидения за столом", ("back pain", "long", "desk")),
    ("ru", "в офисе очень шумно, нужны наушники с шумоподавлением",
     ("office", "loud", "need", "headphones", "noise cancelling")),
    ("ru", "Наша команда растёт, нужно ещё 10 лицензий", ("team", "grow", "need", "10 licenses")),
    ("ru", "память на телефоне забита фотографиями", ("storage", "phone", "full", "photos")),
    ("ru", "хочу лёгкую палатку для походов в горы", ("want", "lightweight", "tent", "hiking", "mountain")),
    ("ru", "ноутбук слишком тяжёлый, чтобы носить его каждый день", ("laptop", "heavy", "carry", "daily")),
    ("ru", "я уронил телефон и экран треснул", ("drop", "phone", "screen", "crack")),
    ("ru", "на кухне нужен хороший нож, старый совсем тупой", ("kitchen", "need", "good", "knife", "old", "blunt")),
    ("ru", "собака рвёт поводок на прогулке", ("dog", "leash", "walk")),
    # Vietnamese
    ("vi", "tôi bị đau lưng khi ngồi lâu", ("back pain", "sit", "long")),
    ("vi", "pin điện thoại của tôi hết rất nhanh", ("battery", "phone", "run out", "fast")),
    ("vi", "văn phòng ồn ào quá, tôi cần tai nghe chống ồn",
     ("office", "loud", "need", "headphones", "noise cancelling")),
    ("vi", "con tôi cần một cái ba lô nhẹ để đi học", ("kids", "need", "backpack", "lightweight", "school")),
    ("vi", "máy tính xách tay của tôi nặng quá", ("laptop", "heavy")),
    ("vi", "tháng sau chúng tôi đi cắm trại trên núi", ("next month", "camping", "mountain")),
    ("vi", "bộ nhớ điện thoại đầy rồi", ("storage", "phone", "full")),
    ("vi", "màn hình bị trầy xước và nứt", ("screen", "scratch", "crack")),
    ("vi", "phòng tôi buổi tối rất tối, tôi muốn mua một cái đèn bàn",
     ("room", "evening", "dark", "want", "buy", "lamp")),
    ("vi", "công ty đang phát triển, cần thêm 20 giấy phép cho nhân viên",
     ("company", "grow", "need", "more", "20", "licenses", "employees")),
    ("vi", "chảo bị dính, tôi muốn chảo chống dính mới", ("pan", "sticks", "want", "non-stick", "new")),
    ("vi", "tôi hay quên chìa khóa", ("forget", "keys")),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), SENTENCES, ids=[f"{s[0]}:{s[1][:30]}" for s in SENTENCES])
def test_need_sentence_becomes_english_query_with_its_concepts(lang: str, sentence: str, expected: tuple[str, ...]):
    assert detect_language(sentence) == lang
    query = to_english(sentence)
    for phrase in expected:
        assert phrase in query, f"{phrase!r} missing from {query!r}"
    assert to_english(sentence, lang) == query


def test_every_language_has_at_least_ten_sentences():
    counts = {lang: sum(s[0] == lang for s in SENTENCES) for lang in SOURCE_LANGUAGES}
    assert all(n >= 10 for n in counts.values()), counts


@pytest.mark.parametrize(
    "text",
    [
        "my battery dies by lunch",
        "I need a pin for my board",
        "We're going camping next month and need a tent",
        "It's so loud in the office",
        "looking for a charger for the NX8",
    ],
)
def test_english_passes_through_unchanged(text: str):
    assert detect_language(text) == "en"
    assert to_english(text) == text
    assert to_english(text, "en") == text


@pytest.mark.parametrize(
    ("lang", "text", "concept"),
    [
        ("es", "batería", "battery"),
        ("es", "baterías", "battery"),
        ("es", "bateria", "battery"),  # typed without the accent
        ("de", "Akku", "battery"),
        ("de", "Akkus", "battery"),
        ("fr", "batteries", "battery"),
        ("ru", "батарея", "battery"),
        ("ru", "батареи", "battery"),
        ("ru", "батареей", "battery"),
        ("ru", "аккумулятора", "battery"),
        ("es", "mochilas", "backpack"),
        ("de", "Rucksäcke", "backpack"),
        ("ru", "рюкзаками", "backpack"),
        ("fr", "écrans", "screen"),
        ("es", "pantallas", "screen"),
        ("ru", "экранами", "screen"),
    ],
)
def test_inflected_and_unaccented_forms_match(lang: str, text: str, concept: str):
    assert to_english(text, lang) == concept


def test_multi_word_phrase_beats_its_words():
    assert to_english("necesito una batería externa", "es") == "need power bank"
    assert to_english("j'ai besoin d'un sac à dos", "fr") == "need backpack"
    assert to_english("tai nghe", "vi") == "headphones"
    assert to_english("внешний аккумулятор", "ru") == "power bank"
    assert to_english("внешнего аккумулятора", "ru") == "power bank"  # inflected phrase


def test_german_compounds_are_split_into_known_parts():
    assert to_english("Handyakku", "de") == "phone battery"
    assert to_english("Laptoptasche", "de") == "laptop bag"
    assert to_english("Wanderschuhe", "de") == "hiking shoes"


def test_vietnamese_without_tone_marks():
    assert detect_language("toi bi dau lung khi ngoi lau") == "vi"
    assert to_english("toi bi dau lung khi ngoi lau").startswith("back pain sit")
    assert to_english("pin dien thoai cua toi het rat nhanh") == "battery phone run out fast"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("necesito un cargador para el NX8", "NX8"),
        ("brauche eine Hülle für das X8", "X8"),
        ("чехол для iPhone 15", "iPhone 15"),
        ("хочу наушники Sony", "Sony"),
        ("tôi cần ốp lưng cho Galaxy S24", "S24"),
        ("je cherche un câble USB pour mon Kindle", "USB"),
        ("je cherche un câble USB pour mon Kindle", "Kindle"),
    ],
)
def test_product_names_and_skus_are_kept(text: str, kept: str):
    assert kept in to_english(text)


def test_unknown_plain_words_are_dropped():
    query = to_english("la batería del zumbador fulanito", "es")
    assert query == "battery"


def test_numbers_and_units_are_kept():
    assert to_english("mesa para 5 personas", "es") == "table 5 people"
    assert to_english("una batería externa de 20.000 mAh", "es") == "power bank 20000 mAh"
    assert to_english("ein Ladegerät mit 65 W", "de") == "charger 65 W"
    assert to_english("un écran de 27 pouces", "fr") == "screen 27 inch"
    assert to_english("повербанк на 10000 мАч", "ru") == "power bank 10000 mAh"
    assert to_english("thẻ nhớ 256 GB", "vi") == "memory card 256 GB"
    assert to_english("un disque de 1,5 To", "fr") == "hard drive 1.5 TB"
    assert to_english("moins de 50 €", "fr") == "50 euros"


def test_nothing_translatable_returns_the_text():
    assert to_english("zumbador fulanito", "es") == "zumbador fulanito"


def test_language_codes_are_normalised_and_bad_ones_refused():
    assert to_english("batería", "es-ES") == "battery"
    assert to_english("Akku", "DE") == "battery"
    with pytest.raises(ValueError, match="lang"):
        to_english("batería", "pt")


def test_glossary_covers_the_shopping_vocabulary_in_every_language():
    glossary = load_glossary()
    assert glossary.concepts >= 150
    required = (
        "battery charger cable screen case storage memory camera lens printer ink paper headphones noise loud quiet "
        "speaker laptop bag backpack coffee milk latte espresso filter water kitchen knife pan blender chair desk "
        "back pain neck feet running hiking camping tent lamp light dark cold warm travel trip team people seats "
        "users employees grow office work home kids dog garden plants bike sleep gift protect broken crack drop "
        "scratch fast slow charge full space small big heavy lightweight long day night morning week month want "
        "need wish try start last dies hurt carry"
    ).split() + ["run out"]
    for concept in required:
        for lang in SOURCE_LANGUAGES:
            table = glossary.tables[lang]
            assert concept in table.phrases.values(), f"{concept!r} has no {lang} form"
    full = sum(
        all(c in glossary.tables[lang].phrases.values() for lang in SOURCE_LANGUAGES)
        for c in {v for t in glossary.tables.values() for v in t.phrases.values()}
    )
    assert full >= 150


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_glossary_files_name_the_file_and_field(tmp_path: Path):
    base = "stopwords: {es: [el]}\nunits: {mah: mAh}\n"
    cases = {
        base + "concepts: {battery: {es: [batería]}, pile: {es: [batería]}}": "concepts.pile.es",
        base + "concepts: {negation: {es: [no]}}": "concepts.negation.es",  # YAML reads bare no as false
        base + "concepts: {battery: {pt: [bateria]}}": "concepts.battery.pt",
        base + "concepts: {battery: {es: [el]}}": "stopwords.es",
        "stopwords: {es: [el]}\nunits: {}\n": "concepts",
        "concepts: [: bad": "invalid YAML",
    }
    for i, (text, field) in enumerate(cases.items()):
        path = tmp_path / f"glossary{i}.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(GlossaryError) as info:
            load_glossary(path)
        assert str(path) in str(info.value) and field in str(info.value), str(info.value)
    with pytest.raises(GlossaryError, match="cannot read"):
        load_glossary(tmp_path / "missing.yaml")


def test_a_custom_glossary_file_is_used(tmp_path: Path):
    path = _write(tmp_path, "stopwords: {es: [la]}\nunits: {}\nconcepts: {battery: {es: [pila]}}\n")
    glossary = load_glossary(path)
    assert glossary.translate("la pila", "es") == "battery"
    assert glossary.translate("la batería", "es") == "la batería"  # not in this glossary


# --- the point of it all: the English query finds the right product with the real (English-only) embedder --------

# (need sentence, product it should find, unrelated product)
SEARCH_CASES = [
    ("ojalá la batería de mi móvil durara todo el día",
     "Power bank 20000 mAh: portable charger that recharges your phone several times",
     "Chef's knife, 20 cm stainless steel blade for the kitchen"),
    ("es ist so laut im Büro, ich kann mich nicht konzentrieren",
     "Wireless noise cancelling headphones for calm focus in open offices",
     "Stainless steel water bottle that keeps drinks cold for 24 hours"),
    ("on part en randonnée le mois prochain",
     "Lightweight two-person tent for hiking and camping trips",
     "Ergonomic office chair with lumbar support"),
    ("батарея садится к обеду",
     "Power bank 20000 mAh: portable charger that recharges your phone several times",
     "Non-stick frying pan, 28 cm"),
    ("tôi bị đau lưng khi ngồi lâu",
     "Ergonomic office chair with lumbar support for long days at the desk",
     "Wireless earbuds with charging case"),
    ("mi sartén vieja se pega siempre",
     "Non-stick frying pan, 28 cm, PFOA-free coating",
     "USB-C charging cable, 2 m"),
    ("im Wohnzimmer ist es abends viel zu dunkel",
     "Dimmable LED floor lamp, warm light for the living room",
     "Trail running shoes with grippy soles"),
    ("la mémoire de mon téléphone est pleine de photos",
     "256 GB microSD memory card for phones and cameras",
     "Dog leash, 2 m reflective nylon"),
    ("наша команда растёт, нужно больше лицензий",
     "Team plan: extra user licenses and seats for growing companies",
     "Espresso machine with milk frother"),
    ("con tôi làm rơi điện thoại suốt, màn hình bị nứt",
     "Shockproof phone case and tempered glass screen protector",
     "Electric kettle, 1.7 l"),
    ("quiero preparar un café con leche con espuma por la mañana",
     "Espresso machine with milk frother for lattes and cappuccinos",
     "Camping headlamp, 300 lumens"),
    ("meine Messer sind stumpf",
     "Knife sharpener with two stages for kitchen knives",
     "Yoga mat, 6 mm non-slip"),
]


@pytest.fixture(scope="module")
def minilm():
    """One loaded real embedder for the module."""
    from knowledge.embeddings import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    embedder.load()
    return embedder


def test_translated_query_is_closer_to_the_right_product(minilm):
    from knowledge.embeddings import cosine

    texts = [t for case in SEARCH_CASES for t in (to_english(case[0]), case[0], case[1], case[2])]
    vectors = minilm.embed_documents(texts)
    margins, raw_margins = [], []
    for i, (sentence, right, wrong) in enumerate(SEARCH_CASES):
        query, raw, v_right, v_wrong = vectors[4 * i : 4 * i + 4]
        margins.append(cosine(query, v_right) - cosine(query, v_wrong))
        raw_margins.append(cosine(raw, v_right) - cosine(raw, v_wrong))
        assert margins[-1] > 0.1, (sentence, to_english(sentence), margins[-1])
    # Untranslated, the sentence barely prefers the right product (measured mean ~0.05); translated, by far (~0.45).
    assert sum(margins) / len(margins) > sum(raw_margins) / len(raw_margins) + 0.2


def test_detect_says_nothing_when_nothing_points_anywhere():
    assert detect_language("Crispy fries without deep fryer", default=None) is None
    assert detect_language("Crispy fries without deep fryer") == "en"  # the default default
    assert detect_language("my phone battery dies", default=None) == "en"
    assert detect_language("la batería de mi teléfono", default=None) == "es"


def test_translation_reports_how_much_of_the_need_it_knew():
    glossary = load_glossary()
    english, coverage = glossary.translate_with_coverage("la batería de mi teléfono se acaba", "es")
    assert "battery" in english and coverage == 1.0
    english, coverage = glossary.translate_with_coverage("Das Leitungswasser schmeckt nach Chlor", "de")
    assert english == "taste" and coverage == pytest.approx(1 / 3)
    # Names and numbers are kept, so they count as rendered; stopwords count for nothing.
    assert glossary.translate_with_coverage("mi Nova X8 de 128 GB", "es")[1] == 1.0
    assert glossary.translate_with_coverage("el de la", "es") == ("el de la", 1.0)
