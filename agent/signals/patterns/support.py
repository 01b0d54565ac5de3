"""Support: a problem with an order, an account or an item bought here; troubleshooting a device."""

from __future__ import annotations

import re

_I = re.IGNORECASE

SUPPORT_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    (re.compile(p, _I), c)
    for p, c in [
        (r"(?<!to\s)\b(?:my|our)\s+(?:order|package|parcel|delivery|shipment|refund|return|exchange|invoice|receipt|"
         r"account|password|login|subscription|tracking(?:\s+number)?|order\s+number)\b", 0.9),
        (r"\b(?:the|this)\s+(?:order|package|parcel|delivery|shipment|refund)\s+(?:is|was|has|hasn't|has\s+not|never|"
         r"still|didn't|got|came|arrived)\s+(?:\w+\s+)?(?:late|lost|missing|delayed|damaged|wrong|broken|not|never|"
         r"open|stuck|through|yet)\b", 0.85),
        (r"\b(?:refund|money\s+back|chargeback|(?:got|was|been)\s+charged|charged\s+(?:me\s+)?twice|double[-\s]charged|overcharged|"
         r"wrong\s+(?:item|size|colou?r|product|order|model|address)|missing\s+(?:items?|parts?|pieces?)|"
         r"never\s+(?:arrived|came|showed\s+up|got\s+it)|hasn't\s+(?:arrived|come|shipped|been\s+delivered)|"
         r"has\s+not\s+(?:arrived|shipped)|didn't\s+(?:arrive|come|get\s+delivered)|did\s+not\s+arrive|"
         r"not\s+(?:been\s+)?(?:arrived|delivered|shipped)|still\s+waiting\s+for|where\s+is\s+my|where's\s+my|"
         r"track(?:ing)?\s+(?:my|the)\s+(?:order|package|parcel|delivery|shipment)\b|cancel\s+(?:my|the|an)\s+order|return\s+(?:it|this|that|these|those|them|the|my|an?|something)\b|"
         r"(?:send|ship|post|mail)\s+(?:it|this|that|them)\s+back|exchange\s+(?:it|this|that|the|my)\b|warranty\s+claim|claim\s+(?:on|under)\s+"
         r"(?:the\s+)?warranty|under\s+warranty|log\s*in|sign\s*in|reset\s+(?:my\s+)?password|customer\s+service|"
         r"(?:speak|talk)\s+to\s+(?:a|an|someone|somebody)\s*(?:human|agent|person|real)?|"
         r"(?:arrived|came|was\s+delivered|showed\s+up)\s+(?:broken|damaged|cracked|late|open|wet|dented|scratched|"
         r"missing|empty)|lost\s+in\s+(?:the\s+)?(?:mail|post|transit)|delivery\s+(?:is|was)\s+late)\b", 0.9),
        # Damaged on arrival, the damage named a few words after the arrival: "turned up with a cracked looper cover",
        # "llegó con la tapa rajada", "arrivée avec le volant fendu", "пришла с треснутым корпусом".
        (r"\b(?:arrived|came|turned\s+up|showed\s+up|was\s+delivered|got\s+here)\s+(?:[\w']+\s+){0,5}?"
         r"(?:broken|damaged|cracked|dented|scratched|bent|chipped|torn|shattered|snapped|leaking|split)\b|"
         r"\blleg[oó]\s+(?:\w+\s+){0,5}?(?:rot[oa]|da[ñn]ad[oa]|rajad[oa]|agrietad[oa]|rayad[oa])\b|"
         r"\barriv[ée]e?s?\s+(?:[\w']+\s+){0,5}?"
         r"(?:cass[ée]e?s?|ab[îi]m[ée]e?s?|fendue?s?|fissur[ée]e?s?|ray[ée]e?s?|tordue?s?)\b|"
         r"(?<!\w)пришл\w*\s+(?:\w+\s+){0,5}?(?:сломан|разбит|треснут|повреждён|поврежден|поцарапан)\w*", 0.85),
        # Safety: a swollen battery or a burning smell is a support case whatever else the message says.
        (r"\b(?:swollen|swelling|bulging|smok(?:e|es|ed|ing)|sparks?|sparking|burning\s+smell|smells?\s+(?:of\s+)?burn\w*|"
         r"caught\s+fire|on\s+fire|melt(?:ed|ing)|electric\s+shock)\b", 0.85),
        # Wrong item, account access.
        (r"\b(?:sent|shipped|delivered|gave)\s+(?:me|us)\b[^.!?]*\binstead\s+of\b|\breceived\b[^.!?]*\binstead\s+of\b|"
         r"\blog\s*(?:in|into|on)(?:\s+to)?\s+(?:my|our|the)\b|\b(?:my|our)\s+\w+\s+account\b|\bpassword\s+reset\b|"
         r"\breset\s+(?:email|link)\b|\blocked\s+out\b", 0.85),
        # es / de / fr / ru / vi: order, delivery, refund
        (r"\b(?:mi\s+pedido|reembolso|devoluci[oó]n|meine\s+bestellung|r[üu]ckerstattung|lieferung|ma\s+commande|"
         r"remboursement|livraison)\b|(?<!\w)(?:мой\s+заказ|возврат|доставк\w+|đơn\s+hàng|hoàn\s+tiền|giao\s+hàng)(?!\w)",
         0.85),
        # es / de / fr / ru / vi: send back, exchange, warranty, arrived broken, wrong item
        (r"\b(?:devolver\w*|garant[ií]a|cambiarl[oa]|lleg[oó]\s+(?:roto|rota|da[ñn]ad[oa]|mal)|me\s+(?:enviaron|mandaron)\s+"
         r"(?:otro|otra|el\s+\w+\s+equivocad[oa])|no\s+funciona|dej[oó]\s+de\s+funcionar|zur[üu]ckschicken|zur[üu]ckgeben|"
         r"umtauschen|reklamation|reklamieren|garantie|(?:kaputt|defekt|besch[äa]digt)\s+angekommen|funktioniert\s+nicht(?:\s+mehr)?|"
         r"geld\s+zur[üu]ck|retourner|renvoyer|[ée]changer|arriv[ée]e?s?\s+(?:cass[ée]e?s?|ab[îi]m[ée]e?s?)|ne\s+(?:marche|fonctionne)\s+"
         r"(?:pas|plus))\b|(?<!\w)(?:прислали\s+не|не\s+тот\s+товар|вернуть\s+(?:деньги|товар)|верните|гаранти\w+|"
         r"пришл\w+\s+(?:сломанн|разбит|повреждённ|поврежденн)\w*|не\s+работает|обменять|đổi\s+trả|đổi\s+hàng|trả\s+lại|"
         r"trả\s+hàng|bảo\s+hành|giao\s+nhầm|gửi\s+nhầm|không\s+hoạt\s+động|không\s+lên\s+nguồn)(?!\w)", 0.85),
    ]
]
# A device that errors out or will not work: troubleshooting, not a shopping need ("my printer keeps saying it's
# offline"). "My old X won't turn on" stays a need for a replacement (OWN_OLD).
TROUBLE = re.compile(
    r"\berror(?:\s+(?:message|code|light))?\b|\boffline\b|\b(?:won't|will\s+not|doesn't|does\s+not|can't)\s+"
    r"(?:turn\s+on|switch\s+on|power\s+on|connect|pair|print|start|boot|sync|update|install|scan|recogni[sz]e)\b|"
    r"\bstopped\s+(?:working|printing|charging|connecting|pairing|turning\s+on)\b|"
    r"(?<!\w)не\s+(?:заряжается|включается|печатает|подключается)(?!\w)|\bnot\s+(?:connecting|pairing|"
    r"printing|turning\s+on|syncing|recogni[sz]ed|detected)\b|\bkeeps?\s+(?:saying|showing|displaying|disconnecting|"
    r"restarting|rebooting|beeping|flashing)\b|"
    # Something (not someone) that stopped doing its job: "the motor has stopped assisting".
    r"\b(?!(?:I|we|you|they|he|she|I've|we've)\b)[\w']+\s+(?:(?:has|have|had|just|suddenly|completely)\s+)*"
    r"stop(?:s|ped)\s+\w+ing\b|"
    # A fault code on a display: "shows E07", "flashing code F3" (not a reading like "PM2.5").
    r"\b(?:shows?|showing|displays?|displaying|flash(?:es|ing)?)\s+(?:an?\s+|the\s+)?(?:error\s+)?(?:code\s+)?"
    r"(?-i:[A-Z]{1,2}-?\d{1,3})(?![.,]?\d)\b",
    _I,
)
# "It came without a memory card" is a missing part, unless the shopper goes on to ask what to buy (SHOPPING_ASK).
WEAK_SUPPORT = re.compile(r"\b(?:arrived|came|was\s+delivered|showed\s+up)\s+without\b", _I)
SHOPPING_ASK = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+){0,3}?(?:should|would|could|do|can)\s+(?:I|we|you)\s+(?:get|buy|use|choose|pick|"
    r"recommend|suggest)\b|\bdo\s+you\s+(?:have|sell)\b|\b(?:can|could)\s+you\s+(?:recommend|suggest)\b",
    _I,
)
# "My old printer won't turn on" is a reason to buy a new one, not a support case.
# Something that no longer does what it did: the shopper has had it. With a fault, off the shop's product pages, that
# is a problem with an item they own ("the tracker won't hold a charge anymore", "elle ne tourne plus").
NO_LONGER = re.compile(
    r"\b(?:any\s*more|any\s+longer|no\s+longer|nicht\s+mehr|kein\w*\s+\w+\s+mehr|ya\s+no|plus\s+du\s+tout)\b|"
    r"\bne\s+(?:se\s+|s'|l'|le\s+|la\s+)?[^\W\d_]+\s+plus\b|(?<!\w)(?:больше\s+не|уже\s+не|không\s+\w+(?:\s+\w+)?\s+nữa)(?!\w)",
    _I,
)
OWN_OLD = re.compile(r"\b(?:my|our)\s+(?:old|previous|current|ancient|last)\b", _I)
# A defect on something bought from the store is support: "the case I bought cracked".
BOUGHT = re.compile(
    r"\b(?:I|we)\s+(?:just\s+|recently\s+)?(?:bought|ordered|purchased|received|got)\b(?!\s+(?:a\s+)?new\b)|"
    r"\b(?:you|you\s+guys)\s+(?:sent|shipped|sold)\b|\bfrom\s+(?:you|your\s+(?:store|shop|site))\b|"
    r"\b(?:arrived|delivered|came)\b|"
    r"\b(?:got|bought|ordered)\s+(?:this|it|these|them)\s+(?:in|last|back\s+in|a\s+(?:few\s+|couple\s+of\s+)?(?:weeks?|months?)\s+ago)\b|"
    # es / de / fr / ru / vi: bought here, received
    r"\b(?:compr[eé]|(?:me\s+)?lleg[oó]|recib[ií]|gekauft|bekommen|erhalten|geliefert|angekommen|gekommen|achet[ée]e?s?|"
    r"(?:von|bei)\s+(?:euch|Ihnen)|"
    r"re[çc]ue?s?)\b|"
    r"(?<!\w)(?:купил\w*|получил\w*|пришл\w+|(?:tôi|mình|em)\s+(?:vừa\s+)?(?:mua|nhận))(?!\w)",
    _I,
)
DEFECT = re.compile(
    r"\b(?:broken|broke|cracked|damaged|defective|faulty|doesn't\s+work|does\s+not\s+work|stopped\s+working|"
    r"not\s+working|dead\s+on\s+arrival|DOA|scratched|dented|leaking|leaks|won't\s+(?:turn\s+on|charge|work|connect|pair|hold\s+(?:a\s+)?charge)|"
    r"missing|torn|tore|ripped|flicker\w*|glitch\w*|peeling|fell\s+apart|falling\s+apart|snapped|shattered|malfunction\w*|wrong|"
    # Parts that gave way, a device that switches itself off.
    r"split\s+open|came\s+(?:apart|off|loose|unstitched)|fell\s+off|(?:keeps?|kept)\s+(?:turning|switching|shutting)\s+off|"
    r"(?:turns?|switch(?:es)?|shuts?)\s+(?:itself\s+)?off\s+(?:by\s+itself|on\s+its\s+own)|"
    # Doing things by itself ("started double clicking by itself"), water got inside ("fogged up on the inside").
    r"(?:started|starts|keeps?|kept)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:by\s+itself|on\s+its\s+own)|"
    r"fog(?:s|ged|ging)?\s+up\s+(?:on\s+the\s+)?inside|"
    # A flaw said as a noun, rust, a lost connection, an error on the display.
    r"(?:has|have|with|got|there's|there\s+is)\s+(?:a\s+|an\s+)?(?:big\s+|huge\s+|small\s+|little\s+)?(?:crack|dent|hole|tear|chip|"
    r"leak|scratch|gash)|rust(?:y|ed|ing)?(?:\s+spots?)?|"
    r"(?:keeps?|kept)\s+(?:losing|dropping)\s+(?:the\s+|its\s+)?(?:connection|signal|pairing|bluetooth)|"
    r"(?:shows?|showing|displays?|says)\s+(?:only\s+|just\s+)?['\"]?(?:err|error|fehler)\b|"
    # Stuck parts and pixels, a mechanical noise it makes.
    r"(?:is|are|got|gets|'s)\s+stuck|stuck\s+(?:on|off|pixels?)|dead\s+pixels?|"
    r"(?:grinding|rattling|clicking|scraping|squealing|buzzing)\s+(?:noise|sound))\b|"
    # es / de / fr / ru / vi: broken, cracked, leaking, won't start, stopped working, won't charge
    r"\b(?:rot[oa]s?|se\s+rompi[oó]|no\s+(?:enciende|arranca|funciona|carga)|dej[oó]\s+de\s+funcionar|"
    r"se\s+queda\s+en\s+negro|gotea|kaputt(?:gegangen|gemacht)?|defekt\w*|undicht|gerissen|Riss|springt\s+nicht\s+an|"
    r"se\s+apaga\s+sol[oa]|se\s+(?:despeg[oó]|solt[oó]|descosi[oó])|geht\s+(?:\w+\s+)?von\s+selbst\s+aus|abgebrochen|"
    r"zeigt\s+(?:\w+\s+){0,5}['\"]?(?:err|error|fehler)\b|"
    r"aufgeplatzt|s'[ée]teint\s+tout\s+seul|s'est\s+(?:d[ée]chir[ée]e?|d[ée]cous[ue]e?|d[ée]coll[ée]e?)|"
    r"funktioniert\s+nicht(?:\s+mehr)?|l[äa]dt\s+(?:\w+\s+){0,2}nicht\s+mehr|"
    r"cass[ée]e?s?|fuit|fissur[ée]e?|ne\s+(?:s'allume|d[ée]marre|marche|fonctionne|charge|tourne)\s+(?:pas|plus)|"
    r"(?:il|elle|ils|elles|ça|ca)\s+ne\s+(?:se\s+|s')?[^\W\d_]+\s+plus)\b|"
    r"(?<!\w)(?:сломал\w*|слома\w+|теч[её]т|порвал\w*|треснул\w*|трещин\w*|перестал\w*|не\s+работает|не\s+включается|"
    r"не\s+заряжается|сам\w*\s+(?:по\s+себе\s+)?выключа\w+|отвалил\w*|разошл\w*|треснувш\w*|ржавч\w+|"
    r"(?:bị\s+)?(?:hỏng|vỡ|rò\s+rỉ|đứt|nứt|bung)|tự\s+(?:tắt|ngắt|khởi\s+động\s+lại)|"
    r"(?:không|ngừng)\s+(?:hoạt\s+động|sạc\s+được|bật\s+được))(?!\w)",
    _I,
)
# A fault soon after it arrived ("split open on day two", "on the very first trip"): a new item's defect, whoever
# sold it, is a case for support rather than a reason to buy another.
EARLY_FAILURE = re.compile(
    r"\b(?:on|after|within|by)\s+(?:the|its|my|our)?\s*(?:very\s+)?(?:first|second)\s+(?:day|week|trip|use|time|wash|"
    r"ride|outing|flight|night)\b|\bon\s+day\s+(?:one|two|three|[1-3])\b|"
    r"\b(?:after|within)\s+(?:a|one|two|three|a\s+few|a\s+couple\s+of|[1-9])\s+(?:days?|weeks?|uses?|washes)\b|"
    r"\b(?:straight\s+|right\s+)?out\s+of\s+the\s+box\b|"
    # "the second time I used it", "it's only 3 months old", "after one wet round"
    r"\b(?:the\s+)?(?:first|second|third)\s+time\s+(?:I|we)\s+(?:\w+\s+)?(?:used|wore|tried|took|rode|charged|washed|"
    r"fished|played|ran|had)\b|"
    r"\b(?:only|just|barely|not\s+even|less\s+than)\s+(?:a|one|two|three|four|five|six|[1-9]|a\s+few|a\s+couple\s+of)\s+"
    r"(?:days?|weeks?|months?|year)\s+old\b|"
    r"\bafter\s+(?:a|one|two|three|a\s+few|[1-9])\s+(?:\w+\s+)?(?:rounds?|rides?|trips?|sessions?|outings?|games?)\b|"
    r"\b(?:al\s+(?:primer|segundo)\s+(?:uso|d[ií]a|viaje)|a\s+los\s+(?:dos|tres|pocos)\s+d[ií]as|"
    r"nach\s+(?:einer|zwei|drei|wenigen)\s+(?:Woche|Wochen|Tagen)|beim\s+ersten\s+\w+|"
    r"au\s+bout\s+de\s+(?:deux|trois|quelques)\s+jours|d[èe]s\s+(?:la\s+premi[èe]re|le\s+premier))\b|"
    r"(?<!\w)(?:через\s+(?:неделю|пару\s+дней|два\s+дня|три\s+дня)|с\s+первого\s+\w+|"
    r"sau\s+(?:một|hai|ba|vài)\s+(?:ngày|tuần)|ngay\s+lần\s+đầu)(?!\w)",
    _I,
)
# Asking what to do about a fault ("what do I do?", "¿qué hago?", "что делать?"): help, not shopping.
HELP_ASK = re.compile(
    r"\bwhat\s+(?:do|should|can)\s+I\s+do\b|\bis\s+(?:that|this|it)\s+normal\b|\bhow\s+(?:do|can)\s+I\s+(?:fix|repair|get\s+it\s+fixed)\b|"
    r"\bqu[ée]\s+(?:hago|puedo\s+hacer)\b|\bwas\s+(?:soll|kann)\s+ich\s+(?:jetzt\s+)?(?:tun|machen)\b|"
    r"\bque\s+(?:dois-je|faire|puis-je\s+faire)\b|(?<!\w)(?:что\s+(?:мне\s+)?делать|phải\s+làm\s+(?:sao|gì)|làm\s+sao\s+bây\s+giờ)(?!\w)",
    _I,
)
