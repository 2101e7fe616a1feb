#!/usr/bin/env bash
# Regenerates every plugin's message reference in the protocol pages from a real node that loads every
# in-tree plugin (what tests/integration/docs_test.cpp checks). Usage: tools/update-protocol-docs.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
lienket="$build/bin/lienket"
tmp="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
cat >"$tmp/node.json" <<JSON
{"request_endpoint": "tcp://127.0.0.1:*", "event_endpoint": "tcp://127.0.0.1:*",
 "data_dir": "$tmp/data", "durability": "relaxed", "plugin_dirs": ["$PWD/$build/plugins"],
 "http_any_port": true, "clock": {"mode": "manual", "start": "2026-03-01T08:00:00+07:00"}}
JSON
"$lienket" node --config "$tmp/node.json" --ready-file "$tmp/ready.json" >"$tmp/node.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do [ -s "$tmp/ready.json" ] && break; sleep 0.1; done
endpoint="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["request_endpoint"])' "$tmp/ready.json")"
plugins="$("$lienket" --endpoint "$endpoint" schema | python3 -c 'import json,sys; print(" ".join(p["name"] for p in json.load(sys.stdin)["plugins"]))')"
for plugin in $plugins; do
  page="docs/protocol.md"
  for p in "docs/protocol-$plugin.md" "plugins/$plugin/PROTOCOL.md" "connectors/$plugin/PROTOCOL.md"; do
    [ -f "$p" ] && { page="$p"; break; }
  done
  "$lienket" --endpoint "$endpoint" schema --markdown "$plugin" --write-docs "$page"
  echo "$plugin -> $page"
done
