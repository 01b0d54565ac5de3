"""Greetings, thanks, goodbyes and small talk, told apart in the six languages so each gets a reply in kind.

The signal detector already reads such messages as carrying nothing to sell on (its small-talk pattern returns no
signal); this module says which kind of nothing it is. The phrases are those shoppers type in en, es, de, fr, ru
and vi: a message made only of them (and fillers such as "there", "so much", "bạn") is small talk.
"""

from __future__ import annotations

import re
from typing import Literal

SocialKind = Literal["greeting", "thanks", "bye", "how", "who", "ack"]

_KINDS: list[tuple[SocialKind, str]] = [
    ("how", r"how\s+are\s+you(?:\s+doing)?|how's\s+it\s+going|what's\s+up|qué\s+tal|cómo\s+estás|cómo\s+está|"
            r"wie\s+geht'?s|wie\s+geht\s+es\s+(?:ihnen|dir)|comment\s+(?:ça\s+va|allez-vous|vas-tu)|ça\s+va|"
            r"как\s+(?:дела|ваши\s+дела|вы|ты)|bạn\s+(?:có\s+)?khỏe\s+không"),
    ("who", r"are\s+you\s+(?:a\s+)?(?:bot|robot|human|real|an?\s+ai)|who\s+are\s+you|"
            r"eres\s+(?:un\s+)?(?:bot|robot|humano)|"
            r"quién\s+eres|bist\s+du\s+ein\s+(?:bot|roboter|mensch)|sind\s+sie\s+ein\s+(?:bot|roboter|mensch)|"
            r"wer\s+bist\s+du|êtes-vous\s+un\s+(?:bot|robot|humain)|es-tu\s+un\s+(?:bot|robot)|qui\s+êtes-vous|"
            r"ты\s+(?:бот|робот|человек)|вы\s+(?:бот|робот|человек)|кто\s+ты|bạn\s+là\s+(?:ai|bot|người\s+thật)"),
    ("bye", r"bye|goodbye|bye-bye|see\s+you(?:\s+later|\s+soon)?|good\s+night|adiós|adios|"
            r"hasta\s+(?:luego|pronto|mañana)|"
            r"chao|tschüss|tschüs|auf\s+wiedersehen|bis\s+(?:bald|später|dann)|au\s+revoir|à\s+bientôt|à\s+plus|"
            r"bonne\s+(?:journée|soirée)|пока|до\s+свидания|до\s+встречи|всего\s+доброго|tạm\s+biệt|hẹn\s+gặp\s+lại"),
    ("thanks", r"thanks?|thank\s+you|thx|ty|cheers|much\s+appreciated|gracias|muchas\s+gracias|"
               r"danke(?:\s+schön|schön)?|"
               r"vielen\s+dank|merci(?:\s+beaucoup)?|спасибо|благодарю|cảm\s+ơn|cám\s+ơn"),
    ("greeting", r"hi|hello|hey|hiya|yo|good\s+(?:morning|afternoon|evening)|hola|buenas(?:\s+(?:tardes|noches))?|"
                 r"buenos\s+días|hallo|guten\s+(?:tag|morgen|abend)|servus|moin|bonjour|bonsoir|salut|coucou|"
                 r"привет|здравствуйте|добрый\s+(?:день|вечер)|доброе\s+утро|xin\s+chào|chào"),
    ("ack", r"ok(?:ay)?|k|cool|nice|great|awesome|perfect|got\s+it|vale|genial|perfecto|vale\s+gracias|gut|super|prima|"
            r"alles\s+klar|d'accord|parfait|ok\s+merci|хорошо|ладно|понятно|отлично|được|ổn|tuyệt"),
]
_FILLER = (r"there|so\s+much|a\s+lot|very\s+much|again|you|all|everyone|bạn|shop|nhé|ạ|nha|mucho|a\s+todos|"
           r"schön|sehr|à\s+vous|tout\s+le\s+monde|большое|огромное|friend|mate|folks|"
           r"for\s+(?:the|your|all\s+the)\s+help|"
           r"por\s+(?:la|tu|su)\s+ayuda|für\s+(?:die|ihre|deine)\s+hilfe|pour\s+(?:l'|votre\s+|ton\s+)aide|за\s+помощь")
_PIECES = {kind: re.compile(rf"(?:{body})(?:\s+(?:{_FILLER}))*", re.I) for kind, body in _KINDS}
_SEP = re.compile(r"[\s,.!?¡¿;:~)(-]+|[\U0001F300-\U0001FAFF\u2600-\u27BF]+")


def social_kind(message: str) -> SocialKind | None:
    """What kind of small talk ``message`` is, when it is nothing else; the first kind wins ("thanks, bye" -> bye)."""
    rest = _SEP.sub(" ", message).strip()
    if not rest:
        return None
    found: list[SocialKind] = []
    while rest:
        for kind, piece in _PIECES.items():
            m = piece.match(rest)
            if m and (m.end() == len(rest) or rest[m.end()] == " "):
                found.append(kind)
                rest = rest[m.end():].strip()
                break
        else:
            return None  # something else is said too: answer that instead
    order = [k for k, _ in _KINDS]
    return min(found, key=order.index)
