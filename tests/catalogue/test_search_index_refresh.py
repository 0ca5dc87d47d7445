"""A long-running searcher sees each service once after edits; the check finds duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from catalogue.search import SearchIndex, SearchQuery, ServiceDocument, search
from catalogue.search.index import DUPLICATE

DAY = dt.date(2026, 3, 10)


def _judo(number: int, places: int) -> ServiceDocument:
    return ServiceDocument(id=number, name=f"Judo {number} ({places} places)", text="judo")


def _ids(index: SearchIndex) -> list[int]:
    found = search(index, SearchQuery(day=DAY, text="judo", per_page=100))
    return sorted(hit.service_id for hit in found.hits)


def test_edits_seen_by_a_long_running_searcher_add_no_copy(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path)
    index.write([_judo(n, 0) for n in range(1, 18)])
    assert _ids(index) == list(range(1, 18))  # the worker's searcher is open from here on
    for places in range(1, 5):
        index.write([_judo(3, places)])
        assert _ids(index) == list(range(1, 18))
    index.close()


def test_unedited_segments_keep_their_reader(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path)
    index.write([_judo(n, 0) for n in range(1, 4)], merge=False)
    index.write([_judo(n, 0) for n in range(4, 7)], merge=False)
    with index.searcher() as searcher:
        before = {id(reader) for reader, _ in searcher.reader().leaf_readers()}
    index.write([_judo(9, 0)], merge=False)
    with index.searcher() as searcher:
        after = {id(reader) for reader, _ in searcher.reader().leaf_readers()}
    assert len(before & after) == 2 and _ids(index) == [1, 2, 3, 4, 5, 6, 9]
    index.close()


def test_a_service_indexed_twice_is_not_in_sync(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path)
    index.write([_judo(1, 0), _judo(2, 0)])
    path = tmp_path / "current"
    writer = whoosh_index.open_dir(str(path)).writer()
    writer.add_document(**_judo(2, 0).fields())  # a copy, as the stale searcher showed
    writer.commit()
    prints = index.fingerprints()
    assert (prints[1] == _judo(1, 0).fingerprint, prints[2]) == (True, DUPLICATE)
    index.close()


def test_a_segment_merged_away_by_another_worker_during_a_refresh_is_read_again(
    tmp_path: Path, monkeypatch
) -> None:
    # Two workers share the index: while one refreshes its searcher, the other commits and
    # merges the segment it was about to open (the 500s of bench.http under edits).
    from catalogue.search import index as index_module

    mine, other = SearchIndex(tmp_path), SearchIndex(tmp_path)
    mine.write([_judo(n, 0) for n in range(1, 4)], merge=False)
    assert _ids(mine) == [1, 2, 3]  # this worker's searcher is open from here on
    mine.write([_judo(4, 0)], merge=False)
    real, raced = index_module.SegmentReader, []

    def racing(*args: object, **kwargs: object) -> object:
        if not raced:
            raced.append(True)
            with other.write_lock():
                path = str(tmp_path / "current")
                writer = whoosh_index.open_dir(path).writer()
                writer.update_document(**_judo(5, 0).fields())
                writer.commit(optimize=True)  # every older segment merged away
        return real(*args, **kwargs)

    monkeypatch.setattr(index_module, "SegmentReader", racing)
    assert _ids(mine) == [1, 2, 3, 4, 5]
    mine.close()
    other.close()


@pytest.mark.parametrize("reading", ["exists", "first search"])
def test_a_commit_replacing_the_table_of_contents_being_read_is_read_again(
    tmp_path: Path, monkeypatch, reading: str
) -> None:
    # Another worker's commit writes the next table of contents and deletes the one this
    # worker listed a moment before opening it.
    from whoosh.filedb.filestore import FileStorage

    mine, other = SearchIndex(tmp_path), SearchIndex(tmp_path)
    mine.write([_judo(1, 0)])
    real, raced = FileStorage.open_file, []

    def racing(storage: FileStorage, name: str, *args: object, **kwargs: object) -> object:
        if name.endswith(".toc") and not raced:
            raced.append(True)
            other.write([_judo(2, 0)])
        return real(storage, name, *args, **kwargs)

    monkeypatch.setattr(FileStorage, "open_file", racing)
    if reading == "exists":
        assert mine.exists()
    else:
        assert _ids(mine) == [1, 2]
    assert raced
    mine.close()
    other.close()
