"""The local evidence store: bundles on disk, staging for captures in progress, the signing key and
the index.

```
<root>/bundles/<capture-id>/     sealed bundles: the truth
<root>/staging/                  captures in progress (leftovers of interrupted ones are removed)
<root>/private/signing-key.pem   this installation's Ed25519 key (owner-only)
<root>/index.sqlite3             the index (WAL): a cache, rebuilt from the bundles when needed
```

The root is the folder given, else ``$VIDNE_HOME``, else the user's data folder (platformdirs).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs

from evidence_store.bundle import custody
from evidence_store.bundle.custody import ExpectedCustody
from evidence_store.bundle.keys import KEY_FILE_NAME, SigningKey
from evidence_store.bundle.manifest import MANIFEST_FILE, ArtifactLike
from evidence_store.bundle.names import is_capture_id, new_capture_id
from evidence_store.bundle.read import UnreadableBundleFile, read_custody, read_manifest
from evidence_store.bundle.seal import seal_bundle
from evidence_store.bundle.verify import VerificationReport, verify_bundle
from evidence_store.errors import (
    AmbiguousCaptureId,
    BundleNotFound,
    SealError,
    StoreError,
    StoreUnavailable,
)
from evidence_store.files.fsutil import make_private_dir
from evidence_store.problems import Problem
from evidence_store.safe_text import printable
from evidence_store.store.index import CaptureRecord, CaseSummary, Index
from evidence_store.store.intake import copy_verified_bundle
from evidence_store.store.ledger import (
    LEDGER_FILE,
    Ledger,
    compare_with_bundles,
)
from evidence_store.store.records import CustodyRecords
from evidence_store.store.rows import IndexRow, custody_row, read_bundle_row, row_from_bundle_data
from evidence_store.store.staging import LOCK_SUFFIX, Staging, StagingLock, clean_leftovers
from evidence_store.trust import confirmed
from evidence_store.trust.policy import THIS_STORE, KnownKey, TrustPolicy

log = logging.getLogger(__name__)

ENV_HOME = "VIDNE_HOME"
INDEX_FILE = "index.sqlite3"


def default_root() -> Path:
    """``$VIDNE_HOME`` if set, else the user's data folder for Vidne."""
    env = os.environ.get(ENV_HOME, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Vidne", appauthor=False))


class Store(CustodyRecords):
    def __init__(self, root: Path, index: Index) -> None:
        self.root = root
        self.bundles_dir = root / "bundles"
        self.staging_dir = root / "staging"
        self.key_path = root / "private" / KEY_FILE_NAME
        self.index = index
        self._key: SigningKey | None = None
        self.ledger = Ledger(root / LEDGER_FILE, self.signing_key)
        self.ledger_disagreements: list[str] = []   # where the ledger and the bundles differ, said on open
        self.key_notice: str | None = None           # the signing key was replaced (check_key)

    @classmethod
    def open(cls, root: Path | None = None, *, compare_ledger: bool = True) -> Store:
        """Open (creating if needed) the store at ``root``; see the module docstring for the default.

        Removes staging folders of interrupted captures, creates or upgrades the index, brings the index
        in line with the bundles on disk, finishes what a crash interrupted, and compares every custody
        log with the ledger (check_ledger). ``compare_ledger=False`` leaves that comparison (seconds for
        a large store) to a later ``check_ledger()`` (the app runs it in the background).
        """
        root = Path(root).expanduser() if root is not None else default_root()
        try:
            for folder in (root, root / "bundles", root / "staging"):
                make_private_dir(folder)            # owner-only, tightened if an older Vidne left it open
            clean_leftovers(root / "staging")       # logs each one it removes
        except OSError as exc:
            raise StoreUnavailable(
                f"Vidne cannot use the evidence store folder {root}: {exc.strerror or exc}. "
                "Check that it exists and that you may write to it, or choose another folder."
            ) from exc
        store = cls(root, Index(root / INDEX_FILE, root / "bundles"))
        if store.index.created:
            store.rebuild_index()
        else:
            store.reconcile()
        store.check_key()
        if compare_ledger:
            store.check_ledger()
        else:
            store.finish_pending()
        return store

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- the signing key -------------------------------------------------------------------------
    def signing_key(self) -> SigningKey:
        """This installation's signing key, created on first use."""
        if self._key is None:
            self._key = SigningKey.load_or_create(self.key_path)
        return self._key

    def fingerprint(self) -> str:
        return self.signing_key().fingerprint()

    # -- capturing and sealing -------------------------------------------------------------------
    def begin_capture(self, started_at: datetime | None = None) -> Staging:
        """A fresh staging folder for one capture; its id comes from ``started_at`` (default: now)."""
        try:
            for _ in range(20):
                capture_id = new_capture_id(started_at)
                if os.path.lexists(self.bundles_dir / capture_id):
                    continue
                lock = StagingLock.acquire(self.staging_dir / (capture_id + LOCK_SUFFIX), blocking=True)
                if lock is None:  # pragma: no cover - a blocking acquire always returns a lock
                    continue
                path = self.staging_dir / capture_id
                try:
                    path.mkdir(mode=0o700)
                except FileExistsError:
                    lock.release(remove=False)
                    continue
                except BaseException:
                    lock.release(remove=True)
                    raise
                (path / "artifacts").mkdir()
                log.info("capture %s: started in %s", capture_id, path)
                return Staging(capture_id, path, lock)
        except OSError as exc:
            raise StoreUnavailable(
                f"Vidne cannot prepare a folder for the capture in {self.staging_dir}: {exc.strerror or exc}."
            ) from exc
        raise StoreError("Vidne could not find a free capture id. Try again.")

    def seal(
        self,
        staging: Staging,
        *,
        facts: dict[str, Any],
        artifacts: Sequence[ArtifactLike],
        operator: str,
        organisation: str,
        case: str = "",
        note: str = "",
    ) -> CaptureRecord:
        """Seal the capture in ``staging`` into a signed bundle and index it."""
        if staging.sealed:
            raise SealError(f"Capture {staging.capture_id} is already sealed.")
        if staging.path.parent != self.staging_dir:
            raise SealError(f"Capture {staging.capture_id} was not started in this store.")
        sealed = seal_bundle(
            staging.path,
            self.bundles_dir,
            capture_id=staging.capture_id,
            facts=facts,
            artifacts=artifacts,
            operator=operator.strip() if isinstance(operator, str) else operator,
            organisation=organisation.strip() if isinstance(organisation, str) else organisation,
            case=case.strip() if isinstance(case, str) else case,
            note=note,
            key=self.signing_key(),
        )
        try:        # the staging lock is held until the ledger has the event: see _being_sealed
            self.ledger.record_event(sealed.capture_id, 1, sealed.custody_line[:-1])
        finally:
            staging.mark_sealed()
        row = row_from_bundle_data(sealed.capture_id, sealed.manifest, sealed.custody_line, False)
        return self._index_new(row)

    def _index_new(self, row: IndexRow) -> CaptureRecord:
        try:
            self.index.upsert(row)
        except StoreUnavailable as exc:
            # The bundle is whole on disk; the index catches up when the store is next opened.
            log.error("capture %s: saved, but the index could not be updated: %s", row.id, exc)
        return self.index.record_from_row(row)

    # -- finding captures --------------------------------------------------------------------------
    def list_captures(
        self, case: str | None = None, text: str | None = None, limit: int | None = None
    ) -> list[CaptureRecord]:
        """Captures newest first, optionally of one case and/or matching ``text``."""
        return self.index.list_captures(case=case, text=text, limit=limit)

    def cases(self) -> list[CaseSummary]:
        """Every case with captures, most recent first ("" holds the captures without a case)."""
        return self.index.cases()

    def get(self, capture_id: str) -> CaptureRecord:
        """The capture with this id, or the only one whose id starts with it."""
        text = capture_id.strip() if isinstance(capture_id, str) else ""
        shown = printable(text[:60], replacement="?")
        if not text:
            raise BundleNotFound("No capture id was given.")
        record = self.index.get(text)
        if record is not None:
            return record
        folder = self.bundles_dir / text
        if is_capture_id(text) and folder.is_dir() and not folder.is_symlink():
            self.index.add_missing([read_bundle_row(folder, text)])   # sealed by another process
            record = self.index.get(text)
            if record is not None:
                return record
        ids = self.index.ids_with_prefix(text, limit=4)
        if len(ids) == 1:
            found = self.index.get(ids[0])
            if found is not None:
                return found
        if len(ids) > 1:
            raise AmbiguousCaptureId(
                f"More than one capture id starts with '{shown}' ({', '.join(ids[:3])}, …). "
                "Give more of the id."
            )
        raise BundleNotFound(f"There is no capture '{shown}' in the evidence store at {self.root}.")

    def bundle_path(self, capture_id: str) -> Path:
        return self.get(capture_id).path

    def custody_events(self, capture_id: str) -> list[dict[str, Any]]:
        """The events in the bundle's custody log as they are (not verified: use verify())."""
        folder = self.get(capture_id).path
        try:
            return custody.parse_events(read_custody(folder))
        except UnreadableBundleFile as exc:
            raise StoreError(f"The custody log {folder / custody.CUSTODY_FILE} {exc}.") from exc

    # -- custody and time-stamps ---------------------------------------------------------------
    def append_custody(
        self, capture_id: str, event: str, details: dict[str, Any], actor: str, organisation: str
    ) -> dict[str, Any]:
        """Sign (with this installation's key) and append an event to a bundle's custody log."""
        record = self.get(capture_id)
        new, line = custody.append_event(
            record.path / custody.CUSTODY_FILE, self._manifest_of(record), event=event, actor=actor,
            organisation=organisation, details=details, key=self.signing_key(),
            expected=self.expected_custody(record.id))
        self.ledger.record_event(record.id, new["seq"], line[:-1])
        self.index.add_custody_event(record.id, custody_row(new["seq"], new, line[:-1]))
        log.info("capture %s: custody event '%s' recorded by %s", record.id, event, actor)
        return new

    # -- the index -------------------------------------------------------------------------------
    def _bundle_ids_on_disk(self) -> set[str]:
        ids = set()
        for entry in os.scandir(self.bundles_dir):
            if not is_capture_id(entry.name):
                log.warning("ignoring %s in the bundles folder: not a capture id", entry.name)
            elif not entry.is_dir(follow_symlinks=False):
                log.warning("ignoring %s in the bundles folder: not a folder", entry.name)
            else:
                ids.add(entry.name)
        return ids

    def reconcile(self) -> None:
        """Add bundles the index is missing; drop index rows whose bundle folder is gone."""
        on_disk = self._bundle_ids_on_disk()
        indexed = self.index.ids()
        missing = sorted(on_disk - indexed)
        for capture_id in missing:
            log.info("capture %s: found on disk but not in the index; adding it", capture_id)
        if missing:
            self.index.add_missing(read_bundle_row(self.bundles_dir / i, i) for i in missing)
        gone = [i for i in sorted(indexed - on_disk) if not (self.bundles_dir / i).is_dir()]
        for capture_id in gone:
            log.warning("capture %s: in the index but its bundle folder is gone; removing it from the index",
                        capture_id)
        if gone:
            self.index.remove(gone)

    def rebuild_index(self) -> int:
        """Throw the index away and read it anew from the bundles; return the number of captures. The
        index is a cache: the outside record of each custody log is the ledger (see check_ledger)."""
        rows = [read_bundle_row(self.bundles_dir / i, i) for i in sorted(self._bundle_ids_on_disk())]
        self.index.replace_all(rows)
        log.info("index rebuilt from %d bundle(s)", len(rows))
        return len(rows)

    def check_key(self) -> str | None:
        """A store whose ledger shows it had a key, but whose key file is gone, gets a new key, said and
        recorded, never silently: ``key_notice`` tells the person; the ledger records the change."""
        if os.path.lexists(self.key_path) or not (previous := sorted(self.ledger.read().signers)):
            return None
        new = self.signing_key().fingerprint()
        self.key_notice = (
            f"This store's signing key ({self.key_path}) is gone, so Vidne made a new one. Captures from now "
            f"on carry the fingerprint {new} instead of {', '.join(previous)}; bundles sealed before stay "
            "verifiable. Tell everyone who confirmed the old fingerprint (for example HR), and restore the "
            "old key file from a backup if you have one.")
        self.ledger.record_key_change(", ".join(previous), new, "the key file was missing")
        log.warning("%s", self.key_notice)
        return self.key_notice

    def check_ledger(self) -> list[str]:
        """Finish what a crash interrupted (finish_pending), then compare every bundle's custody log with
        the ledger (ledger.compare_with_bundles). Returns, and keeps in ``ledger_disagreements``, what
        does not agree; each is also logged."""
        self.finish_pending()
        found = compare_with_bundles(self.ledger, self.bundles_dir, sorted(self._bundle_ids_on_disk()),
                                     being_sealed=self._being_sealed)
        for line in found:
            log.warning("ledger: %s", line)
        self.ledger_disagreements = found
        return found

    def _being_sealed(self, capture_id: str) -> bool:
        """Whether a seal of ``capture_id`` is under way, here or in another process: its bundle is in place
        but the ledger may not have its "sealed" event yet (seal holds the staging lock until it has)."""
        path = self.staging_dir / (capture_id + LOCK_SUFFIX)
        if not self.staging_dir.is_dir():
            return False
        lock = StagingLock.acquire(path, blocking=False)
        if lock is None:
            return True
        lock.release(remove=True)
        return False

    def expected_custody(self, capture_id: str) -> ExpectedCustody | None:
        """What the store's own records say the bundle's custody log holds: the ledger, else the index."""
        return self.ledger.read().expected(capture_id) or self.index.custody_state(capture_id)

    # -- verifying and importing ---------------------------------------------------------------
    def trust_policy(self, base: TrustPolicy | None = None) -> TrustPolicy:
        """``base`` (the organisation's roots and keys, a recipient's) plus this store's own key and the
        keys a person of this store confirmed. TrustSettingError when the confirmations cannot be read."""
        own = [KnownKey(self.fingerprint(), "this store", THIS_STORE)] if os.path.lexists(self.key_path) else []
        return (base or TrustPolicy()).adding(keys=[*own, *confirmed.known_keys(self.confirmed_keys_path)])

    @property
    def confirmed_keys_path(self) -> Path:
        return confirmed.confirmed_path(self.root)

    def verify(self, capture_id: str, trust: TrustPolicy | None = None) -> VerificationReport:
        """Verify a bundle, holding its custody log to the length the index recorded. ``trust``: the
        whole policy to judge by (default: this store's, see trust_policy)."""
        record = self.get(capture_id)
        report = verify_bundle(record.path, expected_custody=self.expected_custody(record.id),
                               trust=trust or self.trust_policy())
        ledger = self.ledger.read()
        if ledger.problems:
            report.notes.append(f"The store's ledger ({LEDGER_FILE}) is damaged, so it vouches for less: "
                                f"{ledger.problems[0]}")
        if report.capture_id is not None and report.capture_id != record.id:
            report.problems.append(
                Problem(MANIFEST_FILE, f"capture_id is {report.capture_id}, but the folder is {record.id}")
            )
        return report

    def add_bundle(self, folder: Path, *, received: tuple[dict[str, Any], str, str] | None = None) -> CaptureRecord:
        """Copy a bundle that verifies intact into the store. ``received`` (details, actor, organisation):
        its 'received' event is signed into the copy before it is put in place, and its events go into
        the ledger first, so the store never holds the bundle without them."""
        def before_placing(copy: Path, capture_id: str) -> None:
            if received is not None:
                details, actor, organisation = received
                custody.append_event(copy / custody.CUSTODY_FILE, read_manifest(copy), event="received",
                                     actor=actor, organisation=organisation, details=details,
                                     key=self.signing_key())
            for seq, line in enumerate(custody.split_lines(read_custody(copy))[0], start=1):
                self.ledger.record_event(capture_id, seq, line)

        capture_id = copy_verified_bundle(Path(folder), self.staging_dir, self.bundles_dir, before_placing)
        return self._index_new(read_bundle_row(self.bundles_dir / capture_id, capture_id))
