"""The word classes the figures stage reads around a count: function words, the words that stop a
clause or a predicate, heads that name nobody in particular, the words of earlier or more counts.

The lexicon of what is counted and what happened to it is data (``data/figure_lexicon.tsv``, read by
:mod:`.categories`); these closed classes of grammar words stay here, beside the rules that read them.
"""

from __future__ import annotations

import re

FUNCTION = frozenset(
    "the a an of in on at to from by with for and or but nor were was are is be been being have has had who "
    "that which whom whose as into onto near across after before during since including while than not no "
    "there their its his her they it he she we i you this these those them said say says saying told "
    "reported according per among between over under about around some many most mostly mainly all both "
    "each every such only also still now already just then when where why how if so do does did can could "
    "may might must shall should will would up down out off again further more less other others another "
    "own same very too s 's".split()
)
MORE = frozenset({"more", "other", "others", "additional", "further", "extra", "new", "plus"})
# "by" is missing on purpose: "murdered by four gunmen" counts the killers, not the dead.
LEFT_FILLERS = frozenset(
    "the a an another further additional other total of to at more than forced have has had been "
    "were was also reportedly now only just its their his her 's some estimated nearly an [".split()
) | {'"', "“"}  # 'killed "tens of people"': a quoted count
SUBORDINATORS = frozenset({"when", "after", "before", "because", "who", "which", "that", "where", "if",
                            "since", "whom", "whose", "until", "unless"})
ADVERBIAL = frozenset({"when", "after", "before", "because", "if", "until", "unless", "while"})
UNCOUNTED_SINGULAR = frozenset(
    "people police personnel staff crew dead wounded injured missing homeless children women men folk "
    "militia clergy youth elderly".split()
)
STATES = frozenset({"homeless", "dead", "injured", "wounded", "stranded", "trapped", "missing"})
NEEDS_AUX = frozenset({"shot", "seized", "held", "shooting"})  # triggers only as a passive ("were shot")
RATE = re.compile(r"^(?:per|a|an|each|every)\s+(?:day|week|month|year|hour|annum)\b|^(?:annually|daily|weekly|yearly)\b")
RIGHT_STOP = frozenset({";", "&", "but", "while", "whereas", "although", "though", "however", "and", "or", "nor",
                         '"', "“", "”", "«", "»", ".", "!", "?", "plus", "yet"})
CLAUSE_STOP = frozenset({";", "but", "while", "whereas", "although", "though", "however", '"', "“", "”",
                          "«", "»", ".", "!", "?", "yet", "meanwhile"})
APPOSITIVE_START = frozenset(
    "including include includes among mostly mainly largely predominantly many most some all both half "
    "majority of whom among which nearly almost about around roughly some the a an mainly mostly "
    "especially particularly notably primarily chiefly <num>".split()
)
GENERIC_HEADS = frozenset(
    "members member men man youths youth supporters followers sympathisers sympathizers leaders commanders "
    "officers personnel staff elements recruits males people persons individuals".split()
)
STRONG = frozenset({"dead", "injured", "dead_or_injured", "missing", "abducted", "detained", "displaced",
                     "fled", "arrived", "sheltered", "returned", "surrendered"})
FORCE_LOSS = frozenset({"lost", "eliminated", "liquidated", "neutralized", "neutralised"})
# Words that say what happened but cannot govern a count after them ("dead 100 injured").
NOT_GOVERNING = frozenset({"dead", "deaths", "death", "fatalities", "casualties", "injuries", "bodies", "lives"})
EARLIER = frozenset({"previous", "earlier", "initial", "preliminary", "first", "old", "former", "prior"})
COUNT_NOUNS = frozenset({"toll", "tolls", "count", "counts", "figure", "figures", "tally", "reports", "report",
                          "estimate", "estimates", "number"})
CAMP_WORDS = re.compile(r"\b(?:camps?|shelters?|settlements?|centres?|centers?|sites?)\b", re.I)
PRONOUNS = {"he": "PERSON", "she": "PERSON", "it": "ORG", "they": "ORG", "we": "ORG"}
TIME_PREFERRED = re.compile(
    r"^(?:in\s+the\s+|over\s+the\s+|during\s+the\s+|for\s+the\s+)?(?:past|last|previous|since|between|from|"
    r"during|over|this|so\s+far|to\s+date)\b",
    re.I,
)
APPOSITIVE_SPAN = 24  # tokens of an appositive skipped between a count and its verb
SINCE_SPAN = 10  # tokens of a "since …" phrase between a toll and its verb
LIGHT_REACH = 20  # tokens from a light verb's counts to the state word ending their list ("leaving ... dead")
