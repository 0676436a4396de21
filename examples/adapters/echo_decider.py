#!/usr/bin/env python3
"""A minimal pilotbench decision-support program (adapter protocol version 1, "decide"; see
docs/adapter-protocol.md).

It decides without a model, by a fixed rule on the case's features:
  * risk_score = months_unemployed / (months_unemployed + 6), rounded to 4 decimals (0 when the feature is
    missing), so 6 months gives 0.5 and 18 months 0.75;
  * recommendation = "vejledning" when months_unemployed > 6 and "vejledning" may be recommended, otherwise the
    first intervention offered;
  * recommendation_score = the risk score when "vejledning" is recommended, else 0;
  * segment = "A" (risk < 0.4), "B" (risk < 0.6) or "C".
Use it to check a setup end to end, or as the skeleton of a real program: replace decide() with your model.

    --fail-on ID   answer the case with id ID with an error instead of a decision (to see a failed item)

Scenario snippet:
    "decision": {"kind": "command", "argv": ["python3", "../examples/adapters/echo_decider.py"]}

Rules it follows: stdout carries only protocol lines (one JSON object each, flushed at once); anything for
humans goes to stderr; it exits when stdin closes.
"""
import json
import sys

NAME = "echo-decider"
VERSION = "1.0"


def log(message):
    print(f"{NAME}: {message}", file=sys.stderr, flush=True)


def send(message):
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def decide(case, interventions):
    months = float(case.get("features", {}).get("months_unemployed", 0.0))
    risk = round(months / (months + 6.0), 4) if months > 0 else 0.0
    if months > 6 and "vejledning" in interventions:
        recommendation, score = "vejledning", risk
    else:
        recommendation, score = interventions[0], 0.0
    segment = "A" if risk < 0.4 else ("B" if risk < 0.6 else "C")
    return {"risk_score": risk, "recommendation": recommendation, "recommendation_score": score,
            "segment": segment}


def main():
    fail_on = sys.argv[sys.argv.index("--fail-on") + 1] if "--fail-on" in sys.argv else None
    send({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": NAME, "version": VERSION,
          "capabilities": ["decide"]})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        request_id = request.get("id", "")
        try:
            if request.get("task") != "decide":
                raise ValueError(f"unsupported task {request.get('task')!r}")
            case = request["case"]
            interventions = request["interventions"]
            if not interventions:
                raise ValueError("no interventions offered")
            if case.get("id") == fail_on:
                raise ValueError(f"refusing case {fail_on} as asked")
            send({"id": request_id, "decision": decide(case, interventions)})
        except (KeyError, TypeError, ValueError) as error:
            log(f"request {request_id}: {error}")
            send({"id": request_id, "error": str(error)})


if __name__ == "__main__":
    main()
