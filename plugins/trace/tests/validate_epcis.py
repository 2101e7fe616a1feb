#!/usr/bin/python3
"""Validates an EPCIS 2.0 JSON document against GS1's official JSON schema (draft-07).
Usage: validate_epcis.py SCHEMA.json DOCUMENT.json. Exit 0 valid, 1 invalid, 77 when the Debian
package python3-jsonschema is not installed (the caller skips)."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed")
    sys.exit(77)

schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors[:5]:
    print("/".join(str(p) for p in e.absolute_path), ":", e.message[:300])
sys.exit(1 if errors else 0)
