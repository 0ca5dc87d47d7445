"""The index on disk: generations swapped atomically, one writer at a time, a shared searcher."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.reading import MultiReader, SegmentReader
from whoosh.searching import Searcher

from catalogue.search.analysis import french_analyzer
from catalogue.search.documents import ServiceDocument
from catalogue.search.lexicon import Lexicon, count_words, read_counts, write_counts

CURRENT = "current"
PENDING = "pending-ids.txt"
LOCK = "write.lock"
DUPLICATE = "duplicate"
BATCH = 1000
T = TypeVar("T")
READ_ATTEMPTS = 10  # another process's commit removed a file being read: read again


class IndexLocked(RuntimeError):
    """Another process or thread holds the index's write lock beyond the timeout."""


def schema() -> Schema:
    """Return the index schema: one stemmed text field, keyword terms, and a stored record."""
    return Schema(
        id=ID(unique=True, stored=True),
        text=TEXT(analyzer=french_analyzer(), phrase=False),
        keys=KEYWORD(lowercase=False, scorable=False),
        data=STORED(),
    )


class SearchIndex:
    """A Whoosh index in a folder: `current` points at the generation in use."""

    def __init__(self, root: Path, lock_timeout: float = 5.0):
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self._lexicon: tuple[tuple[str, int], Lexicon] | None = None
        self._searcher: Searcher | None = None
        self._searcher_path: str | None = None
        self._mutex = threading.RLock()

    # -- generations -------------------------------------------------------------------------

    def _current_path(self) -> Path | None:
        link = self.root / CURRENT
        with contextlib.suppress(OSError):
            return self.root / os.readlink(link)
        return None

    def exists(self) -> bool:
        """Tell whether an index generation is in place."""
        path = self._current_path()
        return path is not None and _read_again(lambda: whoosh_index.exists_in(str(path)))

    def _new_generation(self) -> Path:
        path = self.root / f"gen-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        path.mkdir(parents=True)
        whoosh_index.create_in(str(path), schema())
        return path

    def _swap(self, path: Path) -> None:
        """Point `current` at a generation atomically, and drop all but the previous one."""
        previous = self._current_path()
        temporary = self.root / f"{CURRENT}.{uuid.uuid4().hex[:6]}"
        temporary.symlink_to(path.name)
        os.replace(temporary, self.root / CURRENT)
        keep = {path.name, previous.name if previous else ""}
        for old in self.root.glob("gen-*"):
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)

    def ensure(self) -> None:
        """Create an empty index when none exists."""
        self.root.mkdir(parents=True, exist_ok=True)
        if not self.exists():
            with self.write_lock():
                if not self.exists():
                    self._swap(self._new_generation())

    # -- writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def write_lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the index's write lock, waiting at most `timeout` seconds for it."""
        self.root.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + (self.lock_timeout if timeout is None else timeout)
        with (self.root / LOCK).open("a") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexLocked(
                            "L'index de recherche est verrouillé par un autre processus."
                        ) from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def write(
        self,
        documents: Iterable[ServiceDocument] = (),
        deleted: Iterable[int] = (),
        timeout: float | None = None,
        merge: bool = True,
    ) -> None:
        """Add or replace documents and delete others, in one commit under the lock."""
        documents, deleted = list(documents), list(deleted)
        if not documents and not deleted:
            return
        self.ensure()
        with self.write_lock(timeout):
            path = self._current_path()
            assert path is not None
            writer = whoosh_index.open_dir(str(path)).writer()
            try:
                for number in deleted:
                    writer.delete_by_term("id", str(number))
                for document in documents:
                    writer.update_document(**document.fields())
            except BaseException:
                writer.cancel()
                raise
            writer.commit(merge=merge)
            if documents:
                counts = read_counts(path)
                counts.update(count_words(document.text for document in documents))
                write_counts(path, counts)

    def rebuild(
        self,
        documents: Iterable[ServiceDocument],
        progress: Callable[[int], None] | None = None,
        procs: int = 1,
    ) -> int:
        """Build a new generation from every document, then swap it in; return the count."""
        self.root.mkdir(parents=True, exist_ok=True)
        with self.write_lock():
            path = self._new_generation()
            try:
                ordered = sorted(documents, key=ServiceDocument.locality)
                count = self._fill(path, ordered, progress, procs)
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            self._swap(path)
        return count

    def _fill(
        self,
        path: Path,
        documents: Iterable[ServiceDocument],
        progress: Callable[[int], None] | None,
        procs: int,
    ) -> int:
        options: dict[str, Any] = {"limitmb": 512}
        if procs > 1:
            options.update(procs=procs, multisegment=True)
        writer = whoosh_index.open_dir(str(path)).writer(**options)
        count = 0
        texts: list[str] = []
        try:
            for document in documents:
                writer.add_document(**document.fields())
                texts.append(document.text)
                count += 1
                if progress and count % BATCH == 0:
                    progress(BATCH)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        write_counts(path, count_words(texts))
        if progress:
            progress(count % BATCH)
        return count

    # -- pending ids (writes that failed, to retry) -----------------------------------------

    def add_pending(self, ids: Iterable[int]) -> None:
        """Remember ids whose index write failed."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / PENDING).open("a", encoding="utf-8") as handle:
            handle.writelines(f"{number}\n" for number in ids)

    def pending_ids(self) -> set[int]:
        """Return the ids whose index write failed and was not redone yet."""
        path = self.root / PENDING
        if not path.is_file():
            return set()
        return {int(line) for line in path.read_text(encoding="utf-8").split() if line.isdigit()}

    def clear_pending(self, ids: Iterable[int]) -> None:
        """Forget pending ids that have now been written."""
        done = set(ids)
        left = self.pending_ids() - done
        path = self.root / PENDING
        if left:
            path.write_text("".join(f"{number}\n" for number in sorted(left)), encoding="utf-8")
        else:
            path.unlink(missing_ok=True)

    # -- reading -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """Yield the process's searcher, reopened after a swap and refreshed after commits."""
        with self._mutex:
            current = self._current_path()
            if current is None:
                self.ensure()
                current = self._current_path()
            path = str(current)
            current = self._searcher
            if current is None or self._searcher_path != path:
                current = self._open(path)
            elif not current.up_to_date():
                current = self._refresh(current, path)
            yield current

    def _refresh(self, old: Searcher, path: str) -> Searcher:
        """Open a searcher on the latest commit, reusing the readers of unchanged segments.

        Whoosh's own `refresh()` reuses a segment's reader when only its deletions changed (so
        replaced documents stay visible, once per edit) and keeps segments merged away: here a
        reader is reused only when its segment and its deletion count are the same. Another
        worker may commit and merge a segment away between reading the table of contents and
        opening the segment: then the latest commit is read again, as Whoosh's own reader does.
        """
        if not old.doc_count_all():
            return self._open(path)  # a searcher of an empty index has no segment to reuse
        return _read_again(lambda: self._refresh_once(old, path))

    def _refresh_once(self, old: Searcher, path: str) -> Searcher:
        ix = whoosh_index.open_dir(path)
        toc = ix._read_toc()  # the segments of the latest commit
        reusable = {
            (reader.segment().segment_id(), reader.segment().deleted_count()): reader
            for reader, _ in old.reader().leaf_readers()
            if reader.segment() is not None
        }
        readers, opened = [], []
        try:
            for segment in toc.segments:
                reader = reusable.pop((segment.segment_id(), segment.deleted_count()), None)
                if reader is None:
                    reader = SegmentReader(
                        ix.storage, toc.schema, segment, generation=toc.generation
                    )
                    opened.append(reader)
                readers.append(reader)
        except FileNotFoundError:
            for reader in opened:
                reader.close()
            raise
        for unused in reusable.values():
            unused.close()
        if not readers:
            return self._open(path)
        reader = readers[0] if len(readers) == 1 else MultiReader(readers, toc.generation)
        self._searcher = Searcher(reader, fromindex=ix)
        return self._searcher

    def _open(self, path: str) -> Searcher:
        old = self._searcher
        self._searcher = _read_again(lambda: whoosh_index.open_dir(path).searcher())
        self._searcher_path = path
        if old is not None:
            old.close()
        return self._searcher

    def lexicon(self) -> Lexicon:
        """Return the real words of the current generation (reloaded when they change)."""
        path = self._current_path()
        words = (path or self.root) / "words.tsv"
        try:
            stamp = (str(words), words.stat().st_mtime_ns)
        except OSError:
            stamp = (str(words), 0)
        with self._mutex:
            if self._lexicon is None or self._lexicon[0] != stamp:
                counts = read_counts(path) if path is not None else read_counts(self.root)
                self._lexicon = (stamp, Lexicon(counts))
            return self._lexicon[1]

    def document_count(self) -> int:
        """Return how many documents the index holds."""
        with self.searcher() as searcher:
            return int(searcher.doc_count())

    def fingerprints(self) -> dict[int, str]:
        """Return the fingerprint of every indexed document, by service id.

        A service indexed more than once gets the fingerprint `DUPLICATE`, which matches no
        document: the check reports it.
        """
        found: dict[int, str] = {}
        with self.searcher() as searcher:
            for stored in searcher.reader().all_stored_fields():
                number = int(stored["id"])
                found[number] = DUPLICATE if number in found else stored["data"]["fp"]
        return found

    def close(self) -> None:
        """Close the searcher."""
        with self._mutex:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._searcher_path = None


def _read_again(read: Callable[[], T]) -> T:
    """Run a read of the latest commit again if another process's commit removed a file under it.

    A commit writes the next table of contents and segments, then deletes what no commit uses:
    a reader that listed the files a moment before finds one gone. Whoosh's own reader retries
    the same way.
    """
    for attempt in range(READ_ATTEMPTS):
        try:
            return read()
        except FileNotFoundError:
            if attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")
