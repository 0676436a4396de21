#!/usr/bin/env python3
"""A minimal pilotbench adapter (protocol version 1, see docs/adapter-protocol.md).

It "transcribes" by echoing the reference transcript that pilotbench sends when the adapter is configured
with "send_reference": true; without a reference it returns an empty transcript. Use it to check a setup
end to end, or as the skeleton of a real adapter: replace transcribe() with a call to your model.

Scenario snippet:
    "transcription": {"kind": "command", "argv": ["python3", "examples/adapters/echo_reference.py"],
                      "send_reference": true, "isolate": false}

Rules it follows: stdout carries only protocol lines (one JSON object each, flushed at once); anything
for humans goes to stderr; it exits when stdin closes.
"""
import json
import sys

NAME = "echo-reference"
VERSION = "1.0"


def log(message):
    print(f"{NAME}: {message}", file=sys.stderr, flush=True)


def send(obj):
    # ensure_ascii=False keeps æøå readable; json.dumps never emits a raw newline, so one object is one line.
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def transcribe(request):
    reference = request.get("reference")
    if reference is None:
        return {"segments": []}
    return {"segments": reference.get("segments", [])}


def main():
    # Line-buffered UTF-8 regardless of the locale pilotbench passes on.
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    send({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": NAME, "version": VERSION,
          "capabilities": ["transcription"]})
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request["id"]
            if request.get("task") != "transcription":
                raise ValueError(f"unsupported task {request.get('task')!r}")
            send({"id": request_id, "ok": True, "transcript": transcribe(request)})
        except Exception as error:  # report, never die: one bad request must not end the session
            log(f"request failed: {error}")
            send({"id": request_id if isinstance(request_id, str) else "", "ok": False, "error": str(error)})
    log("stdin closed, exiting")


if __name__ == "__main__":
    main()
