"""A tiny OpenAI-compatible chat + embeddings server on loopback, for tests of utils.training.pseudo_pairs.

``with FakeChat(mode) as server:`` serves ``server.base_url`` (``http://127.0.0.1:PORT/v1``, a free
port) from a thread and stops on exit. Replies are deterministic:

- ``/v1/chat/completions``: in mode ``"good"`` a JSON list of two queries: the document's title in lower
  case (its source document ranks first) and an off-topic query (:data:`OFF_TOPIC`, which the round-trip
  filter should drop); ``"numbered"`` the same as a numbered list under a preamble; ``"junk"`` a reply
  with no query in it, cycling through :data:`JUNK`; ``"mixed"`` junk for every other document.
- ``/v1/embeddings``: hashed bag of words (1024 dims, L2-normalised), so texts sharing words are close;
  ``encoding_format="base64"`` is honoured, as the course's client asks for it.
- ``GET /v1/models`` lists :data:`EMBED_MODEL`.

``FakeChat(mode, embed_key="K")`` makes ``/v1/models`` and ``/v1/embeddings`` require ``Authorization:
Bearer K`` (HTTP 401 otherwise), as the CPU server does with ``EMB_API_KEY``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

OFF_TOPIC = "zebra migration serengeti savannah"
JUNK = ["", "[]", '{"queries": 42}', "<think>I should write queries</think>", "x" * 2000, "```\n```"]
DIM = 1024
EMBED_MODEL = "fake-embed"  # what GET /v1/models lists


def bag_of_words(text: str) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    for w in re.findall(r"[a-z0-9]+", text.lower()):
        v[int(hashlib.md5(w.encode()).hexdigest(), 16) % DIM] += 1.0
    n = float(np.linalg.norm(v))
    return v / n if n else v + 1.0 / np.sqrt(DIM)


class FakeChat:
    def __init__(self, mode: str = "good", embed_key: str | None = None) -> None:
        if mode not in ("good", "numbered", "junk", "mixed"):
            raise ValueError(mode)
        self.mode, self.calls, self._lock = mode, 0, threading.Lock()
        self.embed_key = embed_key
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> FakeChat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def reply(self, prompt: str) -> str:
        with self._lock:
            n = self.calls
            self.calls += 1
        title = re.search(r"Document title: (.*)", prompt)
        title_text = (title.group(1) if title else "").strip().lower()
        queries = [title_text, OFF_TOPIC]
        if self.mode == "junk" or (self.mode == "mixed" and n % 2):
            return JUNK[n % len(JUNK)]
        if self.mode == "numbered":
            return "Here are the queries:\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(queries, 1))
        return json.dumps(queries)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _send(self, code: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _refused(self) -> bool:
                """Answer 401 (and return True) when an embeddings route needs a key that was not sent."""
                if fake.embed_key and self.headers.get("Authorization") != f"Bearer {fake.embed_key}":
                    self._send(401, {"error": {"message": "missing or wrong API key", "type": "invalid_request_error",
                                               "param": None, "code": "invalid_api_key"}})
                    return True
                return False

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                if self.path.endswith("/models") and self._refused():
                    return
                if self.path.endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": EMBED_MODEL, "object": "model", "created": 0, "owned_by": "fake"}]})
                else:
                    self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                if self.path.endswith("/chat/completions"):
                    prompt = "\n".join(m.get("content", "") for m in body.get("messages", []))
                    text = fake.reply(prompt)
                    self._send(
                        200,
                        {
                            "id": "fake",
                            "object": "chat.completion",
                            "created": 0,
                            "model": body.get("model", "fake"),
                            "choices": [
                                {
                                    "index": 0,
                                    "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": text},
                                }
                            ],
                            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                        },
                    )
                elif self.path.endswith("/embeddings") and self._refused():
                    return
                elif self.path.endswith("/embeddings"):
                    texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
                    b64 = body.get("encoding_format") == "base64"
                    data = [
                        {
                            "object": "embedding",
                            "index": i,
                            "embedding": base64.b64encode(v.astype("<f4").tobytes()).decode()
                            if b64
                            else v.tolist(),
                        }
                        for i, v in enumerate(bag_of_words(t) for t in texts)
                    ]
                    self._send(
                        200,
                        {
                            "object": "list",
                            "data": data,
                            "model": body.get("model", "fake"),
                            "usage": {"prompt_tokens": 1, "total_tokens": 1},
                        },
                    )
                else:
                    self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

        return Handler
