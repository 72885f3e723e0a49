/* SPDX-License-Identifier: MIT */
/* Command line of mockapi (documented at the top of main.c). */
#include "mockapi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: mockapi --port-file FILE [--port N] [--seed N] [--calls N] [--emails N]\n"
    "               [--start YYYY-MM-DD] [--days N] [--sf-key K] [--sh-key K]\n"
    "               [--unpod-token T] [--unpod-org H] [--unpod-spaces TOK1,TOK2]\n"
    "               [--team-shape payload|data|array|empty] [--fault SPEC]... [--log FILE]\n"
    "               [--rep-email N=VALUE]... [--rep-name N=VALUE]...\n"
    "  SPEC = KIND[:key=value]...   KIND: latency:ms=N | 429[:retry_after=S][:retry_after_date=1]\n"
    "         | 500 | 502 | 503 | malformed | truncated | repeat | auth | drop\n"
    "  keys for every kind: path=/v1/call-log page=N times=N after=N\n"
    "  vendor behaviour: [--sf-paging pages|total-next|next] [--sf-control-chars N]\n"
    "         [--sdr-drift EMAIL] [--sh-auth 400|401] [--sh-envelope code|status|error]\n"
    "         [--sh-rate-limit N/SECONDS] [--sh-team-named 0|1] [--unpod-auth token|jwt]\n"
    "         [--unpod-shape nested|flat] [--unpod-call-logs N]\n";

static int
parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    char *end = NULL;

    if (s == NULL || *s == '\0' || *s == '-' || *s == '+') {
        return -1;
    }
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

static void
set_defaults(struct mock_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->seed = 42;
    cfg->calls = 2000;
    cfg->emails = 1500;
    cfg->start_day = timefmt_days_from_civil(2026, 11, 9);
    cfg->days = 14;
    cfg->sf_key = "test-sf-key";
    cfg->sh_key = "test-sh-key";
    cfg->unpod_token = "test-unpod-token";
    cfg->unpod_org = "acme.example";
    cfg->spaces_arg = "SPACE1NORTHTEAM00000000A,SPACE2SOUTHTEAM00000000B";
    cfg->team_shape = MOCK_TEAM_PAYLOAD;
}

static int
set_number(const char *opt, const char *val, uint64_t max, uint64_t *out)
{
    if (parse_u64(val, max, out) != 0) {
        fprintf(stderr, "mockapi: %s needs an integer in 0..%llu (got '%s')\n", opt,
                (unsigned long long)max, val);
        return -1;
    }
    return 0;
}

/* --rep-email N=VALUE, --rep-name N=VALUE: rep N (0-based) with another
 * e-mail address or name (any bytes, empty included: collision and injection
 * values for the tests of split documents). */
static int
set_rep(struct mock_config *cfg, const char *opt, const char *val)
{
    const char *eq = strchr(val, '=');
    char index[16];
    uint64_t r = 0;
    if (eq == NULL || (size_t)(eq - val) >= sizeof index) {
        fprintf(stderr, "mockapi: %s needs N=VALUE (got '%s')\n", opt, val);
        return -1;
    }
    snprintf(index, sizeof index, "%.*s", (int)(eq - val), val);
    if (set_number(opt, index, MOCK_REPS - 1, &r) != 0) {
        return -1;
    }
    *(strcmp(opt, "--rep-email") == 0 ? &cfg->rep_email[r] : &cfg->rep_name[r]) = eq + 1;
    return 0;
}

static int
set_option(struct mock_config *cfg, const char *opt, const char *val)
{
    uint64_t n = 0;
    static const char *const shapes[] = {"payload", "data", "array", "empty"};

    if (strcmp(opt, "--port-file") == 0) {
        cfg->port_file = val;
    }
    else if (strcmp(opt, "--log") == 0) {
        cfg->log_path = val;
    }
    else if (strcmp(opt, "--port") == 0) {
        if (set_number(opt, val, 65535, &n) != 0) {
            return -1;
        }
        cfg->port = (unsigned)n;
    }
    else if (strcmp(opt, "--revision") == 0) {
        if (set_number(opt, val, 1000, &cfg->revision) != 0) {
            return -1;
        }
    }
    else if (strcmp(opt, "--seed") == 0) {
        if (set_number(opt, val, UINT64_MAX, &cfg->seed) != 0) {
            return -1;
        }
    }
    else if (strcmp(opt, "--calls") == 0 || strcmp(opt, "--emails") == 0) {
        if (set_number(opt, val, 20000000, &n) != 0) {
            return -1;
        }
        *(opt[2] == 'c' ? &cfg->calls : &cfg->emails) = (uint32_t)n;
    }
    else if (strcmp(opt, "--days") == 0) {
        if (set_number(opt, val, 3660, &n) != 0 || n == 0) {
            fprintf(stderr, "mockapi: --days must be 1..3660\n");
            return -1;
        }
        cfg->days = (uint32_t)n;
    }
    else if (strcmp(opt, "--start") == 0) {
        if (timefmt_parse_date(val, &cfg->start_day) != 0) {
            fprintf(stderr, "mockapi: --start needs YYYY-MM-DD (got '%s')\n", val);
            return -1;
        }
    }
    else if (strcmp(opt, "--sf-key") == 0) {
        cfg->sf_key = val;
    }
    else if (strcmp(opt, "--sh-key") == 0) {
        cfg->sh_key = val;
    }
    else if (strcmp(opt, "--unpod-token") == 0) {
        cfg->unpod_token = val;
    }
    else if (strcmp(opt, "--unpod-org") == 0) {
        cfg->unpod_org = val;
    }
    else if (strcmp(opt, "--unpod-spaces") == 0) {
        cfg->spaces_arg = val;
    }
    else if (strcmp(opt, "--team-shape") == 0) {
        size_t k;
        for (k = 0; k < 4 && strcmp(val, shapes[k]) != 0; k++) {
        }
        if (k == 4) {
            fprintf(stderr, "mockapi: --team-shape must be payload, data, array or empty\n");
            return -1;
        }
        cfg->team_shape = (enum mock_team_shape)k;
    }
    else if (strcmp(opt, "--fault") == 0) {
        if (cfg->nfaults == MOCK_MAX_FAULTS) {
            fprintf(stderr, "mockapi: at most %d --fault options\n", MOCK_MAX_FAULTS);
            return -1;
        }
        cfg->faults[cfg->nfaults++] = val;
    }
    else if (strcmp(opt, "--rep-email") == 0 || strcmp(opt, "--rep-name") == 0) {
        return set_rep(cfg, opt, val);
    }
    else {
        int v = vendors_option(cfg, opt, val);
        if (v != 0) {
            if (v > 0) {
                fprintf(stderr, "mockapi: unknown option '%s'\n%s", opt, usage);
            }
            return -1;
        }
    }
    if (*val == '\0' && strcmp(opt, "--fault") != 0) {
        fprintf(stderr, "mockapi: %s needs a non-empty value\n", opt);
        return -1;
    }
    return 0;
}

int
cli_parse(int argc, char **argv, struct mock_config *cfg)
{
    char opt[64];

    set_defaults(cfg);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = NULL;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage, stdout);
            return 1;
        }
        const char *eq = strchr(arg, '=');
        if (strncmp(arg, "--", 2) == 0 && eq != NULL && (size_t)(eq - arg) < sizeof opt) {
            snprintf(opt, sizeof opt, "%.*s", (int)(eq - arg), arg);
            val = eq + 1;
        }
        else {
            snprintf(opt, sizeof opt, "%s", arg);
            if (i + 1 >= argc) {
                fprintf(stderr, "mockapi: %s needs a value\n%s", arg, usage);
                return -1;
            }
            val = argv[++i];
        }
        if (set_option(cfg, opt, val) != 0) {
            return -1;
        }
    }
    if (cfg->port_file == NULL) {
        fprintf(stderr, "mockapi: --port-file is required\n%s", usage);
        return -1;
    }
    return 0;
}
