"""The phrase patterns behind each signal type, English first, then es/de/fr/ru/vi for wishes and declines.

Every need pattern names how its span is cut: ``tail`` takes the words after the trigger up to the end of the
clause ("I wish |my battery lasted all day|"); ``clause`` takes the whole clause the phrase sits in
("|my back hurts after long days at the desk|").
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
    kind: Literal["wish", "plan", "growth", "pain", "ask"]
    cut: Literal["tail", "clause"]
    confidence: float
    explicit: bool = False  # first-person "I wish/I need/I'm looking for": survives inside a question
    stop: re.Pattern[str] | None = None  # a tail starting like this is no need ("I want |it|", "is there |a way|")


def _need(
    pattern: str, kind: str, cut: str, confidence: float, explicit: bool = False, stop: re.Pattern[str] | None = None
) -> NeedPattern:
    return NeedPattern(re.compile(pattern, _I), kind, cut, confidence, explicit, stop)  # type: ignore[arg-type]


# After a bare "I want/need": the item in focus itself ("I want it", "I just want the laptop") is a choice, not a
# need, unless a wish follows ("I want it louder", "one that charges faster", "the best noise cancelling").
WANT_STOP = re.compile(
    r"(?:(?:it|this|that|these|those|them|one|ones)\b(?!\s+(?:\w+er|more|less|better|that|which|with|for|to\s+be)\b)"
    r"|the\b(?!\s+(?:best|\w+est|most)\b)(?!\s+\w+(?:\s+\w+)?\s+(?:to|that|which|more|less|\w+er)\b)"
    r"|(?:you|your|nothing|no|none|a\s+refund|my\s+(?:money|order|package|parcel|refund))\b"
    r"|to\s+(?:know|ask|see|say|check|talk|speak|return|cancel|buy|order|pay|think|add|remove|change|go\s+with)\b)",
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


_SUBJ = r"(?:I|we)(?:'m|'re|\s+am|\s+are|'ll\s+be|\s+will\s+be)"

NEED_PATTERNS: list[NeedPattern] = [
    # --- wishes, English ------------------------------------------------------------------------------
    _need(r"\bI\s+(?:really\s+|just\s+|so\s+|only\s+)?wish(?:\s+that)?\s+(?:(?:I|we)\s+(?:could|had)\s+)?(?P<span>\S)",
          "wish", "tail", 0.95, True),
    _need(r"(?:\b(?:it|that)(?:\s+would|'d|\s+will|'ll)|^\s*would)\s+be\s+(?:so\s+|really\s+|very\s+)?(?:great|nice|good|awesome|"
          r"amazing|ideal|perfect|handy|helpful|lovely|cool|useful|wonderful|better|brilliant)\s+(?:if|to)\s+"
          r"(?:(?:I|we)\s+could\s+)?(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"\bI(?:'d|\s+would)\s+(?:really\s+|so\s+)?(?:love|like|prefer)\s+(?:to\s+)?(?P<span>\S)",
          "wish", "tail", 0.85, True),
    _need(r"\bif\s+only\s+(?:(?:I|we)\s+could\s+)?(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"\b(?:I|we)\s+(?:really\s+|also\s+|still\s+|badly\s+|definitely\s+)?(?:need|want)\s+(?:to\s+)?"
          r"(?P<span>(?:a|an|some|something|anything|more|better|bigger|smaller|lighter|longer|faster|another|"
          r"extra|way|help|to|get|keep|stay|stop|carry|protect|find|make|take|have|charge|work|track|replace|"
          r"upgrade|organi[sz]e|store|clean|cook|sleep|avoid|go|see|hear|run|fit|print|share|listen)\b)",
          "wish", "tail", 0.85, True),
    _need(r"\b(?:I|we)(?:'m|'re|\s+am|\s+are)\s+(?:currently\s+|also\s+|just\s+)?(?:looking|searching|hunting|shopping)"
          r"\s+(?:around\s+)?for\s+(?P<span>\S)", "wish", "tail", 0.85, True),
    _need(r"\b(?:I|we)\s+could\s+(?:really\s+)?(?:use|do\s+with)\s+(?P<span>\S)", "wish", "tail", 0.85, True),
    _need(r"\b(?:I'm|I\s+am|we're|we\s+are)\s+hoping\s+(?:to|for)\s+(?P<span>\S)", "wish", "tail", 0.8, True),
    # "I'll need spare ink", "I want one that charges faster", "I want it louder", "I want the best ...": any object
    # but the item in focus itself ("I want it", "I just want the laptop"), see WANT_STOP.
    _need(r"\b(?:I|we)(?:'ll|\s+will|'d|\s+would|'m\s+going\s+to|\s+am\s+going\s+to|'re\s+going\s+to)?\s+"
          r"(?:really\s+|also\s+|still\s+|definitely\s+|probably\s+|just\s+|only\s+)?(?:need|want)\s+(?P<span>\S)",
          "wish", "tail", 0.8, True, WANT_STOP),
    # Asking the shop for a product: "do you have a case that fits this phone?", "is there something with better
    # lumbar support?", "which lens should I get?". A question and a need at once.
    _need(r"\b(?:do|does)\s+(?:you|the\s+(?:store|shop))\s+(?:guys\s+)?(?:have|sell|carry|stock|offer|make)\s+"
          r"(?P<span>(?:a|an|any|some|something|anything|one|ones)\b|[a-z]+s\s+(?:for|that|which|to)\b)", "ask", "tail", 0.8, True,
          ASK_STOP),
    _need(r"\b(?:is|are)\s+there\s+(?P<span>(?:a|an|any|some|something|anything|one)\b)", "ask", "tail", 0.75, True,
          ASK_STOP),
    _need(r"(?:\bhave\s+you\s+got|\byou\s+got|^\s*got)\s+(?P<span>(?:a|an|any|some|something|anything)\b)|"
          r"^\s*(?P<span2>(?:anything|something)\s+(?:for|to|that)\b)", "ask", "tail", 0.75, True, ASK_STOP),
    _need(r"\b(?P<span>(?:what|which)\s+(?:\w+\s+){0,3}?(?:should|would|could|do|can)\s+(?:I|we|you)\s+(?:get|buy|use|choose|"
          r"pick|recommend|suggest|need|add)\b)", "ask", "tail", 0.8, True, ASK_STOP),
    _need(r"\b(?:(?:can|could)\s+you\s+(?:recommend|suggest)|any\s+(?:recommendations|suggestions|tips)\s+for)\s+"
          r"(?P<span>\S)", "ask", "tail", 0.8, True, ASK_STOP),
    # Plain future use: "I'll also shoot birds far away", "I'll mostly use it for video calls".
    _need(r"\b(?:I|we)(?:'ll|\s+will)\s+(?:also|mostly|mainly|often|regularly|frequently|sometimes|usually|be\s+using\s+it|"
          r"use\s+it)\s+(?P<span>\S)", "plan", "tail", 0.75),
    # Someone else's wish or plan: "my girlfriend wants to come camping too", "the kids are getting their own laptops".
    _need(r"\b(?:my|our|the)\s+(?:\w+\s+)?(?:girlfriend|boyfriend|wife|husband|partner|kids?|sons?|daughters?|children|"
          r"family|friends?|mum|mom|dad|father|mother|parents|colleagues?|boss|team|sister|brother|roommates?|flatmates?|"
          r"guests?|staff)\s+(?:also\s+|now\s+|really\s+|will\s+|(?:is|are|'s|'re)\s+)?(?:wants?|needs?|would\s+like|"
          r"joining|coming|moving\s+in|starting|getting\s+(?:their|his|her)\s+own)\b", "growth", "clause", 0.8),
    # Growth in numbers: "we'll be ten by summer", "that'll be about nine devices", "grows by 300 GB a year".
    _need(r"\b(?:we'll|we\s+will|there'll|there\s+will|that'll|that\s+will|it'll)\s+be\s+(?:about\s+|around\s+|nearly\s+|"
          r"almost\s+|over\s+|more\s+than\s+|at\s+least\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
          r"twelve|fifteen|twenty|thirty|forty|fifty|a\s+dozen)\b", "growth", "clause", 0.75),
    _need(r"\b(?:grows?|growing|grew|doubles?|doubling)\s+(?:by|every|each)\b", "growth", "clause", 0.75),
    # --- wishes, other languages ---------------------------------------------------------------------
    _need(r"\bojal[aá]\s+(?:que\s+)?(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"\b(?:me\s+gustar[ií]a|nos\s+gustar[ií]a|quisiera|quiero|queremos|necesito|necesitamos|busco|buscamos|"
          r"estoy\s+buscando|(?:vamos|voy)\s+a\s+(?!pensar|comprar|pagar|llevar|quedar)|planeamos|pensamos)\s+(?:que\s+|poder\s+|tener\s+)?(?P<span>\S)",
          "wish", "tail", 0.85, True),
    _need(r"\bser[ií]a\s+(?:genial|estupendo|ideal|bueno|fant[aá]stico|perfecto)\s+(?:que|si|poder)\s+(?P<span>\S)",
          "wish", "tail", 0.9, True),
    _need(r"\bsi\s+tan\s+solo\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"\bich\s+w[üu]nschte(?:\s+mir)?,?\s+(?:dass\s+|ich\s+k[öo]nnte\s+)?(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"\bich\s+(?:h[äa]tte|w[üu]rde)\s+gerne?\s+(?P<span>\S)", "wish", "tail", 0.85, True),
    _need(r"\bes\s+w[äa]re\s+(?:so\s+)?(?:toll|sch[öo]n|super|gut|praktisch|ideal|klasse|prima|genial),?\s+(?:wenn|dass)\s+"
          r"(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"\b(?:ich\s+(?:brauche|suche|will|m[öo]chte|plane)|wir\s+(?:brauchen|suchen|wollen|m[öo]chten|planen))\s+"
          r"(?P<span>\S)", "wish", "tail", 0.8, True),
    _need(r"\bwenn\s+(?:doch\s+)?nur\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"\b(?:j'aimerais|je\s+voudrais|je\s+souhaite(?:rais)?|je\s+veux)\s+(?:bien\s+)?(?:que\s+|qu'|pouvoir\s+)?(?P<span>\S)",
          "wish", "tail", 0.85, True),
    _need(r"\bce\s+serait\s+(?:vraiment\s+)?(?:g[ée]nial|bien|super|top|id[ée]al|pratique|parfait|chouette)\s+"
          r"(?:si\s+|de\s+|d'|que\s+|qu')(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"\bsi\s+seulement\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"\b(?:(?:j'ai|on\s+a|nous\s+avons)\s+besoin\s+(?:de\s+|d')|je\s+cherche\s+|nous\s+cherchons\s+|"
          r"(?:nous\s+(?:voulons|allons|pr[ée]voyons|comptons|aimerions)|on\s+(?:veut|aimerait|compte|va)|"
          r"je\s+(?:compte|pr[ée]vois|vais)|nous\s+partons|on\s+part|je\s+pars)\s+(?!r[ée]fl[ée]chir|acheter|prendre|payer|commander)"
          r"(?:bientôt\s+)?)(?P<span>\S)", "wish", "tail", 0.85, True),
    _need(r"(?<!\w)(?:хотелось\s+бы|хочется|я\s+бы\s+хотел[аи]?|хочу|хотим|мне\s+нужн[оаы]|мне\s+нужен|нам\s+нужн\w+|я\s+ищу|ищу|"
          r"планиру\w+|собира\w+с[ья])"
          r"(?!\w),?\s*(?:чтобы\s+|что\s+бы\s+)?(?P<span>\S)", "wish", "tail", 0.85, True),
    _need(r"(?<!\w)было\s+бы\s+(?:здорово|отлично|хорошо|классно|удобно|неплохо|круто|идеально),?\s+(?:если\s+бы|если|чтобы)\s+"
          r"(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"(?<!\w)если\s+бы\s+только\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    _need(r"(?<!\w)(?:ước\s+gì|ước\s+chi|giá\s+mà|giá\s+như|(?:tôi|mình|em|chúng\s+tôi|bọn\s+mình)\s+(?:ước|muốn|cần|đang\s+tìm|định|sắp|dự\s+định))(?!\w)\s*"
          r"(?:là\s+)?(?P<span>\S)", "wish", "tail", 0.85, True),
    _need(r"(?<!\w)(?:sẽ|thì)\s+(?:rất\s+)?(?:tốt|tuyệt|hay)\s+(?:quá\s+)?nếu\s+(?P<span>\S)", "wish", "tail", 0.9, True),
    # --- plans ---------------------------------------------------------------------------------------
    _need(rf"\b{_SUBJ}\s+(?:(?:planning|hoping|about|getting\s+ready|preparing|thinking\s+about|thinking\s+of)\s+(?:to\s+)?|"
          r"going\s+to\s+)(?P<span>\S)", "plan", "tail", 0.8),
    _need(r"\b(?:I|we)\s+(?:plan|intend|hope|want|'d\s+like|would\s+like|need)\s+to\s+(?P<span>\S)", "plan", "tail", 0.8),
    _need(r"\b(?:next|then|soon)\b,?\s+(?:I|we)\s+(?:want|plan|hope|'d\s+like|would\s+like)\s+to\s+(?P<span>\S)",
          "plan", "tail", 0.8),
    _need(r"(?:^|\b(?:I'm|I\s+am|we're|we\s+are|we'll\s+be|I'll\s+be)\s+)(?P<span>going\s+\w+ing\b)", "plan", "tail", 0.8),
    _need(rf"\b{_SUBJ}\s+(?P<span>(?:starting|moving|travell?ing|taking\s+up|getting\s+into|launching|opening|"
          r"renovating|remodell?ing|training\s+for|heading|flying|hosting|throwing|setting\s+up|building|"
          r"redoing|backpacking|camping|hiking|running\s+a|doing\s+a|working\s+from|switching\s+to)\b)", "plan", "tail", 0.8),
    _need(r"\b(?P<span>planning\s+(?:a|an|our|my|the)\s+\w+)", "plan", "tail", 0.8),
    # --- growth --------------------------------------------------------------------------------------
    _need(rf"\b(?:{_SUBJ}|(?:the\s+)?(?:company|team|office|they)(?:'s|\s+is|\s+are|'re|\s+will\s+be))\s+"
          r"(?P<span>(?:adding|hiring|onboarding|bringing\s+on|taking\s+on)\b)",
          "growth", "tail", 0.85),
    _need(r"\b(?:team|company|family|office|staff|household|business|headcount|startup|group|class)\s+"
          r"(?:is|'s|keeps|will\s+be|has\s+been)\s+(?:growing|expanding|getting\s+bigger|doubling)", "growth", "clause", 0.85),
    _need(r"\bhiring\s+(?:\w+\s+)?(?:more|new|people|staff|engineers|developers|employees)\b", "growth", "clause", 0.85),
    _need(r"\bnew\s+(?:hires|employees|starters|team\s+members|colleagues|staff)\b", "growth", "clause", 0.8),
    _need(r"\b(?:baby|twins|a\s+baby)\s+on\s+the\s+way\b|\bexpecting\s+(?:a\s+baby|twins)\b", "growth", "clause", 0.85),
    # --- pain points (span: the whole clause) --------------------------------------------------------
    _need(r"\bkeeps?\s+(?!(?:looking|browsing|shopping|thinking|going|it|them|that|this|in\s+mind|asking|"
          r"suggesting|offering|recommending|pushing|telling)\b)\w+ing\b", "pain", "clause", 0.8),
    _need(r"\b(?:is|are|'s|'re|gets?|getting)\s+always\s+\w+|\balways\s+(?:full|empty|dead|dying|running\s+out|late|"
          r"cold|hot|tangled|broken|breaking|overheating|lagging|slow|crashing|losing|dropping|cluttered|messy|sore|"
          r"low|out\s+of|overflowing|jammed|stuck|freezing|wet|dirty|falling|forgetting|misplacing|searching)\b",
          "pain", "clause", 0.8),
    _need(r"\b(?:way\s+|far\s+|much\s+|a\s+bit\s+|a\s+little\s+|just\s+)?too\s+(?:small|big|large|heavy|loud|noisy|slow|hot|"
          r"cold|short|dim|bright|bulky|tight|loose|weak|thin|thick|fragile|old|little|few|cramped|narrow|dark|quiet|"
          r"flimsy|warm|uncomfortable|hard|stiff|slippery|blurry|laggy|long|low|soft|clunky|outdated|tiny|cluttered)\b",
          "pain", "clause", 0.8),
    _need(r"\b(?:dies|died|dying|dead|drains?|draining|flat)\s+(?:by|before|at|around|after|in|within|quickly|fast|"
          r"so\s+fast|mid|halfway|every|all\s+the\s+time|too\s+quickly|too\s+fast|constantly)\b", "pain", "clause", 0.85),
    _need(r"\b(?:runs?|running|ran)\s+out\b|\brunning\s+low\b", "pain", "clause", 0.8),
    _need(r"\b(?:fills?|filling|filled)\s+(?:up|right\s+up)\b|\b(?:always|constantly|completely|totally)\s+(?:full|packed|maxed\s+out)\b",
          "pain", "clause", 0.8),
    _need(r"\b(?:hurts?|aches?|aching|sore|painful|strain(?:ed|s)?|stiff|numb|blisters?|cramps?|"
          r"headaches?|back\s+pain|neck\s+pain)\b", "pain", "clause", 0.85),
    _need(r"\bfog(?:s|ged|ging)?\s+up\b|\bpinch(?:es|ing)?\b|\b(?:is|are|'s|gets?)\s+(?:so\s+|really\s+)?freezing\b|"
          r"\bkilling\s+me\b|\b(?:barely|hardly|never)\s+(?:lasts?|fits?|holds?|works?|reaches?|keeps?)\b|"
          r"\b(?:is|are|'s|so|really|painfully|super|very|too)\s+slow\b", "pain", "clause", 0.8),
    _need(r"\b(?:just\s+)?(?:adopted|got|getting|bringing\s+home)\s+a\s+(?:new\s+|second\s+|third\s+)?(?:puppy|dog|kitten|"
          r"cat|pet|rabbit|baby)\b", "growth", "clause", 0.8),
    _need(r"\btakes?\s+(?:forever|ages|too\s+long|hours|so\s+long|way\s+too\s+long)\b", "pain", "clause", 0.8),
    _need(r"\b(?:can't|cannot|can\s+not|unable\s+to|struggl\w+\s+to)\s+(?:ever\s+)?(?:keep\s+up|fit|find|hear|see|sleep|"
          r"reach|carry|hold|focus|stay|read|store|charge|concentrate|get\s+comfortable|work\s+long|type|breathe|"
          r"keep\s+track|remember|organi[sz]e)\b", "pain", "clause", 0.8),
    _need(r"\bnot\s+enough\s+(?:space|storage|room|battery|power|light|memory|ports?|outlets?|seats?|chairs?|desks?|"
          r"time|pockets?|cups?|plates?|chargers?)\b|\brunning\s+out\s+of\b|\bno\s+(?:room|space|storage)\s+(?:left|for)\b",
          "pain", "clause", 0.85),
    _need(r"\b(?:doesn't|does\s+not|don't|won't|never)\s+(?:last|fit|hold|stay|keep|reach)\b", "pain", "clause", 0.75),
    _need(r"\b(?:struggl\w+\s+with|tired\s+of|sick\s+of|fed\s+up|annoy\w*|frustrat\w*|hate\s+(?:it\s+)?(?:when|how)|"
          r"(?:a\s+)?pain\s+to|nightmare|hard\s+to|difficult\s+to|impossible\s+to)\b", "pain", "clause", 0.75),
    _need(r"\b(?:gets?|getting|got)\s+(?:so\s+|really\s+)?(?:tangled|cold|hot|wet|lost|dirty|scratched|crushed|soggy|"
          r"stolen|damaged|sweaty|lukewarm|stuck|full|dark)\b", "pain", "clause", 0.8),
    _need(r"\b(?:laggy|lags|freezes|overheats|overheating|blurry|grainy|crashes|crashing|stutters|buffering)\b",
          "pain", "clause", 0.75),
    _need(r"\b(?:my|our)\s+(?:old\s+)?\w+(?:\s+\w+)?\s+(?:is|are)\s+(?:\w+\s+)?(?:broken|cracked|dying|dead|falling\s+apart|"
          r"worn\s+out|ancient|shot|on\s+its\s+last\s+legs|useless|unreliable)\b", "pain", "clause", 0.8),
    _need(r"\b(?:I|we)\s+(?:always|keep|constantly)\s+(?:lose|losing|forget|forgetting|drop|dropping|spill|spilling|"
          r"misplace|misplacing)\b", "pain", "clause", 0.8),
    # Not enough / feels tight: "128 GB won't be enough", "64 GB is not enough", "8 GB feels tight".
    _need(r"\b(?:won't|will\s+not|wouldn't|isn't|aren't|is\s+not|are\s+not|not|never|barely|hardly)\s+(?:be\s+|seem\s+|feel\s+|"
          r"nearly\s+|quite\s+|really\s+|going\s+to\s+be\s+)?(?:\w+\s+)?enough\b", "pain", "clause", 0.8),
    _need(r"\b(?:feels?|feeling|felt|seems?|getting|is\s+getting|looks?)\s+(?:a\s+bit\s+|a\s+little\s+|really\s+|so\s+|"
          r"quite\s+|pretty\s+|kind\s+of\s+|kinda\s+|way\s+too\s+|too\s+)?(?:tight|cramped|limiting|limited|slow|sluggish|small|"
          r"heavy|short|weak|flimsy|dated|outdated|crowded|cluttered|dull|worn|old)\b", "pain", "clause", 0.75),
    _need(r"\b(?:gets?|getting|got|go|goes|went|turns?|turned)\s+(?:so\s+|really\s+|very\s+)?(?:dull|blunt|rusty|stale|"
          r"mouldy|moldy|sticky|warm|dry|loose|faded|stained|soaked|cracked|scratched|bent|wobbly)\b", "pain", "clause", 0.8),
    _need(r"\b(?:never|don't|do\s+not|barely|hardly)\s+have\s+(?:the\s+|enough\s+)?(?:time|room|space)\b", "pain", "clause", 0.8),
    _need(r"\b(?:I|we)\s+(?:often\s+|always\s+|constantly\s+|keep\s+)?(?:drop|lose|break|crack|spill|scratch|forget|misplace|"
          r"smash)(?:s|ping|ing)?\s+(?:my|our|it|them|things|stuff|the)\b(?:\s+\w+)?\s+(?:a\s+lot|all\s+the\s+time|constantly|"
          r"often|every\s+\w+|regularly|so\s+often)\b", "pain", "clause", 0.8),
    _need(r"\b(?:water|tap\s+water)\s+(?:here\s+|in\s+\w+(?:\s+\w+)?\s+)?(?:is|'s)\s+(?:really\s+|very\s+|so\s+|quite\s+)?hard\b|"
          r"\bhard\s+water\b|\blimescale\b", "pain", "clause", 0.8),
    # es
    _need(r"\bse\s+(?:me|nos|le|te)\s+(?:rompe|rompen|cae|caen|acaba|acaban|agota|agotan|olvida|olvidan|pierde|pierden|"
          r"descarga|descargan|estropea|estropean|raya|rayan|enreda|enredan|moja|mojan|enfr[ií]a|enfr[ií]an|cuelga|llena)\b|"
          r"\bno\s+(?:me\s+|nos\s+)?(?:dura|duran|alcanza|cabe|caben|aguanta|llega|carga)\b|"
          r"\b(?:demasiado|muy|tan)\s+(?:pesad|lent|pequeñ|ruidos|incómod|cort|débil|calient|fr[ií])\w*|"
          r"\bme\s+duele[n]?\b|\bdolor\s+de\b|\bno\s+puedo\s+(?:concentrarme|dormir|trabajar|ver|o[ií]r|escuchar|cargar)\b|"
          r"\bme\s+quedo\s+sin\b|\bsiempre\s+(?:est[aá]|se\s+queda)\s+(?:lleno|llena|vac[ií]o|vac[ií]a|sin)\b",
          "pain", "clause", 0.8),
    # de
    _need(r"\b(?:zu|so|sehr|total|extrem|viel\s+zu)\s+(?:laut|langsam|schwer|klein|eng|hei[ßs]|kalt|dunkel|kurz|unbequem|"
          r"schwach|voll)\b|\bich\s+kann\s+(?:mich\s+)?nicht\s+(?:\w+\s+)?(?:konzentrieren|schlafen|arbeiten|h[öo]ren|sehen|"
          r"laden|lesen)\b|\b(?:tut|tun)\b(?:\s+\w+){0,6}?\s+weh\b|\w*schmerzen\b|\b(?:immer|st[äa]ndig|dauernd)\s+(?:leer|voll|"
          r"kaputt|kalt|\w+t)\b|\bh[äa]lt\s+(?:nicht|keinen)\b|\breicht\s+nicht\b|\bnicht\s+genug\b", "pain", "clause", 0.8),
    # fr
    _need(r"\bje\s+(?:\w+\s+)?(?:casse|perds|fais\s+tomber|oublie|renverse|raye)\b|\b(?:trop|tellement)\s+(?:lourd|lent|petit|"
          r"bruyant|chaud|froid|court|faible|serr[ée]|encombrant)\w*|\b(?:j'ai|on\s+a)\s+mal\b|\bmal\s+(?:au|aux|à\s+la)\b|"
          r"\bne\s+(?:tient|dure|marche|rentre|suffit)\s+pas\b|\bpas\s+assez\s+de\b|\btombe(?:nt)?\s+(?:en\s+panne|tout\s+le\s+temps)\b|"
          r"\bse\s+d[ée]charge\b|\bje\s+n'arrive\s+pas\s+[àa]\b", "pain", "clause", 0.8),
    # ru
    _need(r"(?<!\w)(?:садится|садятся|разряжается|не\s+хватает|не\s+держит|не\s+влезает|не\s+помещается|ломается|ломаю|роняю|"
          r"теряю|разбиваю|болит|болят|устают|мёрзну|мерзну|не\s+могу\s+\w+|слишком\s+\w+|постоянно\s+\w+|всегда\s+\w+)(?!\w)",
          "pain", "clause", 0.8),
    # vi
    _need(r"(?<!\w)(?:bị\s+(?:đau|hỏng|vỡ|rơi|nứt|mất|lag|chậm|nóng)|đau\s+(?:lưng|cổ|vai|mắt|đầu|chân|tay)|nhức\s+\w+|"
          r"không\s+(?:dùng|đủ|trụ|giữ|chạy|sạc)(?:\s+(?:được|nổi))?|nhanh\s+hết|hết\s+pin|hay\s+bị|lúc\s+nào\s+cũng|luôn\s+bị|"
          r"quá\s+(?:nặng|chậm|nhỏ|ồn|nóng|lạnh|tối|chật|yếu))(?!\w)", "pain", "clause", 0.8),
]

# A need trigger followed by these is shopping or service talk, not a need: "I'd like to check out".
NEED_STOP_START = re.compile(
    r"(?:to\s+)?(?:buy|order|purchase|check\s*out|pay|return|cancel|refund|a\s+refund|my\s+money|exchange|know|ask|"
    r"see\s+(?:it|this|that|the|more|other)|think|wait|pass|look\s+(?:at|around)|leave|stick|keep\s+(?:it|this|looking)|"
    r"go\s+with|take\s+(?:it|this|that|one|both)|get\s+(?:it|this|that|one|both)|add|speak|talk|talk|compare|"
    r"try\s+(?:it|this|that)\s+on|be\s+(?:sure|clear)|the\s+(?:blue|black|white|red|green|grey|gray|silver|gold|pink)|"
    r"(?:it|this|that|one|those|these|them)\s*(?:[,.!?]|$|please|too|now|thanks|for\s+now)|comprar|pedir|kaufen|bestellen|acheter|commander|купить|заказать|mua|đặt)\b",
    _I,
)
# Negation just before a trigger or pain phrase ("I don't need", "it never runs out", "not too heavy").
NEGATORS = frozenset(
    "not no never don't doesn't didn't isn't aren't wasn't won't wouldn't dont doesnt hardly barely without "
    "nicht kein keine keinen nie ne pas jamais не нет никогда không chẳng chả".split()
)
# German/French/Russian/Vietnamese negation that follows the verb: "ich brauche keinen …", "je ne veux pas".
NEG_AFTER = re.compile(r"^(?:kein\w*|nicht|pas|plus|rien|không|chẳng)\b", _I)

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
         r"\bnot\s+(?:right\s+)?now,?\s+thanks\b|\bleave\s+it\b|\bI'm\s+not\s+buying\s+(?:that|it|this|anything)\b", 0.85),
        # Refusing on price or because they own one already.
        (r"^\s*(?:nah|nope|no)\b,?\s+(?:thanks,?\s+)?(?:I\s+(?:already\s+)?(?:have|own|got)|I've\s+(?:already\s+)?got|"
         r"already|(?:it's\s+|that's\s+|way\s+)?too\s+(?:expensive|pricey|much)|I\s+(?:can't|cannot)\s+afford|I\s+don't|"
         r"don't|I'm\s+not)\b|^\s*(?:it's|that's)\s+(?:way\s+|a\s+bit\s+|just\s+)?too\s+(?:expensive|pricey|much)"
         r"(?:\s+for\s+me)?\s*[.!]*$|\bI\s+(?:already\s+have|have\s+(?:one|that|it|those)\s+already)\b|"
         r"\b(?:no|without)\s+(?:extras|add-?ons|accessories|upsells?)\b", 0.85),
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
         r"send\s+(?:it|this|that)\s+back|exchange\s+(?:it|this|that|the|my)\b|warranty\s+claim|claim\s+(?:on|under)\s+"
         r"(?:the\s+)?warranty|under\s+warranty|log\s*in|sign\s*in|reset\s+(?:my\s+)?password|customer\s+service|"
         r"(?:speak|talk)\s+to\s+(?:a|an|someone|somebody)\s*(?:human|agent|person|real)?|"
         r"(?:arrived|came|was\s+delivered|showed\s+up)\s+(?:broken|damaged|cracked|late|open|wet|dented|scratched|"
         r"missing|empty)|lost\s+in\s+(?:the\s+)?(?:mail|post|transit)|delivery\s+(?:is|was)\s+late)\b", 0.9),
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
    r"\bstopped\s+(?:working|printing|charging|connecting|pairing|turning\s+on)\b|\bnot\s+(?:connecting|pairing|"
    r"printing|turning\s+on|syncing|recogni[sz]ed|detected)\b|\bkeeps?\s+(?:saying|showing|displaying|disconnecting|"
    r"restarting|rebooting|beeping|flashing)\b",
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
OWN_OLD = re.compile(r"\b(?:my|our)\s+(?:old|previous|current|ancient|last)\b", _I)
# A defect on something bought from the store is support: "the case I bought cracked".
BOUGHT = re.compile(
    r"\b(?:I|we)\s+(?:just\s+|recently\s+)?(?:bought|ordered|purchased|received|got)\b(?!\s+(?:a\s+)?new\b)|"
    r"\b(?:you|you\s+guys)\s+(?:sent|shipped|sold)\b|\bfrom\s+(?:you|your\s+(?:store|shop|site))\b|"
    r"\b(?:arrived|delivered|came)\b|"
    # es / de / fr / ru / vi: bought here, received
    r"\b(?:compr[eé]|me\s+lleg[oó]|recib[ií]|gekauft|bekommen|erhalten|geliefert|achet[ée]e?s?|re[çc]ue?s?)\b|"
    r"(?<!\w)(?:купил\w*|получил\w*|пришл\w+|(?:tôi|mình|em)\s+(?:vừa\s+)?(?:mua|nhận))(?!\w)",
    _I,
)
DEFECT = re.compile(
    r"\b(?:broken|broke|cracked|damaged|defective|faulty|doesn't\s+work|does\s+not\s+work|stopped\s+working|"
    r"not\s+working|dead\s+on\s+arrival|DOA|scratched|dented|leaking|leaks|won't\s+(?:turn\s+on|charge|work|connect|pair|hold\s+(?:a\s+)?charge)|"
    r"missing|torn|ripped|flicker\w*|glitch\w*|peeling|fell\s+apart|falling\s+apart|snapped|shattered|malfunction\w*|wrong)\b|"
    # es / de / fr / ru / vi: broken, leaking, won't start
    r"\b(?:rot[oa]s?|se\s+rompi[oó]|no\s+(?:enciende|arranca)|gotea|kaputt|defekt|undicht|gerissen|springt\s+nicht\s+an|"
    r"cass[ée]e?s?|fuit|ne\s+(?:s'allume|d[ée]marre)\s+(?:pas|plus))\b|"
    r"(?<!\w)(?:сломал\w*|слома\w+|теч[её]т|порвал\w*|треснул\w*|перестал\w*|(?:bị\s+)?(?:hỏng|vỡ|rò\s+rỉ|đứt|nứt))(?!\w)",
    _I,
)

PURCHASE_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    (re.compile(p, _I), c)
    for p, c in [
        (r"\bI(?:'ll|\s+will)\s+(?:take|buy|get|order|have)\s+(?:it|this|that|one|both|them|these|those|the\s+\w+)\b|"
         r"\bI'm\s+(?:taking|buying|getting)\s+(?:it|this|that|one|both)\b|\bI'll\s+go\s+with\s+(?:it|this|that|the)\b", 0.9),
        (r"\b(?:add|put)\s+(?:it|this|that|them|both|one|the\s+[\w\s-]{1,30}?)?\s*(?:to|into|in)\s+(?:my\s+|the\s+)?"
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
        # es / de / fr / ru / vi
        (r"\b(?:lo|la|los|las)\s+compro\b|\bme\s+(?:lo|la|los|las)\s+llevo\b|\bvamos\s+a\s+pagar\b|\bquiero\s+pagar\b|\ba[ñn][aá]d(?:elo|ela|ir)\s+al\s+carrito\b|"
         r"\bich\s+nehme\s+(?:es|ihn|sie|das|den|die)\b|\bin\s+den\s+warenkorb\b|\bich\s+kaufe\s+(?:es|ihn|sie|das)\b|"
         r"\bje\s+(?:le|la|les)\s+prends\b|\bje\s+l'ach[eè]te\b|\bau\s+panier\b|"
         r"(?<!\w)(?:беру|куплю|добавьте\s+в\s+корзину|оформить\s+заказ|tôi\s+mua|mình\s+mua|thêm\s+vào\s+giỏ|"
         r"lấy\s+cái\s+này|chốt\s+đơn)(?!\w)", 0.9),
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
# Bare "ok"/"fine" carries too little: it is a yes only with an explicit "add it"/"I'll take".
WEAK_AFFIRMATIVE = re.compile(r"^\s*(?:ok(?:ay)?|alright|fine|great|perfect)\b", _I)
ACCEPT_ACTION = re.compile(r"\b(?:add|take|have|get|include|throw|want|like|do\s+it|do\s+that|go\s+ahead)\b", _I)

QUESTION_START = re.compile(
    r"^\s*(?:what|what's|whats|how|how's|which|where|when|who|why|does|do|is|are|can|could|will|would|should|has|"
    r"have|did|was|were|any|got|tell\s+me\s+(?:about|if|whether|more)|I\s+wonder(?:ed)?\s+(?:if|whether)|"
    r"I'd\s+like\s+to\s+know|do\s+you\s+know|qué|cómo|cuál|dónde|cuánto|wie|welche[rs]?|wo|hat|ist|gibt\s+es|"
    r"quel(?:le)?s?|comment|est-ce|combien|что|как|какой|сколько|есть\s+ли|có\s+.*\s+không|bao\s+nhiêu|"
    r"giá\s+bao\s+nhiêu)\b(?!')",
    _I,
)
AUX_WITHOUT_SUBJECT = re.compile(
    r"^\s*(?:does|do|is|are|can|could|will|would|should|has|have|did|was|were)\s+"
    r"(?!(?:you|it|this|that|they|the|a|an|there|I|we|he|she|these|those|my|your|any|its|our|their|one|both|all)\b)",
    _I,
)
# Asked of a person, not about a product: small talk.
SMALL_TALK = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|yo|good\s+(?:morning|afternoon|evening)|thanks?|thank\s+you|thx|ty|cheers|cool|nice|"
    r"great|awesome|ok(?:ay)?|k|lol|haha|bye|goodbye|see\s+you|how\s+are\s+you(?:\s+doing)?|how's\s+it\s+going|"
    r"what's\s+up|are\s+you\s+(?:a\s+)?(?:bot|robot|human|real)|who\s+are\s+you|hola|gracias|hallo|danke|bonjour|"
    r"salut|merci|привет|спасибо|xin\s+chào|chào|cảm\s+ơn)(?:\s+(?:there|so\s+much|a\s+lot|very\s+much|again|"
    r"you|all|bạn|shop))*\s*[.!?]*$",
    _I,
)
# A message that says a need is already covered: the semantic path must not call it a need.
SATISFIED = re.compile(
    r"\b(?:is|are|works?|'s)\s+(?:totally\s+|just\s+|perfectly\s+)?(?:fine|great|enough|plenty|ok(?:ay)?)\b|"
    r"\b(?:don't|do\s+not|never)\s+(?:really\s+)?(?:need|want|mind|care)\b|\bno\s+(?:problem|issue)s?\s+with\b",
    _I,
)
# Which way an ask for "another version" points. Embeddings hear that a message asks for a different version
# but not which way (cheaper and better sit close together), so a short list of price-down words per language
# settles the direction of a semantically heard ask; anything else reads as better.
CHEAPER_CUE = re.compile(
    r"\b(?:cheap\w*|less\s+expensive|(?:more\s+)?affordable|budget\s+(?:option|version|one)|lower[-\s]priced|"
    r"barat\w*|econ[oó]mic\w*|g[üu]nstig\w*|billig\w*|preiswert\w*|moins\s+cher|abordable|bon\s+march[ée])\b|"
    r"(?<!\w)(?:дешевл\w*|дешёв\w*|подешевле|бюджетн\w*|rẻ\s+hơn|giá\s+rẻ)(?!\w)",
    _I,
)
