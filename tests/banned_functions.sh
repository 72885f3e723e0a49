#!/bin/sh
# STYLE.md §9: no strcpy, strcat, sprintf, strtok, atoi or gets in the
# product's C code (calls only: a word followed by an opening parenthesis).
set -u
src=$1
found=$(grep -rnE '(^|[^_[:alnum:]])(strcpy|strcat|sprintf|vsprintf|strtok|atoi|gets)[[:space:]]*\(' \
    --include='*.c' --include='*.h' "$src/src" "$src/plugins" "$src/tests/mockapi" |
    grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*|//)')
if [ -n "$found" ]; then
    echo "banned functions in use:"
    echo "$found"
    exit 1
fi
echo "no banned functions"
