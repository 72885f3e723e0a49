#!/bin/sh
# The shipped schedules work as shipped.
#  - outreport@.service and outreport@.timer pass `systemd-analyze verify`
#    (no systemd as PID 1 needed; --man=no: outreport(1) is not installed
#    here), with no warning; the only change made for
#    the test is the binary's path (the build's instead of the installed one).
#  - They say what a service user needs: a dynamic user, the state and cache
#    folders given to outreport through XDG_*, credentials, a zoned calendar.
#  - The cron example (contrib/cron/outreport.cron) runs outreport only when it
#    is Monday 07 o'clock in Berlin, exports the secrets file's variables
#    (set -a) and passes {iso_week} to outreport untouched.
# Usage: scheduling_units.sh SOURCE_ROOT BUILD_ROOT
set -eu
src=$1
build=$(cd "$2" && pwd)
fail() { echo "FAIL: $*"; exit 1; }
command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (scripts/deps installs systemd)"
tmp=$(mktemp -d /tmp/outreport-units-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
exe="$build/src/outreport"
for u in outreport@.service outreport@.timer; do
    sed "s|^ExecStart=[^ ]*/outreport |ExecStart=$exe |" "$build/contrib/$u" >"$tmp/$u"
done
grep -q "^ExecStart=$exe " "$tmp/outreport@.service" || fail "no ExecStart= running outreport"
out=$(systemd-analyze verify --man=no "$tmp/outreport@weekly.service" "$tmp/outreport@weekly.timer" 2>&1) ||
    fail "systemd-analyze verify: $out"
[ -z "$out" ] || fail "systemd-analyze verify warns: $out"

svc="$tmp/outreport@.service"
for line in 'DynamicUser=yes' 'StateDirectory=outreport' 'CacheDirectory=outreport' \
    'Environment=XDG_DATA_HOME=%S XDG_CACHE_HOME=%C' 'LoadCredential=outreport:' \
    'EnvironmentFile=-'; do
    grep -q "^$line" "$svc" || fail "outreport@.service lacks $line"
done
cal=$(sed -n 's/^OnCalendar=//p' "$tmp/outreport@.timer")
case $cal in *" Europe/Berlin") ;; *) fail "OnCalendar=$cal names no zone" ;; esac
systemd-analyze calendar "$cal" >/dev/null || fail "OnCalendar=$cal is not a calendar"
# Its command line is one outreport accepts (--help after it: parsed, not run).
cmd=$(sed -n 's/^ExecStart=[^ ]* //p' "$svc" | sed 's/%i/weekly/g; s|%S|/var/lib|g')
# shellcheck disable=SC2086
"$exe" $cmd --help >/dev/null || fail "outreport refuses the unit's command line: $cmd"

# The cron example, with `date` and `outreport` replaced by stubs.
mkdir -p "$tmp/bin" "$tmp/etc/outreport" "$tmp/log"
cat >"$tmp/bin/date" <<'STUB'
#!/bin/sh
# Monday 07 o'clock only in Berlin; anywhere else another hour.
[ "${TZ:-}" = Europe/Berlin ] && echo "$FAKE_BERLIN" || echo 999
STUB
cat >"$tmp/bin/outreport" <<'STUB'
#!/bin/sh
{ echo "args: $*"; echo "secret: ${SALESFINITY_API_KEY:-unset}"; } >"$OUT_LOG"
STUB
cat >"$tmp/bin/logger" <<'STUB'
#!/bin/sh
echo "logger: $*" >>"$OUT_LOG.logger"
STUB
chmod +x "$tmp/bin/date" "$tmp/bin/outreport" "$tmp/bin/logger"
echo 'SALESFINITY_API_KEY=sk-from-file' >"$tmp/etc/outreport/secrets.env"
line=$(grep -v '^#' "$src/contrib/cron/outreport.cron" | grep '^[0-9*]' | head -1)
grep -qxF "$line" "$src/docs/automation.md" ||
    fail "docs/automation.md does not show the cron line of contrib/cron/outreport.cron"
# cron: five time fields, the user, then the command with \% meaning %.
cmd=$(echo "$line" | sed 's/^\([^ ]* \)\{5\} *[^ ]* *//; s/\\%/%/g' |
    sed "s|/etc/outreport|$tmp/etc/outreport|g; s|/var/log/outreport|$tmp/log|g")
run_cron() {
    rm -f "$tmp/called"
    env -i PATH="$tmp/bin:/usr/bin:/bin" FAKE_BERLIN="$1" OUT_LOG="$tmp/called" /bin/sh -c "$cmd"
}
run_cron 106 || true
[ ! -e "$tmp/called" ] || fail "the cron job ran outside Monday 07 Berlin time"
run_cron 107 || fail "the cron job failed at Monday 07"
grep -q 'secret: sk-from-file' "$tmp/called" || fail "the secrets file's variables were not exported"
grep -q "args: -q batch $tmp/etc/outreport/weekly.ini --out /var/lib/outreport/reports/weekly/{iso_week} --json" \
    "$tmp/called" || fail "outreport got: $(cat "$tmp/called")"
echo "ok: units verified, cron example runs at Monday 07 Berlin time only"
