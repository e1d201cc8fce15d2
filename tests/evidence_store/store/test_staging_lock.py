"""The staging lock belongs to the open lock file, not to a process: every copy of it holds the lock."""

from __future__ import annotations

import os

import pytest

from evidence_store.store.store import Store


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
def test_a_forked_copy_of_the_lock_keeps_the_capture_in_use_until_it_exits(store: Store) -> None:
    """A child forked but not yet exec'd shares the capturing process's lock file. When both are
    killed, the folder is still in use until the child is gone too; only then may a store remove it.
    (Why the crash test waits for the whole killed process group before it reopens the store.)"""
    staging = store.begin_capture()
    (staging.artifacts_dir / "page.html").write_text("half a capture")
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:                    # the child: keeps its copies of the parent's files until told
        os.read(go_r, 1)
        os._exit(0)
    fd, staging._lock._fd = staging._lock._fd, None
    os.close(fd)                    # the capturing process dies: its descriptor closes, nothing unlocks
    try:
        with Store.open(store.root) as meanwhile:
            assert staging.path.is_dir()
            assert meanwhile.list_captures() == []
    finally:
        os.write(go_w, b"x")
        os.waitpid(pid, 0)
        os.close(go_r)
        os.close(go_w)
    with Store.open(store.root) as after:
        assert list(after.staging_dir.iterdir()) == []
        assert after.list_captures() == []
