#!/bin/sh
# deps.sh -- installs, from Debian's packages, whatever pactum's build, tests and benchmarks
# need and this machine lacks. Installs nothing when everything is present.
set -eu
need=""
for pkg in build-essential pkg-config clang libclang-rt-14-dev llvm libsqlite3-dev sqlite3 jq \
  hyperfine time hledger ledger beancount python3-jsonschema libxml2-utils chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
echo "installing Debian packages:$need" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
