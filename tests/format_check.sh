#!/bin/sh
# STYLE.md §9: every C file is formatted by clang-format with the checked-in
# .clang-format (Debian's clang-format, which scripts/deps installs).
# Fix with: clang-format -i FILE
set -u
src=$1
cd "$src" || exit 1
if ! command -v clang-format >/dev/null 2>&1; then
    echo "clang-format is not installed (scripts/deps installs it)"
    exit 1
fi
bad=0
for f in $(git ls-files '*.c' '*.h' 2>/dev/null || find src plugins include tests bench -name '*.[ch]'); do
    if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
        echo "not formatted: $f (clang-format -i $f)"
        bad=1
    fi
done
[ "$bad" -eq 0 ] && echo "every C file is formatted"
exit "$bad"
