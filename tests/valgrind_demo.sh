#!/bin/sh
# The demo job under valgrind: no leaks (definite or indirect), no memory errors.
# The whole report in every format, then a plain fetch.
set -eu
src=$1 bin=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
vg="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9 --suppressions=$src/tests/valgrind.supp"
$vg "$bin" --config "$src/samples/outreport.conf" run weekly-manager \
    --replay "$src/samples/recording" --period 2026-11-16..2026-11-22 --out "$out"
test -s "$out/manifest.json"
$vg "$bin" --config "$src/samples/outreport.conf" fetch salesfinity.call-log \
    --replay "$src/samples/recording" --period 2026-11-16..2026-11-22 -o "$out/calls.csv"
test -s "$out/calls.csv"
