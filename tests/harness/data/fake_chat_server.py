#!/usr/bin/env python3
"""A stand-in OpenAI-compatible /v1/chat/completions server for pilotbench's end-to-end tests.

It answers every request with a fixed, valid judge verdict (all nine rubric criteria, two claims) whose
"accurate" score depends on the draft: 2 when the prompt mentions the word "opfundet" (never the case here), else a
score derived from the prompt length, so different notes get different but reproducible scores. Writes the port it
listens on to the file given as the first argument, and counts requests in <port file>.count.
"""
import hashlib
import http.server
import json
import sys

CRITERIA = ["accurate", "thorough", "useful", "organised", "comprehensible", "succinct", "synthesised",
            "internally_consistent", "free_of_stigmatising_language"]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length))
        prompt = "".join(m.get("content", "") for m in body.get("messages", []) if isinstance(m.get("content"), str))
        digest = int(hashlib.sha256(prompt.encode()).hexdigest(), 16)
        rubric = {c: {"score": 1 + (digest >> (3 * i)) % 5, "justification": "Begrundelse."}
                  for i, c in enumerate(CRITERIA)}
        verdict = {"rubric": rubric, "claims": [{"claim": "Påstand 1", "supported": True},
                                                {"claim": "Påstand 2", "supported": digest % 2 == 0}]}
        reply = {"choices": [{"message": {"role": "assistant", "content": json.dumps(verdict)},
                              "finish_reason": "stop"}]}
        data = json.dumps(reply).encode()
        with open(sys.argv[1] + ".count", "a") as f:
            f.write("x")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
