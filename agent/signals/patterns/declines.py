"""Declines and removals: refusing an offer or taking an item out of the cart, six languages."""

from __future__ import annotations

import re

_I = re.IGNORECASE

DECLINE_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    (re.compile(p, _I), c)
    for p, c in [
        (r"\bno,?\s+thanks?\b|\bno\s+thank\s+you\b|\bthanks,?\s+but\s+no\b|\bno\s+ty\b|^\s*no\s+thx\b", 0.95),
        (r"^\s*(?:nah|nope|no)\s*[.!]*$", 0.8),
        (r"^\s*(?:nah|nope|no)\b,?\s+(?=(?:I'm|I\s+am|i'm)\s+(?:good|fine|ok|okay|set)|just|that's|not|i'll\s+pass)", 0.9),
        (r"\bnot\s+interested\b|\bI'm\s+not\s+(?:really\s+)?(?:interested|looking\s+for\s+(?:that|extras|anything\s+else))\b",
         0.95),
        (r"\bI'll\s+pass\b|\bI\s+will\s+pass\b|\bpass\s+on\s+(?:that|this|it|the)\b|^\s*pass\s*[.!]*$", 0.95),
        (r"\bstop\s+(?:suggesting|recommending|offering|pushing|trying\s+to\s+sell|upselling|selling)\b|"
         r"\bno\s+more\s+(?:suggestions|offers|recommendations|upsells?|add-?ons)\b|"
         r"\bdon't\s+(?:show|offer|suggest|recommend|send)\s+(?:me\s+)?(?:more|any|other|anything)\b|\bdon't\s+(?:try\s+to\s+)?(?:upsell|sell)\s+me\b",
         0.95),
        (r"^\s*(?:just|only)\s+(?:the|this|that|my)\s+\w+(?:\s+\w+)?(?:,?\s*(?:please|thanks|thank\s+you|for\s+now|"
         r"then|today))*\s*[.!]*$|,\s*(?:just|only)\s+the\s+\w+(?:\s+\w+)?(?:,?\s*(?:please|thanks|thank\s+you|for\s+now))*"
         r"\s*[.!]*$|\bI\s+(?:just|only)\s+(?:want|need)\s+the\s+\w+", 0.9),
        (r"\bI\s+(?:don't|do\s+not|dont)\s+(?:really\s+)?(?:need|want)\s+(?:it|that|this|one|those|them|any|anything"
         r"(?:\s+else)?|extras?|add-?ons?|accessories|the\s+\w+|a\s+\w+|an\s+\w+)\b", 0.8),
        (r"\bI\s+(?:don't|do\s+not|dont)\s+(?:really\s+)?(?:need|want)\s+(?:more|another|extra|a\s+bigger|a\s+better|"
         r"an\s+upgrade)\b", 0.6),
        (r"^\s*(?:I'm|I\s+am|i'm|we're)\s+(?:good|fine|ok|okay|all\s+set|set)\b(?:\s*,?\s*(?:thanks|thank\s+you|"
         r"with\s+(?:this|that|what\s+I\s+have)|for\s+now))*\s*[.!]*$", 0.85),
        (r"\bthat's\s+(?:all|it)(?:\s+for\s+(?:now|today))?\s*[.!]*$|\bnothing\s+else\b|\bno\s+need\b|\bnot\s+for\s+me\b|"
         r"\bnot\s+today\b|\bmaybe\s+(?:later|another\s+time|next\s+time)\b|\bdon't\s+bother\b|\bskip\s+(?:it|that|this)\b|"
         r"\bnot\s+(?:right\s+)?now,?\s+(?:thanks|thank\s+you|thx)\b|^\s*not\s+(?:right\s+)?now\s*[.!]*$|\bleave\s+it\b|\bI'm\s+not\s+buying\s+(?:that|it|this|anything)\b", 0.85),
        # Keeping what they have instead of the alternative: "we'll stick with this one", "I'll stay with my old one".
        (r"\b(?:I'll|I\s+will|we'll|we\s+will|I'd\s+rather|we'd\s+rather|I'm\s+going\s+to|gonna)\s+(?:just\s+)?"
         r"(?:stick|stay)\s+with\s+(?:this|that|the|my|our|what)\b|"
         r"\bje\s+(?:garde|vais\s+garder|reste\s+sur)\s+(?:celui-ci|celle-ci|celui-là|celle-là|le\s+mien|la\s+mienne|"
         r"ce\s+que\s+j'ai|mon|ma)\b|"
         r"\bme\s+quedo\s+con\s+(?:este|esta|ese|esa|el\s+m[ií]o|la\s+m[ií]a|lo\s+que\s+tengo|mi)\b|"
         r"\bich\s+(?:bleibe\s+bei|behalte)\s+(?:diese[mnr]?|de[mnr]|die|das|meine[mnr]?)\b|"
         r"(?<!\w)(?:оставлю|останусь\s+с|остановлюсь\s+на)\s+(?:этот|эту|это|эти|свой|свою|своё|своих|тем|той|этом|этой)(?!\w)|"
         r"(?<!\w)(?:tôi|mình|em)\s+(?:vẫn\s+)?(?:giữ|dùng)\s+(?:cái|chiếc)\s+(?:này|cũ)(?!\w)", 0.85),
        # "never mind" closing the line: the offer is dropped.
        (r"\bnever\s*mind\s*[.!]*$", 0.85),
        # Refusing on price or because they own one already.
        (r"^\s*(?:nah|nope|no)\b,?\s+(?:thanks,?\s+)?(?:I\s+(?:already\s+)?(?:have|own|got)|I've\s+(?:already\s+)?got|"
         r"already|(?:it's\s+|that's\s+|way\s+)?too\s+(?:expensive|pricey|much)|I\s+(?:can't|cannot)\s+afford|I\s+don't|"
         r"don't|I'm\s+not)\b|^\s*(?:it's|that's)\s+(?:way\s+|a\s+bit\s+|just\s+)?too\s+(?:expensive|pricey|much)"
         r"(?:\s+for\s+me)?\s*[.!]*$|\bI\s+(?:already\s+have|have\s+(?:one|that|it|those)\s+already)\b|"
         r"\b(?:no|without)\s+(?:extras|add-?ons|accessories|upsells?)\b", 0.85),
        # Nothing more to be added to the order, in the six languages ("I don't want to add anything").
        (r"\b(?:don't|do\s+not|dont)\s+(?:want|need)\s+to\s+(?:add|buy|get)\s+(?:anything|any\s*more|more|extras?)\b"
         r"(?!\s+(?:that|which|with|for|to|like)\b)|"
         r"\bno\s+(?:quiero|necesito)\s+(?:(?:añadir|agregar|comprar)\s+(?:nada|más)|nada\s+más)\b|"
         r"\b(?:möchte|will|brauche)\s+(?:ich\s+)?nichts\s+(?:mehr\s+|weiter\s+)?(?:hinzufügen|dazu\w*|kaufen)\b|"
         r"\bje\s+ne\s+(?:veux|souhaite)\s+rien\s+(?:ajouter|d'autre|de\s+plus)\b|"
         r"(?<!\w)(?:ничего\s+(?:больше\s+)?(?:не\s+)?(?:хочу\s+)?(?:добавлять|докупать)|"
         r"больше\s+ничего\s+не\s+(?:надо|нужно|хочу))(?!\w)", 0.9),
        # Not worth the price to them, in the six languages.
        (r"\b(?:isn't|is\s+not|'s\s+not|not|wouldn't\s+be|won't\s+be)\s+(?:really\s+)?worth\s+it\b|"
         r"\bno\s+(?:me\s+)?vale\s+la\s+pena\b|\blohnt\s+sich\s+(?:f[üu]r\s+mich\s+)?(?:nicht|kaum)\b|"
         r"\b(?:ça|ca)\s+ne\s+vaut\s+pas\s+(?:le\s+coup|la\s+peine)\b|(?<!\w)не\s+стоит\s+(?:того|этого)(?!\w)|"
         r"(?<!\w)không\s+đáng(?!\w)", 0.85),
        # es
        (r"\bno,?\s+gracias\b|\bno\s+me\s+interesa\b|^\s*paso\b|\bno\s+(?:lo|la|los|las)\s+necesito\b|\bno\s+hace\s+falta\b|"
         r"\bestoy\s+bien\s+as[ií]\b|^\s*(?:s[oó]lo|solamente)\s+(?:el|la|los|las)\s+\w+", 0.9),
        # de
        (r"\bnein,?\s+danke\b|\bkein\s+interesse\b|\bbrauche\s+ich\s+nicht\b|\bich\s+brauche\s+(?:das|es|ihn|sie)\s+nicht\b|"
         r"\bnicht\s+n[öo]tig\b|\bdanke,?\s+nein\b|^\s*nur\s+(?:das|den|die)\s+\w+|\bich\s+verzichte\b", 0.9),
        # fr
        (r"\bnon,?\s+merci\b|\bpas\s+int[ée]ress[ée]e?s?\b|\bça\s+ira\b|^\s*(?:juste|seulement)\s+(?:le|la|les)\s+\w+|"
         r"\bje\s+n'en\s+ai\s+pas\s+besoin\b|\bpas\s+besoin\b|\bsans\s+fa[çc]on\b|\bje\s+passe\b", 0.9),
        # ru
        (r"(?<!\w)(?:нет,?\s+спасибо|не\s+интересно|не\s+интересует|не\s+надо|обойдусь|спасибо,?\s+не\s+надо|"
         r"мне\s+это\s+не\s+нужно|не\s+нужно)(?!\w)|^\s*только\s+\w+\s*[.!]*$", 0.9),
        # vi
        (r"(?<!\w)(?:không,?\s+cảm\s+ơn|không\s+cần|không\s+quan\s+tâm|thôi,?\s+cảm\s+ơn|không\s+mua|thôi\s+khỏi)(?!\w)|"
         r"(?<!\w)chỉ\s+(?:cái|chiếc|con)?\s*\w+(?:\s+\w+)?\s+thôi(?!\w)", 0.9),
    ]
]

# Taking an item out of the cart: no offer should follow. "Drop" counts only with "from my cart" ("I drop my phone"). A request phrased as a question ("can you remove the
# battery?") is about the cart only on the cart or checkout page; "from my cart" says so on any page.
REMOVE_ITEM = re.compile(
    r"\b(?:remove|delete|take\s+(?:out|off))\s+(?:the|that|this|it|those|these|them|my|both)\b(?:[^.!?]{0,40}?\b"
    r"(?P<cart>(?:from|out\s+of|off)\s+(?:my|the)\s+(?:cart|basket|bag|order)))?|\b(?:remove|take|delete|drop)\b[^.!?]{1,40}?"
    r"\b(?P<cart2>(?:from|out\s+of|off)\s+(?:my|the)\s+(?:cart|basket|bag))\b|\bI\s+(?:don't|do\s+not)\s+want\s+(?:it|that|"
    r"this|them|the\s+\w+)\s+any\s*more\b|\bchanged\s+my\s+mind\s+(?:about|on)\s+the\b",
    _I,
)
REMOVE_LEAD = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|actually|hmm|no|oh|sorry|wait),?\s+)*(?:(?:please|pls|can\s+you|could\s+you|would\s+you|I\s+want\s+to|"
    r"I'd\s+like\s+to|I'll|let's|just)\s+)*(?=remove|delete|take\s+(?:out|off))|\bI\s+(?:don't|do\s+not)\s+want\b|"
    r"\bchanged\s+my\s+mind\b",
    _I,
)
# With an offer on the table, a line that opens with a refusal word turns it down whatever follows ("nah, I'll
# just use a towel", "nope, all good"); with none pending the same line refuses nothing. Colloquial refusals may
# run straight on; a bare "no"/"nein"/"non"/"нет" needs a pause after it ("no sé…" is "I don't know…").
REFUSAL_LEAD = re.compile(
    r"^\s*(?:(?:nah+|nope|naw|nee|nö|bof|неа|thôi)\b(?!\s+(?:problem|worries|doubt)\b)"
    r"|(?:no+|nein|non|нет|не|không|khỏi)\s*[,.!…-])",
    _I,
)

# Owning the thing offered already, said right after the offer, in the six languages: "we've got a timer in the
# garage somewhere, I'll dig it out", "ya tengo uno", "j'en ai déjà un", "hab ich schon", "у меня уже есть",
# "nhà tôi có rồi". Read only while an offer is pending: without one it is just a fact about the home.
OWNS_ONE = re.compile(
    r"\b(?:I've|we've|I\s+have|we\s+have|I|we)\s+(?:already\s+)?(?:got|own|have)\s+(?:one|a|an|it|that|those)\b"
    r"[^.?!]*?\b(?:already|somewhere|at\s+home|lying\s+around|spare|from\s+before)\b|"
    r"\b(?:I'll|I\s+will|we'll)\s+(?:just\s+)?(?:dig|fish|find)\s+(?:it|that|them|one|mine|ours|the\s+old\s+one)\s+out\b|"
    r"\bya\s+(?:tengo|tenemos|lo\s+tengo|la\s+tengo|los\s+tengo)\b|\btengo\s+(?:uno|una)\s+en\s+casa\b|"
    r"\b(?:j'en\s+ai|on\s+en\s+a|nous\s+en\s+avons)\s+d[ée]j[àa]\b|\bj'ai\s+d[ée]j[àa]\s+(?:un|une|ça|celui|celle|le|la|les)\b|"
    r"\b(?:ich\s+)?(?:habe?|haben\s+wir|hab\s+ich|habe\s+ich)\s+(?:schon|bereits)\s+(?:ein|eine|einen|so|welche|das|den|die)?\b|"
    r"(?<!\w)(?:у\s+(?:меня|нас)\s+уже\s+(?:есть|был)|уже\s+есть\s+(?:такой|такая|такое|один|одна))(?!\w)|"
    r"(?<!\w)(?:tôi|mình|em|nhà\s+(?:tôi|mình))\s+(?:đã\s+)?có\s+(?:\S+\s+){0,3}rồi(?!\w)",
    _I,
)
