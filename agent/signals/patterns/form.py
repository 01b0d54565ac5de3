"""The form of a message: questions, small talk, a need already covered."""

from __future__ import annotations

import re

_I = re.IGNORECASE

QUESTION_START = re.compile(
    r"^\s*(?:what|what's|whats|how|how's|which|where|when|who|why|does|do|is|are|can|could|will|would|should|has|"
    r"have|did|was|were|any|got|tell\s+me\s+(?:about|if|whether|more)|I\s+wonder(?:ed)?\s+(?:if|whether)|"
    r"I'd\s+like\s+to\s+know|do\s+you\s+know|qué|cómo|cuál|dónde|cuánto|wie|welche[rs]?|wo|hat|ist|gibt\s+es|"
    r"quel(?:le)?s?|comment|est-ce|combien|что|как|какой|сколько|есть\s+ли|có\s+.*\s+không|bao\s+nhiêu|"
    r"giá\s+bao\s+nhiêu)\b(?!')",
    _I,
)
# "What I do want is…", "what actually keeps me awake is…": a statement that puts its point last, not a question.
CLEFT_STATEMENT = re.compile(
    r"^\s*what\s+(?:(?:I|we)(?:'m|'re|\s+am|\s+are)?|(?:really|actually|honestly)\s+\w+s)\s+"
    r"(?:\S+\s+){0,4}?(?:is|was)\s+\S",
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
    # "I don't want anything else" is content; "don't want to lose my progress" is a worry, a need.
    r"\b(?:don't|do\s+not|never)\s+(?:really\s+)?(?:need|want(?!\s+to\s+(?!(?:buy|spend|add|pay|order|purchase|get\s+(?:any|more|"
    r"anything))\b))|mind|care)\b|\bno\s+(?:problem|issue)s?\s+with\b",
    _I,
)
