#!/bin/sh
# run-bench.sh: runs the Tend bench, under Xvfb when there is no display
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-bench.sh BENCH TEND [bench options...]
# `ninja -C _build bench` runs it with the programs it just built.

set -eu

bench=$1
tend=$2
shift 2
set -- "$bench" --tend "$tend" "$@"

# The app registers on the session bus; a bare Xvfb has none, so give it its own.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null 2>&1; then
  set -- dbus-run-session -- "$@"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a -s "-screen 0 1280x800x24" "$@"
  fi
  echo "run-bench.sh: no display and no xvfb-run: the first-frame figure will be skipped" >&2
fi

exec "$@"
