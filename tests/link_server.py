"""A local HTTP server with one path per link-checking case (tests never touch the internet)."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 3.0
# « /goutte »: the answer's headers come one byte at a time, this many seconds apart.
DRIP_SECONDS = 0.05
REDIRECTS = {"/redirige": "/etape", "/etape": "/ok", "/boucle": "/boucle"}
CODES = {"/absent": 404, "/parti": 410, "/interdit": 403, "/limite": 429, "/panne": 500}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.server.hits[path] += 1
        if path == "/lent":
            time.sleep(SLOW_SECONDS)
        if path == "/goutte":
            self._drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n")
            return
        if path == "/coupure":
            # Close with a TCP reset, no answer at all.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return
        if path in REDIRECTS:
            self.send_response(301 if path != "/boucle" else 302)
            self.send_header("Location", REDIRECTS[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        code = CODES.get(path, 200 if path.startswith(("/ok", "/page")) else 404)
        body = b"<html><body>ok</body></html>"
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, answer: bytes) -> None:
        try:
            for byte in answer:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(DRIP_SECONDS)
        except OSError:
            pass  # the client gave up

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()


@contextmanager
def link_server() -> Iterator[_Server]:
    """A running server on 127.0.0.1; ``server.server_port`` gives its port."""
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
