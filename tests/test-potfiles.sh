#!/usr/bin/env bash
# test-potfiles.sh: po/POTFILES.in lists, sorted, every file with translatable strings
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-potfiles.sh [--list] [SOURCE_ROOT]
# With --list it prints the files that belong in POTFILES.in instead of checking it.
# A file missing from POTFILES.in would leave its strings out of the template, and so out of
# every translation, without any other warning; a listed file that is gone breaks `tend-pot`.

set -euo pipefail

list_only=0
if [ "${1:-}" = "--list" ]; then
  list_only=1
  shift
fi
root=${1:-${TEND_SOURCE_ROOT:-$(dirname "$0")/..}}
cd "$root"

potfiles=po/POTFILES.in
failed=0

fail () {
  printf 'FAIL: %s\n' "$*" >&2
  failed=1
}

# C files that call a gettext keyword on a string literal, which may sit on the next line.
# g_dngettext and g_dpgettext2 take the domain (usually NULL) first.
c_files_with_strings () {
  # shellcheck disable=SC2016 # $ARGV is Perl's, not the shell's.
  find src -type f \( -name '*.c' -o -name '*.h' \) -print0 \
    | xargs -0 -r perl -0777 -ne '
        print "$ARGV\n"
          if /(?<![A-Za-z0-9_])
              (?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2) \s* \( \s* (?:NULL \s* , \s*)? "
             /x'
}

# GtkBuilder templates with a translatable property, attribute or item.
ui_files_with_strings () {
  find src resources -type f -name '*.ui' -print0 \
    | xargs -0 -r grep -lE 'translatable="(yes|true|1)"' || true
}

# The desktop entry and metainfo templates always carry a name and summary; a schema is
# listed when it has summaries or descriptions for dconf-editor and friends.
data_files_with_strings () {
  find data -maxdepth 1 -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \) -print
  find data -maxdepth 1 -type f -name '*.gschema.xml' -print0 \
    | xargs -0 -r grep -lE '<(summary|description)>' || true
}

expected=$( { c_files_with_strings; ui_files_with_strings; data_files_with_strings; } \
            | sed 's|^\./||' | LC_ALL=C sort -u)
if [ "$list_only" -eq 1 ]; then
  printf '%s\n' "$expected"
  exit 0
fi

listed=$(grep -vE '^[[:space:]]*(#|$)' "$potfiles" | sed 's/[[:space:]]*$//' || true)

while IFS= read -r file; do
  [ -n "$file" ] || continue
  if ! grep -qxF -- "$file" <<<"$listed"; then
    fail "$file has translatable strings but is missing from $potfiles"
  fi
done <<<"$expected"

while IFS= read -r file; do
  [ -n "$file" ] || continue
  if [ ! -f "$file" ]; then
    fail "$potfiles lists $file, which does not exist"
  elif ! grep -qxF -- "$file" <<<"$expected"; then
    # Not an error: the detection above may miss an unusual call. Said so it can be checked.
    printf 'note: %s is listed in %s but no translatable string was found in it\n' \
      "$file" "$potfiles" >&2
  fi
done <<<"$listed"

if [ "$listed" != "$(LC_ALL=C sort <<<"$listed")" ]; then
  fail "$potfiles is not sorted (sort it with LC_ALL=C sort)"
fi

duplicates=$(LC_ALL=C sort <<<"$listed" | uniq -d)
if [ -n "$duplicates" ]; then
  fail "$potfiles lists more than once: $(tr '\n' ' ' <<<"$duplicates")"
fi

count=$(grep -c . <<<"$expected" || true)
if [ "$failed" -eq 0 ]; then
  printf '%s lists all %s files with translatable strings\n' "$potfiles" "$count"
fi
exit "$failed"
