"""Buying: purchase intent, and yes to an offer (accept), six languages."""

from __future__ import annotations

import re

_I = re.IGNORECASE

PURCHASE_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    (re.compile(p, _I), c)
    for p, c in [
        (r"\bI(?:'ll|\s+will)\s+(?:take|buy|get|order|have)\s+(?:it|this|that|one|both|them|these|those|the\s+\w+)\b|"
         r"\b(?:I'm|we're)\s+(?:taking|buying|getting|ordering)\s+(?:it|this|that|one|both|these|those|them|the\s+\w+)\b|\bI'll\s+go\s+with\s+(?:it|this|that|the)\b", 0.9),
        (r"\b(?:add(?:ing)?|put(?:ting)?)\s+(?:it|this|that|them|both|one|these|those|the\s+[\w\s-]{1,30}?)?\s*(?:to|into|in)\s+(?:my\s+|the\s+)?"
         r"(?:cart|basket|bag|order)\b", 0.95),
        (r"\bready\s+to\s+(?:check\s*out|buy|order|pay|purchase)\b|\b(?:proceed|go|head)\s+to\s+(?:the\s+)?check\s*out\b|"
         r"\blet's\s+(?:buy|order|check\s*out|get\s+(?:it|this|that))\b|\b(?:I\s+want|I'd\s+like|I\s+would\s+like)\s+to\s+"
         r"(?:buy|order|purchase|check\s*out)\b(?!\s+(?:a|an|some|something|more)\b)|\bplace\s+(?:the|my|an)\s+order\b|"
         r"\bbuy\s+(?:it|this|that)\s+now\b|\btake\s+my\s+money\b|\bI'm\s+ready\s+to\s+(?:buy|order)\b|"
         r"\bhow\s+do\s+I\s+(?:check\s*out|pay|buy\s+(?:it|this))\b|\bcheck\s*out\s+now\b|\bring\s+(?:it|me)\s+up\b|"
         r"\btake\s+me\s+to\s+(?:the\s+)?(?:check\s*out|payment)\b|^\s*sold\s*[.!]*$", 0.9),
        (r"\blet's\s+(?:pay|finish(?:\s+(?:this|up|it|the\s+order))?|complete\s+(?:the|my|this)\s+(?:order|purchase)|"
         r"wrap\s+(?:this|it)\s+up|place\s+the\s+order)\b|^\s*(?:ok(?:ay)?,?\s+)?(?:check\s*out|pay(?:ment)?|"
         r"proceed(?:\s+to\s+payment)?)(?:\s+(?:now|please|pls|then))*\s*[.!]*$|"
         r"^\s*(?:(?:ok(?:ay)?|great|alright|sure|fine|good)\s*,?\s+)?(?:I'm\s+|we're\s+)?adding\s+(?:it|this|that|them|both|one|"
         r"the\s+\w+)\b|\b(?:I|we)(?:'ll|\s+will)\s+(?:start|go)\s+with\s+(?:it|this|that|these|those|the\s+\w+)\b|"
         r"\bI'd\s+like\s+to\s+pay\b|\bI'll\s+pay\s+now\b", 0.9),
        # Closing the order: "that's all I need", "I think that's everything", "just the filters this time, checking
        # out" (not "checking out the reviews"). The closing may lead into a question about paying or delivery
        # ("that's it, where do I put the coupon code?"); "that's it?" asks and closes nothing.
        (r"^\s*(?:(?:ok(?:ay)?|great|alright|perfect|cool|good)\s*,?\s*)?(?:(?:I\s+)?think\s+)?(?:that'?s\s+(?:all|everything|it)"
         r"(?:\s+I\s+need|\s+for\s+(?:now|today))?|(?:I'm|I\s+am|we're|we\s+are)\s+(?:done|all\s+set))\s*(?:,?\s*(?:thanks|"
         r"thank\s+you|thx|ty|cheers))?\s*(?:[.!]*$|[.!,;]+\s+(?=\S))|"
         r"\bchecking\s+out\b(?!\s+(?:the|this|that|these|those|your|some|a|an|my|other|more|what|how|which|if)\b)", 0.85),
        # es / de / fr / ru / vi
        (r"\b(?:lo|la|los|las)\s+compro\b|\bme\s+(?:lo|la|los|las)\s+llevo\b|\bvamos\s+a\s+pagar\b|\bquiero\s+pagar\b|\ba[ñn][aá]d(?:elo|ela|ir)\s+al\s+carrito\b|"
         r"\bich\s+nehme\s+(?:es|ihn|sie|das|den|die)\b|\bin\s+den\s+warenkorb\b|\bich\s+kaufe\s+(?:es|ihn|sie|das)\b|"
         r"\bje\s+(?:le|la|les)\s+prends\b|\bje\s+l'ach[eè]te\b|\bau\s+panier\b|"
         r"(?<!\w)(?:беру|куплю|добавьте\s+в\s+корзину|оформить\s+заказ|tôi\s+mua|mình\s+mua|thêm\s+vào\s+giỏ|"
         r"lấy\s+cái\s+này|chốt\s+đơn)(?!\w)", 0.9),
        # Paying now, the way "I'd like to pay" is said in the other shop languages.
        (r"\b(?:ich\s+(?:möchte|will|würde\s+gern)\s+(?:jetzt\s+)?(?:bezahlen|zahlen)|ich\s+zahle\s+jetzt|zur\s+Kasse)\b|"
         r"\b(?:je\s+(?:veux|vais|voudrais)\s+(?:payer|passer\s+commande|régler)|je\s+passe\s+(?:à\s+la\s+caisse|commande))\b|"
         r"\b(?:voy\s+a\s+pagar|pago\s+ya|quiero\s+finalizar\s+(?:la|mi)\s+compra)\b|"
         r"(?<!\w)(?:(?:хочу|буду|давайте)\s+оплат\w*|оплачу|перейти\s+к\s+оплате|(?:tôi|mình|em)\s+(?:sẽ\s+)?thanh\s+toán)(?!\w)",
         0.9),
    ]
]

AFFIRMATIVE = re.compile(
    r"^\s*(?:yes|yeah|yep|yup|ya|yea|sure|definitely|absolutely|of\s+course|sounds\s+(?:good|great|perfect)|"
    r"deal|go\s+ahead|why\s+not|let's\s+do\s+it|let's\s+do\s+that|perfect|great|alright|ok(?:ay)?|fine|"
    r"s[ií]|claro|vale|ja|gerne|klar|oui|volontiers|d'accord|да|давайте|конечно|vâng|có|ừ|được|ok\s+luôn)\b"
    r"(?!\s*,?\s*(?:but|pero|aber|mais|но|nhưng)\b)",
    _I,
)
# Words that finish an acceptance ("yes please, add it"); any other content makes "yes" an answer, not a yes.
ACCEPT_REST = re.compile(
    r"^(?:[\s,.!]|please|pls|and|then|just|go\s+ahead|thanks|thank\s+you|add\s+(?:it|that|this|them|both|the\s+\w+(?:\s+\w+)?|one)|"
    r"(?:I'll|I\s+will|we'll)\s+(?:take|have|get|add)\s+(?:it|that|this|them|both|one|the\s+\w+(?:\s+\w+)?)|"
    r"(?:I'd|I\s+would)\s+like\s+(?:it|that|this|one|the\s+\w+(?:\s+\w+)?)|throw\s+(?:it|that|one)\s+in|"
    r"include\s+(?:it|that)|sounds\s+(?:good|great|perfect)|let's\s+do\s+(?:it|that)|go\s+ahead|that\s+works|"
    r"(?:I\s+)?want\s+(?:it|that|one)|do\s+it|why\s+not|sure|yes|yeah|great|perfect|deal|ok(?:ay)?|the\s+\w+|"
    r"to\s+my\s+cart|to\s+the\s+cart|too|as\s+well|also|por\s+favor|gracias|bitte|danke|s'il\s+vous\s+pla[iî]t|"
    r"merci|пожалуйста|спасибо|добавьте|nhé|ạ|cảm\s+ơn|thêm\s+vào)*$",
    _I,
)
# "I'll add the machine to the cart": a named item put in the cart, with no "too"/"as well" pointing at an add-on.
NAMED_TO_CART = re.compile(
    r"^(?!.*\b(?:too|as\s+well|also)\b).*\bthe\s+\w+(?:\s+\w+)?\s+(?:to|into|in)\s+(?:my|the)\s+(?:cart|basket|bag)\b", _I
)
# Bare "ok"/"fine" carries too little: it is a yes only with an explicit "add it"/"I'll take".
WEAK_AFFIRMATIVE = re.compile(r"^\s*(?:ok(?:ay)?|alright|fine|great|perfect)\b", _I)
ACCEPT_ACTION = re.compile(r"\b(?:add|take|have|get|include|throw|want|like|do\s+it|do\s+that|go\s+ahead)\b", _I)
# Taking "it", the thing just talked about (a pronoun, no item named): right after an offer, a yes to that offer
# even without "yes" first (agent.acceptance). Checking out and paying are not in it: they take nothing new.
TAKE_IT = re.compile(
    r"\bI(?:'ll|\s+will)\s+(?:take|have|get)\s+(?:it|this|that|both|them)\b|"
    r"\bI'm\s+(?:taking|getting)\s+(?:it|this|that|both)\b|\bI'll\s+go\s+with\s+(?:it|this|that)\b|"
    r"\b(?:add|put)\s+(?:it|this|that|them|both)\s+(?:to|into|in)\s+(?:my\s+|the\s+)?(?:cart|basket|bag|order)\b|"
    r"\bme\s+(?:lo|la|los|las)\s+llevo\b|\b(?:lo|la|los|las)\s+compro\b|\ba[ñn][aá]del[oa]s?\s+al\s+carrito\b|"
    r"\bich\s+(?:nehme|kaufe)\s+(?:es|ihn|sie|das)\b|\bje\s+(?:le|la|les)\s+prends\b|\bje\s+l'ach[eè]te\b|"
    r"(?<!\w)(?:беру|возьму|куплю|lấy\s+cái\s+(?:này|đó)|tôi\s+lấy)(?!\w)",
    _I,
)
