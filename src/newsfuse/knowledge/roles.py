"""Titles and roles written before a person's name ("Coalition spokesman Sean Ryan").

The name is the entity; the words before it that say what the person is are kept apart as the
mention's ``role``. A role is a run of tokens ending right before the name that holds at least one
role or title word ("spokesman", "chief", "Colonel"), possibly with modifiers ("deputy", "military")
and capitalised words naming whom the person works for ("Coalition", "Observatory", "US").

>>> split_leading_title(["Colonel", "Pat", "Ryder"])
1
"""

from __future__ import annotations

ROLE_WORDS = frozenset(
    """spokesman spokeswoman spokesperson spokespeople chief head leader commander minister president
    premier chancellor ambassador envoy secretary secretary-general official officer director coordinator
    representative chairman chairwoman chair governor mayor founder analyst researcher correspondent
    reporter editor adviser advisor lawyer judge prosecutor activist monitor witness resident doctor
    surgeon nurse medic emir commissioner administrator manager negotiator mediator diplomat lawmaker
    senator congressman congresswoman legislator MP deputy-head rapporteur investigator expert
    superintendent sheriff inspector captain figure""".split()
)
TITLE_WORDS = frozenset(
    """mr mrs ms miss dr prof professor sir lord lady dame sheikh sheik imam king queen prince princess
    emir sultan pope cardinal archbishop bishop rev reverend father sister brother president vice-president
    prime minister general gen lieutenant lt lt-gen maj-gen brig-gen colonel col lt-col major maj captain
    capt sergeant sgt corporal cpl private pte admiral adm rear vice commander cmdr marshal brigadier brig
    senator sen rep representative governor gov mayor judge justice ambassador chancellor secretary chief
    staff""".split()
)
ROLE_MODIFIERS = frozenset(
    """deputy vice assistant acting former ex senior junior top chief military foreign interior defence
    defense health press media regional local provincial national international general special
    political civil humanitarian security intelligence army police government state federal
    opposition rebel militia group coalition official main lead executive founding interim caretaker
    field battalion brigade division human rights""".split()
)
# Words that stop a role: determiners and common verbs/particles that precede names.
STOP_WORDS = frozenset(
    """a an the said says told and or but as by with from to in on at after before when while that which
    who whom whose according than also has have had was were is are be been being will would could
    should may might""".split()
)


def _norm(token: str) -> str:
    return token.lower().rstrip(".").replace("’", "'")


def is_role_word(token: str) -> bool:
    t = _norm(token)
    return t in ROLE_WORDS or t in TITLE_WORDS


def split_leading_title(tokens: list[str]) -> int:
    """How many leading tokens of a PERSON span are titles/roles (at least one name token is kept)."""
    cut = 0
    for i, tok in enumerate(tokens[:-1]):
        t = _norm(tok)
        if t in TITLE_WORDS or t in ROLE_WORDS:
            cut = i + 1
        elif t in ROLE_MODIFIERS or (tok[:1].isupper() and i + 1 < len(tokens) - 1 and is_role_word(tokens[i + 1])):
            continue
        else:
            break
    return cut


def role_start(tokens: list[tuple[str, bool]]) -> int | None:
    """Given the tokens before a name, nearest last (text, is_sentence_start), the index where the
    role begins, or None when the tokens right before the name are not a role.

    >>> toks = [("said", False), ("Coalition", False), ("spokesman", False)]
    >>> role_start(toks)
    1
    """
    start = None
    has_role = False
    i = len(tokens) - 1
    while i >= 0:
        text, sent_start = tokens[i]
        t = _norm(text)
        if t in STOP_WORDS:
            break
        if t in ROLE_WORDS or t in TITLE_WORDS:
            has_role = True
            start = i
        elif t in ROLE_MODIFIERS or text in ("-", "–", "'s", "’s"):
            if start is None:
                break  # a modifier must modify a role word already taken
            start = i
        elif text[:1].isupper() and text[:1].isalpha():
            if not has_role:
                break
            start = i  # whom the person works for ("Coalition", "US", "Observatory")
        else:
            break
        if sent_start:
            break
        i -= 1
    if not has_role or start is None:
        return None
    # Do not begin a role on a hyphen or a possessive.
    while start < len(tokens) and tokens[start][0] in ("-", "–", "'s", "’s"):
        start += 1
    return start if start < len(tokens) else None
