#!/usr/bin/env bash
# Lienket quick start: installs what is missing (Debian bookworm packages), builds, and then
#   ./quickstart.sh demo   runs the demo on the embedded default (RocksDB under ./data, loopback)
#   ./quickstart.sh test   runs the whole test suite through ctest
#   ./quickstart.sh build  only builds
# Environment: BUILD_DIR (default build), LIENKET_WERROR=ON to fail on warnings (CI does),
# LIENKET_SANITIZE=address,undefined for a sanitizer build.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(build-essential cmake ninja-build pkg-config ccache git
  libzmq3-dev cppzmq-dev librocksdb-dev libboost-dev libboost-filesystem-dev nlohmann-json3-dev catch2
  libspdlog-dev libcli11-dev libcpp-httplib-dev libqrencode-dev liblemon-dev libglpk-dev libssl-dev zlib1g-dev
  libicu-dev libhowardhinnant-date-dev
  zbar-tools chromium python3 python3-jsonschema clang libclang-rt-14-dev clang-format)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

build() {
  local dir="${BUILD_DIR:-build}"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
    -DLIENKET_WERROR="${LIENKET_WERROR:-OFF}" -DLIENKET_SANITIZE="${LIENKET_SANITIZE:-}" \
    -DLIENKET_BUILD_BENCH=ON
  cmake --build "$dir" -j "$(nproc)"
}

case "${1:-}" in
  demo)
    install_packages
    build
    exec "${BUILD_DIR:-build}/bin/lienket" demo
    ;;
  test)
    install_packages
    build
    exec ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j 2 --timeout 600
    ;;
  build)
    install_packages
    build
    ;;
  *)
    echo "usage: $0 demo|test|build" >&2
    exit 2
    ;;
esac
