"""Every weight of the search ranking, in one place (explained in docs/search.md)."""

# How much a clause's BM25 score counts, by the way its words were met in a service.
EXACT = 1.0  # the word itself (its stem)
SYNONYM = 0.9  # another form of the same vocabulary group (acronym ↔ full name, synonym)
PHONETIC = 0.8  # a word of the index that sounds the same ("ortofonie" → "orthophonie")
FUZZY = 0.6  # a word of the index within the allowed edit distance
ABBREVIATED = 0.6  # a longer word of the index that the typed word begins

# A clause that names a need is also met by covering the need, without its words.
NEED_MATCH = 2.0
# A service covering a recognised need ranks before every service that does not.
RECOGNISED_NEED = 1000.0
# With partial matches, each clause met counts before the scores (coordination).
CLAUSE_MET = 100.0

# A word of at least this length may be an abbreviation of longer words ("ophtalmo").
ABBREVIATION_LENGTH = 5

# Edit distance tolerated by word length: (minimum length, distance); the typed word and its
# phonetic key must both be long enough.
TYPO_DISTANCES = ((5, 1), (8, 2))

# Scores are compared to this many decimals; equal scores go by distance, then freshness.
SCORE_DECIMALS = 2

# In the index text, how many times each part of a service counts (term frequency).
NAME_REPEAT = 2
NEED_LABEL_REPEAT = 2
