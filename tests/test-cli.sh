#!/bin/sh
# test-cli.sh: the headless commands of the built tend program, end to end
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli.sh TEND
# Every command runs against databases in a temporary folder, without a display; each
# check names what it expected. $TEND_DATASETS is the folder of the shared data sets.

set -eu

tend=$1
datasets=${TEND_DATASETS:?TEND_DATASETS names the folder of the data sets}
telco="$datasets/telco_customer_churn.csv"

work=$(mktemp -d "${TMPDIR:-/tmp}/tend-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT

# Headless means no display at all, and never the user's own workspace.
unset DISPLAY WAYLAND_DISPLAY TEND_DATABASE || true
export TEND_TODAY=2026-06-30
export XDG_DATA_HOME="$work/xdg-data"

failures=0
checks=0

fail () {
  echo "not ok - $*"
  failures=$((failures + 1))
}

pass () {
  echo "ok - $*"
}

# run STATUS DESCRIPTION ARGUMENTS...: runs tend, keeps its output in $work/out and
# $work/err, and checks the exit status; a failure must say why in exactly one line.
run () {
  expected=$1
  what=$2
  shift 2
  run_program "$expected" "$what" "$tend" "$@"
}

# run_program STATUS DESCRIPTION PROGRAM ARGUMENTS...: the same for any program that runs
# tend, such as a shell or timeout. Nothing may wait for input: stdin is empty.
run_program () {
  expected=$1
  what=$2
  shift 2
  checks=$((checks + 1))

  status=0
  "$@" >"$work/out" 2>"$work/err" </dev/null || status=$?

  if [ "$status" -ne "$expected" ]; then
    fail "$what: exit status $status, expected $expected"
    sed 's/^/#   /' "$work/err"
    return 0
  fi

  if [ "$expected" -ne 0 ]; then
    lines=$(wc -l <"$work/err")
    if [ "$lines" -ne 1 ]; then
      fail "$what: $lines lines on stderr, expected one"
      sed 's/^/#   /' "$work/err"
      return 0
    fi
  fi

  pass "$what"
}

# expect_in FILE TEXT DESCRIPTION
expect_in () {
  checks=$((checks + 1))
  if grep -qF -- "$2" "$1"; then
    pass "$3"
  else
    fail "$3: “$2” not found"
    sed 's/^/#   /' "$1"
  fi
}

# json_value FILE EXPRESSION: a member of the summary JSON, e.g. accounts.total
json_value () {
  python3 -c '
import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."):
    value = value[key]
print(value)' "$1" "$2"
}

expect_json () {
  checks=$((checks + 1))
  value=$(json_value "$1" "$2" 2>/dev/null || echo "(missing)")
  if [ "$value" = "$3" ]; then
    pass "$4"
  else
    fail "$4: $2 is $value, expected $3"
  fi
}

# csv_check FILE CODE: runs Python CODE with `rows`, the records of the CSV file
csv_check () {
  checks=$((checks + 1))
  if python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))
exec(sys.argv[2])' "$1" "$2"; then
    pass "$3"
  else
    fail "$3"
  fi
}

# --- Usage -----------------------------------------------------------------------------

run 0 "--version" --version
expect_in "$work/out" "tend " "--version prints the version"
run 0 "--help" --help
expect_in "$work/out" "summary" "--help lists the commands"
run 0 "export --help" export --help
expect_in "$work/out" "--band" "export --help lists its options"
run 2 "an unknown option" summary --no-such-option
run 2 "export without a file" export
run 2 "an unknown band" --database "$work/none.db" export "$work/x.csv" --band purple
run 2 "an unknown sort key" --database "$work/none.db" export "$work/x.csv" --sort weight
run 2 "a bad date" --database "$work/none.db" summary --as-of 30/06/2026
run 2 "help on an unknown command" help frobnicate

# Any word where a command belongs, and any option the window does not take, is a usage
# error of the command line; the window never opens for them.
run 2 "an unknown command" frobnicate
expect_in "$work/err" "tend: unknown command “frobnicate”; see tend --help" "the error names the unknown command"
run 2 "an unknown command after --database" --database "$work/none.db" frobnicate
expect_in "$work/err" "unknown command “frobnicate”" "the error names the command after --database"
run 2 "an unknown option" --frobnicate
expect_in "$work/err" "tend: unknown option “--frobnicate”; see tend --help" "the error names the unknown option"
run 2 "--database without a path" --database
expect_in "$work/err" "--database needs a path" "the error says --database needs a path"
run 2 "-d without a path" -d
run 2 "an empty --database" --database "" summary
expect_in "$work/err" "The path given to --database is empty" "the error says the path is empty"
run 2 "an empty --database alone" --database ""
run 2 "an empty --database=" --database= summary
run 2 "an empty --database after the command" summary --database ""
expect_in "$work/err" "The path given to --database is empty" "the command's own --database is checked too"
run 1 "-d chooses the workspace as --database does" -d "$work/none.db" summary
expect_in "$work/err" "$work/none.db" "the error names the workspace given with -d"
checks=$((checks + 1))
if grep -q "GLib-GIO" "$work/err"; then fail "GApplication ran"; else pass "GApplication never ran"; fi
run 2 "sample with too few days" --database "$work/few.db" sample --days 1
expect_in "$work/err" "--days is a whole number from 30" "the error gives the fewest days"
checks=$((checks + 1))
if [ -e "$work/few.db" ]; then fail "the refused sample left a workspace"; else pass "the refused sample left no workspace"; fi

# --- A missing or damaged workspace ------------------------------------------------------

run 1 "summary of a missing workspace" --database "$work/none.db" summary
expect_in "$work/err" "$work/none.db" "the error names the missing workspace"
checks=$((checks + 1))
if [ -e "$work/none.db" ]; then fail "summary created a workspace"; else pass "summary created nothing"; fi

head -c 8192 /dev/urandom >"$work/corrupt.db"
printf 'not a database, whatever the bytes say' | dd of="$work/corrupt.db" conv=notrunc 2>/dev/null
run 1 "summary of a corrupt database" --database "$work/corrupt.db" summary
expect_in "$work/err" "$work/corrupt.db" "the error names the corrupt file"
run 1 "import into a corrupt database" --database "$work/corrupt.db" import "$telco" --mapping telco

# --- The sample workspace -----------------------------------------------------------------

sample="$work/sample.db"
run 0 "sample" --database "$sample" sample --accounts 60 --days 120 --seed 7
run 1 "sample into a workspace that has accounts" --database "$sample" sample --accounts 10
run 0 "summary of the sample" --database "$sample" summary
expect_in "$work/out" "Accounts: 60 " "the summary counts the sample's 60 accounts"
expect_in "$work/out" "Logo churn, last 12 months:" "the summary gives the logo churn"
run 0 "summary --json of the sample" --database "$sample" summary --json
cp "$work/out" "$work/sample.json"
expect_json "$work/sample.json" accounts.total 60 "the JSON counts 60 accounts"
expect_json "$work/sample.json" as_of 2026-06-30 "the JSON is as of the pinned today"

TEND_DATABASE="$sample" run 0 "export chosen by \$TEND_DATABASE" export "$work/all.csv" --bom --sort arr --desc
csv_check "$work/all.csv" '
assert rows[0][0] == "Name", rows[0]
assert len(rows) == 61, len(rows)
arr = rows[0].index("ARR")
values = [float(r[arr]) for r in rows[1:]]
assert values == sorted(values, reverse=True)
' "the export has a header and 60 accounts, by ARR descending"
checks=$((checks + 1))
if [ "$(head -c 3 "$work/all.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ]; then
  pass "--bom writes a byte order mark"
else
  fail "--bom writes a byte order mark"
fi

run 0 "export of the red band" --database "$sample" export "$work/red.csv" --band red
csv_check "$work/red.csv" '
band = rows[0].index("Health band")
assert all(r[band] == "red" for r in rows[1:]), rows
' "the red export holds only red accounts"

run 0 "export to the standard output" --database "$sample" export - --status churned
csv_check "$work/out" '
status = rows[0].index("Status")
assert all(r[status] == "churned" for r in rows[1:]), rows
' "the piped export holds only churned accounts"

# An export never replaces the workspace it reads, nor anything that is not a regular file.
run 1 "export over the open workspace" --database "$sample" export "$sample"
expect_in "$work/err" "it is the workspace Tend has open" "the error says the file is the workspace"
ln -s "$sample" "$work/sample-link.csv"
run 1 "export over a link to the workspace" --database "$sample" export "$work/sample-link.csv"
run 0 "summary after the refused exports" --database "$sample" summary
expect_in "$work/out" "Accounts: 60 " "the workspace is intact after the refused exports"
mkfifo "$work/pipe.csv"
run 1 "export into a named pipe" --database "$sample" export "$work/pipe.csv"
expect_in "$work/err" "it is a named pipe (FIFO), not a file" "the error says what the path is"
expect_in "$work/err" "“-”" "the error tells how to write to the standard output"
checks=$((checks + 1))
if [ -p "$work/pipe.csv" ]; then pass "the pipe is left a pipe"; else fail "the pipe was replaced"; fi

run 1 "export into a missing folder" --database "$sample" export "$work/no/such/folder/x.csv"
expect_in "$work/err" "$work/no/such/folder/x.csv" "the error names the file"
run 1 "export for an unknown owner" --database "$sample" export "$work/o.csv" --owner "Nobody Here"
run 0 "recompute" --database "$sample" recompute
run 0 "scorecards" --database "$sample" scorecards
expect_in "$work/out" "(active)" "one scorecard is active"
run 0 "mappings" --database "$sample" mappings
expect_in "$work/out" "telco" "the telco mapping is listed"

# --- The Telco data set --------------------------------------------------------------------

db="$work/telco.db"
run 1 "import of a missing file" --database "$db" import "$work/missing.csv" --mapping telco
expect_in "$work/err" "$work/missing.csv" "the error names the missing file"
run 2 "import without a file" --database "$db" import
run 1 "import with an unknown mapping" --database "$db" import "$telco" --mapping no-such-mapping

# Guessing a mapping reads the header and then the whole file again: a pipe cannot be read
# twice, so without --mapping it is refused at once (never waiting for a writer); with it,
# a pipe imports.
mkfifo "$work/pipe-in.csv"
run_program 1 "import of a named pipe without --mapping" timeout 60 "$tend" --database "$work/pipe.db" import "$work/pipe-in.csv"
expect_in "$work/err" "it is a pipe or a device, which can be read only once" "the error says why a pipe needs --mapping"
expect_in "$work/err" "The new workspace $work/pipe.db was left empty" "the error says the new workspace is left empty"
run_program 1 "import of <(command) without --mapping" bash -c '"$0" --database "$1" import <(cat "$2")' "$tend" "$work/pipe.db" "$telco"
expect_in "$work/err" "Could not import /dev/fd/" "the error names the pipe"
run_program 0 "import of <(command) with --mapping" bash -c '"$0" --database "$1" import <(cat "$2") --mapping telco' "$tend" "$work/pipe.db" "$telco"
expect_in "$work/out" "7043 accounts added" "the piped import read every row"

run 0 "import of the Telco data set" --database "$db" import "$telco" --mapping telco
run 0 "summary --json after the import" --database "$db" summary --json
cp "$work/out" "$work/telco.json"
expect_json "$work/telco.json" accounts.total 7043 "the workspace holds 7043 accounts"
expect_json "$work/telco.json" accounts.churned 1869 "1869 of them churned"
run 0 "summary after the import" --database "$db" summary
expect_in "$work/out" "Accounts: 7043 " "the summary shows 7043 accounts"
expect_in "$work/out" "1869 churned" "the summary shows the churned accounts"
run 0 "scorecards after the import" --database "$db" scorecards
expect_in "$work/out" "Telco (active)" "the telco mapping scored with the Telco scorecard"
run 0 "backtest" --database "$db" backtest
expect_in "$work/out" "AUC" "the backtest reports the AUC"

run 0 "import of the same file again" --database "$db" import "$telco" --mapping telco
run 0 "summary --json after the second import" --database "$db" summary --json
expect_json "$work/out" accounts.total 7043 "a second import updates and never duplicates"

# A new customer, a row with a column too few, a charge that is no amount, and a quote that
# never closes: refused whole by default, the good row alone with --skip-bad-rows.
header=$(head -n 1 "$telco" | tr -d '\r')
good=$(sed -n 2p "$telco" | tr -d '\r' | sed 's/^[^,]*,/ZZZZ-TEND1,/')
short=$(sed -n 3p "$telco" | tr -d '\r' | sed 's/^[^,]*,/ZZZZ-TEND2,/; s/,[^,]*$//')
badcharge=$(sed -n 4p "$telco" | tr -d '\r' | sed 's/^[^,]*,/ZZZZ-TEND3,/; s/,[0-9.]*,\([0-9. ]*\),\(Yes\|No\)$/,lots,\1,\2/')
skippable="$work/skippable.csv"
printf '%s\r\n%s\r\n%s\r\n%s\r\n' "$header" "$good" "$short" "$badcharge" >"$skippable"
bad="$work/bad.csv"
cp "$skippable" "$bad"
printf 'ZZZZ-TEND4,"Female,0,Yes\r\n' >>"$bad"

run 1 "import of a malformed CSV" --database "$db" import "$bad" --mapping telco
expect_in "$work/err" "$bad" "the error names the malformed file"
run 1 "import of bad rows without --skip-bad-rows" --database "$db" import "$skippable" --mapping telco
expect_in "$work/err" "Line 3" "the error gives the line of the first bad row"
run 0 "summary --json after the refused imports" --database "$db" summary --json
expect_json "$work/out" accounts.total 7043 "a refused import changed nothing"
run 0 "import with --skip-bad-rows" --database "$db" import "$skippable" --mapping telco --skip-bad-rows
run 0 "summary --json after skipping bad rows" --database "$db" summary --json
expect_json "$work/out" accounts.total 7044 "the good row was imported and the bad ones skipped"

# --- Dates in the mapping's order ----------------------------------------------------------

# A guessed mapping reads a/b/yyyy month first, for every row: 13/01/2023 is refused rather
# than read day first while 01/02/2023 is read month first.
printf 'id,name,start date\r\nD1,Day One,01/02/2023\r\nD2,Day Two,13/01/2023\r\n' >"$work/dates.csv"
run 1 "import of a date in the other order" --database "$work/dates.db" import "$work/dates.csv"
expect_in "$work/err" "Line 3, column “start date”: “13/01/2023”" "the error gives the line, the column and the date"

# --- Amounts beyond what Tend holds -------------------------------------------------------

# ARRs near the 64-bit limit are refused with their line and column, and nothing is stored;
# amounts at Tend's limit of 10^13 minor units import and add up exactly.
printf 'id,name,arr,currency\r\nH1,Huge One,92233720368547758.07,USD\r\nH2,Huge Two,92233720368547758.07,USD\r\n' >"$work/huge.csv"
run 1 "import of ARRs near the integer maximum" --database "$work/huge.db" import "$work/huge.csv"
expect_in "$work/err" "Line 2, column “arr”: The amount “92233720368547758.07” is too large" "the error gives the line, the column and the value"
expect_in "$work/err" "The new workspace $work/huge.db was left empty" "the error says the new workspace is left empty"
run 0 "summary --json of the workspace the refused import left" --database "$work/huge.db" summary --json
expect_json "$work/out" accounts.total 0 "the refused import stored nothing"
printf 'id,name,arr,currency\r\nL1,At the limit,"100,000,000,000.00",USD\r\nL2,Also,100000000000,USD\r\n' >"$work/limit.csv"
run 0 "import of ARRs at the limit" --database "$work/limit.db" import "$work/limit.csv"
run 0 "summary --json of ARRs at the limit" --database "$work/limit.db" summary --json
expect_json "$work/out" arr_minor 20000000000000 "ARRs at the limit add up exactly"

# A currency sign of another currency is refused, never dropped: ¥1000 is not $1,000.
printf 'id,name,arr,currency\r\nY1,Yen Co,¥1000,USD\r\nE1,Euro Co,€12,USD\r\n' >"$work/signs.csv"
run 1 "import of amounts with another currency's sign" --database "$work/signs.db" import "$work/signs.csv"
expect_in "$work/err" "Line 2, column “arr”: “¥1000”" "the error gives the line, the column and the value with its sign"
run 0 "import of the same rows with --skip-bad-rows" --database "$work/signs.db" import "$work/signs.csv" --skip-bad-rows
expect_in "$work/err" "Line 3, column “arr”: “€12”" "the euro amount in a dollar column is skipped too"
run 0 "summary --json after the signs" --database "$work/signs.db" summary --json
expect_json "$work/out" accounts.total 0 "no amount was read in the wrong currency"

# A workspace that holds such amounts already (written before the limit) gets a summary
# error that names it, not SQLite's bare "integer overflow".
run 0 "sample for the overflow" --database "$work/overflow.db" sample --accounts 5 --days 30
python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE accounts SET arr_minor = 9223372036854775807, status = \x27active\x27, currency = \x27USD\x27, start_date = NULL")
db.commit()' "$work/overflow.db"
run 1 "summary of ARRs that overflow" --database "$work/overflow.db" summary
expect_in "$work/err" "The amounts in $work/overflow.db add up to more than Tend can count" "the overflow error names the workspace"

# An import whose rows are stored but whose rescore fails says which part failed, and
# does not call the workspace empty.
printf 'id,name,arr,currency\r\nS1,Stored One,1200,USD\r\n' >"$work/stored.csv"
run 0 "import before the scorecard breaks" --database "$work/rescore.db" import "$work/stored.csv"
expect_in "$work/out" "its columns guessed from its header" "a guessed mapping is not named as if saved"
python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE scorecards SET definition = \x27{\x27 WHERE is_active")
db.commit()' "$work/rescore.db"
printf 'id,name,arr,currency\r\nS2,Stored Two,2400,USD\r\n' >"$work/stored.csv"
run 1 "import with a broken scorecard" --database "$work/rescore.db" import "$work/stored.csv"
expect_in "$work/err" "The accounts were imported, but their scores were not computed" "the error says the rows are in"
run 0 "summary --json after the rescore failed" --database "$work/rescore.db" summary --json
expect_json "$work/out" accounts.total 2 "both rows are stored"

# --- Done -------------------------------------------------------------------------------------

echo "# $checks checks, $failures failed"
[ "$failures" -eq 0 ]
