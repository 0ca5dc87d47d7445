"""The index folder: one writer at a time, atomic swap on rebuild, searches meanwhile."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from catalogue.search import (
    FamilyPlace,
    IndexLocked,
    SearchIndex,
    SearchQuery,
    ServiceDocument,
    search,
)

DAY = dt.date(2026, 3, 10)


def documents(count: int, word: str) -> list[ServiceDocument]:
    return [ServiceDocument(id=n, name=f"{word} {n}", text=word) for n in range(1, count + 1)]


def total(index: SearchIndex, word: str) -> int:
    return search(index, SearchQuery(day=DAY, text=word)).total


def test_a_second_writer_gives_up_after_the_timeout(tmp_path: Path):
    first = SearchIndex(tmp_path, lock_timeout=0.1)
    second = SearchIndex(tmp_path, lock_timeout=0.1)
    with first.write_lock(), pytest.raises(IndexLocked):
        second.write(documents(1, "judo"))


def test_rebuild_swaps_in_a_new_folder(tmp_path: Path):
    index = SearchIndex(tmp_path)
    index.write(documents(3, "judo"))
    index.rebuild(documents(5, "cirque"))
    assert (total(index, "judo"), total(index, "cirque")) == (0, 5)
    index.close()


def test_searches_keep_working_during_a_rebuild(tmp_path: Path):
    searching = SearchIndex(tmp_path)
    searching.write(documents(50, "judo"))
    rebuilding = SearchIndex(tmp_path)
    thread = threading.Thread(target=rebuilding.rebuild, args=(documents(1500, "judo"),))
    seen = []
    thread.start()
    while thread.is_alive():
        seen.append(total(searching, "judo"))
    thread.join()
    seen.append(total(searching, "judo"))
    assert set(seen) <= {50, 1500}
    assert seen[-1] == 1500
    searching.close()


def test_a_failed_rebuild_keeps_the_old_index(tmp_path: Path):
    index = SearchIndex(tmp_path)
    index.write(documents(2, "judo"))

    def broken():
        yield from documents(1, "cirque")
        raise RuntimeError("base injoignable")

    with pytest.raises(RuntimeError):
        index.rebuild(broken())
    assert total(index, "judo") == 2
    assert len(list(tmp_path.glob("gen-*"))) == 1
    index.close()


def test_pending_ids_are_remembered_and_cleared(tmp_path: Path):
    index = SearchIndex(tmp_path)
    index.add_pending([3, 5])
    index.add_pending([5, 8])
    index.clear_pending([3, 5])
    assert index.pending_ids() == {8}


def test_an_index_of_several_segments_finds_the_same_documents(tmp_path: Path):
    def batch(first: int) -> list[ServiceDocument]:
        return [
            ServiceDocument(
                id=n, name=f"Judo {n}", text="judo enfants" if n % 2 else "judo", age_min=n % 10,
                age_max=12, points=[(46.58 + n / 1000, 0.34)],
            )
            for n in range(first, first + 300)
        ]  # fmt: skip

    whole, parts = SearchIndex(tmp_path / "whole"), SearchIndex(tmp_path / "parts")
    whole.write(batch(1) + batch(301) + batch(601))
    for first in (1, 301, 601):
        parts.write(batch(first), merge=False)
    parts.write(deleted=[5, 450], merge=False)
    whole.write(deleted=[5, 450])

    # 1 km around the boundary of the first two segments: few candidates, common words.
    here = FamilyPlace(46.8805, 0.34)
    query = SearchQuery(day=DAY, text="judo enfants", age=7, place=here, radius_km=1, per_page=100)
    with parts.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) > 1
    found = search(parts, query)
    assert [h.service_id for h in found.hits] == [h.service_id for h in search(whole, query).hits]
    assert {h.service_id // 300 for h in found.hits} == {0, 1}
