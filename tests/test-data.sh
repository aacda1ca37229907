#!/usr/bin/env bash
# test-data.sh: the Flatpak manifest, desktop entry, metainfo, schema and icons agree
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-data.sh SOURCE_ROOT APP_ID VERSION GETTEXT_PACKAGE DESKTOP_FILE METAINFO_FILE
# The validators in data/meson.build check each file on its own; this checks what they
# cannot: that the files name the same application, version and icons, and that the Flatpak
# manifest is one flatpak-builder reads without complaint and asks for no more than Tend needs.

set -euo pipefail

if [ "$#" -ne 6 ]; then
  echo "usage: $0 SOURCE_ROOT APP_ID VERSION GETTEXT_PACKAGE DESKTOP_FILE METAINFO_FILE" >&2
  exit 2
fi

root=$1
app_id=$2
version=$3
gettext_package=$4
desktop_file=$5
metainfo_file=$6

manifest=$root/flatpak/$app_id.json
schema=$root/data/$app_id.gschema.xml
icon=$root/data/icons/hicolor/scalable/apps/$app_id.svg
symbolic_icon=$root/data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg
failed=0

fail () {
  printf 'FAIL: %s\n' "$*" >&2
  failed=1
}

check_manifest_is_read_cleanly () {
  local stderr_file

  stderr_file=$(mktemp)
  # --show-manifest exits 0 even for unknown keys or values of the wrong type, and only
  # warns on stderr, so any output there is a failure.
  if ! flatpak-builder --show-manifest "$manifest" >/dev/null 2>"$stderr_file"; then
    fail "flatpak-builder --show-manifest rejects $manifest: $(cat "$stderr_file")"
  elif [ -s "$stderr_file" ]; then
    fail "flatpak-builder warns about $manifest: $(cat "$stderr_file")"
  fi
  rm -f "$stderr_file"
}

check_manifest_contents () {
  python3 - "$manifest" "$app_id" <<'PYTHON' || failed=1
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
problems = []
try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
except ValueError as e:
    sys.exit(f"FAIL: {path} is not valid JSON: {e}")

def expect(key, value):
    if manifest.get(key) != value:
        problems.append(f"{key} is {manifest.get(key)!r}, expected {value!r}")

expect("id", app_id)
expect("command", "tend")
expect("runtime", "org.gnome.Platform")
expect("sdk", "org.gnome.Sdk")
if manifest.get("runtime-version") is None:
    problems.append("runtime-version is missing")

# Everything Tend may ask of the sandbox. Files come and go through the portals, so no
# --filesystem; the network is there for the connectors to SaaS APIs.
allowed = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri",
           "--share=network"}
for arg in manifest.get("finish-args", []):
    if arg not in allowed:
        problems.append(f"finish-args asks for {arg}, which Tend does not need")
for arg in ("--socket=wayland", "--socket=fallback-x11", "--share=ipc"):
    if arg not in manifest.get("finish-args", []):
        problems.append(f"finish-args lacks {arg}, which a GTK application needs")

modules = manifest.get("modules", [])
last = modules[-1] if modules and isinstance(modules[-1], dict) else {}
if last.get("name") != "tend" or last.get("buildsystem") != "meson":
    problems.append("the last module is not tend built with meson")
sources = last.get("sources", [])
if not any(s.get("type") == "dir" and s.get("path") == ".." for s in sources):
    problems.append("the tend module is not built from the source tree (type dir, path ..)")

for problem in problems:
    print(f"FAIL: {path}: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PYTHON
}

check_desktop_entry () {
  local key value

  for key in Icon Exec; do
    value=$(sed -n "s/^$key=//p" "$desktop_file" | head -n 1)
    case $key in
      Icon) [ "$value" = "$app_id" ] || fail "$desktop_file: Icon is '$value', not $app_id" ;;
      Exec) [ "${value%% *}" = "tend" ] || fail "$desktop_file: Exec is '$value', not tend" ;;
    esac
  done
}

check_metainfo_and_schema () {
  python3 - "$metainfo_file" "$schema" "$app_id" "$version" "$gettext_package" <<'PYTHON' \
    || failed=1
import sys
import xml.etree.ElementTree as ET

metainfo_path, schema_path, app_id, version, gettext_package = sys.argv[1:]
problems = []

component = ET.parse(metainfo_path).getroot()
if component.findtext("id") != app_id:
    problems.append(f"{metainfo_path}: id is {component.findtext('id')!r}, not {app_id}")
launchable = component.find("launchable")
if launchable is None or launchable.text != f"{app_id}.desktop":
    problems.append(f"{metainfo_path}: launchable is not {app_id}.desktop")
releases = component.findall("releases/release")
if not releases or releases[0].get("version") != version:
    newest = releases[0].get("version") if releases else None
    problems.append(f"{metainfo_path}: the newest release is {newest}, but meson says {version}")
for release in releases:
    if release.find("description") is None:
        problems.append(f"{metainfo_path}: release {release.get('version')} has no notes")
screenshots = component.findall("screenshots/screenshot")
if not screenshots:
    problems.append(f"{metainfo_path}: no screenshots")
for number, shot in enumerate(screenshots, start=1):
    # The merged file also holds a translated caption per language; the untranslated one counts.
    captions = [c for c in shot.findall("caption")
                if "{http://www.w3.org/XML/1998/namespace}lang" not in c.attrib]
    if not captions or not (captions[0].text or "").strip():
        problems.append(f"{metainfo_path}: screenshot {number} has no caption")
if component.find("content_rating") is None:
    problems.append(f"{metainfo_path}: no content rating")
if component.findtext("translation") != gettext_package:
    problems.append(f"{metainfo_path}: translation domain is not {gettext_package}")

schemalist = ET.parse(schema_path).getroot()
if schemalist.get("gettext-domain") != gettext_package:
    problems.append(f"{schema_path}: gettext-domain is not {gettext_package}")
if [s.get("id") for s in schemalist.findall("schema")] != [app_id]:
    problems.append(f"{schema_path}: expected the one schema {app_id}")

for problem in problems:
    print(f"FAIL: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PYTHON
}

check_icons () {
  python3 - "$icon" "$symbolic_icon" <<'PYTHON' || failed=1
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
icon_path, symbolic_path = sys.argv[1:]
problems = []

def load(path):
    try:
        return ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        problems.append(f"{path}: {e}")
        return None

icon = load(icon_path)
if icon is not None and icon.tag != SVG + "svg":
    problems.append(f"{icon_path}: not an SVG document")

symbolic = load(symbolic_path)
if symbolic is not None:
    if (symbolic.get("width"), symbolic.get("height")) != ("16", "16"):
        problems.append(f"{symbolic_path}: a symbolic icon is drawn at 16×16")
    # GTK recolours a symbolic icon by overriding fills, so a stroke or a second colour
    # would not follow the theme.
    colours = set()
    for element in symbolic.iter():
        if element.get("stroke") not in (None, "none"):
            problems.append(f"{symbolic_path}: <{element.tag[len(SVG):]}> has a stroke")
        if element.get("fill") not in (None, "none"):
            colours.add(element.get("fill"))
    if len(colours) > 1:
        problems.append(f"{symbolic_path}: more than one colour: {sorted(colours)}")

for problem in problems:
    print(f"FAIL: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PYTHON
}

check_manifest_is_read_cleanly
check_manifest_contents
check_desktop_entry
check_metainfo_and_schema
check_icons

if [ "$failed" -eq 0 ]; then
  echo "the Flatpak manifest, desktop entry, metainfo, schema and icons agree"
fi
exit "$failed"
