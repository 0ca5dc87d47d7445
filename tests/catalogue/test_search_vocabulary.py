"""The shipped vocabulary: every need named in everyday words, every line well formed."""

from __future__ import annotations

import csv
from collections import Counter

from catalogue.resources import NEEDS_TAXONOMY
from catalogue.search import Entry, Vocabulary, shipped
from catalogue.search.vocabulary import KINDS, is_acronym, read_entries


def taxonomy_codes() -> set[str]:
    with NEEDS_TAXONOMY.open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def test_every_need_has_at_least_three_everyday_entries():
    counts = Counter(e.target for e in read_entries() if e.kind == "besoin")
    assert {code for code in taxonomy_codes() if counts[code] < 3} == set()


def test_every_need_entry_points_to_a_need_of_the_taxonomy():
    targets = {e.target for e in read_entries() if e.kind == "besoin"}
    assert targets - taxonomy_codes() == set()


def test_every_line_has_a_known_kind():
    assert {e.kind for e in read_entries()} <= set(KINDS)


def test_an_entry_in_capitals_is_an_acronym_in_any_case():
    vocabulary = Vocabulary([Entry("sigle", "CAF", "caisse d'allocations familiales")])
    assert [t.term for t in vocabulary.tokens("la caf et le café")] == ["CAF", "caf"]


def test_a_long_word_in_capitals_is_an_acronym_but_not_a_number():
    assert is_acronym("UPE2A") and not is_acronym("3018") and not is_acronym("Caf")


def test_a_synonym_joins_the_needs_of_its_group():
    vocabulary = Vocabulary(
        [
            Entry("besoin", "sante--bucco-dentaire", "dentiste"),
            Entry("synonyme", "dentiste", "chicots"),
        ]
    )
    matched = vocabulary.match(vocabulary.tokens("chicots"), 0)
    assert matched is not None and matched[1].needs == {"sante--bucco-dentaire"}


def test_the_shipped_vocabulary_knows_the_usual_acronyms():
    assert {"caf", "ase", "pmi", "cmp", "mdph", "aemo"} <= shipped().acronyms
