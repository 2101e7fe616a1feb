#!/usr/bin/env bash
# CI: every C++ source in the tree is formatted as .clang-format says (Debian's clang-format, 14).
# Lists the files that are not; fix them with: git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format: clang-format is not installed (Debian: clang-format)" >&2; exit 2; }
bad=()
while IFS= read -r f; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.cpp' '*.hpp')
if [ ${#bad[@]} -gt 0 ]; then
  printf 'format: not formatted as .clang-format says:\n'; printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "format: $(git ls-files '*.cpp' '*.hpp' | wc -l) files formatted"
