"""Need phrasings: wishes, asks for a product, plans, growth and group size, in six languages; stops and negators.

Every need pattern names how its span is cut: ``tail`` takes the words after the trigger up to the end of the
clause ("I wish |my battery lasted all day|"); ``clause`` takes the whole clause the phrase sits in
("|my back hurts after long days at the desk|"). Pain points are in :mod:`agent.signals.patterns.pains`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_I = re.IGNORECASE


@dataclass(frozen=True)
class NeedPattern:
    """A need phrasing: its regex, what kind of need it is, and how the span is cut."""

    regex: re.Pattern[str]
    kind: Literal["wish", "plan", "growth", "group", "pain", "ask"]
    cut: Literal["tail", "clause", "sentence"]  # sentence: what a worry is about often follows a comma
    confidence: float
    explicit: bool = False  # first-person "I wish/I need/I'm looking for": survives inside a question
    stop: re.Pattern[str] | None = None  # a tail starting like this is no need ("I want |it|", "is there |a way|")


def need_pattern(
    pattern: str, kind: str, cut: str, confidence: float, explicit: bool = False, stop: re.Pattern[str] | None = None
) -> NeedPattern:
    """A NeedPattern from a case-insensitive regex string."""
    return NeedPattern(re.compile(pattern, _I), kind, cut, confidence, explicit, stop)  # type: ignore[arg-type]


# A count of people: "four", "4", "a dozen".
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen)"

# After a bare "I want/need": the item in focus itself ("I want it", "I just want the laptop") is a choice, not a
# need, unless a wish follows ("I want it louder", "one that charges faster", "the best noise cancelling") or a thing
# to put it on or in ("I want it on an arm", "I want them in a case").
WANT_STOP = re.compile(
    r"(?:(?:it|this|that|these|those|them|one|ones)\b(?!\s+(?:\w+er|more|less|better|that|which|with|for|to\s+be|"
    r"(?:on|in|inside|under)\s+(?:a|an)|mounted)\b)"
    r"|the\b(?!\s+(?:best|\w+est|most)\b)(?!\s+\w+(?:\s+\w+)?\s+(?:to|that|which|more|less|\w+er)\b)"
    r"|(?:you|your|nothing|no|none|is|a\s+refund|my\s+(?:money|order|package|parcel|refund))\b"
    r"|to\s+(?:know|ask|see|say|check|talk|speak|return|cancel|buy|order|pay|think|add|remove|change|go\s+with)\b)",
    _I,
)
# What a clause asking the shop in another language is about when it asks about the item itself: another look,
# size or version, stock or delivery ("¿tienen una talla más?", "у вас есть другой цвет?"), or a cheaper or better
# one (read as a version ask by the encoder, agent.signals.cheaper_ask).
OTHER_ASK_STOP = re.compile(
    r"(?<!\w)(?:colou?r|versi[oó]n|modelo|talla|tamaño|stock|env[ií]o|couleur|taille|mod[eè]le|livraison|farbe|"
    r"gr[öo][ßs]e|modell|version|lager|versand|цвет|размер|верси|модел|наличи|доставк|màu|cỡ|size|phiên\s+bản|"
    r"giao\s+hàng|còn\s+hàng|m[aá]s\s+barat|mejor|moins\s+cher|meilleur|g[üu]nstiger|billiger|besser|"
    r"(?:по)?дешевле|лучше|rẻ\s+hơn|tốt\s+hơn)",
    _I,
)
# Asking whether the shop has "a version with more storage" or "a bigger size" is a question about the item in
# focus; asking for "a case so they don't get crushed" or "a better version that keeps coffee hot" is a need.
ASK_STOP = re.compile(
    r"(?:(?:a|an|any|one)\s+(?:\w+\s+)?(?:version|model|size|variant|edition|option|colou?r|tier|upgrade\w*)s?\b|one\b)"
    r"(?![^?.!]*\b(?:that|which|so|to|for|who)\b)"
    r"|(?:a|an|any|some)\s+(?:\w+\s+)?(?:way|difference|limit|reason|problem|issue|chance|fee|charge|cost|discount|deal|"
    r"sale|coupon|code|promo\w*|catch|point|setting|mode|button|guarantee|return\s+policy|shipping|delivery|stores?|"
    r"shops?|branch(?:es)?|free\s+\w+|info\w*|details?|manual|instructions?)s?\b"
    r"|(?:a|any)\s+warranty\b"
    r"|(?:what|which)\s+(?:size|colou?r|one|version|model|option|setting|mode|variant|tier|length|plan)s?\b"
    r"|[^?.!]*\b(?:in\s+the\s+box|included|in\s+the\s+package|in\s+stock)\b",
    _I,
)


# Who else may use it: "my girlfriend", "the kids", "her sister".
_PERSON = (
    r"(?:girlfriend|boyfriend|wife|husband|partner|kids?|sons?|daughters?|children|family|friends?|mum|mom|dad|"
    r"father|mother|parents|colleagues?|boss|team|sister|brother|roommates?|flatmates?|guests?|staff)"
)

_SUBJ = r"(?:I|we)(?:'m|'re|\s+am|\s+are|'ll\s+be|\s+will\s+be)"

WISH_PATTERNS: list[NeedPattern] = [
    # --- wishes, English ------------------------------------------------------------------------------
    need_pattern(r"\bI\s+(?:really\s+|just\s+|so\s+|only\s+)?wish(?:\s+that)?\s+(?:(?:I|we)\s+(?:could|had)\s+)?(?P<span>\S)",
          "wish", "tail", 0.95, True),
    need_pattern(r"(?:\b(?:it|that)(?:\s+would|'d|\s+will|'ll)|^\s*would)\s+be\s+(?:so\s+|really\s+|very\s+)?(?:great|nice|good|awesome|"
          r"amazing|ideal|perfect|handy|helpful|lovely|cool|useful|wonderful|better|brilliant)\s+(?:if|to)\s+"
          r"(?:(?:I|we)\s+could\s+)?(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"\bI(?:'d|\s+would)\s+(?:really\s+|so\s+)?(?:love|like|prefer)\s+(?:to\s+)?(?P<span>\S)",
          "wish", "tail", 0.85, True),
    need_pattern(r"\bif\s+only\s+(?:(?:I|we)\s+could\s+)?(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"\b(?:I|we)\s+(?:really\s+|also\s+|still\s+|badly\s+|definitely\s+)?(?:need|want)\s+(?:to\s+)?"
          r"(?P<span>(?:a|an|some|something|anything|more|better|bigger|smaller|lighter|longer|faster|another|"
          r"extra|way|help|to|get|keep|stay|stop|carry|protect|find|make|take|have|charge|work|track|replace|"
          r"upgrade|organi[sz]e|store|clean|cook|sleep|avoid|go|see|hear|run|fit|print|share|listen)\b)",
          "wish", "tail", 0.85, True),
    # Chat drops the subject: "also need something for his nails", "still need a way to charge it", "gonna need more".
    need_pattern(r"(?:^|[,.;:!?]\s*|\b(?:and|but|so|oh|ok|okay)\s+)(?:(?:also|still|really|just|gonna|going\s+to)\s+)?"
          r"(?:need|want)\s+(?P<span>(?:a|an|some|something|anything|more|another|extra|a\s+way)\b)",
          "wish", "tail", 0.8, True),
    need_pattern(r"\b(?:I|we)(?:'m|'re|\s+am|\s+are)\s+(?:currently\s+|also\s+|just\s+)?(?:looking|searching|hunting|shopping)"
          r"\s+(?:around\s+)?for\s+(?P<span>\S)", "wish", "tail", 0.85, True),
    need_pattern(r"\b(?:I|we)\s+could\s+(?:really\s+)?(?:use|do\s+with)\s+(?P<span>\S)", "wish", "tail", 0.85, True),
    need_pattern(r"\b(?:I'm|I\s+am|we're|we\s+are)\s+hoping\s+(?:to|for)\s+(?P<span>\S)", "wish", "tail", 0.8, True),
    # "I'll need spare ink", "I want one that charges faster", "I want it louder", "I want the best ...": any object
    # but the item in focus itself ("I want it", "I just want the laptop"), see WANT_STOP.
    need_pattern(r"\b(?:I|we)(?:'ll|\s+will|'d|\s+would|'m\s+going\s+to|\s+am\s+going\s+to|'re\s+going\s+to)?\s+"
          r"(?:really\s+|also\s+|still\s+|definitely\s+|probably\s+|just\s+|only\s+)?(?:need|want)\s+(?P<span>\S)",
          "wish", "tail", 0.8, True, WANT_STOP),
    # Asking the shop for a product: "do you have a case that fits this phone?", "is there something with better
    # lumbar support?", "which lens should I get?". A question and a need at once.
    # ("do you do a leather cover?" is how many ask in Britain; a mass noun comes bare: "do you have PETG that …")
    need_pattern(r"\b(?:do|does)\s+(?:you|the\s+(?:store|shop))\s+(?:guys\s+)?"
          r"(?:have|sell|carry|stock|offer|make|do)\s+"
          r"(?P<span>(?:a|an|any|some|something|anything|one|ones)\b|[a-z]+s\s+(?:for|that|which|to)\b|"
          r"(?!(?:stock|time|anyone|someone|it|them|this|that|these|those)\b)[\w-]+\s+(?:that|which)\b)", "ask", "tail",
          0.8, True, ASK_STOP),
    # What the shopper still lacks for what they have: "I'm missing a reel for this rod", "me falta un carrete",
    # "il me manque un support", "mir fehlt noch eine Matte", "mình còn thiếu cái sạc" (an indefinite thing: "the
    # manual is missing" is a fault, agent.signals.patterns.support).
    need_pattern(r"\b(?:I'm|I\s+am|we're|we\s+are)\s+(?:still\s+|also\s+)?missing\s+(?P<span>(?:a|an|some)\b)|"
          r"\b(?:I|we)\s+(?:still|also)\s+(?:don't|do\s+not)\s+have\s+(?P<span2>(?:a|an|any)\b)|"
          r"\b(?:me|nos)\s+falta(?:n|r[ií]a)?\s+(?:todav[ií]a\s+|a[uú]n\s+)?(?P<span3>(?:un|una|unos|unas)\b)|"
          r"\bil\s+(?:me|nous)\s+manque(?:rait)?\s+(?:encore\s+)?(?P<span4>(?:un|une|des)\b)|"
          r"\b(?:mir|uns)\s+fehl(?:t|en)\s+(?:noch\s+|auch\s+)?(?P<span5>(?:ein|eine|einen)\b)|"
          r"(?<!\w)(?:tôi|mình|em|chúng\s+tôi)\s+(?:còn\s+|vẫn\s+)?thiếu(?!\w)\s*(?P<span6>\S)",
          "ask", "tail", 0.8, True),
    # Asking the shop for a product in the other languages: "¿tenéis un soporte…?", "vous avez des lames…?", "habt
    # ihr ein Stativ?", "у вас есть штатив?" and "штатив у вас есть?", "shop có bán bình gas không?". The whole
    # clause: the thing asked for may come before the asking words. A look, a size or a delivery asked about is a
    # question about the item (OTHER_ASK_STOP).
    need_pattern(r"\b(?:tienen|tenéis|tiene\s+usted|venden|vendéis)\s+(?:algun[oa]s?|algo|un|una|unos|unas)\b|"
          r"\b(?:avez-vous|auriez-vous|vendez-vous|vous\s+(?:avez|auriez|vendez))\s+(?:un|une|des|quelque\s+chose)\b|"
          r"\b(?:haben\s+sie|habt\s+ihr|verkaufen\s+sie|verkauft\s+ihr|führen\s+sie)\s+(?:auch\s+|noch\s+)?"
          r"(?:ein|eine|einen|etwas|was|welche)\b|"
          r"(?<!\w)(?:у\s+вас\s+(?:есть|найд[её]тся|продаются|бывают)|есть\s+ли\s+у\s+вас|вы\s+продаёте)(?!\w)|"
          r"(?<!\w)có\s+bán(?!\w)", "ask", "clause", 0.8, True, OTHER_ASK_STOP),
    # The want put last for weight: "what I do want is to lock it somehow", "what we really need is more light".
    need_pattern(r"\bwhat\s+(?:I|we)\s+(?:\w+\s+)?(?:want|need|'d\s+like|would\s+like)\s+is\s+(?:to\s+)?(?P<span>\S)",
          "wish", "tail", 0.85, True, WANT_STOP),
    need_pattern(r"\b(?:is|are)\s+there\s+(?P<span>(?:a|an|any|some|something|anything|one)\b)", "ask", "tail", 0.75, True,
          ASK_STOP),
    need_pattern(r"(?:\bhave\s+you\s+got|\byou\s+got|^\s*got)\s+(?P<span>(?:a|an|any|some|something|anything)\b)|"
          r"(?:^|[,;:]\s*)(?P<span2>(?:anything|something)\s+(?:for|to|that|I\s+(?:should|could|can|need\s+to)\s+"
          r"(?:get|grab|buy|add|bring|use|pick\s+up))\b)|"
          r"\bis\s+there\s+(?P<span3>(?:a\s+way|anything|something)\s+(?:to|for)\b)", "ask", "tail", 0.75, True, ASK_STOP),
    need_pattern(r"\b(?P<span>(?:what|which)\s+(?:\w+\s+){0,3}?(?:should|would|could|do|can)\s+(?:I|we|you)\s+(?:get|buy|use|choose|"
          r"pick|recommend|suggest|need|add|grab|order|try|take|bring|pack|go\s+for)\b)",
          "ask", "tail", 0.8, True, ASK_STOP),
    # What to do something to the item with: "what should I spool the reel with?", "what do I clean it with?".
    need_pattern(r"\b(?P<span>(?:what|which\s+\w+)\s+(?:should|do|can|could|would)\s+(?:I|we)\s+(?!do\b|pay\b)\w+\s+"
          r"(?:it|this|them|these|the\s+\w+|my\s+\w+|our\s+\w+)\s+with)\b", "ask", "tail", 0.8, True, ASK_STOP),
    # What others do about it: "what do people even do about that?", "how do most golfers deal with it?".
    need_pattern(r"\b(?P<span>(?:what|how)\s+do\s+(?:people|others|folks|most\s+(?:people|\w+s)|other\s+\w+s|you\s+guys)\s+"
          r"(?:even\s+|usually\s+|normally\s+|actually\s+)?(?:do\s+(?:about|against)|deal\s+with|cope\s+with|get\s+around)\b)",
          "ask", "tail", 0.8, True, ASK_STOP),
    need_pattern(r"\b(?:(?:can|could)\s+you\s+(?:recommend|suggest)|any\s+(?:recommendations|suggestions|tips)\s+for)\s+"
          r"(?P<span>\S)", "ask", "tail", 0.8, True, ASK_STOP),
    # Plain future use: "I'll also shoot birds far away", "I'll mostly use it for video calls".
    need_pattern(r"\b(?:I|we)(?:'ll|\s+will)\s+(?:also|mostly|mainly|often|regularly|frequently|sometimes|usually|be\s+using\s+it|"
          r"use\s+it)\s+(?P<span>\S)", "plan", "tail", 0.75),
    # Someone else's wish or plan: "my girlfriend wants to come camping too", "the kids are getting their own laptops".
    need_pattern(rf"\b(?:my|our|the)\s+(?:\w+\s+)?{_PERSON}(?:\s+(?:and|&)\s+(?:my|our|his|her|their|the)\s+(?:\w+\s+)?"
          rf"{_PERSON})?\s+(?:also\s+|now\s+|really\s+|will\s+|both\s+|(?:is|are|'s|'re)\s+)?(?:wants?|needs?|would\s+like|"
          r"joining|coming|moving\s+in|starting|getting\s+(?:their|his|her)\s+own)\b", "growth", "clause", 0.8),
    # Growth in numbers: "we'll be ten by summer", "that'll be about nine devices", "grows by 300 GB a year".
    need_pattern(r"\b(?:we'll|we\s+will|there'll|there\s+will|that'll|that\s+will|it'll)\s+be\s+(?:about\s+|around\s+|nearly\s+|"
          r"almost\s+|over\s+|more\s+than\s+|at\s+least\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
          r"twelve|fifteen|twenty|thirty|forty|fifty|a\s+dozen)\b", "growth", "clause", 0.75),
    need_pattern(r"\b(?:grows?|growing|grew|doubles?|doubling)\s+(?:by|every|each)\b", "growth", "clause", 0.75),
    # --- wishes, other languages ---------------------------------------------------------------------
    need_pattern(r"\bojal[aá]\s+(?:que\s+)?(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"\b(?:me\s+gustar[ií]a|nos\s+gustar[ií]a|quisiera|quiero|queremos|necesito|necesitamos|necesitar[ií]a(?:mos)?|(?<!m[aá]s\s)(?<!qu[eé]\s)(?:me|nos)\s+(?:hace|hacen|har[ií]a|har[ií]an)\s+falta|busco|buscamos|"
          r"estoy\s+buscando|(?:vamos|voy)\s+a\s+(?!pensar|comprar|pagar|llevar|quedar)|planeamos|pensamos)\s+(?:que\s+|poder\s+|tener\s+)?(?P<span>\S)",
          "wish", "tail", 0.85, True),
    need_pattern(r"\bser[ií]a\s+(?:genial|estupendo|ideal|bueno|fant[aá]stico|perfecto)\s+(?:que|si|poder)\s+(?P<span>\S)",
          "wish", "tail", 0.9, True),
    need_pattern(r"\bsi\s+tan\s+solo\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"\bich\s+w[üu]nschte(?:\s+mir)?,?\s+(?:dass\s+|ich\s+k[öo]nnte\s+)?(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"\bich\s+(?:h[äa]tte|w[üu]rde)\s+gerne?\s+(?P<span>\S)", "wish", "tail", 0.85, True),
    need_pattern(r"\bes\s+w[äa]re\s+(?:so\s+)?(?:toll|sch[öo]n|super|gut|praktisch|ideal|klasse|prima|genial),?\s+(?:wenn|dass)\s+"
          r"(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"\b(?:ich\s+(?:brauche|br[äa]uchte|suche|will|m[öo]chte|plane)|wir\s+(?:brauchen|br[äa]uchten|suchen|wollen|m[öo]chten|planen))\s+"
          r"(?P<span>\S)", "wish", "tail", 0.8, True),
    # The verb second after another first word ("Dazu brauche ich noch eine Matte", "Jetzt suchen wir ..."); not in
    # a question led by "was/welche" (what to get: asked, not stated).
    need_pattern(r"(?<!was\s)(?<!welche\s)(?<!welchen\s)\b(?:(?:brauche|br[äa]uchte|suche)\s+ich|(?:brauchen|br[äa]uchten|suchen)\s+wir)"
          r"\s+(?:(?:jetzt|noch|auch|dringend|unbedingt|eigentlich)\s+)*(?P<span>\S)", "wish", "tail", 0.8, True),
    need_pattern(r"\bwenn\s+(?:doch\s+)?nur\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"\b(?:j'aimerais|je\s+voudrais|je\s+souhaite(?:rais)?|je\s+veux)\s+(?:bien\s+)?(?:que\s+|qu'|pouvoir\s+)?(?P<span>\S)",
          "wish", "tail", 0.85, True),
    need_pattern(r"\bce\s+serait\s+(?:vraiment\s+)?(?:g[ée]nial|bien|super|top|id[ée]al|pratique|parfait|chouette)\s+"
          r"(?:si\s+|de\s+|d'|que\s+|qu')(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"\bsi\s+seulement\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"\b(?:(?<!quoi\s)(?:j'ai|j'aurais|on\s+a|on\s+aurait|nous\s+avons|nous\s+aurions)\s+besoin\s+(?:de\s+|d')|"
          r"(?<!qu')il\s+(?:me|nous)\s+(?:faut|faudrait|faudra)\s+|je\s+cherche\s+|nous\s+cherchons\s+|"
          r"(?:nous\s+(?:voulons|allons|pr[ée]voyons|comptons|aimerions)|on\s+(?:veut|aimerait|compte|va)|"
          r"je\s+(?:compte|pr[ée]vois|vais)|nous\s+partons|on\s+part|je\s+pars)\s+(?!r[ée]fl[ée]chir|acheter|prendre|payer|commander)"
          r"(?:bientôt\s+)?)(?P<span>\S)", "wish", "tail", 0.85, True),
    need_pattern(r"(?<!\w)(?:хотелось\s+бы|хочется|я\s+бы\s+хотел[аи]?|хочу|хотим|мне\s+нужн[оаы]|мне\s+нужен|нам\s+нужн\w+|я\s+ищу|ищу|"
          r"планиру\w+|собира\w+с[ья])"
          r"(?!\w),?\s*(?:чтобы\s+|что\s+бы\s+)?(?P<span>\S)", "wish", "tail", 0.85, True),
    need_pattern(r"(?<!\w)было\s+бы\s+(?:здорово|отлично|хорошо|классно|удобно|неплохо|круто|идеально),?\s+(?:если\s+бы|если|чтобы)\s+"
          r"(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"(?<!\w)если\s+бы\s+только\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    need_pattern(r"(?<!\w)(?:ước\s+gì|ước\s+chi|giá\s+mà|giá\s+như|(?:tôi|mình|em|chúng\s+tôi|bọn\s+mình)\s+(?:ước|muốn|cần|đang\s+tìm|định|sắp|dự\s+định))(?!\w)\s*"
          r"(?:là\s+)?(?P<span>\S)", "wish", "tail", 0.85, True),
    need_pattern(r"(?<!\w)(?:sẽ|thì)\s+(?:rất\s+)?(?:tốt|tuyệt|hay)\s+(?:quá\s+)?nếu\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    # --- plans ---------------------------------------------------------------------------------------
    need_pattern(rf"\b{_SUBJ}\s+(?:(?:planning|hoping|about|getting\s+ready|preparing|thinking\s+about|thinking\s+of)\s+(?:to\s+)?|"
          r"going\s+to\s+)(?P<span>\S)", "plan", "tail", 0.8),
    need_pattern(r"\b(?:I|we)\s+(?:(?:each|also|really|just|still)\s+)?(?:plan|intend|hope|want|'d\s+like|would\s+like|need)\s+"
          r"to\s+(?P<span>\S)", "plan", "tail", 0.8),
    # The subject said once for two verbs: "I mostly drive after dark and want to actually read number plates".
    need_pattern(r"\b(?:I|we)\s+[^.!?,;]{1,60}?\band\s+(?:really\s+|also\s+|just\s+)?(?:want|need|hope|plan)\s+to\s+"
          r"(?:actually\s+|really\s+|finally\s+)?(?P<span>\S)", "plan", "tail", 0.8),
    # A rule the shopper must follow: "I read you must carry a warning triangle", "it's mandatory to have a first-aid kit".
    need_pattern(r"\b(?:(?:you|one|drivers|everyone|we)\s+(?:must|have\s+to|are\s+required\s+to|'re\s+required\s+to)|"
          r"(?:it's|it\s+is)\s+(?:mandatory|compulsory|required|the\s+law)\s+to)\s+(?:carry|have|bring|wear|keep)\s+"
          r"(?!(?:it|them|this|that|these|those)\b)(?P<span>\S)", "plan", "tail", 0.8),
    need_pattern(r"\b(?:next|then|soon)\b,?\s+(?:I|we)\s+(?:want|plan|hope|'d\s+like|would\s+like)\s+to\s+(?P<span>\S)",
          "plan", "tail", 0.8),
    need_pattern(r"(?:^|\b(?:I'm|I\s+am|we're|we\s+are|we'll\s+be|I'll\s+be)\s+)(?P<span>going\s+\w+ing\b)", "plan", "tail", 0.8),
    need_pattern(rf"\b{_SUBJ}\s+(?P<span>(?:starting|moving|travell?ing|taking\s+up|getting\s+into|launching|opening|"
          r"renovating|remodell?ing|training\s+for|heading|flying|hosting|throwing|setting\s+up|building|"
          r"redoing|backpacking|camping|hiking|running\s+a|doing\s+a|working\s+from|switching\s+to)\b)", "plan", "tail", 0.8),
    need_pattern(r"\b(?P<span>planning\s+(?:a|an|our|my|the)\s+\w+)", "plan", "tail", 0.8),
    # --- growth --------------------------------------------------------------------------------------
    need_pattern(rf"\b(?:{_SUBJ}|(?:the\s+)?(?:company|team|office|they)(?:'s|\s+is|\s+are|'re|\s+will\s+be))\s+"
          r"(?P<span>(?:adding|hiring|onboarding|bringing\s+on|taking\s+on)\b)",
          "growth", "tail", 0.85),
    need_pattern(r"\b(?:team|company|family|office|staff|household|business|headcount|startup|group|class)\s+"
          r"(?:is|'s|keeps|will\s+be|has\s+been)\s+(?:growing|expanding|getting\s+bigger|doubling)", "growth", "clause", 0.85),
    need_pattern(r"\bhiring\s+(?:\w+\s+)?(?:more|new|people|staff|engineers|developers|employees)\b", "growth", "clause", 0.85),
    need_pattern(r"\bnew\s+(?:hires|employees|starters|team\s+members|colleagues|staff)\b", "growth", "clause", 0.8),
    need_pattern(r"\b(?:baby|a\s+baby)\s+on\s+the\s+way\b|\bexpecting\s+a\s+baby\b", "growth", "clause", 0.85),
]

# Group size: how many people will use it, said as a count ("all four of us", "twins", "I'm the only one with
# gloves"); the candidate step answers with more of what they hold (agent.candidates.addition). Read after the
# pains, so a problem in the same clause decides what is needed ("all four of us use it and it's empty in a week"
# wants a bigger one, not one each).
GROUP_PATTERNS: list[NeedPattern] = [
    need_pattern(rf"\b(?:all|the)\s+{_COUNT}\s+of\s+(?:us|them)\b|\ba\s+(?:family|group|party)\s+of\s+{_COUNT}\b|"
          r"\b(?:I'm|I\s+am)\s+the\s+only\s+one\s+(?:with|who\s+has|that\s+has|who's\s+got)\b|"
          r"\bboth\s+of\s+(?:us|them)\s+(?:want|need|will|are\s+going\s+to)\b|\b(?:twins|triplets)\b|"
          # more people than before: "two more people", "we're adding three guests", "five extra kids"
          rf"\b{_COUNT}\s+(?:more|extra|additional|new)\s+(?:people|persons|guests|kids|children|adults|members)\b|"
          rf"\b(?:adding|hiring|expecting)\s+(?:another\s+)?{_COUNT}\s+(?:more\s+)?(?:people|persons|guests|kids|members)\b|"
          # es / de / fr / ru / vi
          r"\b(?:gemel[oa]s|melliz[oa]s|trilliz[oa]s|somos\s+(?:tres|cuatro|cinco|seis|\d+)|"
          r"(?:los|las)\s+(?:tres|cuatro|cinco|seis)\s+de\s+nosotr[oa]s|"
          r"zwillinge|drillinge|wir\s+sind\s+(?:zu\s+)?(?:dritt|viert|f[üu]nft|sechst|\d+)|alle\s+(?:drei|vier|f[üu]nf)\s+von\s+uns|"
          r"jumeaux|jumelles|tripl[ée]s|nous\s+sommes\s+(?:trois|quatre|cinq|six|\d+)|tous\s+les\s+(?:trois|quatre|cinq)|"
          r"toutes\s+les\s+(?:trois|quatre|cinq)|(?:dos|tres|cuatro|cinco|\d+)\s+personas\s+m[aá]s|"
          r"(?:zwei|drei|vier|f[üu]nf|\d+)\s+(?:Leute|Personen)\s+mehr|(?:zwei|drei|vier|f[üu]nf|\d+)\s+weitere\s+"
          r"(?:Leute|Personen)|(?:deux|trois|quatre|cinq|\d+)\s+personnes\s+de\s+plus)\b|"
          r"(?<!\w)(?:близнец\w*|двойн\w+|тройн\w+|нас\s+(?:трое|четверо|пятеро|шестеро)|вдво[её]м|втро[её]м|вчетвером|"
          r"впятером|ещ[её]\s+(?:двое|трое|четверо|(?:два|три|четыре|пять|\d+)\s+человека)|"
          r"thêm\s+(?:hai|ba|bốn|năm|\d+)\s+người|sinh\s+đôi|song\s+sinh|cả\s+(?:ba|bốn|năm|sáu)\s+(?:người|đứa|bố\s+con|mẹ\s+con))(?!\w)",
          "group", "clause", 0.8),
]

# The group shares the one item ("all four of us use this face wash"): a bigger one answers, not one each.
SHARED_USE = re.compile(
    r"\b(?:use|using|share|sharing)\s+(?:this|it|that|the\s+same|one)\b|"
    # all of them doing something on or with the item: "both of us will be rowing on it", "we all sleep in it"
    r"\b(?:on|in|with|into)\s+(?:it|this(?:\s+one)?|that\s+one)\b(?!\s*['’])|"
    # all of them kept together: "all five of us on one page", "everyone in one tent"
    r"\b(?:on|in|into|under)\s+(?:one|a\s+single|the\s+same)\s+(?:page|place|calendar|screen|list|app|account|bag|case|box|"
    r"tent|bed|sofa|table|car)\b|\b(?:usamos|compartimos|benutzen|teilen|"
    r"utilisons|partageons)\b|(?<!\w)(?:пользуемся|делим|dùng\s+chung)(?!\w)",
    _I,
)

# A need trigger followed by these is shopping or service talk, not a need: "I'd like to check out".
NEED_STOP_START = re.compile(
    # ("I'd like to buy |it|" is buying; "I'd like to buy |a case for it|" names a thing wanted.)
    r"(?:to\s+)?(?:(?:buy|order|purchase)(?!\s+(?:a|an|some|another|extra|more|new|spare|something|anything)\b)|"
    r"check\s*out|pay|return|cancel|refund|a\s+refund|my\s+money|exchange|know|ask|"
    r"see\s+(?:it|this|that|the|more|other)|think|wait|pass|look\s+(?:at|around)|leave|stick|keep\s+(?:it|this|looking)|"
    r"go\s+with|take\s+(?:it|this|that|one|both)|get\s+(?:it|this|that|one|both)|add|speak|talk|talk|compare|"
    r"try\s+(?:it|this|that)\s+on|be\s+(?:sure|clear)|the\s+(?:blue|black|white|red|green|grey|gray|silver|gold|pink)|"
    r"(?:it|this|that|one|those|these|them)\s*(?:[,.!?]|$|please|too|now|thanks|for\s+now)|"
    r"(?:thx|thanks|thank\s+you|ty|cheers)\s*[.!]*$|"
    # The same in the other languages; buying "another"/"more"/"a second" of something still names a thing wanted.
    r"comprarl[oa]s?|comprar(?!\s+(?:otr[oa]s?|m[aá]s|adem[aá]s|tambi[eé]n)\b)|pedir|pagar|kaufen|bestellen|(?:jetzt\s+)?(?:be)?zahlen|"
    r"acheter(?!\s+(?:encore|aussi|un\s+autre|une\s+autre|d'autres|en\s+plus)\b)|commander|payer|"
    r"купить(?!\s+(?:ещё|еще|дополнительно|втор\w+|запасн\w+))|заказать|оплат\w*|mua(?!\s+(?:thêm|một\s+cái|một\s+chiếc))|"
    r"đặt|thanh\s+toán)\b",
    _I,
)
# Negation just before a trigger or pain phrase ("I don't need", "it never runs out", "not too heavy").
NEGATORS = frozenset(
    "not no never don't doesn't didn't isn't aren't wasn't won't wouldn't dont doesnt hardly barely without "
    "nicht kein keine keinen nie ne pas jamais не нет никогда không chẳng chả".split()
)
# German/French/Russian/Vietnamese negation that follows the verb: "ich brauche keinen …", "je ne veux pas".
NEG_AFTER = re.compile(r"^(?:kein\w*|nicht|pas|plus|rien|không|chẳng)\b", _I)


#: The thing first, then that it would help: "a case would be handy", "eine hellere Lampe wäre nicht schlecht",
#: "une housse, ce serait pratique", "una funda estaría bien", "лампа поярче была бы кстати". Read only when nothing
#: else was heard in the message (agent.signals.detector): a reading of the examples says more ("etwas Robusteres
#: wäre gut, der Preis ist zweitrangig" asks for better). Not with a pronoun for a subject ("that would be great"
#: takes an offer; it names no thing).
HELPFUL_PATTERNS: list[NeedPattern] = [
    need_pattern(r"(?<!\bthat)(?<!\bit)(?<!\bthis)(?<!\bwhich)(?:\s+would|'d)\s+be\s+(?:really\s+|so\s+|very\s+|super\s+)?"
          r"(?:nice|handy|great|good|useful|helpful|ideal|perfect|lovely|a\s+big\s+help|a\s+lifesaver)\b",
          "wish", "sentence", 0.75, True),
    need_pattern(r"(?<!\bdas)(?<!\bes)\s+w[äa]re\s+(?:(?:eigentlich|auch|doch|schon|echt|wirklich)\s+)*"
          r"(?:nicht\s+schlecht|sch[öo]n|praktisch|gut|super|toll|hilfreich|ideal|klasse|prima|n[üu]tzlich)\b(?!\s*,?\s*(?:wenn|dass))",
          "wish", "sentence", 0.75, True),
    need_pattern(r"(?<!\beso)(?<!\besto)\s+(?:estar[ií]a|ser[ií]a|vendr[ií]a)\s+(?:muy\s+)?(?:bien|genial|[uú]til|pr[aá]ctico|ideal|"
          r"perfecto)\b(?!\s+(?:que|si|poder)\b)", "wish", "sentence", 0.75, True),
    need_pattern(r"(?<=,)\s*(?:ce\s+serait|ça\s+serait|ca\s+serait)\s+(?:vraiment\s+)?(?:bien|g[ée]nial|pratique|utile|id[ée]al|"
          r"parfait|top|super)\b(?!\s+(?:si|de|d'|que|qu')\b)", "wish", "sentence", 0.75, True),
    need_pattern(r"(?<!\bэто)\s+(?:был[аио]?|были)\s+бы\s+(?:очень\s+)?(?:кстати|неплохо|хорошо|удобно|полезно|здорово|"
          r"не\s+лишн\w+)(?!\w)(?!,?\s+(?:если|чтобы))", "wish", "sentence", 0.75, True),
]
