"""Stamping never overclaims, and a broken or untrusted stamp is replaced by a better one, keeping the old.

Against the real test TSA (tests/support/tsa_server.py, openssl ts -reply): its throwaway root is not
one Vidne ships, so its stamps are untrusted unless a policy names that root.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
from collections.abc import Iterator
from typing import TypedDict

import pytest

from evidence_store.bundle.verify import verify_bundle
from evidence_store.errors import StoreError
from evidence_store.rfc3161 import client as ts
from evidence_store.store.index import CaptureRecord
from evidence_store.store.stamping import stamp_capture, stamp_pending
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy
from tests.evidence_store.conftest import SealFn
from tests.support.tsa_server import RunningTsa, closed_port_url, running_tsa


class Who(TypedDict):
    actor: str
    organisation: str


WHO: Who = {"actor": "Mette", "organisation": "Aarhus Kommune"}


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningTsa]:
    with running_tsa(tmp_path_factory.mktemp("tsa")) as running:
        yield running


@pytest.fixture(scope="module")
def stranger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningTsa]:
    """Another authority, with a root of its own that no policy here trusts."""
    with running_tsa(tmp_path_factory.mktemp("stranger")) as running:
        yield running


@pytest.fixture
def trusting(tsa: RunningTsa, store: Store) -> TrustPolicy:
    """The store's policy, also trusting the test TSA's root (as an organisation listing it would)."""
    return store.trust_policy(TrustPolicy(tsa_roots=(tsa.pki.root_cert,)))


def stamp_files(record: CaptureRecord) -> dict[str, bytes]:
    return {name: (record.path / name).read_bytes() for name in ("timestamp.tsr", "tsa-chain.pem")}


def test_a_stamp_whose_chain_cannot_be_checked_is_not_added(sealed: CaptureRecord, store: Store,
                                                             tsa: RunningTsa) -> None:
    outcome = stamp_capture(store, sealed, [tsa.url("ok")], **WHO)     # no root in the reply, none known
    assert not outcome.stamped and not outcome.added and outcome.status == "none" and not outcome.trusted
    assert "was not added" in outcome.message and "root" in outcome.message
    assert "Trusted time" not in outcome.message
    assert not (sealed.path / "timestamp.tsr").exists() and not (sealed.path / "tsa-chain.pem").exists()
    assert [e["event"] for e in store.custody_events(sealed.id)] == ["captured"]
    assert store.get(sealed.id).has_timestamp is False


def test_an_untrusted_stamp_is_added_only_as_not_trusted(sealed: CaptureRecord, store: Store,
                                                         tsa: RunningTsa) -> None:
    outcome = stamp_capture(store, sealed, [tsa.url("with-root")], **WHO)
    assert outcome.stamped and outcome.added and not outcome.replaced
    assert outcome.status == "untrusted" and not outcome.trusted
    assert "Trusted time" not in outcome.message
    assert "NOT trusted" in outcome.message and "Vidne Test Root CA" in outcome.message
    report = store.verify(sealed.id)
    assert report.intact and report.time.status == "untrusted" and report.trusted_time is None


def test_a_stamp_up_to_a_trusted_root_is_trusted(sealed: CaptureRecord, store: Store, tsa: RunningTsa,
                                                 trusting: TrustPolicy) -> None:
    outcome = stamp_capture(store, sealed, [tsa.url("ok")], trust=trusting, **WHO)
    assert outcome.stamped and outcome.added and outcome.trusted and outcome.status == "trusted"
    assert outcome.message.startswith(f"Trusted time {outcome.time} from ")
    report = store.verify(sealed.id, trusting)
    assert report.intact and report.time.status == "trusted"
    assert report.trusted_time is not None and outcome.time is not None
    assert report.trusted_time.isoformat().startswith(outcome.time[:19])
    again = stamp_capture(store, store.get(sealed.id), [closed_port_url()], trust=trusting, **WHO)
    assert again.trusted and not again.added and "already has a trusted time-stamp" in again.message


def test_trusting_the_root_of_an_untrusted_stamp_makes_it_trusted(sealed: CaptureRecord, store: Store,
                                                                   tsa: RunningTsa, trusting: TrustPolicy) -> None:
    assert stamp_capture(store, sealed, [tsa.url("with-root")], **WHO).status == "untrusted"
    assert store.verify(sealed.id, trusting).time.status == "trusted"
    assert stamp_pending(store, [closed_port_url()], trust=trusting, **WHO) == []      # nothing to replace
    assert store.get(sealed.id).custody_count == 2


def test_an_untrusted_stamp_is_replaced_by_a_trusted_one_and_kept(seal: SealFn, store: Store, tsa: RunningTsa,
                                                                  stranger: RunningTsa,
                                                                  trusting: TrustPolicy) -> None:
    record, other = seal(), seal()
    for one in (record, other):
        assert stamp_capture(store, one, [stranger.url("with-root")], trust=trusting, **WHO).status == "untrusted"
    old = stamp_files(record)
    outcomes = stamp_pending(store, [tsa.url("ok")], trust=trusting, **WHO)
    assert sorted((o.capture_id, o.status, o.replaced) for o in outcomes) == sorted([
        (record.id, "trusted", True), (other.id, "trusted", True)])
    assert all("replaces a time-stamp that was untrusted" in o.message for o in outcomes)
    events = store.custody_events(record.id)
    assert [e["event"] for e in events] == ["captured", "timestamped", "timestamped"]
    replaces = events[-1]["details"]["replaces"]
    for name, data in old.items():     # the old token, byte for byte, in the signed log
        assert base64.b64decode(replaces[name]["base64"]) == data
        assert replaces[name]["sha256"] == hashlib.sha256(data).hexdigest()
    assert replaces["why"].startswith("untrusted: ")
    assert stamp_files(record) != old
    report = store.verify(record.id, trusting)
    assert report.intact, report.problem_text()
    assert report.time.status == "trusted" and report.trusted_time is not None
    assert verify_bundle(record.path).time.status == "untrusted"       # without the root: said so
    assert stamp_pending(store, [closed_port_url()], trust=trusting, **WHO) == []   # nothing left to do


def test_an_untrusted_stamp_is_not_replaced_by_another_untrusted_one(seal: SealFn, store: Store,
                                                                     tsa: RunningTsa) -> None:
    stamped_first, unstamped = seal(), seal()
    stamp_capture(store, stamped_first, [tsa.url("with-root")], **WHO)
    old = stamp_files(stamped_first)
    outcomes = stamp_pending(store, [tsa.url("with-root")], **WHO)
    by_id = {o.capture_id: o for o in outcomes}
    kept = by_id[stamped_first.id]
    assert not kept.added and kept.status == "untrusted" and "NOT trusted" in kept.message
    # asked first: "does not replace"; after the unstamped one showed what the TSA gives: "Not asked again"
    assert "does not replace" in kept.message or kept.message.startswith("Not asked again")
    assert stamp_files(stamped_first) == old and store.get(stamped_first.id).custody_count == 2
    assert by_id[unstamped.id].added and by_id[unstamped.id].status == "untrusted"   # better than none


def test_a_trusted_stamp_is_never_replaced(sealed: CaptureRecord, store: Store, tsa: RunningTsa,
                                           trusting: TrustPolicy) -> None:
    stamp_capture(store, sealed, [tsa.url("ok")], trust=trusting, **WHO)
    old = stamp_files(sealed)
    outcome = stamp_capture(store, store.get(sealed.id), [tsa.url("ok")], trust=trusting, **WHO)
    assert not outcome.added and outcome.trusted and stamp_files(sealed) == old
    assert stamp_pending(store, [tsa.url("ok")], trust=trusting, **WHO) == []
    with pytest.raises(StoreError, match="already has a time-stamp"):
        store.add_timestamp(sealed.id, b"other", b"chain", **WHO)
    assert stamp_files(sealed) == old and store.get(sealed.id).custody_count == 2


def test_a_broken_stamp_is_replaced_and_the_swapped_in_token_kept(sealed: CaptureRecord, store: Store,
                                                                   tsa: RunningTsa, trusting: TrustPolicy) -> None:
    stamp_capture(store, sealed, [tsa.url("ok")], trust=trusting, **WHO)
    manifest = (sealed.path / "manifest.json").read_bytes()
    swapped = ts.request_token(manifest, tsa.url("ok"), timeout=10, extra_roots=[tsa.pki.root_cert])
    (sealed.path / "timestamp.tsr").write_bytes(swapped.tsr_bytes)     # valid, but not the recorded one
    assert store.verify(sealed.id, trusting).time.status == "broken"
    [outcome] = stamp_pending(store, [tsa.url("ok")], trust=trusting, **WHO)
    assert outcome.replaced and outcome.trusted and "was broken" in outcome.message
    replaces = store.custody_events(sealed.id)[-1]["details"]["replaces"]
    assert base64.b64decode(replaces["timestamp.tsr"]["base64"]) == swapped.tsr_bytes
    assert replaces["why"].startswith("broken: ")
    report = store.verify(sealed.id, trusting)
    assert report.intact and report.time.status == "trusted", report.problem_text()


def test_replacing_checks_that_the_old_files_are_the_ones_it_records(sealed: CaptureRecord, store: Store,
                                                                     tsa: RunningTsa) -> None:
    stamp_capture(store, sealed, [tsa.url("with-root")], **WHO)
    old = stamp_files(sealed)
    wrong = {"timestamp.tsr": {"sha256": "0" * 64, "base64": ""}, "why": "test"}
    with pytest.raises(StoreError, match="nothing was replaced"):
        store.add_timestamp(sealed.id, b"new", b"chain", replaces=wrong, **WHO)
    assert stamp_files(sealed) == old and store.get(sealed.id).custody_count == 2


def test_an_interrupted_restamp_is_reported_and_finished_by_the_next(sealed: CaptureRecord, store: Store,
                                                                     tsa: RunningTsa, stranger: RunningTsa,
                                                                     trusting: TrustPolicy) -> None:
    stamp_capture(store, sealed, [stranger.url("with-root")], **WHO)
    old = stamp_files(sealed)
    # The staging folder made unusable: the new event is written, then saving the files fails - the
    # state a crash between the two leaves.
    shutil.rmtree(store.staging_dir)
    store.staging_dir.write_text("not a folder")
    with pytest.raises(StoreError, match="recorded in the custody log"):
        stamp_capture(store, store.get(sealed.id), [tsa.url("ok")], trust=trusting, **WHO)
    assert stamp_files(sealed) == old
    report = store.verify(sealed.id, trusting)
    assert not report.intact and report.time.status == "broken" and report.trusted_time is None
    named = [p for p in report.problems if p.file in ("timestamp.tsr", "tsa-chain.pem")]
    assert named and all("custody.jsonl line 3" in p.message for p in named), report.problem_text()
    replaces = store.custody_events(sealed.id)[-1]["details"]["replaces"]
    assert base64.b64decode(replaces["timestamp.tsr"]["base64"]) == old["timestamp.tsr"]   # nothing lost
    store.staging_dir.unlink()
    store.staging_dir.mkdir()
    [outcome] = stamp_pending(store, [tsa.url("ok")], trust=trusting, **WHO)
    assert outcome.replaced and outcome.trusted
    report = store.verify(sealed.id, trusting)
    assert report.intact and report.time.status == "trusted", report.problem_text()
