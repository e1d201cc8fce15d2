"""A proxy on 127.0.0.1 that records every request a browser sends it (a plain one or a CONNECT) and
refuses it: the browsers under test send all their traffic here, so "nothing recorded" means the page
asked for nothing, and nothing could have left the machine."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class RecordingProxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Refuse)
        self.recorded: list[str] = []        # each request's first line: "GET http://… HTTP/1.1", "CONNECT host:443 …"
        self.lock = threading.Lock()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def take(self) -> list[str]:
        """What was recorded since the last call."""
        with self.lock:
            taken, self.recorded[:] = list(self.recorded), []
        return taken


class _Refuse(socketserver.BaseRequestHandler):
    server: RecordingProxy

    def handle(self) -> None:
        data = self.request.recv(16384)
        if data[:1] == b"\x16":
            # a TLS hello: WebKit takes the https proxy for one it speaks TLS to (the host it wants is
            # inside the encrypted CONNECT that would follow)
            first = "TLS hello"
        else:
            first = data.split(b"\r\n", 1)[0].decode("latin-1").strip() or "(a connection that sent nothing)"
        with self.server.lock:
            self.server.recorded.append(first)
        self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


@contextmanager
def recording_proxy() -> Iterator[RecordingProxy]:
    proxy = RecordingProxy()
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()
