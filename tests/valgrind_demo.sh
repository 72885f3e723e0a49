#!/bin/sh
# The demo job under valgrind: no leaks (definite or indirect), no memory errors.
set -eu
src=$1 bin=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
OUTREPORT_NO_DLCLOSE=1 valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=9 "$bin" --config "$src/samples/outreport.conf" fetch salesfinity.call-log \
    --replay "$src/samples/recording" --period 2026-11-09..2026-11-22 -o "$out/calls.csv"
test -s "$out/calls.csv"
