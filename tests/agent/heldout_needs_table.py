"""A blind table of need / non-need sentences in six languages, written for issue 9 before tuning anything.

Not taken from any eval suite and never copied into agent/data/signal_examples.yaml: it measures whether the
detector hears needs however they are phrased. Each row is ``(language, kind, message)``. Need kinds: ``pain``
(a pain point without a wish word), ``worry``, ``plan``, ``group`` (more people), ``better`` / ``cheaper``
(an explicit request for a better / cheaper version: a need with ``wants`` set). Non-need kinds: ``support``
(a problem with an item bought or an order: support, never need), ``question`` (about the item's own specs),
``smalltalk``, ``decline`` and ``fine`` (usage or circumstances with nothing missing).
"""

from __future__ import annotations

NEED_KINDS = frozenset({"pain", "worry", "plan", "group", "better", "cheaper"})
LANGS = ("en", "es", "de", "fr", "ru", "vi")

HELDOUT_MULTI: list[tuple[str, str, str]] = [
    # --- English ----------------------------------------------------------------------------------
    ("en", "pain", "the cat litter smell reaches the living room by evening"),
    ("en", "pain", "our seedlings keep getting eaten by slugs"),
    ("en", "pain", "by the second hour of practice my fingertips are raw"),
    ("en", "worry", "I'm worried the frost will kill my lemon tree this winter"),
    ("en", "worry", "I get anxious leaving the puppy alone all day"),
    ("en", "plan", "we're taking the kids to the lake district in august"),
    ("en", "plan", "next month I start giving guitar lessons at home"),
    ("en", "group", "there will be six of us at the cabin"),
    ("en", "group", "my in-laws are moving in with us in the spring"),
    ("en", "better", "do you have something a notch above this one?"),
    ("en", "better", "I'd pay a little extra for a nicer version"),
    ("en", "cheaper", "is there a less pricey alternative to this?"),
    ("en", "cheaper", "this is more than I wanted to spend, got anything more affordable?"),
    ("en", "support", "the leash I ordered from you snapped on the first walk"),
    ("en", "support", "the mower you delivered last week won't start"),
    ("en", "question", "how long is the hose?"),
    ("en", "question", "is the pot dishwasher safe?"),
    ("en", "smalltalk", "good evening, hope you're well"),
    ("en", "decline", "no thanks, just the seeds"),
    ("en", "fine", "my current amp does the job nicely"),
    ("en", "fine", "I have a big garden"),
    # --- Spanish ----------------------------------------------------------------------------------
    ("es", "pain", "el perro deja el agua de su cuenco por toda la cocina"),
    ("es", "pain", "las hojas del tomate se ponen amarillas cada verano"),
    ("es", "pain", "después de una hora tocando me duele la muñeca"),
    ("es", "worry", "me preocupa que el gato se escape por el balcón"),
    ("es", "worry", "tengo miedo de que se congelen las tuberías del jardín"),
    ("es", "plan", "este verano nos vamos de acampada a los Pirineos"),
    ("es", "plan", "el mes que viene empiezo clases de batería"),
    ("es", "group", "seremos cinco en la casa de la playa"),
    ("es", "group", "mi hermana y sus dos hijos vienen a vivir con nosotros"),
    ("es", "better", "¿hay algo de mejor calidad aunque cueste un poco más?"),
    ("es", "better", "¿cuál es el modelo superior a este?"),
    ("es", "cheaper", "¿tienen algo más barato que este?"),
    ("es", "cheaper", "es demasiado caro para mí, ¿hay una opción más económica?"),
    ("es", "support", "la correa que os compré se rompió a los dos días"),
    ("es", "support", "mi pedido llegó con la maceta rota"),
    ("es", "question", "¿de qué material es la manguera?"),
    ("es", "question", "¿cuánto pesa la jaula?"),
    ("es", "smalltalk", "hola, buenas tardes"),
    ("es", "decline", "no, gracias, solo la guitarra"),
    ("es", "fine", "mi jardín es pequeño y está bien así"),
    ("es", "fine", "tengo dos gatos"),
    # --- German -----------------------------------------------------------------------------------
    ("de", "pain", "der Napf rutscht beim Fressen ständig über die Fliesen"),
    ("de", "pain", "die Schnecken fressen jedes Jahr meinen Salat auf"),
    ("de", "pain", "nach dem Üben sind meine Finger wund"),
    ("de", "worry", "ich mache mir Sorgen, dass der Hund im Auto überhitzt"),
    ("de", "worry", "ich habe Angst, dass die Pflanzen im Urlaub vertrocknen"),
    ("de", "plan", "im Sommer fahren wir mit dem Wohnmobil nach Norwegen"),
    ("de", "plan", "nächstes Jahr fange ich mit dem Gärtnern auf dem Balkon an"),
    ("de", "group", "zu Weihnachten sind wir zu acht"),
    ("de", "group", "wir bekommen im Frühjahr Zwillinge"),
    ("de", "better", "gibt es etwas Hochwertigeres, gerne auch etwas teurer?"),
    ("de", "better", "was wäre die nächste Stufe über diesem Modell?"),
    ("de", "cheaper", "gibt es das auch günstiger?"),
    ("de", "cheaper", "das ist mir zu teuer, haben Sie eine preiswertere Alternative?"),
    ("de", "support", "die Leine, die ich bei Ihnen gekauft habe, ist gerissen"),
    ("de", "support", "meine Bestellung ist immer noch nicht angekommen"),
    ("de", "question", "wie lang ist das Kabel der Pumpe?"),
    ("de", "question", "ist der Topf frostfest?"),
    ("de", "smalltalk", "guten Morgen, wie geht's?"),
    ("de", "decline", "nein danke, das brauche ich nicht"),
    ("de", "fine", "mein Garten ist klein und pflegeleicht"),
    ("de", "fine", "wir haben einen Hund"),
    # --- French -----------------------------------------------------------------------------------
    ("fr", "pain", "le chien renverse sa gamelle d'eau partout dans la cuisine"),
    ("fr", "pain", "les pucerons envahissent mes rosiers chaque printemps"),
    ("fr", "pain", "après une heure de piano j'ai le dos en compote"),
    ("fr", "worry", "j'ai peur que mon chat s'ennuie quand je travaille"),
    ("fr", "worry", "je crains que les tomates gèlent la nuit"),
    ("fr", "plan", "on part faire le tour de la Bretagne à vélo en juin"),
    ("fr", "plan", "je commence un potager sur mon balcon ce printemps"),
    ("fr", "group", "on sera dix pour l'anniversaire de ma fille"),
    ("fr", "group", "mes deux neveux viennent passer l'été chez nous"),
    ("fr", "better", "vous avez quelque chose de meilleur, même un peu plus cher ?"),
    ("fr", "better", "quel est le modèle au-dessus de celui-ci ?"),
    ("fr", "cheaper", "vous avez moins cher ?"),
    ("fr", "cheaper", "c'est trop cher pour moi, il existe une version plus abordable ?"),
    ("fr", "support", "la laisse que j'ai achetée chez vous s'est cassée"),
    ("fr", "support", "ma commande est arrivée avec le pot fêlé"),
    ("fr", "question", "quelle est la taille de la cage ?"),
    ("fr", "question", "est-ce que le tuyau résiste au gel ?"),
    ("fr", "smalltalk", "bonsoir, merci pour votre aide"),
    ("fr", "decline", "non merci, juste la guitare"),
    ("fr", "fine", "mon jardin est petit mais ça me suffit"),
    ("fr", "fine", "j'ai un chat depuis trois ans"),
    # --- Russian ----------------------------------------------------------------------------------
    ("ru", "pain", "собака разливает воду из миски по всей кухне"),
    ("ru", "pain", "слизни каждый год съедают мою рассаду"),
    ("ru", "pain", "после часа игры на гитаре пальцы горят"),
    ("ru", "worry", "я переживаю, что кот замёрзнет на балконе"),
    ("ru", "worry", "боюсь, что растения засохнут, пока мы в отпуске"),
    ("ru", "plan", "летом мы едем с палатками на Алтай"),
    ("ru", "plan", "с сентября я начинаю учиться играть на скрипке"),
    ("ru", "group", "на даче нас будет шестеро"),
    ("ru", "group", "к нам переезжают родители жены"),
    ("ru", "better", "а есть что-нибудь получше, пусть и немного дороже?"),
    ("ru", "better", "какая модель классом выше этой?"),
    ("ru", "cheaper", "а есть что-то подешевле?"),
    ("ru", "cheaper", "это слишком дорого для меня, есть более бюджетный вариант?"),
    ("ru", "support", "поводок, который я купил у вас, порвался"),
    ("ru", "support", "мой заказ пришёл с разбитым горшком"),
    ("ru", "question", "какой длины шланг?"),
    ("ru", "question", "из чего сделана клетка?"),
    ("ru", "smalltalk", "добрый вечер"),
    ("ru", "decline", "нет, спасибо, только гитару"),
    ("ru", "fine", "у меня небольшой сад"),
    ("ru", "fine", "у нас две собаки"),
    # --- Vietnamese -------------------------------------------------------------------------------
    ("vi", "pain", "con chó làm đổ nước ra khắp sàn bếp"),
    ("vi", "pain", "sâu ăn hết rau trong vườn nhà tôi"),
    ("vi", "pain", "tập đàn một tiếng là ngón tay tôi rất đau"),
    ("vi", "worry", "tôi lo con mèo ở nhà một mình cả ngày"),
    ("vi", "worry", "tôi sợ cây bị chết khô khi cả nhà đi du lịch"),
    ("vi", "plan", "hè này cả nhà tôi đi cắm trại ở Đà Lạt"),
    ("vi", "plan", "tháng sau tôi bắt đầu học đàn piano"),
    ("vi", "group", "nhà tôi sẽ có sáu người vào dịp Tết"),
    ("vi", "group", "bố mẹ tôi sắp chuyển đến ở cùng"),
    ("vi", "better", "có loại nào tốt hơn không, đắt hơn một chút cũng được?"),
    ("vi", "better", "mẫu cao cấp hơn cái này là mẫu nào?"),
    ("vi", "cheaper", "có loại nào rẻ hơn không?"),
    ("vi", "cheaper", "cái này đắt quá, có lựa chọn nào rẻ hơn không?"),
    ("vi", "support", "dây dắt chó tôi mua ở shop bị đứt rồi"),
    ("vi", "support", "đơn hàng của tôi giao đến bị vỡ chậu"),
    ("vi", "question", "ống nước này dài bao nhiêu mét?"),
    ("vi", "question", "lồng này làm bằng chất liệu gì?"),
    ("vi", "smalltalk", "chào shop"),
    ("vi", "decline", "không, cảm ơn, chỉ cây đàn thôi"),
    ("vi", "fine", "vườn nhà tôi nhỏ thôi"),
    ("vi", "fine", "nhà tôi nuôi hai con mèo"),
]


def expected(kind: str) -> tuple[bool, str | None, bool]:
    """(a need is expected, the ``wants`` expected, support is expected) for a row kind."""
    return kind in NEED_KINDS, kind if kind in ("better", "cheaper") else None, kind == "support"


def row_ok(kind: str, signals) -> bool:
    """Whether the detected signals are right for a row: need (with the right ``wants``) or no need."""
    need_expected, wants, support_expected = expected(kind)
    needs = [s for s in signals if s.type == "need" and s.confidence >= 0.5]
    if not need_expected:
        if support_expected and not any(s.type == "support" for s in signals):
            return False
        return not needs
    if not needs:
        return False
    return wants is None or any(s.wants == wants for s in needs)


def figures(detect, rows=HELDOUT_MULTI) -> dict[str, dict[str, float]]:
    """Share of rows right, by language and by kind, plus need recall and need false-positive rate."""
    by_lang: dict[str, list[bool]] = {}
    by_kind: dict[str, list[bool]] = {}
    tp = fn = fp = tn = 0
    for lang, kind, message in rows:
        signals = detect(message, lang)
        ok = row_ok(kind, signals)
        by_lang.setdefault(lang, []).append(ok)
        by_kind.setdefault(kind, []).append(ok)
        heard = any(s.type == "need" and s.confidence >= 0.5 for s in signals)
        if kind in NEED_KINDS:
            tp, fn = tp + heard, fn + (not heard)
        else:
            fp, tn = fp + heard, tn + (not heard)
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    return {
        "lang": {k: mean(v) for k, v in by_lang.items()},
        "kind": {k: mean(v) for k, v in by_kind.items()},
        "total": {
            "accuracy": mean([ok for v in by_lang.values() for ok in v]),
            "need_recall": tp / max(tp + fn, 1),
            "need_false_positive": fp / max(fp + tn, 1),
        },
    }


def show(name: str, result: dict[str, dict[str, float]]) -> str:
    """One configuration's figures as printable lines."""
    t = result["total"]
    lines = [f"[{name}] accuracy {t['accuracy']:.1%}, need recall {t['need_recall']:.1%}, "
             f"need false positives {t['need_false_positive']:.1%}"]  # fmt: skip
    lines.append("  by language: " + "  ".join(f"{k} {v:.0%}" for k, v in result["lang"].items()))
    lines.append("  by kind:     " + "  ".join(f"{k} {v:.0%}" for k, v in result["kind"].items()))
    return "\n".join(lines)
