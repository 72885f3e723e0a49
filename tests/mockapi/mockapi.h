/* SPDX-License-Identifier: MIT */
/*
 * mockapi: shared types of the mock vendor API server used by the tests.
 * See main.c for the command line and the fault syntax.
 *
 * Ownership: struct mock_data is built once at start-up and is read-only
 * while the server runs, so handlers on every pool thread read it without
 * locks. The mutable parts (filter caches, fault counters, statistics) live
 * behind their own mutexes.
 */
#ifndef MOCKAPI_H
#define MOCKAPI_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "jsonw.h"

#define MOCK_REPS 12
#define MOCK_LISTS 8
/* The vendor's 14 default dispositions and the account's one custom (15). */
#define MOCK_DISPOSITIONS 15
#define MOCK_CALL_SEQUENCES 5
#define MOCK_EMAIL_SEQUENCES 5
#define MOCK_CLIENTS 3
#define MOCK_CONTACTS 4096
#define MOCK_MAX_SPACES 32
#define MOCK_MAX_FAULTS 64

#define MOCK_DAY_MS INT64_C(86400000)

/* ---- deterministic pseudo-random numbers (splitmix64) ---- */

struct mock_rng {
    uint64_t state;
};

static inline uint64_t
mock_mix64(uint64_t z)
{
    z += UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* A value fixed by (seed, a, b): used to derive text fields on demand. */
static inline uint64_t
mock_hash(uint64_t seed, uint64_t a, uint64_t b)
{
    return mock_mix64(seed ^ mock_mix64(a * UINT64_C(0x100000001b3) + b));
}

static inline uint64_t
mock_rng_next(struct mock_rng *r)
{
    r->state += UINT64_C(0x9e3779b97f4a7c15);
    uint64_t z = r->state;
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. */
static inline uint32_t
mock_rng_below(struct mock_rng *r, uint32_t n)
{
    return (uint32_t)(((mock_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [0, 1). */
static inline double
mock_rng_unit(struct mock_rng *r)
{
    return (double)(mock_rng_next(r) >> 11) * 0x1p-53;
}

/* ---- configuration (cli.c) ---- */

enum mock_team_shape { MOCK_TEAM_PAYLOAD = 0, MOCK_TEAM_DATA, MOCK_TEAM_ARRAY, MOCK_TEAM_EMPTY };

/* Salesfinity call-log paging: documented {total,page,limit,pages}, a
 * connector's {total,page,next}, or {page,next} alone. */
enum mock_sf_paging { MOCK_SF_PAGES = 0, MOCK_SF_TOTAL_NEXT, MOCK_SF_NEXT_ONLY };

/* Saleshandy error envelopes: {code,type,message}, {statusCode,message},
 * {error,error_code,error_message}. */
enum mock_sh_envelope { MOCK_SH_CODE = 0, MOCK_SH_STATUS, MOCK_SH_ERROR };

/* How the mock behaves where the vendors go beyond their seed pages
 * (vendors.c; documented in main.c).  Defaults are the real vendors'. */
struct mock_vendor_opts {
    enum mock_sf_paging sf_paging;
    uint32_t sf_control_chars; /* every Nth transcription holds raw control characters; 0 none */
    const char *sdr_drift;     /* e-mail of a rep whose vendor totals differ by one, or NULL */
    int sh_auth_401;           /* a wrong key gets 401 instead of 400 "1001: Invalid token" */
    enum mock_sh_envelope sh_envelope;
    uint32_t sh_rate_limit;    /* requests per window to Saleshandy; 0 no limit */
    uint32_t sh_rate_window_s; /* window length in seconds */
    int sh_team_named;         /* team stats under payload["Email Analytics"], numbers as text */
    int unpod_jwt;             /* the key is a JWT: "jwt <token>" (else "Token <key>") */
    int unpod_flat;            /* analytics in the flat shape */
    uint32_t unpod_call_logs;  /* AI agent calls in the window */
};

/* All strings are borrowed from argv (or are literals) and live forever. */
struct mock_config {
    const char *port_file;
    unsigned port;
    uint64_t seed;
    uint32_t calls;
    uint32_t emails;
    int64_t start_day; /* days since 1970-01-01 */
    uint32_t days;
    const char *sf_key;
    const char *sh_key;
    const char *unpod_token;
    const char *unpod_org;
    const char *spaces_arg; /* comma list, split by data.c */
    enum mock_team_shape team_shape;
    const char *log_path;
    uint64_t revision; /* --revision: later versions of the same records (revision.c) */
    const char *faults[MOCK_MAX_FAULTS];
    size_t nfaults;
    struct mock_vendor_opts vendor;
    const char *rep_email[MOCK_REPS]; /* --rep-email N=VALUE, or NULL: names.c's */
    const char *rep_name[MOCK_REPS];  /* --rep-name N="FIRST LAST", or NULL: names.c's */
};

/**
 * @brief Parse argv into cfg (defaults first).
 * @return 0 to run, 1 when --help was printed, -1 after printing an error.
 */
int cli_parse(int argc, char **argv, struct mock_config *cfg);

/* ---- static text tables (names.c) ---- */

struct names_rep {
    const char *first_name;
    const char *last_name;
    const char *email;   /* mixed case on purpose for some */
    int tz_offset_min;   /* fixed offset used for e-mail dates */
    const char *tz_long; /* "India Standard Time" */
    const char *tz_iana; /* "Asia/Kolkata" */
    unsigned weight;     /* share of generated calls */
};

struct names_pair {
    const char *display; /* UTF-8 */
    const char *ascii;   /* slug for e-mail addresses */
};

struct names_list {
    const char *name;
    const char *source;
    unsigned owner; /* rep index */
    unsigned weight;
};

struct names_disposition {
    const char *external_id;   /* as call records carry it */
    const char *external_name; /* as call records carry it */
    const char *name;          /* as GET /v1/dispositions lists it */
    const char *category;      /* positive, neutral, negative, not_answered, cancelled */
    int is_custom;
    int positive; /* category positive (exclude_negative_dispositions keeps these) */
};

struct names_sequence {
    const char *title;
    unsigned owner;
    unsigned senders[3];
    unsigned nsenders;
    int client; /* index into names_clients, -1 none */
};

struct names_client {
    const char *first_name;
    const char *last_name;
    const char *email;
    const char *status;
    const char *company;
};

extern const struct names_rep names_reps[MOCK_REPS];
extern const struct names_list names_lists[MOCK_LISTS];
/* Index 1..15 is internal_id (15 the custom one); index 0 unused. */
extern const struct names_disposition names_dispositions[MOCK_DISPOSITIONS + 1];
/* Index 1..5; index 0 means "no sequence". */
extern const char *const names_call_sequences[MOCK_CALL_SEQUENCES + 1];
extern const struct names_sequence names_sequences[MOCK_EMAIL_SEQUENCES];
extern const struct names_client names_clients[MOCK_CLIENTS];
extern const struct names_pair names_first[];
extern const size_t names_first_count;
extern const struct names_pair names_last[];
extern const size_t names_last_count;
extern const struct names_pair names_companies[]; /* ascii = mail domain */
extern const size_t names_companies_count;
extern const char *const names_titles[];
extern const size_t names_titles_count;
extern const char *const names_links[];
extern const size_t names_links_count;
/* Reply categories; index 0 ("") is used for rows without a reply. */
extern const char *const names_sentiments[];
extern const size_t names_sentiments_count;

/* ---- generated data (data.c) ---- */

enum mock_outcome { MOCK_ANSWERED = 0, MOCK_NO_ANSWER, MOCK_CANCELLED };
enum mock_direction { MOCK_OUTBOUND = 0, MOCK_INBOUND };
enum mock_answered_by { MOCK_BY_NONE = 0, MOCK_BY_HUMAN, MOCK_BY_MACHINE };

/* How an optional field is written when it has no value. */
enum mock_absent { MOCK_OMIT = 0, MOCK_NULL, MOCK_EMPTY, MOCK_TEXT };

#define MOCK_CALL_RECORDING 0x01u
#define MOCK_CALL_COMPLETED 0x02u
#define MOCK_CALL_CONTACT_EMPTY 0x04u

/* One call: 32 bytes; text fields are derived from (seed, index) on demand. */
struct mock_call {
    int64_t started_ms;
    uint32_t duration_s;
    uint32_t updated_after_s; /* updatedAt - createdAt */
    uint16_t contact;
    uint16_t created_after_ms; /* createdAt - ended_at */
    uint8_t rep;
    uint8_t list;
    uint8_t sequence;    /* 0 none, 1..5 */
    uint8_t disposition; /* 0 none, 1..14 */
    uint8_t outcome;
    uint8_t direction;
    uint8_t answered_by;
    uint8_t flags;
    uint8_t notes; /* enum mock_absent */
    uint8_t summary;
    uint8_t transcription;
    uint8_t absent; /* enum mock_absent for answered_by (bits 0-1),
                       disposition (2-3), recording_url (4-5) */
};

#define MOCK_EMAIL_REPLIED 0x01u
#define MOCK_EMAIL_BOUNCED 0x02u
#define MOCK_EMAIL_UNSUBSCRIBED 0x04u
#define MOCK_EMAIL_DELETED 0x08u
#define MOCK_EMAIL_SHORT_OFFSET 0x10u  /* "GMT+5:30 (Asia/Kolkata)" spelling */
#define MOCK_EMAIL_REPLY_UNDATED 0x20u /* replied, but "Replied At" is "" */
#define MOCK_EMAIL_NO_NAME 0x40u       /* "Recipient name" is "" */

/* One sent e-mail (a consolidated-stats row): 32 bytes. */
struct mock_email {
    int64_t sent_ms;
    uint32_t open_after_s; /* last open - sent */
    uint32_t click_after_s;
    uint32_t reply_after_s;
    uint16_t bounce_after_s;
    uint16_t recipient; /* contact index */
    uint8_t sequence;   /* 0..4 */
    uint8_t step;       /* 1..4 */
    uint8_t sender;     /* rep index */
    uint8_t open_count;
    uint8_t click_count;
    uint8_t sentiment; /* index into names_sentiments */
    uint8_t link;
    uint8_t flags;
};

struct mock_rep {
    char id[25];    /* salesfinity user _id */
    char sh_id[11]; /* saleshandy user id */
    char phone[16]; /* the rep's dialer number */
    const struct names_rep *n;
};

struct mock_contact {
    const char *first_name;
    const char *last_name;
    const char *company;
    const char *title;
    char email[96];
    char phone[20];
    char name_lc[96]; /* "first last", ASCII lower-cased */
    char company_lc[96];
    uint8_t list;
    uint8_t good_phone;
    uint8_t company_null; /* served as "company": null (and not searched) */
};

struct mock_list {
    char id[25];
    const struct names_list *n;
};

struct mock_sequence {
    char id[11];
    char client_id[11];
    const struct names_sequence *n;
};

struct mock_space {
    const char *token;
    uint32_t total_calls;
    uint32_t interested;
    uint32_t call_back;
    uint32_t send_details;
    uint32_t not_interested;
    uint32_t not_connected;
    uint32_t failed;
    double avg_success_score;
    uint32_t completed;
    uint32_t tasks_failed;
    uint32_t pending;
    uint32_t in_progress;
};

struct mock_data {
    uint64_t seed;
    int64_t window_start_ms; /* [start, end) of every generated event */
    int64_t window_end_ms;
    struct mock_rep reps[MOCK_REPS];
    struct names_rep team[MOCK_REPS]; /* what reps[r].n points to: names.c's, overridden */
    char *team_names[MOCK_REPS];      /* owned copies of --rep-name values, split in place */
    struct mock_list lists[MOCK_LISTS];
    struct mock_sequence sequences[MOCK_EMAIL_SEQUENCES];
    struct mock_contact *contacts; /* MOCK_CONTACTS */
    struct mock_call *calls;       /* sorted by started_ms */
    uint32_t ncalls;
    uint32_t *by_created;      /* call indices, ascending createdAt */
    uint32_t *by_duration;     /* call indices, ascending duration */
    struct mock_email *emails; /* sorted by sent_ms */
    uint32_t nemails;
    struct mock_space spaces[MOCK_MAX_SPACES];
    size_t nspaces;
    char *spaces_buf; /* owned copy the tokens point into */
};

/** @brief Generate everything from cfg. @return owned data, NULL on failure. */
struct mock_data *data_new(const struct mock_config *cfg);
void data_free(struct mock_data *d); /* NULL ok */

/**
 * @brief Revision N of the data (revision.c): the same records, later edited
 * -- every tenth call set to disposition 1 (Meeting Set) and updated N hours
 * later, every space's totals grown by 10 * N calls.  0 changes nothing.
 */
void revision_apply(struct mock_data *d, uint64_t revision);

static inline int64_t
mock_call_ended_ms(const struct mock_call *c)
{
    return c->started_ms + (int64_t)c->duration_s * 1000;
}

static inline int64_t
mock_call_created_ms(const struct mock_call *c)
{
    return mock_call_ended_ms(c) + c->created_after_ms;
}

/* ---- derived text (text.c); buffers are NUL-terminated, truncated to fit ---- */

void text_notes(const struct mock_data *d, uint32_t i, char *buf, size_t n);
void text_summary(const struct mock_data *d, uint32_t i, char *buf, size_t n);
void text_transcription(const struct mock_data *d, uint32_t i, char *buf, size_t n);
/* 24 lower-case hex digits, ObjectId-like: the first 8 encode `secs`. */
void text_object_id(uint64_t h, int64_t secs, char out[25]);
/* `len` characters of [A-Za-z0-9] from h, then NUL. */
void text_alnum(uint64_t h, char *out, size_t len);

/* ---- time (timefmt.c) ---- */

int64_t timefmt_days_from_civil(int64_t y, unsigned m, unsigned d);
void timefmt_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);
/* 0 = Sunday. */
int timefmt_weekday(int64_t days);
/* Exactly YYYY-MM-DD. @return 0 ok, -1 invalid. */
int timefmt_parse_date(const char *s, int64_t *days);
/*
 * ISO 8601 date or date-time: YYYY-MM-DD[(T| )HH:MM[:SS[.fff]][Z|±HH[:]MM]].
 * A date-time without zone is UTC. *date_only tells which form it was.
 */
int timefmt_parse_iso(const char *s, int64_t *ms, int *date_only);
/*
 * Bound of a half-open range [start, end) from a query value: a start is its
 * instant (a date means 00:00:00Z that day); an end that is a date means the
 * whole day (exclusive bound = next midnight UTC), a date-time is inclusive
 * (exclusive bound = instant + 1 ms). @return 0 ok, -1 invalid.
 */
int timefmt_range_bound(const char *s, int is_end, int64_t *out_ms);
/* "2024-01-15T14:30:00.000Z" into buf (>= 25 bytes). */
void timefmt_iso_ms(int64_t ms, char *buf, size_t n);
/*
 * JavaScript Date.prototype.toString() in a fixed offset:
 * "Thu Dec 18 2024 10:59:29 GMT+0530 (India Standard Time)", or with
 * short_offset "… GMT+5:30 (Asia/Kolkata)".
 */
void timefmt_js(int64_t ms, int offset_min, int short_offset, const char *zone, char *buf,
                size_t n);
/* RFC 7231 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT". */
void timefmt_http(int64_t secs, char *buf, size_t n);

/* ---- one HTTP request and its response ---- */

struct mock_param {
    const char *key;   /* URL-decoded; borrowed from MHD */
    const char *value; /* may be NULL ("?flag") */
};

struct mock_request {
    void *conn; /* struct MHD_Connection *, for headers */
    const char *method;
    const char *path;
    const struct mock_param *params;
    size_t nparams;
    const char *body; /* NUL-terminated; "" for none */
    size_t body_len;
    long page;        /* page asked for (query or body), 0 unknown */
    int repeat;       /* a `repeat` fault is active */
    long repeat_page; /* its threshold page (>= 1) */
};

#define MOCK_MAX_HEADERS 3

struct mock_response {
    int status;
    char *body; /* owned, malloc'ed */
    size_t len;
    size_t nheaders; /* extra response headers (rate limits) */
    const char *header_name[MOCK_MAX_HEADERS];
    char header_value[MOCK_MAX_HEADERS][48];
};

struct callset_cache;
struct emailset_cache;
struct faults;
struct stats;

struct mock_ctx {
    const struct mock_config *cfg;
    const struct mock_data *data;
    struct callset_cache *calls;
    struct emailset_cache *emails;
    struct faults *faults;
    struct stats *stats;
};

/* An endpoint handler. @return 0 with *out filled, -1 on allocation failure. */
typedef int route_fn(const struct mock_ctx *ctx, const struct mock_request *req,
                     struct mock_response *out);

route_fn calllog_handle;
route_fn listperf_handle;
route_fn consolidated_handle;
route_fn teamstats_handle;
route_fn unpod_handle;
route_fn catalog_handle;
route_fn dispositions_handle;   /* vendors.c */
route_fn sdrperf_handle;        /* vendors.c */
route_fn sequences_handle;      /* shlists.c */
route_fn teammembers_handle;    /* shlists.c */
route_fn unpod_calllogs_handle; /* unpodcalls.c */
route_fn unpod_spaces_handle;   /* unpodcalls.c */

/* page, limit, next (null on the last page; the same page when @p repeat) and
 * prev of a Salesfinity analytics response (listperf.c). */
void listperf_page_links(struct jsonw *w, long page, long limit, long total, int repeat);

/* ---- vendor behaviour (vendors.c) ---- */

/*
 * Option OPT VAL of struct mock_vendor_opts.
 * @return 0 when taken, 1 when OPT is not a vendor option, -1 after an error message.
 */
int vendors_option(struct mock_config *cfg, const char *opt, const char *val);
/* The vendor's KPIs of call i: connected (human, answered category), conversation, meeting. */
void vendors_call_kpi(const struct mock_call *c, int *connected, int *conversation, int *meeting);
/*
 * [start, end) of an analytics request: start_date and end_date, dates
 * (YYYY-MM-DD) being local days in the `timezone` parameter (UTC without).
 * @return NULL, or the 400 message.
 */
const char *vendors_analytics_window(const struct mock_request *req, int64_t *start, int64_t *end);
/* A Saleshandy error body in the configured envelope, e.g. 400 "1001: Invalid token". */
int vendors_sh_error(const struct mock_ctx *ctx, struct mock_response *out, int status, int code,
                     const char *message);
/* A Saleshandy request with a wrong key: 400 "1001: Invalid token" (or 401). */
int vendors_sh_unauthorized(const struct mock_ctx *ctx, struct mock_response *out);
/*
 * Saleshandy's rate limit: 1 and a 429 in *out when the window is used up;
 * 0 otherwise.  Either way the window's headers go into *out.
 */
int vendors_sh_rate(const struct mock_ctx *ctx, struct mock_response *out);
/* Unpod's Authorization and Org-Handle: 1 when good, 0 with the error in *out, -1 on OOM. */
int unpod_check(const struct mock_ctx *ctx, const struct mock_request *req,
                struct mock_response *out);

/* Header value or NULL (server.c; case-insensitive name). */
const char *server_header(const struct mock_request *req, const char *name);

/* ---- response helpers (response.c) ---- */

/* Copy a literal JSON body. */
int response_literal(struct mock_response *r, int status, const char *json);
/* {"message": <text>} with proper escaping. */
int response_message(struct mock_response *r, int status, const char *text);
/* Take the writer's buffer as the body (the writer is emptied). */
int response_take(struct mock_response *r, int status, struct jsonw *w);

/* ---- query helpers (query.c) ---- */

/* First value of `key`, or NULL. A key without "=value" yields "". */
const char *query_get(const struct mock_request *req, const char *key);

typedef int query_item_fn(void *arg, const char *item);

/*
 * Call fn for each item of the list parameter `base`: accepts `base`,
 * `base[]` and `base[N]`, repeated, each value also split on commas; items
 * are trimmed of blanks, brackets and quotes, empty items skipped.
 * @return number of items, or -1 when fn returned non-zero (stops).
 */
int query_list(const struct mock_request *req, const char *base, query_item_fn *fn, void *arg);
/*
 * limit (1..100, default 10) and page (>= 1, default 1) of a GET endpoint.
 * @return NULL when valid, else the 400 message.
 */
const char *query_paging(const struct mock_request *req, long *limit, long *page);
/* Strict decimal integer within [min, max]. @return 0 ok, -1 invalid. */
int query_parse_long(const char *s, long min, long max, long *out);
/* true/false/1/0 (case-insensitive). @return 0 ok, -1 invalid. */
int query_parse_bool(const char *s, int *out);
/* 1 when path is route, ignoring trailing slashes of path; route has none. */
int query_path_equal(const char *route, const char *path);

/* ---- JSON request bodies (body.c) ---- */

/* The body as a JSON object (owned: json_decref), NULL when malformed. */
json_t *body_parse(const struct mock_request *req);
/* Integer member (integral numbers and numeric strings too); absent or null
 * gives dflt. @return 0 ok, -1 wrong type. */
int body_long(const json_t *obj, const char *key, long dflt, long *out);
/* String member, borrowed; absent or null gives NULL. @return 0 ok, -1 wrong type. */
int body_string(const json_t *obj, const char *key, const char **out);
/*
 * Call fn for each string of the array member `key`.
 * @return number of strings (0 when absent or null), -1 when the member is
 * not an array of strings.
 */
int body_list(const json_t *obj, const char *key, query_item_fn *fn, void *arg);
/* pageNum (or page) of a JSON body: default 1, 0 when unreadable. */
long body_page(const char *body, size_t len);

/* ---- id lists to bit masks (ids.c): query_item_fn callbacks ---- */

struct ids_ctx {
    const struct mock_data *d;
    uint32_t mask; /* bits of the ids found */
    int bad;       /* set (and fn returns 1) on a malformed item */
};

int ids_add_rep(void *arg, const char *item);
int ids_add_list(void *arg, const char *item);
int ids_add_call_sequence(void *arg, const char *item);   /* bit 1..5 */
int ids_add_disposition(void *arg, const char *item);     /* bit 1..14; integers only */
int ids_add_email_sequence(void *arg, const char *item);  /* bit 0..4 */
int ids_add_saleshandy_user(void *arg, const char *item); /* rep bits by Saleshandy id */

/* ---- authentication (auth.c) ---- */

/* The vendors' 401 bodies (also sent by the `auth` fault). */
#define AUTH_SALESFINITY_401 "{\"message\":\"Invalid API key\"}"
#define AUTH_SALESHANDY_401 "{\"message\":\"Unauthorized\"}"
#define AUTH_UNPOD_401_INVALID "{\"status_code\":401,\"message\":\"Invalid token.\"}"

/* @return 1 when the request carries the right key. */
int auth_salesfinity(const struct mock_ctx *ctx, const struct mock_request *req);
int auth_saleshandy(const struct mock_ctx *ctx, const struct mock_request *req);

/* ---- call-log filter sets and their cache (callset.c) ---- */

enum callset_order { CALLSET_BY_STARTED = 0, CALLSET_BY_CREATED, CALLSET_BY_DURATION };

struct callset_filter {
    int64_t start_ms; /* inclusive */
    int64_t end_ms;   /* exclusive */
    int64_t min_duration;
    int64_t max_duration;
    int32_t outcome; /* -1 any */
    int32_t direction;
    int32_t answered_by;
    int32_t has_recording;
    int32_t completed;
    int32_t order;             /* enum callset_order */
    uint32_t disposition_mask; /* bit d for internal_id d, bit 0 none */
    uint32_t rep_mask;
    uint32_t list_mask;
    uint32_t sequence_mask; /* bit 0 = no sequence */
    int32_t from_set;
    int32_t to_set;
    int32_t search_set;
    uint32_t from_rep_mask;
    uint32_t to_rep_mask;
    uint32_t search_rep_mask;
    uint8_t from_contacts[MOCK_CONTACTS / 8];
    uint8_t to_contacts[MOCK_CONTACTS / 8];
    uint8_t search_phone[MOCK_CONTACTS / 8];
    uint8_t search_text[MOCK_CONTACTS / 8];
};

/* A filtered result: call indices in ascending order of the filter's order. */
struct callset {
    struct callset_filter key;
    uint32_t *idx;
    uint32_t n;
    int refs;     /* users outside the cache */
    int in_cache; /* 0 once evicted: last release frees */
    uint64_t last_used;
};

/* Everything matches; order by startedAt. */
void callset_filter_init(struct callset_filter *f);
int callset_match(const struct mock_data *d, const struct callset_filter *f, uint32_t i);
struct callset_cache *callset_cache_new(void);
void callset_cache_free(struct callset_cache *c); /* NULL ok */
/* @return a referenced set (release with callset_release), NULL on OOM. */
struct callset *callset_get(struct callset_cache *c, const struct mock_data *d,
                            const struct callset_filter *f);
void callset_release(struct callset_cache *c, struct callset *s);

/* ---- e-mail subsets by sequence (emailset.c) ---- */

struct emailset_cache *emailset_cache_new(void);
void emailset_cache_free(struct emailset_cache *c); /* NULL ok */
/*
 * E-mail indices (ascending sent time) of the sequences in `mask`
 * (bit s = sequence s). Built once per mask and kept until the cache is
 * freed. @return 0 ok, -1 on OOM.
 */
int emailset_get(struct emailset_cache *c, const struct mock_data *d, uint32_t mask,
                 const uint32_t **idx, uint32_t *n);
/* Positions [*lo, *hi) of idx[0..n) whose e-mails were sent in [start_ms, end_ms). */
void emailset_range(const struct mock_data *d, const uint32_t *idx, uint32_t n, int64_t start_ms,
                    int64_t end_ms, uint32_t *lo, uint32_t *hi);

/* ---- faults (faults.c) ---- */

enum fault_kind {
    FAULT_LATENCY = 0,
    FAULT_429,
    FAULT_500,
    FAULT_502,
    FAULT_503,
    FAULT_MALFORMED,
    FAULT_TRUNCATED,
    FAULT_REPEAT,
    FAULT_AUTH,
    FAULT_DROP,
    /* Hostile responses (hostile.c). */
    FAULT_ENDLESS,     /* a chunked body that never ends */
    FAULT_HUGE_LENGTH, /* Content-Length of 2 GB, filler until the client gives up */
    FAULT_GZIP_BOMB,   /* Content-Encoding: gzip, ~1 MB that inflates to `mb` MB (1024) */
    FAULT_TRICKLE,     /* the real body, one byte every `ms` ms (1000) */
    FAULT_PAGE_COUNT,  /* the real body with the first `field` ("pages") `count` (10^13) */
    FAULT_NUL,         /* the real body, "\u0000" opening the first `field` string ("from") */
    FAULT_BIGINT,      /* the real body, the first `field` value ("to") a 30-digit integer */
    FAULT_WIDE         /* the real body, `count` (2500) keys more in the object of `field` */
};

/* What the faults decided for one request. */
struct fault_decision {
    long latency_ms;
    int terminal; /* 1 when `kind` below applies */
    enum fault_kind kind;
    long retry_after; /* 429: seconds, -1 none */
    int retry_after_date;
    int repeat;
    long repeat_page;
    char label[64]; /* fired kinds, for the log */
    long arg;       /* hostile kinds: ms, mb or count (0: the kind's default) */
    char field[64]; /* nul, bigint, page_count, wide: the JSON field ("": the kind's default) */
};

struct faults *faults_new(void);
void faults_free(struct faults *f); /* NULL ok */
/* Parse one SPEC. @return 0 ok, -1 with a message in err. */
int faults_add(struct faults *f, const char *spec, char *err, size_t errlen);
/* 1 when some fault is limited to a page (the server must find the page). */
int faults_need_page(const struct faults *f);
void faults_decide(struct faults *f, const char *path, long page, int pageable,
                   struct fault_decision *out);
uint64_t faults_fired(struct faults *f);

/* ---- hostile responses (hostile.c) ---- */

struct MHD_Response;

/* 1 for the hostile kinds that send their own body instead of the handler's. */
int hostile_own_body(enum fault_kind kind);
/* 1 for the hostile kinds that rewrite the handler's body (nul, bigint, page count). */
int hostile_rewrites(enum fault_kind kind);
/* Rewrite r's body for fd. @return 0, -1 on allocation failure. */
int hostile_rewrite(const struct fault_decision *fd, struct mock_response *r);
/*
 * The response of an own-body or trickle kind, taking r's body (trickle sends
 * it); NULL on failure. The caller adds headers and queues it.
 */
struct MHD_Response *hostile_response(const struct fault_decision *fd, struct mock_response *r);

/* ---- statistics and request log (stats.c) ---- */

/* @return owned stats, NULL on failure (log file cannot be opened). */
struct stats *stats_new(const char *log_path);
void stats_free(struct stats *s); /* NULL ok */
/* Count one API request; status 0 = connection dropped. */
void stats_record(struct stats *s, const struct mock_request *req, int status,
                  const char *fault_label);
/* The /__stats body. */
int stats_json(struct stats *s, struct faults *f, struct mock_response *out);

/* ---- deferred resumption of suspended connections (delay.c) ---- */

struct MHD_Connection;
struct delay;

/* Starts the timer thread. @return NULL on failure. */
struct delay *delay_new(void);
/*
 * Resume conn, which the caller has just suspended, after ms.
 * @return 0, or -1 (out of memory, or stopped): the caller resumes it itself.
 */
int delay_add(struct delay *d, struct MHD_Connection *conn, long ms);
/* Resume everything still waiting and stop the thread; later adds fail. */
void delay_stop(struct delay *d);
void delay_free(struct delay *d); /* stops first; NULL ok */

/* ---- HTTP server (server.c) ---- */

struct server;
/* Listen on 127.0.0.1:port (0 = any). @return NULL on failure. */
struct server *server_start(const struct mock_ctx *ctx, unsigned port, unsigned *bound);
void server_stop(struct server *s); /* NULL ok */

#endif
