"""The index folder: one writer at a time, atomic swap on rebuild, searches meanwhile."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from catalogue.search import IndexLocked, SearchIndex, SearchQuery, ServiceDocument, search

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
