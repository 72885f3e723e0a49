/* SPDX-License-Identifier: MIT */
/*
 * mockapi — impersonates the Salesfinity, Saleshandy and Unpod APIs on
 * 127.0.0.1 with deterministic generated data and injectable faults, for
 * integration tests and benchmarks of outreport.
 *
 * COMMAND LINE
 *   mockapi --port-file FILE [--port N] [--seed N] [--calls N] [--emails N]
 *           [--start YYYY-MM-DD] [--days N] [--sf-key K] [--sh-key K]
 *           [--unpod-token T] [--unpod-org H] [--unpod-spaces TOK1,TOK2]
 *           [--team-shape payload|data|array|empty] [--fault SPEC]... [--log FILE]
 *           [--revision N] [--rep-email N=VALUE]... [--rep-name N=VALUE]...
 *   Options also accept --opt=value.
 *
 *   --port-file FILE  required. After listening, "<port>\n" is written to
 *                     FILE.tmp.<pid> and renamed to FILE, so a test can poll
 *                     for FILE and read a complete port number.
 *   --port N          0 (default) = any free port. Only 127.0.0.1 is bound.
 *   --seed N          42. Same arguments => byte-identical responses.
 *   --calls N         2000 Salesfinity calls (up to 20,000,000).
 *   --emails N        1500 Saleshandy consolidated-stats rows (sent e-mails).
 *   --start, --days   2026-11-09, 14: every call and e-mail is sent/started in
 *                     [start 00:00Z, start+days 00:00Z).
 *   --sf-key K        "test-sf-key"      Salesfinity x-api-key
 *   --sh-key K        "test-sh-key"      Saleshandy x-api-key or "Authorization: Bearer K"
 *   --unpod-token T   "test-unpod-token" Unpod "Authorization: jwt T"
 *   --unpod-org H     "acme.example"     Unpod Org-Handle
 *   --unpod-spaces L  "SPACE1NORTHTEAM00000000A,SPACE2SOUTHTEAM00000000B"
 *   --team-shape S    team/stats body: payload (default) {"message","payload":
 *                     {"data":[...],"total":n}}, data {"data":[...]}, array [...],
 *                     empty {"message":"ok"}.
 *   --revision N      0: the data as generated; N: the same records later edited
 *                     (revision.c), for tests of upserts and snapshots.
 *   --rep-email N=VALUE, --rep-name N=VALUE
 *                     rep N (0..11) with another e-mail address, or another
 *                     name (first and last at the first space), everywhere
 *                     it appears: any bytes, empty included (collision and
 *                     injection values for split documents: "a/b@x", CR/LF).
 *   --log FILE        appends "METHOD PATH QUERY STATUS[ fault=KINDS]" per API
 *                     request (QUERY "-" if none; secrets never logged; STATUS
 *                     0 = dropped).
 *   Runs until SIGTERM or SIGINT, then exits 0. Exit 2 on a bad command line,
 *   1 when start-up fails.
 *
 * ENDPOINTS
 *   GET  /v1/call-log                         Salesfinity (x-api-key)
 *   GET  /v1/analytics/list-performance       Salesfinity (x-api-key)
 *   POST /v1/analytics/consolidated-stats     Saleshandy
 *   POST /v1/analytics/team/stats             Saleshandy
 *   GET  /api/v2/platform/organisation/analytics/   Unpod (slash optional)
 *   GET  /v1/dispositions, /v1/analytics/sdr-performance       Salesfinity (vendors.c)
 *   GET  /v1/sequences, /v1/team-members                       Saleshandy (shlists.c)
 *   GET  /api/v2/platform/call-logs/, /api/v2/platform/spaces/ Unpod (unpodcalls.c)
 *   GET  /__stats    {"requests":N,"by_path":{"/v1/call-log":n,...},"faults_fired":n}
 *   GET  /__catalog  generated ids (reps, lists, sequences, spaces) and totals
 *   The two /__ endpoints need no auth, are never faulted and are not counted.
 *   Semantics of each endpoint are documented at the top of its source file
 *   (calllog.c, listperf.c, consolidated.c, teamstats.c, unpod.c, vendors.c,
 *   shlists.c, unpodcalls.c).
 *
 * VENDOR BEHAVIOUR beyond the seed pages (DESIGN.md §6a); defaults are the
 * real vendors' as far as they are known:
 *   --sf-paging pages|total-next|next  call-log paging fields (default pages)
 *   --sf-control-chars N   raw control characters in every Nth transcription
 *   --sdr-drift EMAIL      sdr-performance counts one more connected call for that rep
 *   --sh-auth 400|401      a wrong Saleshandy key: 400 "1001: Invalid token" (default)
 *   --sh-envelope code|status|error   Saleshandy's error body {code,type,message}
 *                          (default), {statusCode,messages}, {error,error_code,error_message}
 *   --sh-rate-limit N/S    at most N Saleshandy requests per S-second window, with
 *                          x-ratelimit-remaining/-reset on every response, 429 beyond
 *   --sh-team-named 0|1    team stats under payload["Email Analytics"], numbers as text
 *   --unpod-auth token|jwt the scheme Unpod expects: "Token <key>" (default) or "jwt <token>"
 *   --unpod-shape nested|flat  analytics' data shape (default nested, the seed page's)
 *   --unpod-call-logs N    AI agent calls in the window (default 400)
 *
 * DATA (all a function of the arguments)
 *   12 reps (fixed names and e-mails, some mixed-case; ids from the seed),
 *   8 contact lists, 4096 contacts, Salesfinity's 14 default dispositions and
 *   a custom one (15, "Demo booked", positive), call sequences seq_12345 seq_67890 seq_24680
 * seq_13579 seq_11235 (not shown in call records; ~20% of calls have none), 5 e-mail sequences.
 *   call-log total without filters == --calls; consolidated-stats rows over
 *   the whole window == --emails; list-performance total_calls summed over
 *   the lists == the call-log total for the same window and user/disposition
 *   filters; team-stats emailSent summed over reps == consolidated rows in
 *   the window; Unpod org numbers == the sum over the spaces.
 *
 * FAULTS: --fault SPEC, repeatable; SPEC = KIND[:key=value]...
 *   Keys for every kind:
 *     path=/v1/call-log  only that path (trailing slash ignored); default all
 *     page=N             only requests for page N: query `page` for GET (absent
 *                        = 1), body pageNum (or page) for POST; default any
 *     times=N            fire at most N times; default unlimited
 *     after=N            let the first N matching requests through
 *   Kinds:
 *     latency[:ms=N]     answer N ms (default 1000) later; combines with the
 *                        others, and delayed requests do not hold up other requests
 *     429[:retry_after=S][:retry_after_date=1]
 *                        429 with "Retry-After: S" (seconds) or, with
 *                        retry_after_date=1, an HTTP-date S (default 1) seconds ahead
 *     500 | 503          JSON error body;  502  HTML error body (like a proxy)
 *     malformed          200 whose body is not valid JSON
 *     truncated          the real response, Content-Length of the full body,
 *                        but only the first half is sent, then the connection closes
 *     repeat             paging never ends, from page N on (page=N is a threshold
 *                        here, default 1); combines. call-log: data of page N,
 *                        pagination.page 1, pages = real pages + 1000000.
 *                        consolidated-stats: hasMore true, nextPageNumber = the
 *                        requested pageNum. list-performance: next = the
 *                        requested page. Other endpoints: no effect.
 *     auth               401 with the vendor's body whatever the credentials
 *     drop               close the connection without any response
 *   Hostile kinds (hostile.c), for the client's memory and time limits:
 *     endless            200, a chunked JSON body that never ends
 *     huge_length        200, Content-Length 2000000000, filler as long as read
 *     gzip_bomb[:mb=N]   200, Content-Encoding: gzip, ~1 MB that inflates to N MB
 *                        of zeros (default 1024)
 *     trickle[:ms=N]     the real response, one byte every N ms (default 1000)
 *     page_count[:count=N][:field=K]  the real response with the first value of
 *                        key K (default pages) set to N (default 10^13)
 *     nul[:field=K]      the real response, "\u0000" opening the first string
 *                        value of key K (default from)
 *     bigint[:field=K]   the real response, the first value of key K (default
 *                        to) replaced by the integer 123456789012345678901234567890
 *     wide[:count=N][:field=K]  the real response with N (default 2500, at most
 *                        100000) keys "x_1": 1 ... added at the end of the (flat)
 *                        object holding the first key K (default userId): a
 *                        team-stats record wider than SQLite's 2000 columns
 *   Faults are tried in command-line order; latency and repeat combine with
 *   others; the first other fault that fires decides the response, and later
 *   ones do not count the request. Each firing increments faults_fired.
 *   Example: --fault 429:path=/v1/call-log:page=2:times=1:retry_after=1
 */
#include "mockapi.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
write_port_file(const char *path, unsigned port)
{
    char tmp[4096];
    FILE *f = NULL;

    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) {
        fprintf(stderr, "mockapi: --port-file path too long\n");
        return -1;
    }
    f = fopen(tmp, "w");
    if (f == NULL) {
        perror(tmp);
        return -1;
    }
    int bad = fprintf(f, "%u\n", port) < 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        perror(path);
        unlink(tmp);
        return -1;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    struct mock_config cfg;
    struct mock_ctx ctx;
    struct server *srv = NULL;
    struct mock_data *data = NULL;
    sigset_t stop;
    unsigned port = 0;
    int status = 1;
    int sig = 0;
    char err[256];

    memset(&ctx, 0, sizeof ctx);
    int rc = cli_parse(argc, argv, &cfg);
    if (rc != 0) {
        return rc > 0 ? 0 : 2;
    }
    ctx.cfg = &cfg;
    ctx.faults = faults_new();
    if (ctx.faults == NULL) {
        goto fail;
    }
    for (size_t i = 0; i < cfg.nfaults; i++) {
        if (faults_add(ctx.faults, cfg.faults[i], err, sizeof err) != 0) {
            fprintf(stderr, "mockapi: --fault %s: %s\n", cfg.faults[i], err);
            status = 2;
            goto fail;
        }
    }

    /* Block the stop signals before MHD starts its threads: they inherit the
     * mask and only sigwait() below receives SIGTERM/SIGINT. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    data = data_new(&cfg);
    if (data != NULL) {
        revision_apply(data, cfg.revision);
    }
    ctx.data = data;
    ctx.calls = callset_cache_new();
    ctx.emails = emailset_cache_new();
    ctx.stats = stats_new(cfg.log_path);
    if (data == NULL || ctx.calls == NULL || ctx.emails == NULL || ctx.stats == NULL) {
        fprintf(stderr, "mockapi: start-up failed\n");
        goto fail;
    }
    srv = server_start(&ctx, cfg.port, &port);
    if (srv == NULL || write_port_file(cfg.port_file, port) != 0) {
        goto fail;
    }
    if (sigwait(&stop, &sig) != 0) {
        goto fail;
    }
    status = 0;

fail:
    server_stop(srv);
    stats_free(ctx.stats);
    emailset_cache_free(ctx.emails);
    callset_cache_free(ctx.calls);
    data_free(data);
    faults_free(ctx.faults);
    return status;
}
