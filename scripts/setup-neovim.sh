#!/usr/bin/env bash
# Installs the editor the language server's end-to-end tests drive: Debian's Neovim (0.7.2 on Debian 12),
# run headless with its built-in LSP client and no plugins. Installed once; later runs only check it.
# Prints the path of the nvim binary.
set -euo pipefail

log() { printf '[setup-neovim] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! dpkg -s neovim >/dev/null 2>&1; then
  log "apt: installing neovim"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends neovim >/dev/null
fi
command -v nvim
