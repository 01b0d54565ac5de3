"""Pain points: trouble in use said without a wish word ("|my back hurts after long days|"), six languages."""

from __future__ import annotations

from agent.signals.patterns.needs import NeedPattern, need_pattern

PAIN_PATTERNS: list[NeedPattern] = [
    # --- pain points (span: the whole clause) --------------------------------------------------------
    need_pattern(r"\bkeeps?\s+(?!(?:looking|browsing|shopping|thinking|going|it|them|that|this|in\s+mind|asking|"
          r"suggesting|offering|recommending|pushing|telling)\b)\w+ing\b", "pain", "clause", 0.8),
    need_pattern(r"\b(?:is|are|'s|'re|gets?|getting)\s+always\s+\w+|\balways\s+(?:full|empty|dead|dying|running\s+out|late|"
          r"cold|hot|tangled|broken|breaking|overheating|lagging|slow|crashing|losing|dropping|cluttered|messy|sore|"
          r"low|out\s+of|overflowing|jammed|stuck|freezing|wet|dirty|falling|forgetting|misplacing|searching)\b",
          "pain", "clause", 0.8),
    need_pattern(r"\b(?:way\s+|far\s+|much\s+|a\s+bit\s+|a\s+little\s+|just\s+)?too\s+(?:small|big|large|heavy|loud|noisy|slow|hot|"
          r"cold|short|dim|bright|bulky|tight|loose|weak|thin|thick|fragile|old|little|few|cramped|narrow|dark|quiet|"
          r"flimsy|warm|uncomfortable|hard|stiff|slippery|blurry|laggy|long|low|soft|clunky|outdated|tiny|cluttered)\b",
          "pain", "clause", 0.8),
    need_pattern(r"\b(?:dies|died|dying|dead|drains?|draining|flat)\s+(?:by|before|at|around|after|in|within|quickly|fast|"
          r"so\s+fast|mid|halfway|every|all\s+the\s+time|too\s+quickly|too\s+fast|constantly)\b", "pain", "clause", 0.85),
    need_pattern(r"\b(?:runs?|running|ran)\s+out\b|\brunning\s+low\b", "pain", "clause", 0.8),
    # A battery eaten or low: "the maps have eaten my battery down to 10 percent", "kills the charge", "at 15%".
    need_pattern(r"\b(?:eat(?:s|en|ing)?|ate|drain(?:s|ed|ing)?|kill(?:s|ed|ing)?|chew(?:s|ed|ing)?\s+through)\s+(?:up\s+)?"
          r"(?:my|the|its|our|your)\s+(?:\w+\s+)?(?:battery|charge)\b|\b(?:battery|charge)\s+(?:is\s+|was\s+|'s\s+)?(?:already\s+)?"
          r"(?:down\s+to|at|under|below)\s+\d+\s*(?:%|percent)", "pain", "clause", 0.8),
    need_pattern(r"\b(?:fills?|filling|filled)\s+(?:up|right\s+up)\b|\b(?:always|constantly|completely|totally)\s+(?:full|packed|maxed\s+out)\b",
          "pain", "clause", 0.8),
    need_pattern(r"\b(?:hurts?|aches?|aching|sore|painful|strain(?:ed|s)?|stiff|numb|blisters?|cramps?|"
          r"headaches?|back\s+pain|neck\s+pain)\b", "pain", "clause", 0.85),
    need_pattern(r"\bfog(?:s|ged|ging)?\s+up\b|\bpinch(?:es|ing)?\b|\b(?:is|are|'s|gets?)\s+(?:so\s+|really\s+)?freezing\b|"
          r"\bkilling\s+me\b|\b(?:barely|hardly|never)\s+(?:lasts?|fits?|holds?|works?|reaches?|keeps?)\b|"
          r"\b(?:is|are|'s|so|really|painfully|super|very|too)\s+slow\b", "pain", "clause", 0.8),
    need_pattern(r"\b(?:just\s+)?(?:adopted|got|getting|bringing\s+home)\s+a\s+(?:new\s+|second\s+|third\s+)?(?:puppy|dog|kitten|"
          r"cat|pet|rabbit|baby)\b", "growth", "clause", 0.8),
    need_pattern(r"\btakes?\s+(?:forever|ages|too\s+long|hours|so\s+long|way\s+too\s+long)\b", "pain", "clause", 0.8),
    need_pattern(r"\b(?:can't|cannot|can\s+not|unable\s+to|struggl\w+\s+to)\s+(?:ever\s+)?(?:keep\s+up|fit|find|hear|see|sleep|"
          r"reach|carry|hold|focus|stay|read|store|charge|concentrate|get\s+comfortable|work\s+long|type|breathe|"
          r"keep\s+track|remember|organi[sz]e)\b", "pain", "clause", 0.8),
    need_pattern(r"\bnot\s+enough\s+(?:space|storage|room|battery|power|light|memory|ports?|outlets?|seats?|chairs?|desks?|"
          r"time|pockets?|cups?|plates?|chargers?)\b|\brunning\s+out\s+of\b|\bno\s+(?:room|space|storage)\s+(?:left|for)\b",
          "pain", "clause", 0.85),
    need_pattern(r"\b(?:doesn't|does\s+not|don't|won't|never)\s+(?:last|fit|hold|stay|keep|reach|cover)\b", "pain", "clause", 0.75),
    # Annoyance in the other shop languages, as "it's annoying", "I'm sick of it" in English above.
    need_pattern(r"\b(?:c'est|c'était|vraiment|trop)\s+(?:p[ée]nible|agaçant|[ée]nervant|gal[èe]re|l'enfer)\b|\b(?:j'en\s+ai|on\s+en\s+a)\s+marre\b|"
          r"\b(?:ça|cela)\s+m'[ée]nerve\b|\b(?:es|qu[ée]|muy|super)\s+(?:molesto|un\s+rollo|un\s+fastidio|un\s+horror)\b|"
          r"\bestoy\s+hart[oa]\b|\bme\s+(?:molesta|fastidia|saca\s+de\s+quicio)\b|\b(?:ist|echt|total|so)\s+(?:nervig|l[äa]stig|[äa]rgerlich)\b|"
          r"\b(?:das|es)\s+nervt\b|\bich\s+habe?\s+es\s+satt\b|"
          r"(?<!\w)(?:надоело|надоедает|раздражает|бесит|достало|(?:rất\s+|thật\s+)?(?:bực\s+mình|phiền\s+phức|khó\s+chịu))(?!\w)",
          "pain", "sentence", 0.75),
    need_pattern(r"\b(?:struggl\w+\s+with|tired\s+of|sick\s+of|fed\s+up|annoy\w*|frustrat\w*|hate\s+(?:it\s+)?(?:when|how)|"
          r"(?:a\s+)?pain\s+to|nightmare|hard\s+to|difficult\s+to|impossible\s+to)\b", "pain", "clause", 0.75),
    need_pattern(r"\b(?:gets?|getting|got)\s+(?:so\s+|really\s+)?(?:tangled|cold|hot|wet|lost|dirty|scratched|crushed|soggy|"
          r"stolen|damaged|sweaty|lukewarm|stuck|full|dark)\b", "pain", "clause", 0.8),
    need_pattern(r"\b(?:laggy|lags|freezes|overheats|overheating|blurry|grainy|crashes|crashing|stutters|buffering)\b",
          "pain", "clause", 0.75),
    need_pattern(r"\b(?:my|our)\s+(?:old\s+)?\w+(?:\s+\w+)?\s+(?:is|are)\s+(?:\w+\s+)?(?:broken|cracked|dying|dead|falling\s+apart|"
          r"worn\s+out|ancient|shot|on\s+its\s+last\s+legs|useless|unreliable)\b", "pain", "clause", 0.8),
    need_pattern(r"\b(?:I|we)\s+(?:always|keep|constantly)\s+(?:lose|losing|forget|forgetting|drop|dropping|spill|spilling|"
          r"misplace|misplacing)\b", "pain", "clause", 0.8),
    # Not enough / feels tight: "128 GB won't be enough", "64 GB is not enough", "8 GB feels tight".
    need_pattern(r"\b(?:won't|will\s+not|wouldn't|isn't|aren't|is\s+not|are\s+not|not|never|barely|hardly)\s+(?:be\s+|seem\s+|feel\s+|"
          r"nearly\s+|quite\s+|really\s+|going\s+to\s+be\s+)?(?:\w+\s+)?enough\b", "pain", "clause", 0.8),
    need_pattern(r"\b(?:feels?|feeling|felt|seems?|getting|is\s+getting|looks?)\s+(?:a\s+bit\s+|a\s+little\s+|really\s+|so\s+|"
          r"quite\s+|pretty\s+|kind\s+of\s+|kinda\s+|way\s+too\s+|too\s+)?(?:tight|cramped|limiting|limited|slow|sluggish|small|"
          r"heavy|short|weak|flimsy|dated|outdated|crowded|cluttered|dull|worn|old)\b", "pain", "clause", 0.75),
    need_pattern(r"\b(?:gets?|getting|got|go|goes|went|turns?|turned)\s+(?:so\s+|really\s+|very\s+)?(?:dull|blunt|rusty|stale|"
          r"mouldy|moldy|sticky|warm|dry|loose|faded|stained|soaked|cracked|scratched|bent|wobbly)\b", "pain", "clause", 0.8),
    need_pattern(r"\b(?:never|don't|do\s+not|barely|hardly)\s+have\s+(?:the\s+|enough\s+)?(?:time|room|space)\b", "pain", "clause", 0.8),
    need_pattern(r"\b(?:I|we)\s+(?:often\s+|always\s+|constantly\s+|keep\s+)?(?:drop|lose|break|crack|spill|scratch|forget|misplace|"
          r"smash)(?:s|ping|ing)?\s+(?:my|our|it|them|things|stuff|the)\b(?:\s+\w+)?\s+(?:a\s+lot|all\s+the\s+time|constantly|"
          r"often|every\s+\w+|regularly|so\s+often)\b", "pain", "clause", 0.8),
    # Drying out, in the six languages: "the pots dry out in a week", "se secan", "trocknen aus", "se dessèchent",
    # "пересыхают", "bị khô héo".
    need_pattern(r"\b(?:dr(?:y|ies|ied|ying)\s+out|dried\s+up|trocknen\s+(?:\w+\s+)?aus|trocknet\s+(?:\w+\s+)?aus|vertrockn\w+|"
          r"se\s+(?:d[ée]s)?s[èe]ch\w+)\b|(?<!\w)(?:пересыха\w+|пересох\w*|высыха\w+|засыха\w+|(?:bị\s+)?khô\s+(?:héo|queo|cong))(?!\w)",
          "pain", "clause", 0.8),
    need_pattern(r"\b(?:water|tap\s+water)\s+(?:here\s+|in\s+\w+(?:\s+\w+)?\s+)?(?:is|'s)\s+(?:really\s+|very\s+|so\s+|quite\s+)?hard\b|"
          r"\bhard\s+water\b|\blimescale\b", "pain", "clause", 0.8),
    # Worries, in six languages: "I'm a bit paranoid about ...", "me da miedo que ...", "боюсь, что ..." (a concern is a need
    # even when it names no product; what answers it is for retrieval to find).
    need_pattern(r"\b(?:I'm|I\s+am|we're|we\s+are|I\s+get|I\s+feel)\s+(?:a\s+(?:bit|little)\s+|quite\s+|really\s+|so\s+|very\s+|"
          r"kind\s+of\s+|kinda\s+|always\s+|slightly\s+|pretty\s+)?(?:worried|nervous|anxious|scared|afraid|paranoid|concerned|"
          r"uneasy)\b|\bI\s+(?:worry|fear|dread)\b|\b(?:my|the|our)\s+(?:worry|fear|concern)\s+is\b|\bwhat\s+(?:worries|scares)\s+me\b|"
          r"\bme\s+(?:preocupa|da\s+miedo|asusta)\b|\btengo\s+miedo\b|\bestoy\s+preocupad[oa]\b|"
          r"\bich\s+(?:habe|hab)\s+(?:\w+\s+)?Angst\b|\bich\s+mache\s+mir\s+(?:\w+\s+)?Sorgen\b|\bich\s+f[üu]rchte\b|"
          r"\bj'ai\s+peur\b|\bje\s+crains\b|\b(?:ça|cela)\s+m'inqui[èe]te\b|\bje\s+m'inqui[èe]te\b|\bje\s+suis\s+inqui[èe]t\w*|"
          r"(?<!\w)(?:боюсь|волнуюсь|переживаю|нервничаю|беспокоюсь|меня\s+беспокоит|"
          r"(?:tôi|mình|em)\s+(?:rất\s+|hơi\s+)?(?:lo|sợ)|lo\s+lắng|(?:^|(?<=[,;:]\s))sợ)(?!\w)", "pain", "sentence", 0.75),
    # es
    need_pattern(r"\bse\s+(?:me|nos|le|te)\s+(?:rompe|rompen|cae|caen|acaba|acaban|agota|agotan|olvida|olvidan|pierde|pierden|"
          r"descarga|descargan|estropea|estropean|raya|rayan|enreda|enredan|moja|mojan|enfr[ií]a|enfr[ií]an|cuelga|llena|"
          r"vuelve|vuelven|pone|ponen|seca|secan|oxida|oxidan|pega|pegan|atasca|atascan|mancha|manchan)\b|"
          r"\bno\s+(?:me\s+|nos\s+)?(?:dura|duran|alcanza|cabe|caben|aguanta|llega|carga)\b|"
          r"\b(?:demasiado|muy|tan)\s+(?:pesad|lent|pequeñ|ruidos|incómod|cort|débil|calient|fr[ií])\w*|"
          r"\bme\s+duele[n]?\b|\bdolor\s+de\b|\bno\s+puedo\s+(?:concentrarme|dormir|trabajar|ver|o[ií]r|escuchar|cargar)\b|"
          r"\bme\s+quedo\s+sin\b|\bsiempre\s+(?:est[aá]|se\s+queda)\s+(?:lleno|llena|vac[ií]o|vac[ií]a|sin)\b",
          "pain", "clause", 0.8),
    # de
    need_pattern(r"\b(?:zu|so|sehr|total|extrem|viel\s+zu)\s+(?:laut|langsam|schwer|klein|eng|hei[ßs]|kalt|dunkel|kurz|unbequem|"
          r"schwach|voll)\b|\bich\s+kann\s+(?:mich\s+)?nicht\s+(?:\w+\s+)?(?:konzentrieren|schlafen|arbeiten|h[öo]ren|sehen|"
          r"laden|lesen)\b|\b(?:tut|tun)\b(?:\s+\w+){0,6}?\s+weh\b|\w*schmerzen\b|\b(?:immer|st[äa]ndig|dauernd)\s+(?:leer|voll|"
          r"kaputt|kalt|\w+t)\b|\bh[äa]lt\s+(?:nicht|keinen)\b|\breicht\s+nicht\b|\bnicht\s+genug\b", "pain", "clause", 0.8),
    # fr
    need_pattern(r"\bje\s+(?:\w+\s+)?(?:casse|perds|fais\s+tomber|oublie|renverse|raye)\b|\b(?:trop|tellement)\s+(?:lourd|lent|petit|"
          r"bruyant|chaud|froid|court|faible|serr[ée]|encombrant)\w*|\b(?:j'ai|on\s+a)\s+mal\b|\bmal\s+(?:au|aux|à\s+la)\b|"
          r"\bne\s+(?:tient|dure|marche|rentre|suffit)\s+pas\b|\bpas\s+assez\s+de\b|\btombe(?:nt)?\s+(?:en\s+panne|tout\s+le\s+temps)\b|"
          r"\bse\s+d[ée]charge\b|\bje\s+n'arrive\s+pas\s+[àa]\b", "pain", "clause", 0.8),
    # ru
    need_pattern(r"(?<!\w)(?:садится|садятся|разряжается|не\s+хватает|не\s+держит|не\s+влезает|не\s+помещается|ломается|ломаю|роняю|"
          r"теряю|разбиваю|болит|болят|устают|мёрзну|мерзну|не\s+могу\s+\w+|слишком\s+(?!дорог|доро́г)\w+|постоянно\s+\w+|всегда\s+\w+)(?!\w)",
          "pain", "clause", 0.8),
    # vi
    need_pattern(r"(?<!\w)(?:bị\s+(?:đau|hỏng|vỡ|rơi|nứt|mất|lag|chậm|nóng)|đau\s+(?:lưng|cổ|vai|mắt|đầu|chân|tay)|nhức\s+\w+|"
          r"không\s+(?:dùng|đủ|trụ|giữ|chạy|sạc)(?:\s+(?:được|nổi))?|nhanh\s+hết|hết\s+pin|hay\s+bị|lúc\s+nào\s+cũng|luôn\s+bị|"
          r"quá\s+(?:nặng|chậm|nhỏ|ồn|nóng|lạnh|tối|chật|yếu))(?!\w)", "pain", "clause", 0.8),
]
