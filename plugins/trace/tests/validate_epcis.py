#!/usr/bin/python3
"""Validates EPCIS 2.0 JSON documents against GS1's official JSON schema (draft-07).
Usage: validate_epcis.py SCHEMA.json DOCUMENT.json...       exit 0 when all are valid, 1 when one
                                                           is not (its first errors are printed)
       validate_epcis.py --valid SCHEMA.json DOCUMENT.json...  prints the valid ones, one a line
Exit 77 when the Debian package python3-jsonschema is not installed (the caller skips)."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed")
    sys.exit(77)

args = sys.argv[1:]
list_valid = args[:1] == ["--valid"]
if list_valid:
    args = args[1:]
schema = json.load(open(args[0]))
validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
invalid = 0
for path in args[1:]:
    try:
        doc = json.load(open(path))
    except ValueError as e:
        errors = [e]
        doc = None
    else:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if list_valid:
        if not errors:
            print(path)
        continue
    if errors:
        invalid += 1
        print(path + ":")
    for e in errors[:5]:
        where = "/".join(str(p) for p in getattr(e, "absolute_path", []))
        print("  " + where, ":", str(getattr(e, "message", e))[:300])
sys.exit(1 if invalid else 0)
