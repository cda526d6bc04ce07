#!/usr/bin/env bash
# Install a real n8n from npm into a cache folder outside the repository (idempotent).
#   bash test/e2e-n8n/install-n8n.sh 2.8.4     # Node 20 (the machine's node)
#   bash test/e2e-n8n/install-n8n.sh 2.41.1    # first installs node@24 from npm into its own cache folder
# Prints, as its last line, the folder that holds node_modules/.bin/n8n. For 2.4x it also prints
# "NODE_BIN=<dir>" on the line before (prepend it to PATH for every n8n command).
# The pins below are the ones that install against the registry reachable here
# (see /work/shared/notes/n8n-conventions.md §8).
set -euo pipefail
version="${1:?usage: install-n8n.sh <n8n version>}"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/whatsapp-business-toolkit"
dir="$cache_root/n8n-$version"
mkdir -p "$cache_root"
major_minor="$(echo "$version" | cut -d. -f1-2)"
minor="$(echo "$version" | cut -d. -f2)"

log() { echo "[install-n8n $version] $*" >&2; }

needs_node24=false
if [ "$(echo "$version" | cut -d. -f1)" -ge 2 ] && [ "$minor" -ge 20 ]; then needs_node24=true; fi

if $needs_node24; then
  node_dir="$cache_root/node-24"
  if [ ! -x "$node_dir/node_modules/.bin/node" ]; then
    log "installing node@24 from npm into $node_dir"
    rm -rf "$node_dir.tmp" && mkdir -p "$node_dir.tmp"
    (cd "$node_dir.tmp" && echo '{"private":true}' > package.json &&
      npm install node@24 --no-audit --no-fund --loglevel=error >&2)
    rm -rf "$node_dir" && mv "$node_dir.tmp" "$node_dir"
  fi
  export PATH="$node_dir/node_modules/.bin:$PATH"
  log "node $(node --version) from $node_dir"
fi

if [ -f "$dir/.installed" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then
  log "already installed in $dir"
else
  start=$(date +%s)
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  if $needs_node24; then
    cat > "$dir.tmp/package.json" <<JSON
{ "private": true, "dependencies": { "n8n": "$version" },
  "overrides": { "linkedom": "0.18.14", "@langchain/langgraph-checkpoint": "1.0.1", "@langchain/protocol": "0.0.19" } }
JSON
    log "npm install (ignore-scripts) in $dir.tmp"
    (cd "$dir.tmp" && npm install --legacy-peer-deps --ignore-scripts --no-audit --no-fund --loglevel=error >&2 &&
      npm rebuild sqlite3 isolated-vm --loglevel=error >&2)
  else
    cat > "$dir.tmp/package.json" <<JSON
{ "private": true,
  "dependencies": { "n8n": "$version", "@opentelemetry/api": "~1.9.0", "@opentelemetry/core": "^2.12.1", "@opentelemetry/sdk-trace-base": "^2.12.1" },
  "overrides": { "xlsx": "npm:@e965/xlsx@0.20.3", "@langchain/langgraph-checkpoint": "1.0.1" } }
JSON
    log "npm install in $dir.tmp"
    (cd "$dir.tmp" && npm install --legacy-peer-deps --no-audit --no-fund --loglevel=error >&2)
  fi
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  touch "$dir/.installed"
  log "installed in $(( $(date +%s) - start ))s"
fi
if $needs_node24; then echo "NODE_BIN=$node_dir/node_modules/.bin"; fi
echo "$dir"
