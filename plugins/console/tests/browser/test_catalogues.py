"""The console's message catalogues: every key the scripts use is in both vi.json and en.json,
the two hold the same keys, and placeholders match, so switching language never shows a key or
loses a number. No browser needed: it reads the files."""

import json
import pathlib
import re
import sys
import unittest

WEB = pathlib.Path(__file__).resolve().parents[2] / "web"

# Keys built at run time from a value: the prefix and every value the node can send.
DYNAMIC = {
    "status.": ["open", "filled", "cancelled", "taken", "withdrawn", "pending", "signed", "rejected",
                "expired", "delivering", "fulfilled", "breached", "accepted", "computed", "confirmed",
                "superseded"],
    "diary.kind.": ["sowing", "fertiliser", "pesticide", "irrigation", "inspection"],
    "diary.add.": ["sowing", "fertiliser", "pesticide", "irrigation", "inspection"],
    "diary.input.": ["sowing", "fertiliser", "pesticide"],
    "diary.input_hint.": ["sowing", "fertiliser", "pesticide"],
    "kind.": ["cooperative", "cooperative_group", "cooperative_union", "enterprise", "distributor",
              "retailer"],
    "role.": ["viewer", "operator", "manager"],
    "language.": ["vi", "en"],
    "side.": ["buyer", "seller"],
    "proposals.intro_": ["buyer", "seller"],
    "proposal.": ["buyer", "seller"],
    "alert.kind.": ["low_yield", "shortfall", "pre_harvest_interval"],
    "connector.state.": ["starting", "reading", "delivering", "retrying", "idle", "stopped",
                         "disabled"],
    "contract.field.": ["quantity", "unit_price_vnd", "deliver_from", "deliver_to", "place",
                        "min_ocop_stars", "certifications", "max_distance_km", "min_lot", "note"],
    "crop.": ["tea", "pomelo", "rice", "cashew", "mango", "durian", "banana", "orange", "garlic",
              "coffee"],
    "error.": ["invalid_argument", "not_found", "already_exists", "failed_precondition",
               "permission_denied", "unauthenticated", "unavailable", "internal", "offline",
               "too_large", "rate_limited", "unknown_type"],
}


def scripts():
    return sorted(WEB.glob("*.js")) + sorted((WEB / "screens").glob("*.js"))


def used_keys():
    keys = set()
    for path in scripts():
        text = path.read_text(encoding="utf-8")
        keys.update(re.findall(r"\bt\('([a-z0-9_.]+)'", text))
        keys.update(re.findall(r"\btMaybe\('([a-z0-9_.]+)'", text))
        # The navigation is a table of [path, key] (roles.js), translated where it is drawn.
        keys.update(re.findall(r"'(nav\.[a-z_]+)'", text))
    for prefix, values in DYNAMIC.items():
        keys.update(prefix + v for v in values)
    return keys


def load(lang):
    return json.loads((WEB / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))


class Catalogues(unittest.TestCase):
    def test_every_used_key_is_translated(self):
        for lang in ("vi", "en"):
            missing = sorted(used_keys() - load(lang).keys())
            self.assertEqual(missing, [], f"missing in {lang}.json")

    def test_both_languages_have_the_same_keys(self):
        vi, en = load("vi"), load("en")
        self.assertEqual(sorted(vi.keys() - en.keys()), [])
        self.assertEqual(sorted(en.keys() - vi.keys()), [])

    def test_placeholders_agree(self):
        vi, en = load("vi"), load("en")
        for key in vi:
            self.assertEqual(set(re.findall(r"\{(\w+)\}", vi[key])),
                             set(re.findall(r"\{(\w+)\}", en[key])), key)

    def test_no_dynamic_family_is_forgotten(self):
        # A template key t(`family.${x}`) must belong to a family listed above.
        for path in scripts():
            for family in re.findall(r"\bt(?:Maybe)?\(`([a-z0-9_.]+)\$\{", path.read_text(encoding="utf-8")):
                self.assertIn(family, DYNAMIC, f"{path.name}: {family}")


if __name__ == "__main__":
    sys.exit(unittest.main())
