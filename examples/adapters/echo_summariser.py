#!/usr/bin/env python3
"""A minimal pilotbench summariser (adapter protocol version 1, "summarisation"; see docs/adapter-protocol.md).

It "summarises" without a model: the citizen's turns become "Borgerens situation", the caseworker's turns
become "Aftaler", the meeting type becomes "Formål", and every other requested section says "Ikke drøftet.".
CPR numbers are masked on the way. Use it to check a setup end to end, or as the skeleton of a real
summariser: replace draft_note() with a call to your model.

    --text   answer with the note as text ("Formål: …") instead of note JSON, to exercise heading parsing

Scenario snippet:
    "summarisation": {"kind": "command", "argv": ["python3", "../examples/adapters/echo_summariser.py"],
                      "isolate": false}

Rules it follows: stdout carries only protocol lines (one JSON object each, flushed at once); anything for
humans goes to stderr; it exits when stdin closes.
"""
import json
import re
import sys

NAME = "echo-summariser"
VERSION = "1.0"
CPR = re.compile(r"(?<!\d)(\d{6})[- ]?(\d{4})(?!\d)")


def log(message):
    print(f"{NAME}: {message}", file=sys.stderr, flush=True)


def send(obj):
    # ensure_ascii=False keeps æøå readable; json.dumps never emits a raw newline, so one object is one line.
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def mask(text):
    return CPR.sub("XXXXXX-XXXX", text)


def turns(segments, role):
    return " ".join(mask(s.get("text", "").strip()) for s in segments if s.get("role") == role).strip()


def draft_note(request):
    segments = request.get("transcript", {}).get("segments", [])
    meeting_type = request.get("meeting_type") or "samtale i jobcentret"
    known = {
        "Formål": f"{meeting_type[:1].upper()}{meeting_type[1:]}.",
        "Borgerens situation": turns(segments, "citizen"),
        "Aftaler": turns(segments, "caseworker"),
    }
    sections = request.get("sections") or list(known)
    return {"kind": "journalnotat",
            "sections": [{"title": title, "text": known.get(title) or "Ikke drøftet."} for title in sections]}


def as_text(note):
    return "\n\n".join(f"{section['title']}:\n{section['text']}" for section in note["sections"])


def main():
    answer_as_text = "--text" in sys.argv[1:]
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    send({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": NAME, "version": VERSION,
          "capabilities": ["summarisation"]})
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request["id"]
            if request.get("task") != "summarisation":
                raise ValueError(f"unsupported task {request.get('task')!r}")
            note = draft_note(request)
            if answer_as_text:
                send({"id": request_id, "ok": True, "text": as_text(note)})
            else:
                send({"id": request_id, "ok": True, "note": note})
        except Exception as error:  # report, never die: one bad request must not end the session
            log(f"request failed: {error}")
            send({"id": request_id if isinstance(request_id, str) else "", "ok": False, "error": str(error)})
    log("stdin closed, exiting")


if __name__ == "__main__":
    main()
