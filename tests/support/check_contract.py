#!/usr/bin/env python3
"""Checks what a real node produced against the contracts it declares (node.schema).

Input: one JSON file {"schema": <node.schema result>, "calls": [{"type", "body", "result"}...],
"events": [<event>...]}. Every successful call's body must validate against its message's body
schema (a schema stricter than its handler is a drift too), its result against the result schema,
and every event's data against its event type's schema; an event type nobody declares is a
violation. Validated with python3-jsonschema (draft 2020-12), an implementation independent of the
node's. Prints one line per violation and exits 1 if there is any; prints the coverage on stderr.
"""
import json
import sys

from jsonschema import Draft202012Validator


def first_error(schema, value):
    errors = sorted(Draft202012Validator(schema).iter_errors(value), key=lambda e: list(e.path))
    if not errors:
        return None
    e = errors[0]
    where = "/".join(str(p) for p in e.path)
    return f"at /{where}: {e.message[:300]}"


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    messages = {m["type"]: m for m in doc["schema"]["messages"]}
    events = {e["type"]: e for e in doc["schema"]["events"]}
    for m in messages.values():
        Draft202012Validator.check_schema(m["body"])
        Draft202012Validator.check_schema(m["result"])
    for e in events.values():
        Draft202012Validator.check_schema(e["data"])
    violations, seen_messages, seen_events = [], set(), set()
    for call in doc["calls"]:
        spec = messages.get(call["type"])
        if spec is None:
            violations.append(f"message {call['type']}: answered but not declared")
            continue
        seen_messages.add(call["type"])
        for part in ("body", "result"):
            err = first_error(spec[part], call[part])
            if err:
                violations.append(f"message {call['type']} {part} {err}")
    for ev in doc["events"]:
        spec = events.get(ev["type"])
        if spec is None:
            violations.append(f"event {ev['type']} #{ev['seq']}: emitted but not declared")
            continue
        seen_events.add(ev["type"])
        err = first_error(spec["data"], ev["data"])
        if err:
            violations.append(f"event {ev['type']} #{ev['seq']} data {err}")
    for v in dict.fromkeys(violations):
        print(v)
    print(f"contract: {len(doc['calls'])} results of {len(seen_messages)} message types, "
          f"{len(doc['events'])} events of {len(seen_events)} event types checked", file=sys.stderr)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
