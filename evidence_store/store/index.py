"""The SQLite index beside the bundles: fast lists and search. Only a cache — every row can be
rebuilt from the bundles on disk, and the bundles always win.

One connection per Store, shared between threads under a lock; WAL mode and a busy timeout let
several processes (the GUI and the command line) use one store at once. Writes run in
``BEGIN IMMEDIATE`` transactions so they never interleave.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_store.bundle.custody import ExpectedCustody
from evidence_store.errors import StoreUnavailable
from evidence_store.store.rows import CustodyRow, IndexRow

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE captures (
    id TEXT PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    title TEXT NOT NULL,
    http_status INTEGER,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    operator TEXT NOT NULL,
    organisation TEXT NOT NULL,
    note TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL,
    has_timestamp INTEGER NOT NULL,
    custody_count INTEGER NOT NULL,
    custody_head TEXT,
    search TEXT NOT NULL
);
CREATE INDEX captures_by_case ON captures(case_id, started_at);
CREATE INDEX captures_by_start ON captures(started_at);
CREATE TABLE custody_events (
    capture_id TEXT NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    event TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    organisation TEXT NOT NULL,
    line_sha256 TEXT NOT NULL,
    PRIMARY KEY (capture_id, seq)
) WITHOUT ROWID;
"""
_SELECT = (
    "SELECT c.id, k.name, c.url, c.final_url, c.title, c.http_status, c.started_at, c.finished_at, "
    "c.operator, c.organisation, c.note, c.signer_fingerprint, c.has_timestamp, c.custody_count, "
    "c.custody_head FROM captures c JOIN cases k ON k.id = c.case_id "
)
_GET = _SELECT + "WHERE c.id = ?"
_ALL = _SELECT + "ORDER BY c.id"
# case filter (NULL: any), text filter ('': any), limit (-1: none); newest first.
_LIST = (
    _SELECT + "WHERE (?1 IS NULL OR k.name = ?1) AND (?2 = '' OR instr(c.search, ?2) > 0) "
    "ORDER BY c.started_at DESC, c.id DESC LIMIT ?3"
)


@dataclass(frozen=True)
class CaptureRecord:
    """One capture as the store lists it (from the index; the bundle at ``path`` is the truth)."""

    id: str
    case: str
    url: str
    final_url: str
    title: str                 # hostile text: escape before showing
    http_status: int | None
    started_at: str
    finished_at: str
    operator: str
    organisation: str
    note: str
    path: Path
    custody_count: int
    custody_head: str | None   # sha256 of the last custody line, without its \n
    has_timestamp: bool
    signer_fingerprint: str


@dataclass(frozen=True)
class CaseSummary:
    name: str                  # "" collects the captures without a case
    capture_count: int
    last_started_at: str


def private_files(db_path: Path) -> None:
    """The index and its WAL files are owner-only: created so before SQLite opens them (SQLite gives its
    -wal and -shm files the database file's mode), and tightened if an older Vidne left them looser."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db_path}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            if not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) != 0o600:
                os.chmod(path, 0o600)


def unavailable_message(db_path: Path, exc: Exception) -> str:
    """What is wrong when the index cannot be opened or written, and what to do: said truthfully."""
    text = str(exc).lower()
    folder = db_path.parent
    if isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text or (
            "unable to open" in text and not os.access(folder, os.W_OK)):
        return (f"The evidence store at {folder} is read-only for you: Vidne cannot write there. Ask for "
                "write access to that folder, or choose another store folder.")
    if "disk is full" in text or "no space" in text:
        return (f"The disk holding the evidence store at {folder} is full. Free some space (nothing was "
                "lost) and try again.")
    if "locked" in text or "busy" in text:
        return (f"The evidence store's index at {db_path} is in use by another Vidne window or command. "
                "Close it, or wait for it to finish, and try again.")
    return f"Vidne cannot open the evidence store's index at {db_path} ({exc})."


class Index:
    def __init__(self, db_path: Path, bundles_dir: Path) -> None:
        self.db_path = db_path
        self.bundles_dir = bundles_dir
        self._lock = threading.RLock()
        self.created = False      # True when the schema was (re)created and needs filling from disk
        try:
            self._conn = self._connect()
        except (sqlite3.OperationalError, PermissionError) as exc:   # locked, read-only, no space: not damage
            raise StoreUnavailable(unavailable_message(db_path, exc)) from exc
        except sqlite3.DatabaseError as exc:        # "file is not a database", "malformed"
            log.warning("index %s is damaged (%s); it is a cache, so it is made anew", db_path, exc)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            try:
                self._conn = self._connect()
            except sqlite3.Error as exc2:
                raise StoreUnavailable(f"Vidne cannot create its index at {db_path}: {exc2}.") from exc2
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"Vidne cannot open its index at {db_path}: {exc}.") from exc

    def _connect(self) -> sqlite3.Connection:
        private_files(self.db_path)
        conn = sqlite3.connect(self.db_path, timeout=30.0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._ensure_schema(conn)
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _ensure_schema(self, conn: sqlite3.Connection) -> None:
        if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                # A cache: an older (or newer) layout is dropped and rebuilt from the bundles.
                log.info("index %s: schema %s -> %s, rebuilding", self.db_path, version, SCHEMA_VERSION)
                conn.execute("DROP TABLE IF EXISTS custody_events")
                conn.execute("DROP TABLE IF EXISTS captures")
                conn.execute("DROP TABLE IF EXISTS cases")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                self.created = True
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, sql: str, params: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._errors():
            return self._conn.execute(sql, tuple(params)).fetchall()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"{unavailable_message(self.db_path, exc)} The evidence bundles are not "
                                   "affected.") from exc

    # -- writing -------------------------------------------------------------------------------
    def upsert(self, row: IndexRow, *, replace: bool = True) -> None:
        with self._write() as conn:
            self._put(conn, row, replace)
            self._drop_empty_cases(conn)

    def add_missing(self, rows: Iterable[IndexRow]) -> None:
        """Insert rows whose id is not in the index yet (rows another process added win)."""
        with self._write() as conn:
            for row in rows:
                self._put(conn, row, replace=False)

    def remove(self, ids: Iterable[str]) -> None:
        with self._write() as conn:
            for capture_id in ids:
                conn.execute("DELETE FROM captures WHERE id = ?", (capture_id,))
            self._drop_empty_cases(conn)

    def replace_all(self, rows: Iterable[IndexRow]) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM custody_events")
            conn.execute("DELETE FROM captures")
            conn.execute("DELETE FROM cases")
            for row in rows:
                self._put(conn, row, replace=False)

    def add_custody_event(
        self, capture_id: str, event: CustodyRow, *, has_timestamp: bool | None = None
    ) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO custody_events VALUES (?, ?, ?, ?, ?, ?, ?)",
                (capture_id, event.seq, event.event, event.at, event.actor, event.organisation,
                 event.line_sha256),
            )
            conn.execute(
                "UPDATE captures SET custody_count = ?, custody_head = ? WHERE id = ? AND custody_count < ?",
                (event.seq, event.line_sha256, capture_id, event.seq),
            )
            if has_timestamp is not None:
                conn.execute(
                    "UPDATE captures SET has_timestamp = ? WHERE id = ?", (int(has_timestamp), capture_id)
                )

    def _put(self, conn: sqlite3.Connection, row: IndexRow, replace: bool) -> None:
        exists = conn.execute("SELECT 1 FROM captures WHERE id = ?", (row.id,)).fetchone() is not None
        if exists and not replace:
            return
        conn.execute("INSERT OR IGNORE INTO cases(name) VALUES (?)", (row.case,))
        case_id = conn.execute("SELECT id FROM cases WHERE name = ?", (row.case,)).fetchone()[0]
        if exists:
            conn.execute("DELETE FROM captures WHERE id = ?", (row.id,))
        search = " ".join(
            (row.id, row.case, row.url, row.final_url, row.title, row.note, row.operator, row.organisation)
        ).casefold()
        conn.execute(
            "INSERT INTO captures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.id, case_id, row.url, row.final_url, row.title, row.http_status, row.started_at,
             row.finished_at, row.operator, row.organisation, row.note, row.signer_fingerprint,
             int(row.has_timestamp), row.custody_count, row.custody_head, search),
        )
        conn.executemany(
            "INSERT INTO custody_events VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(row.id, e.seq, e.event, e.at, e.actor, e.organisation, e.line_sha256) for e in row.custody],
        )

    @staticmethod
    def _drop_empty_cases(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM cases WHERE id NOT IN (SELECT DISTINCT case_id FROM captures)")

    # -- reading -------------------------------------------------------------------------------
    def ids(self) -> set[str]:
        return {str(r[0]) for r in self._read("SELECT id FROM captures")}

    def get(self, capture_id: str) -> CaptureRecord | None:
        rows = self._read(_GET, (capture_id,))
        return self._record(rows[0]) if rows else None

    def ids_with_prefix(self, prefix: str, limit: int = 10) -> list[str]:
        rows = self._read(
            "SELECT id FROM captures WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT ?",
            (len(prefix), prefix, limit),
        )
        return [str(r[0]) for r in rows]

    def list_captures(
        self, case: str | None = None, text: str | None = None, limit: int | None = None
    ) -> list[CaptureRecord]:
        """Newest first; ``text`` matches (case-insensitively) id, case, addresses, title, note, people."""
        params = (case, (text or "").casefold(), -1 if limit is None else max(0, int(limit)))
        return [self._record(r) for r in self._read(_LIST, params)]

    def cases(self) -> list[CaseSummary]:
        rows = self._read(
            "SELECT k.name, count(*), max(c.started_at) FROM cases k JOIN captures c ON c.case_id = k.id "
            "GROUP BY k.id ORDER BY max(c.started_at) DESC"
        )
        return [CaseSummary(str(r[0]), int(r[1]), str(r[2])) for r in rows]

    def custody_state(self, capture_id: str) -> ExpectedCustody | None:
        rows = self._read("SELECT custody_count, custody_head FROM captures WHERE id = ?", (capture_id,))
        if not rows or not rows[0][1]:
            return None
        return ExpectedCustody(int(rows[0][0]), str(rows[0][1]), "the store's index")

    def custody_events(self, capture_id: str) -> list[CustodyRow]:
        rows = self._read(
            "SELECT seq, event, at, actor, organisation, line_sha256 FROM custody_events "
            "WHERE capture_id = ? ORDER BY seq",
            (capture_id,),
        )
        return [CustodyRow(*r) for r in rows]

    def snapshot(self) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        """Every capture and custody row, in a stable order (to compare two indexes)."""
        captures = self._read(_ALL)
        events = self._read("SELECT * FROM custody_events ORDER BY capture_id, seq")
        return captures, events

    def record_from_row(self, row: IndexRow) -> CaptureRecord:
        """The record a row will list as (used when the index itself cannot be written)."""
        return CaptureRecord(
            id=row.id, case=row.case, url=row.url, final_url=row.final_url, title=row.title,
            http_status=row.http_status, started_at=row.started_at, finished_at=row.finished_at,
            operator=row.operator, organisation=row.organisation, note=row.note,
            path=self.bundles_dir / row.id, custody_count=row.custody_count, custody_head=row.custody_head,
            has_timestamp=row.has_timestamp, signer_fingerprint=row.signer_fingerprint,
        )

    def _record(self, r: tuple[Any, ...]) -> CaptureRecord:
        values = [("" if v is None and i not in (5, 14) else v) for i, v in enumerate(r)]
        return CaptureRecord(
            id=str(values[0]),
            case=str(values[1]),
            url=str(values[2]),
            final_url=str(values[3]),
            title=str(values[4]),
            http_status=values[5] if isinstance(values[5], int) else None,
            started_at=str(values[6]),
            finished_at=str(values[7]),
            operator=str(values[8]),
            organisation=str(values[9]),
            note=str(values[10]),
            path=self.bundles_dir / str(values[0]),
            signer_fingerprint=str(values[11]),
            has_timestamp=bool(values[12]),
            custody_count=int(values[13]),
            custody_head=str(values[14]) if values[14] is not None else None,
        )
