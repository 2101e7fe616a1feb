#!/usr/bin/env bash
# Lienket quick start: installs what is missing (Debian bookworm packages), builds, and then
#   ./quickstart.sh demo   runs the demo on the embedded default (RocksDB under ./data, loopback)
#   ./quickstart.sh test   runs the whole test suite through ctest
#   ./quickstart.sh serve  runs the demo, then keeps the node and its web console up (Ctrl-C stops)
#   ./quickstart.sh build  only builds
# Environment: BUILD_DIR (default build), LIENKET_WERROR=ON to fail on warnings (CI does),
# LIENKET_SANITIZE=address,undefined for a sanitizer build.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(build-essential cmake ninja-build pkg-config ccache git
  libzmq3-dev cppzmq-dev librocksdb-dev libboost-dev libboost-filesystem-dev nlohmann-json3-dev catch2
  libspdlog-dev libcli11-dev libcpp-httplib-dev libqrencode-dev liblemon-dev libglpk-dev libssl-dev zlib1g-dev
  libicu-dev libhowardhinnant-date-dev libsodium-dev libxml2-dev openssl
  zbar-tools python3 python3-jsonschema clang libclang-rt-14-dev clang-format
  libjs-leaflet libjs-chart.js
  chromium chromium-driver python3-selenium)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js and npm run the tests' independent OpenAPI validator (tools/openapi-check); any
  # install that provides npm will do (Debian's nodejs + npm packages, or NodeSource's nodejs).
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

# The npm packages the tests use, at the versions package-lock.json pins (npm's registry only).
install_npm_tools() {
  [ -d tools/openapi-check/node_modules ] && return 0
  (cd tools/openapi-check && npm ci --no-audit --no-fund --loglevel=error)
}

build() {
  local dir="${BUILD_DIR:-build}"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
    -DLIENKET_WERROR="${LIENKET_WERROR:-OFF}" -DLIENKET_SANITIZE="${LIENKET_SANITIZE:-}" \
    -DLIENKET_BUILD_BENCH=ON -DLIENKET_REQUIRE_BROWSER_TESTS="${LIENKET_REQUIRE_BROWSER_TESTS:-ON}"
  cmake --build "$dir" -j "$(nproc)"
}

case "${1:-}" in
  demo)
    install_packages
    build
    exec "${BUILD_DIR:-build}/bin/lienket" demo
    ;;
  serve)
    install_packages
    build
    exec "${BUILD_DIR:-build}/bin/lienket" demo --serve
    ;;
  test)
    install_packages
    install_npm_tools
    build
    exec ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j 2 --timeout 600
    ;;
  build)
    install_packages
    build
    ;;
  *)
    echo "usage: $0 demo|serve|test|build" >&2
    exit 2
    ;;
esac
