#!/usr/bin/env bash
# MCP checks run by .ci/run after `npm test` (which builds the server):
#   1. MCP Inspector CLI (devDependency, runs on Node 20): tools/list with --strict schema
#      portability checks and tool calls, over stdio and over HTTP, against the embedded sandbox;
#      then the same strict listing and a connection call with WHATSAPP_PROVIDER=maton against
#      the sandbox's Maton flavor (a provider with its own tools), and the strict listing for
#      WHATSAPP_PROVIDER=onprem and itnio.
#   2. The official conformance suite (@modelcontextprotocol/conformance, needs Node 22): installed
#      with node@22 into a cache folder outside the repository (skipped when already there with the
#      same versions), run over loopback HTTP against the built server.
# Needs no prompt (CI=true is fine); every server it starts is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

CONFORMANCE_VERSION="0.1.16"
NODE22_VERSION="22.23.3"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/whatsapp-business-toolkit/mcp-conformance"
SCENARIOS=(server-initialize ping tools-list dns-rebinding-protection logging-set-level)
EXPECTED_TOOLS=24 # with the embedded sandbox: the 23 Cloud API tools and whatsapp_simulate_customer_message
EXPECTED_MATON_TOOLS=26
EXPECTED_ONPREM_TOOLS=21
EXPECTED_ITNIO_TOOLS=10
BIN="$ROOT/mcp/bin/whatsapp-business-mcp.js"
SANDBOX_BIN="$ROOT/sandbox/bin/whatsapp-sandbox.js"
TOKEN="ci-checks-$(node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("hex"))')"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/wa-mcp-ci.XXXXXX")"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
pass() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s\n' "$*" >&2
  exit 1
}

# Evaluates a JavaScript expression over the JSON in a file (bound to `j`); fails when falsy.
check_json() {
  local file="$1" expression="$2" label="$3"
  node -e '
    const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    if (!(eval(process.argv[2]))) { console.error(JSON.stringify(j).slice(0, 2000)); process.exit(1); }
  ' "$file" "$expression" || fail "$label"
  pass "$label"
}

[ -f "$ROOT/mcp/dist/src/cli.js" ] || npx --no-install tsc -b mcp
[ -f "$ROOT/sandbox/dist/cli.js" ] || npx --no-install tsc -b sandbox

INSPECTOR=""
for candidate in "$ROOT/mcp/node_modules/.bin/mcp-inspector" "$ROOT/node_modules/.bin/mcp-inspector"; do
  if [ -x "$candidate" ]; then
    INSPECTOR="$candidate"
    break
  fi
done
[ -n "$INSPECTOR" ] || fail "the MCP Inspector is not installed (devDependency @modelcontextprotocol/inspector of mcp/)"

# Runs the Inspector CLI; stdout to $WORK/$1.json, stderr to $WORK/$1.err; returns its exit code.
inspector() {
  local name="$1"
  shift
  local code=0
  timeout 120 "$INSPECTOR" --cli "$@" --format json >"$WORK/$name.json" 2>"$WORK/$name.err" || code=$?
  return "$code"
}

# Starts the server over HTTP on a free loopback port; sets SERVER_URL.
start_http_server() {
  local name="$1"
  shift
  node "$BIN" --http --port 0 --auth-token "$TOKEN" --data-dir "$WORK/$name" "$@" 2>"$WORK/$name.log" &
  PIDS+=("$!")
  local i
  for i in $(seq 1 100); do
    SERVER_URL="$(sed -n 's/.*MCP endpoint: \(http:\/\/[^ ]*\)\/mcp .*/\1/p' "$WORK/$name.log" | head -n 1)"
    [ -n "$SERVER_URL" ] && return 0
    sleep 0.1
  done
  cat "$WORK/$name.log" >&2
  fail "the HTTP server did not start"
}

step "MCP Inspector CLI over stdio (embedded sandbox)"
STDIO=(node "$BIN" --data-dir "$WORK/stdio")
inspector stdio-list "${STDIO[@]}" --method tools/list --strict || fail "inspector tools/list --strict exited $? (see $(cat "$WORK/stdio-list.err"))"
check_json "$WORK/stdio-list.json" "j.result.tools.length === $EXPECTED_TOOLS && !j.schemaFindings" "tools/list --strict: $EXPECTED_TOOLS tools, no schema portability findings"
check_json "$WORK/stdio-list.json" "j.result.tools.every(t => t.title && t.description && t.inputSchema.type === 'object' && t.outputSchema && t.annotations)" "every tool has title, description, input and output schema, annotations"

inspector stdio-send "${STDIO[@]}" --method tools/call --tool-name whatsapp_send_template \
  --tool-args-json '{"to":"+1 650 555 1234","template":{"name":"hello_world","language":"en_US"}}' || fail "inspector tools/call whatsapp_send_template exited $?"
check_json "$WORK/stdio-send.json" "j.result.structuredContent.status === 'accepted' && /^wamid\\./.test(j.result.structuredContent.messageId)" "whatsapp_send_template: accepted with a message id"

code=0
inspector stdio-refused "${STDIO[@]}" --method tools/call --tool-name whatsapp_send_text \
  --tool-args-json '{"to":"16505551234","text":{"body":"hi"}}' || code=$?
[ "$code" -eq 5 ] || fail "a free-form send outside the window should be an isError result (Inspector exit 5), got exit $code"
check_json "$WORK/stdio-refused.json" "j.result.isError === true && /131047/.test(j.result.content[0].text) && /template/.test(j.result.content[0].text)" "whatsapp_send_text outside the window: isError with the 131047 hint (exit 5)"

step "MCP Inspector CLI over Streamable HTTP"
start_http_server http
HTTP_TARGET=(--transport http --server-url "$SERVER_URL/mcp" --header "Authorization: Bearer $TOKEN")
inspector http-list "${HTTP_TARGET[@]}" --method tools/list --strict || fail "inspector (HTTP) tools/list --strict exited $?"
check_json "$WORK/http-list.json" "j.result.tools.length === $EXPECTED_TOOLS && !j.schemaFindings" "HTTP tools/list --strict: $EXPECTED_TOOLS tools, no findings"
inspector http-send "${HTTP_TARGET[@]}" --method tools/call --tool-name whatsapp_send_template \
  --tool-args-json '{"to":"447700900123","template":{"name":"hello_world","language":"en_US"}}' || fail "inspector (HTTP) tools/call exited $?"
check_json "$WORK/http-send.json" "j.result.structuredContent.status === 'accepted'" "HTTP whatsapp_send_template: accepted"
code=0
timeout 60 "$INSPECTOR" --cli --transport http --server-url "$SERVER_URL/mcp" --method tools/list --stored-auth-only >"$WORK/http-noauth.out" 2>&1 || code=$?
[ "$code" -ne 0 ] || fail "tools/list without the bearer token should fail"
pass "HTTP without the bearer token is refused (Inspector exit $code)"

step "MCP Inspector CLI over stdio with WHATSAPP_PROVIDER=maton (sandbox --flavor maton)"
MATON_KEY="ci-maton-$(node -e 'process.stdout.write(require("crypto").randomBytes(12).toString("hex"))')"
node "$SANDBOX_BIN" --flavor maton --port 0 --token "$MATON_KEY" >"$WORK/maton-sandbox.log" 2>&1 &
PIDS+=("$!")
MATON_URL=""
for i in $(seq 1 100); do
  MATON_URL="$(sed -n 's/.*listening on \(http:\/\/[^ ]*\).*/\1/p' "$WORK/maton-sandbox.log" | head -n 1)"
  [ -n "$MATON_URL" ] && break
  sleep 0.1
done
[ -n "$MATON_URL" ] || {
  cat "$WORK/maton-sandbox.log" >&2
  fail "the Maton sandbox did not start"
}
MATON_STDIO=(-e WHATSAPP_PROVIDER=maton -e "MATON_API_KEY=$MATON_KEY" -e "MATON_GATEWAY_URL=$MATON_URL" -e "MATON_CONTROL_URL=$MATON_URL"
  -e WHATSAPP_PHONE_NUMBER_ID=100000000000001 -e WHATSAPP_WABA_ID=200000000000001 node "$BIN" --data-dir "$WORK/maton")
inspector maton-list "${MATON_STDIO[@]}" --method tools/list --strict || fail "inspector (maton) tools/list --strict exited $? (see $(cat "$WORK/maton-list.err"))"
check_json "$WORK/maton-list.json" "j.result.tools.length === $EXPECTED_MATON_TOOLS && !j.schemaFindings" "maton tools/list --strict: $EXPECTED_MATON_TOOLS tools, no schema portability findings"
check_json "$WORK/maton-list.json" "j.result.tools.some(t => t.name === 'whatsapp_list_connections') && !j.result.tools.some(t => t.name === 'whatsapp_download_media')" "maton lists its connection tools and no media download"
inspector maton-connections "${MATON_STDIO[@]}" --method tools/call --tool-name whatsapp_list_connections --tool-args-json '{"status":"ACTIVE"}' ||
  fail "inspector (maton) tools/call whatsapp_list_connections exited $?"
check_json "$WORK/maton-connections.json" "j.result.structuredContent.count >= 1 && !JSON.stringify(j).includes('$MATON_KEY')" "whatsapp_list_connections through the Maton flavor: an ACTIVE connection, the key never shown"

# Listing calls no provider, so the schemas of the On-Premises and ITNIO tools are checked without a sandbox.
step "MCP Inspector CLI tools/list --strict with WHATSAPP_PROVIDER=onprem and itnio (schemas only)"
inspector onprem-list -e WHATSAPP_PROVIDER=onprem -e WHATSAPP_ONPREM_BASE_URL=https://127.0.0.1:9/v1 -e WHATSAPP_ONPREM_USERNAME=admin \
  -e "WHATSAPP_ONPREM_PASSWORD=$TOKEN" node "$BIN" --data-dir "$WORK/onprem" --method tools/list --strict || fail "inspector (onprem) tools/list --strict exited $?"
check_json "$WORK/onprem-list.json" "j.result.tools.length === $EXPECTED_ONPREM_TOOLS && !j.schemaFindings && j.result.tools.some(t => t.name === 'whatsapp_get_health')" "onprem tools/list --strict: $EXPECTED_ONPREM_TOOLS tools, no findings"
inspector itnio-list -e WHATSAPP_PROVIDER=itnio -e "ITNIO_API_KEY=$TOKEN" -e "ITNIO_API_SECRET=$TOKEN" -e ITNIO_APP_ID=DGziZf5u -e ITNIO_BUSINESS_PHONE=15550000001 \
  -e ITNIO_BASE_URL=https://127.0.0.1:9 node "$BIN" --data-dir "$WORK/itnio" --method tools/list --strict || fail "inspector (itnio) tools/list --strict exited $?"
check_json "$WORK/itnio-list.json" "j.result.tools.length === $EXPECTED_ITNIO_TOOLS && !j.schemaFindings" "itnio tools/list --strict: $EXPECTED_ITNIO_TOOLS tools, no findings"

step "Conformance suite $CONFORMANCE_VERSION on Node $NODE22_VERSION (cache: $CACHE)"
NODE22="$CACHE/node_modules/node/bin/node"
CONFORMANCE="$CACHE/node_modules/@modelcontextprotocol/conformance/dist/index.js"
installed_version() {
  node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch { }' "$1"
}
if [ "$(installed_version "$CACHE/node_modules/@modelcontextprotocol/conformance/package.json")" = "$CONFORMANCE_VERSION" ] &&
  [ "$(installed_version "$CACHE/node_modules/node/package.json")" = "$NODE22_VERSION" ] &&
  [ "$("$NODE22" --version 2>/dev/null)" = "v$NODE22_VERSION" ]; then
  pass "already installed"
else
  mkdir -p "$CACHE"
  printf '{ "name": "mcp-conformance-cache", "private": true }\n' >"$CACHE/package.json"
  (cd "$CACHE" && npm install --no-audit --no-fund --no-package-lock --loglevel=error \
    "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION" "node@$NODE22_VERSION") >"$WORK/conformance-install.log" 2>&1 ||
    {
      cat "$WORK/conformance-install.log" >&2
      fail "installing the conformance suite"
    }
  [ "$("$NODE22" --version 2>/dev/null)" = "v$NODE22_VERSION" ] || fail "node@$NODE22_VERSION did not install a working binary at $NODE22"
  pass "installed @modelcontextprotocol/conformance@$CONFORMANCE_VERSION and node@$NODE22_VERSION"
fi

start_http_server conformance
# The suite cannot send a bearer token: a loopback proxy adds it and passes Host and Origin through.
MCP_PROXY_TARGET="$SERVER_URL" MCP_PROXY_TOKEN="$TOKEN" node "$ROOT/mcp/scripts/auth-proxy.mjs" >"$WORK/proxy.port" 2>"$WORK/proxy.err" &
PIDS+=("$!")
for i in $(seq 1 50); do
  [ -s "$WORK/proxy.port" ] && break
  sleep 0.1
done
PROXY_PORT="$(head -n 1 "$WORK/proxy.port")"
[ -n "$PROXY_PORT" ] || fail "the auth proxy did not start"

failed=0
for scenario in "${SCENARIOS[@]}"; do
  if timeout 120 "$NODE22" "$CONFORMANCE" server --url "http://127.0.0.1:$PROXY_PORT/mcp" --scenario "$scenario" \
    -o "$WORK/conformance-results" >"$WORK/conformance-$scenario.log" 2>&1; then
    pass "conformance $scenario ($(grep -Eo 'Passed: *[0-9]+/[0-9]+' "$WORK/conformance-$scenario.log" | head -n 1 || true))"
  else
    cat "$WORK/conformance-$scenario.log" >&2
    printf 'FAIL conformance %s\n' "$scenario" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] || fail "conformance scenarios failed"

step "MCP checks passed"
