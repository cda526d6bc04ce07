#!/usr/bin/env bash
# End-to-end in a real n8n: bash test/e2e-n8n/run.sh [version...]   (default: 2.8.4 2.41.1)
#
# 1. installs each n8n version into a cache folder outside the repo (install-n8n.sh; in parallel
#    with the build; skipped when already there),
# 2. npm run build + npm pack (the tarball a user installs),
# 3. per version: jest -c test/e2e-n8n/jest.config.js (every *.e2e.ts), which installs the tarball
#    with the README's manual-install commands into a fresh $N8N_USER_FOLDER/.n8n/nodes, starts the
#    sandboxes, imports credentials and workflows, runs `n8n execute`, `n8n publish:workflow` +
#    `n8n start`, follows the README's "Build a bot in five minutes" through n8n's REST API
#    (readme-bot.e2e.ts), and stops every server it started.
# Exits non-zero when any install or test fails. Never prompts (CI=true).
# E2E_SKIP_BUILD=1 packs the dist/ already built; N8N_E2E_KEEP=true keeps each n8n user folder.
set -euo pipefail
export CI=true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
versions=("$@")
if [ "${#versions[@]}" -eq 0 ]; then versions=(2.8.4 2.41.1); fi

work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-e2e-run.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t0=$(date +%s)
declare -A install_pid
for v in "${versions[@]}"; do
  setsid bash test/e2e-n8n/install-n8n.sh "$v" >"$work/install-$v.out" 2>"$work/install-$v.log" &
  install_pid[$v]=$!
  pids+=("$!")
done

echo "== build + pack (the README's command: npm run build && npm pack)"
if [ "${E2E_SKIP_BUILD:-}" = "1" ]; then
  echo "E2E_SKIP_BUILD=1: packing the existing dist/"
  npm pack >"$work/pack.log"
else
  npm run build && npm pack >"$work/pack.log"
fi
tarball="$(tail -n 1 "$work/pack.log")"
mv "$root/$tarball" "$work/$tarball"
echo "packed $tarball ($(du -k "$work/$tarball" | cut -f1) KiB)"

status=0
for v in "${versions[@]}"; do
  t1=$(date +%s)
  if ! wait "${install_pid[$v]}"; then
    echo "!! n8n $v: install failed" >&2
    tail -n 40 "$work/install-$v.log" >&2
    status=1
    continue
  fi
  dir="$(tail -n 1 "$work/install-$v.out")"
  node_bin="$(sed -n 's/^NODE_BIN=//p' "$work/install-$v.out")"
  echo "== n8n $v ($dir; install waited $(( $(date +%s) - t1 ))s) $(grep -o 'installed in [0-9]*s' "$work/install-$v.log" || echo 'cached')"
  t2=$(date +%s)
  setsid env N8N_E2E_VERSION="$v" N8N_E2E_DIR="$dir" N8N_E2E_NODE_BIN="$node_bin" N8N_E2E_TARBALL="$work/$tarball" \
    node node_modules/jest/bin/jest.js -c test/e2e-n8n/jest.config.js --runInBand --verbose &
  jest_pid=$!
  pids+=("$jest_pid")
  if wait "$jest_pid"; then
    echo "== n8n $v: passed in $(( $(date +%s) - t2 ))s"
  else
    echo "!! n8n $v: FAILED after $(( $(date +%s) - t2 ))s" >&2
    status=1
  fi
done
echo "== e2e total $(( $(date +%s) - t0 ))s, status $status"
exit "$status"
