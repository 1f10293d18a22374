"""The word classes the figures stage reads around a count: function words, the words that stop a
clause or a predicate, heads that name nobody in particular, the words of earlier or more counts.

The lexicon of what is counted and what happened to it is data (``data/figure_lexicon.tsv``, read by
:mod:`.categories`). The word classes are data too (``data/figure_words.tsv``, read through
:mod:`newsfuse.text.lexicon`, so ``$NEWSFUSE_HOME/figure_words.tsv`` can add or remove words); what stays
here is grammar (the regexes), the contract's category names (``STRONG``) and the reach of a rule in tokens.
"""

from __future__ import annotations

import re

from ...text.lexicon import word_map, word_set

FUNCTION = word_set("figure_words.tsv", "function_word")
MORE = word_set("figure_words.tsv", "more")
# "by" is missing on purpose: "murdered by four gunmen" counts the killers, not the dead.
LEFT_FILLERS = word_set("figure_words.tsv", "left_filler")  # 'killed "tens of people"': a quoted count
SUBORDINATORS = word_set("figure_words.tsv", "subordinator")
RELATIVES = word_set("figure_words.tsv", "relative")
ADVERBIAL = word_set("figure_words.tsv", "adverbial")
UNCOUNTED_SINGULAR = word_set("figure_words.tsv", "uncounted_singular")
STATES = word_set("figure_words.tsv", "state")
NEEDS_AUX = word_set("figure_words.tsv", "needs_aux")  # triggers only as a passive ("were shot")
RATE = re.compile(r"^(?:per|a|an|each|every)\s+(?:day|week|month|year|hour|annum)\b|^(?:annually|daily|weekly|yearly)\b")
RIGHT_STOP = word_set("figure_words.tsv", "right_stop")
QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})  # a quote's marks, opening or closing
# Words after a speech verb that start no reported clause ("said on Monday", "said without giving details").
NOT_A_CLAUSE = word_set("attribution_words.tsv", "not_a_clause")
TIME_WORDS = word_set("attribution_words.tsv", "time_word")
CLAUSE_STOP = word_set("figure_words.tsv", "clause_stop")
APPOSITIVE_START = word_set("figure_words.tsv", "appositive_start")
GENERIC_HEADS = word_set("figure_words.tsv", "generic_head")
STATE_HEADS = word_set("figure_words.tsv", "state_head")
SPEAKER_HEADS = word_set("attribution_words.tsv", "speaker_head")
STRONG = frozenset({"dead", "injured", "dead_or_injured", "missing", "abducted", "detained", "displaced",
                     "fled", "arrived", "sheltered", "returned", "surrendered"})
FORCE_LOSS = word_set("figure_words.tsv", "force_loss")
# after the count only ("80 fighters were destroyed"): before it, "destroyed 27 armoured personnel
# carriers" counts vehicles
FORCE_LOSS_AFTER = FORCE_LOSS | word_set("figure_words.tsv", "force_loss_after")
# Words that say what happened but cannot govern a count after them ("dead 100 injured").
NOT_GOVERNING = word_set("figure_words.tsv", "not_governing")
EARLIER = word_set("figure_words.tsv", "earlier")
COUNT_NOUNS = word_set("figure_words.tsv", "count_noun")
CAMP_WORDS = re.compile(r"\b(?:camps?|shelters?|settlements?|centres?|centers?|sites?)\b", re.I)
PRONOUNS = word_map("figure_words.tsv", "pronoun_kind")
TIME_PREFERRED = re.compile(
    r"^(?:in\s+the\s+|over\s+the\s+|during\s+the\s+|for\s+the\s+)?(?:past|last|previous|since|between|from|"
    r"during|over|this|so\s+far|to\s+date)\b",
    re.I,
)
RELATIVE_SPAN = 24  # tokens of a relative clause on the counted noun read past to the count's own verb
APPOSITIVE_SPAN = 24  # tokens of an appositive skipped between a count and its verb
TOLL_PRONOUNS = frozenset({"this", "it", "that"})  # "This was later updated to 82": the toll just given
SINCE_SPAN = 16  # tokens of a "since …"/"from …" phrase between a toll and its verb ("the toll from strikes in the city of X has risen to")
LIGHT_REACH = 20  # tokens from a light verb's counts to the state word ending their list ("leaving ... dead")
