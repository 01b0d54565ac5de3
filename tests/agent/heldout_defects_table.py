"""Held-out sentences for six detection defect classes, six languages each (en es de fr ru vi).

Written before the fixes, by hand, as everyday phrasings of each class; none is taken from an eval suite and
none is copied into agent/data/signal_examples.yaml. ``figures`` scores a detector per class;
bench/bench_signals.py prints the figures and tests/agent/test_signals_heldout_defects.py keeps floors on them.

Expectations:
  need        a need signal (stated or implicit)
  stated      a stated need (confidence >= STATED_NEED_FLOOR)
  ask         a stated need: a question that asks for a product or a way to solve something
  fact        a question and no need: it asks about the item itself
  not_support a need and no support signal: a shortcoming in use, not a problem with an order
  support     a support signal (regression guard)
  decline     a decline (the last reply made an offer)
  no_decline  no decline (the same kind of line with no offer pending)
  none        no need, support or decline (statements that ask for nothing)
  cheaper     a need with wants="cheaper"
  better      a need with wants="better"
  purchase    purchase_intent and no need (paying at checkout)
"""

from __future__ import annotations

from collections.abc import Callable

from agent.schemas import ChatContext, Signal

#: class -> [(language, message, page, offer_pending, expectation)]
CASES: dict[str, list[tuple[str, str, str, bool | None, str]]] = {
    "product_question": [
        ("en", "is there something to keep the cord from tangling in the drawer?", "product", None, "ask"),
        ("en", "what would you use to store it over the winter?", "product", None, "ask"),
        ("en", "got anything that charges quicker than this one?", "product", None, "ask"),
        ("en", "how do I stop the glass from fogging up, is there a spray or something?", "product", None, "ask"),
        ("en", "anything I could pair with it for a week of camping?", "product", None, "ask"),
        ("en", "any way to make the blades stay sharp for longer?", "product", None, "ask"),
        ("es", "¿Tenéis algo para limpiarlo después de usarlo?", "product", None, "ask"),
        ("es", "¿Qué me recomiendas para que dure más tiempo?", "product", None, "ask"),
        ("de", "Habt ihr etwas, womit ich es sauber halten kann?", "product", None, "ask"),
        ("de", "Gibt es ein Modell, das deutlich leiser läuft?", "product", None, "ask"),
        ("fr", "Vous avez quelque chose pour le protéger de la pluie ?", "product", None, "ask"),
        ("fr", "Qu'est-ce que je peux utiliser pour le nettoyer ?", "product", None, "ask"),
        ("ru", "У вас есть что-нибудь, чтобы его чистить?", "product", None, "ask"),
        ("ru", "Чем лучше защитить его от дождя?", "product", None, "ask"),
        ("vi", "Bên bạn có gì để vệ sinh nó không?", "product", None, "ask"),
        ("vi", "Có loại nào dùng được lâu hơn sau mỗi lần sạc không?", "product", None, "ask"),
        ("en", "does it come with a warranty?", "product", None, "fact"),
        ("en", "how long is the cable?", "product", None, "fact"),
        ("en", "is the handle removable?", "product", None, "fact"),
        ("en", "can it go in the dishwasher?", "product", None, "fact"),
        ("en", "how loud is it on the top setting?", "product", None, "fact"),
        ("es", "¿De qué material está hecho?", "product", None, "fact"),
        ("es", "¿Cuánto tarda en cargarse?", "product", None, "fact"),
        ("de", "Wie lang ist das Kabel?", "product", None, "fact"),
        ("de", "Kann man es in der Spülmaschine waschen?", "product", None, "fact"),
        ("fr", "Il est fait en quoi ?", "product", None, "fact"),
        ("fr", "Combien de temps dure la batterie ?", "product", None, "fact"),
        ("ru", "Из чего он сделан?", "product", None, "fact"),
        ("ru", "Сколько времени он заряжается?", "product", None, "fact"),
        ("vi", "Cái này nặng bao nhiêu?", "product", None, "fact"),
        ("vi", "Nó làm bằng chất liệu gì?", "product", None, "fact"),
    ],
    "unworded_need": [
        ("en", "there are six of us sharing the one tube and it's gone in a week", "product", None, "need"),
        ("en", "my sister is staying for the summer so we go through it twice as quick", "product", None, "need"),
        ("en", "we're turning the attic into an office, the floor is old pine", "product", None, "need"),
        ("en", "not sure 500 watts will cope with frozen fruit", "product", None, "need"),
        ("en", "I'm a bit anxious about this one, the gutter is three floors up", "product", None, "need"),
        ("en", "the kids took it camping and it was flat by the second night", "product", None, "need"),
        ("es", "Somos cinco en casa y el bote se acaba en nada", "product", None, "need"),
        ("es", "Me da un poco de miedo, el árbol es altísimo", "product", None, "need"),
        ("de", "Wir sind zu viert und die Flasche ist nach einer Woche leer", "product", None, "need"),
        ("de", "Ich bin mir nicht sicher, ob 20 Volt dafür reichen", "product", None, "need"),
        ("fr", "On est cinq à la maison et le flacon est vide en dix jours", "product", None, "need"),
        ("fr", "J'ai un peu peur, la haie dépasse largement ma tête", "product", None, "need"),
        ("ru", "Нас четверо, и флакона хватает на неделю", "product", None, "need"),
        ("ru", "Я немного переживаю, дерево намного выше меня", "product", None, "need"),
        ("vi", "Nhà mình bốn người dùng chung nên chai nhỏ hết rất nhanh", "product", None, "need"),
        ("vi", "Mình hơi lo vì cái cây cao quá đầu", "product", None, "need"),
        ("en", "I've had mine for two years and it still works like new", "product", None, "none"),
        ("en", "the garden looks lovely this time of year", "product", None, "none"),
        ("es", "lo uso todos los días y estoy contenta", "product", None, "none"),
        ("de", "Wir wohnen seit zehn Jahren hier", "product", None, "none"),
        ("fr", "je l'ai offert à ma mère l'an dernier", "product", None, "none"),
        ("ru", "мне нравится этот цвет", "product", None, "none"),
    ],
    "use_shortcoming": [
        ("en", "I sweat a lot and it slides right off within an hour", "product", None, "not_support"),
        ("en", "on my hair it's flat again by noon", "product", None, "not_support"),
        ("en", "I get sunburnt in minutes and I'm at the beach all week", "product", None, "not_support"),
        ("es", "En mi piel el olor desaparece en una hora", "product", None, "not_support"),
        ("es", "Me quemo enseguida y voy a estar todo el día en la playa", "product", None, "not_support"),
        ("de", "Bei mir ist der Duft nach zwei Stunden weg", "product", None, "not_support"),
        ("de", "Ich bekomme sofort Sonnenbrand und bin das ganze Wochenende draußen", "product", None, "not_support"),
        ("fr", "Sur moi le parfum disparaît au bout d'une heure", "product", None, "not_support"),
        ("fr", "Je brûle très vite au soleil et je serai dehors tout le week-end", "product", None, "not_support"),
        ("ru", "На мне запах пропадает через час", "product", None, "not_support"),
        ("ru", "Я очень быстро сгораю, а все выходные буду на улице", "product", None, "not_support"),
        ("vi", "Trên da mình mùi hương bay mất sau một tiếng", "product", None, "not_support"),
        ("en", "the bottle you sent arrived leaking all over the box", "post_purchase", None, "support"),
        ("en", "I ordered the large one and got a small", "post_purchase", None, "support"),
        ("de", "Der Schlauch, den ich bei euch bestellt habe, ist schon gerissen", "post_purchase", None, "support"),
        ("fr", "Ma commande n'est toujours pas arrivée", "post_purchase", None, "support"),
    ],
    "pending_decline": [
        ("en", "nah, I'll just use an old towel", "product", True, "decline"),
        ("en", "nope, I'm sorted", "product", True, "decline"),
        ("en", "nah I'll manage with what I've got lol", "product", True, "decline"),
        ("en", "no, I'll just borrow my neighbour's", "product", True, "decline"),
        ("es", "no, ya me apaño con lo que tengo", "product", True, "decline"),
        ("es", "nah, así está bien", "product", True, "decline"),
        ("de", "nee, ich komm schon so klar", "product", True, "decline"),
        ("de", "nein, passt schon so", "product", True, "decline"),
        ("fr", "non, je vais me débrouiller", "product", True, "decline"),
        ("fr", "bof, je ferai sans", "product", True, "decline"),
        ("ru", "нет, я как-нибудь сам справлюсь", "product", True, "decline"),
        ("vi", "thôi, mình dùng khăn cũ cũng được", "product", True, "decline"),
        ("en", "nah, I'll just use an old towel", "product", False, "no_decline"),
        ("en", "no, I'll just borrow my neighbour's", "product", False, "no_decline"),
        ("es", "no, ya me apaño con lo que tengo", "product", False, "no_decline"),
        ("de", "nee, ich komm schon so klar", "product", False, "no_decline"),
        ("fr", "non, je vais me débrouiller", "product", False, "no_decline"),
        ("ru", "нет, я как-нибудь сам справлюсь", "product", False, "no_decline"),
    ],
    "price_direction": [
        ("en", "this is a bit steep for me", "product", None, "cheaper"),
        ("en", "$60 is more than I hoped to pay for a kettle", "product", None, "cheaper"),
        ("en", "do you have one that won't break the bank?", "product", None, "cheaper"),
        ("en", "can I get something similar for less?", "product", None, "cheaper"),
        ("es", "se me va de precio, la verdad", "product", None, "cheaper"),
        ("es", "¿tienes algo parecido por menos dinero?", "product", None, "cheaper"),
        ("de", "das ist mir ehrlich gesagt zu teuer", "product", None, "cheaper"),
        ("de", "gibt es sowas auch für weniger Geld?", "product", None, "cheaper"),
        ("fr", "c'est un peu trop cher pour moi", "product", None, "cheaper"),
        ("fr", "vous auriez quelque chose de similaire à plus petit prix ?", "product", None, "cheaper"),
        ("ru", "для меня это слишком дорого", "product", None, "cheaper"),
        ("ru", "есть что-то похожее, но за меньшие деньги?", "product", None, "cheaper"),
        ("vi", "cái này đắt quá với mình", "product", None, "cheaper"),
        ("vi", "có cái nào giá mềm hơn không?", "product", None, "cheaper"),
        ("en", "anything nicer if I spend a bit more?", "product", None, "better"),
        ("en", "I'd pay extra for a sturdier one", "product", None, "better"),
        ("es", "¿no tendrás uno más resistente? no me importa pagar un poco más", "product", None, "better"),
        ("de", "etwas Robusteres wäre gut, der Preis ist zweitrangig", "product", None, "better"),
        ("fr", "je veux bien mettre plus pour quelque chose de plus solide", "product", None, "better"),
        ("ru", "хочу что-то посерьёзнее, готов доплатить", "product", None, "better"),
        ("vi", "có loại nào xịn hơn không, đắt hơn cũng được", "product", None, "better"),
    ],
    "checkout_talk": [
        ("en", "entering my payment details now", "checkout", None, "purchase"),
        ("en", "ok just grabbing my wallet", "checkout", None, "purchase"),
        ("en", "filling in the delivery address, then I'm done", "checkout", None, "purchase"),
        ("en", "paying now, one sec", "checkout", None, "purchase"),
        ("es", "ya estoy metiendo los datos de la tarjeta", "checkout", None, "purchase"),
        ("es", "voy a pagar ahora mismo", "checkout", None, "purchase"),
        ("de", "ich gebe gerade meine Kartendaten ein", "checkout", None, "purchase"),
        ("de", "bin gleich fertig mit dem Bezahlen", "checkout", None, "purchase"),
        ("fr", "je suis en train de saisir ma carte", "checkout", None, "purchase"),
        ("fr", "je paie tout de suite", "checkout", None, "purchase"),
        ("ru", "ввожу данные карты", "checkout", None, "purchase"),
        ("ru", "сейчас оплачу", "checkout", None, "purchase"),
        ("vi", "mình đang nhập thông tin thẻ", "checkout", None, "purchase"),
        ("vi", "mình thanh toán luôn đây", "checkout", None, "purchase"),
    ],
}

_STATED = 0.5


def _needs(signals: list[Signal]) -> list[Signal]:
    return [s for s in signals if s.type == "need"]


def passes(expect: str, signals: list[Signal]) -> bool:
    """Whether the detected ``signals`` meet one expectation (see the module docstring)."""
    types = {s.type for s in signals}
    needs = _needs(signals)
    stated = [s for s in needs if s.confidence >= _STATED]
    if expect == "need":
        return bool(needs) and not types & {"support", "decline"}
    if expect in ("stated", "ask"):
        return bool(stated) and not types & {"support", "decline"}
    if expect == "fact":
        return "question" in types and not needs
    if expect == "not_support":
        return bool(needs) and "support" not in types
    if expect == "support":
        return "support" in types
    if expect == "decline":
        return "decline" in types
    if expect == "no_decline":
        return "decline" not in types
    if expect == "none":
        return not types & {"need", "support", "decline"}
    if expect in ("cheaper", "better"):
        return any(s.wants == expect for s in needs) and not any(s.wants not in (None, expect) for s in needs)
    if expect == "purchase":
        return "purchase_intent" in types and not needs
    raise ValueError(expect)


Detect = Callable[[str, ChatContext, bool | None], list[Signal]]


def figures(detect: Detect) -> dict[str, tuple[int, int, list[str]]]:
    """Per class: (passed, total, failing messages) for ``detect(message, context, offer_pending)``."""
    out: dict[str, tuple[int, int, list[str]]] = {}
    for name, cases in CASES.items():
        ok, failed = 0, []
        for lang, message, page, pending, expect in cases:
            signals = detect(message, ChatContext(page=page, locale=lang), pending)  # type: ignore[arg-type]
            if passes(expect, signals):
                ok += 1
            else:
                failed.append(f"[{lang} {expect}] {message} -> {[(s.type, s.wants) for s in signals]}")
        out[name] = (ok, len(cases), failed)
    return out


def show(title: str, result: dict[str, tuple[int, int, list[str]]]) -> str:
    """One line per class, then the failures."""
    lines = [f"[{title}]"]
    for name, (ok, total, _failed) in result.items():
        lines.append(f"  {name:18} {ok:3d}/{total:<3d} {ok / total:.0%}")
    for name, (_ok, _total, failed) in result.items():
        lines += [f"    {name}: {f}" for f in failed]
    return "\n".join(lines)
