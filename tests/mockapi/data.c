/* SPDX-License-Identifier: MIT */
/*
 * The generated world. Everything is a function of the command line: one
 * splitmix64 stream seeded with --seed draws the calls and e-mails in a fixed
 * order, and per-entity hashes give ids and contacts, so the same arguments
 * always give byte-identical responses.
 *
 * Calls and e-mails are compact structs sorted by time; the call-log orders
 * by createdAt and duration use two precomputed permutations.
 */
#include "mockapi.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Local hour-of-day weights for calls (business hours) and e-mail sends. */
static const unsigned call_hour_w[24] = {
    0, 0, 0, 0, 0, 0, 1, 2, 6, 10, 12, 11, 6, 8, 11, 12, 10, 6, 3, 1, 1, 0, 0, 0,
};
static const unsigned email_hour_w[24] = {
    0, 0, 0, 0, 0, 0, 1, 3, 8, 10, 10, 9, 7, 8, 9, 9, 8, 5, 2, 1, 0, 0, 0, 0,
};

static uint32_t
pick_weighted(struct mock_rng *r, const unsigned *w, size_t n)
{
    unsigned total = 0;
    for (size_t i = 0; i < n; i++) {
        total += w[i];
    }
    uint32_t x = mock_rng_below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < w[i]) {
            return (uint32_t)i;
        }
        x -= w[i];
    }
    return (uint32_t)(n - 1);
}

static int
chance(struct mock_rng *r, double p)
{
    return mock_rng_unit(r) < p;
}

/* Generator state shared by the call and e-mail draws. */
struct gen {
    struct mock_rng r;
    const struct mock_data *d;
    int64_t start_day;
    uint32_t days;
    unsigned *day_cum; /* cumulative day weights, `days` entries */
    unsigned rep_w[MOCK_REPS];
    unsigned list_w[MOCK_LISTS];
};

/*
 * A time inside the window at a plausible local hour of a rep in offset_min:
 * weekdays weigh 10, Saturday 2, Sunday 1. A draw that the offset pushes out
 * of the window is redrawn.
 */
static int64_t
pick_time(struct gen *g, int offset_min, const unsigned *hour_w)
{
    const struct mock_data *d = g->d;

    for (int attempt = 0; attempt < 8; attempt++) {
        uint32_t x = mock_rng_below(&g->r, g->day_cum[g->days - 1]);
        uint32_t lo = 0;
        uint32_t hi = g->days - 1;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (x < g->day_cum[mid]) {
                hi = mid;
            }
            else {
                lo = mid + 1;
            }
        }
        uint32_t hour = pick_weighted(&g->r, hour_w, 24);
        int64_t local_s = (int64_t)hour * 3600 + mock_rng_below(&g->r, 3600);
        int64_t ms = ((g->start_day + lo) * 86400 + local_s - (int64_t)offset_min * 60) * 1000 +
                     mock_rng_below(&g->r, 1000);
        if (ms >= d->window_start_ms && ms < d->window_end_ms) {
            return ms;
        }
    }
    return d->window_start_ms +
           (int64_t)(mock_rng_unit(&g->r) * (double)(d->window_end_ms - d->window_start_ms));
}

static int
gen_init(struct gen *g, const struct mock_data *d, const struct mock_config *cfg)
{
    memset(g, 0, sizeof *g);
    g->d = d;
    g->start_day = cfg->start_day;
    g->days = cfg->days;
    g->day_cum = calloc(cfg->days, sizeof *g->day_cum);
    if (g->day_cum == NULL) {
        return -1;
    }
    unsigned sum = 0;
    for (uint32_t k = 0; k < cfg->days; k++) {
        int wd = timefmt_weekday(cfg->start_day + k);
        sum += wd == 0 ? 1 : (wd == 6 ? 2 : 10);
        g->day_cum[k] = sum;
    }
    for (unsigned i = 0; i < MOCK_REPS; i++) {
        g->rep_w[i] = names_reps[i].weight;
    }
    for (unsigned i = 0; i < MOCK_LISTS; i++) {
        g->list_w[i] = names_lists[i].weight;
    }
    return 0;
}

static void
lower_ascii(char *s)
{
    for (; *s; s++) {
        *s = (char)tolower((unsigned char)*s);
    }
}

static void
make_phone(uint64_t h, int good, int us_only, char *out, size_t n)
{
    unsigned a = (unsigned)(h % 700) + 201;
    unsigned b = (unsigned)((h >> 12) % 800) + 200;
    unsigned c = (unsigned)((h >> 24) % 10000);
    unsigned long long long9 = (h >> 20) % 1000000000ULL;

    if (!good) {
        snprintf(out, n, "+1555%03u", (unsigned)((h >> 8) % 1000));
        return;
    }
    switch (us_only ? 7 : (h >> 40) % 8) {
    case 0: snprintf(out, n, "+4420%08llu", long9 % 100000000ULL); break;
    case 1: snprintf(out, n, "+4930%08llu", long9 % 100000000ULL); break;
    case 2: snprintf(out, n, "+5511%09llu", long9); break;
    default: snprintf(out, n, "+1%03u%03u%04u", a, b, c); break;
    }
}

/* names.c's rep @p r with the command line's --rep-email and --rep-name. */
static int
name_rep(struct mock_data *d, const struct mock_config *cfg, unsigned r)
{
    d->team[r] = names_reps[r];
    if (cfg->rep_email[r] != NULL) {
        d->team[r].email = cfg->rep_email[r];
    }
    if (cfg->rep_name[r] != NULL) {
        d->team_names[r] = strdup(cfg->rep_name[r]);
        if (d->team_names[r] == NULL) {
            return -1;
        }
        char *space = strchr(d->team_names[r], ' ');
        d->team[r].first_name = d->team_names[r];
        d->team[r].last_name = "";
        if (space != NULL) {
            *space = '\0';
            d->team[r].last_name = space + 1;
        }
    }
    return 0;
}

static int
make_team(struct mock_data *d, const struct mock_config *cfg)
{
    for (unsigned r = 0; r < MOCK_REPS; r++) {
        struct mock_rep *rep = &d->reps[r];
        if (name_rep(d, cfg, r) != 0) {
            return -1;
        }
        rep->n = &d->team[r];
        text_object_id(mock_hash(d->seed, r, 'R'), 1691530000 + (int64_t)r * 7777, rep->id);
        text_alnum(mock_hash(d->seed, r, 'H'), rep->sh_id, 10);
        make_phone(mock_hash(d->seed, r, 'P'), 1, 1, rep->phone, sizeof rep->phone);
    }
    for (unsigned l = 0; l < MOCK_LISTS; l++) {
        d->lists[l].n = &names_lists[l];
        text_object_id(mock_hash(d->seed, l, 'L'), 1693000000 + (int64_t)l * 5555, d->lists[l].id);
    }
    for (unsigned s = 0; s < MOCK_EMAIL_SEQUENCES; s++) {
        struct mock_sequence *q = &d->sequences[s];
        q->n = &names_sequences[s];
        text_alnum(mock_hash(d->seed, s, 'Q'), q->id, 10);
        if (q->n->client >= 0) {
            text_alnum(mock_hash(d->seed, (uint64_t)q->n->client, 'C'), q->client_id, 10);
        }
    }
    return 0;
}

static int
make_contacts(struct mock_data *d)
{
    d->contacts = calloc(MOCK_CONTACTS, sizeof *d->contacts);
    if (d->contacts == NULL) {
        return -1;
    }
    for (unsigned i = 0; i < MOCK_CONTACTS; i++) {
        struct mock_contact *c = &d->contacts[i];
        uint64_t h = mock_hash(d->seed, i, 'K');
        const struct names_pair *first = &names_first[h % names_first_count];
        const struct names_pair *last = &names_last[(h >> 8) % names_last_count];
        const struct names_pair *company = &names_companies[(h >> 16) % names_companies_count];

        c->first_name = first->display;
        c->last_name = last->display;
        c->company = company->display;
        c->title = names_titles[(h >> 24) % names_titles_count];
        if ((h >> 28) % 4 == 0) {
            snprintf(c->email, sizeof c->email, "%.1s%s@%s", first->ascii, last->ascii,
                     company->ascii);
        }
        else {
            snprintf(c->email, sizeof c->email, "%s.%s@%s", first->ascii, last->ascii,
                     company->ascii);
        }
        c->good_phone = (h >> 32) % 100 >= 12;
        c->company_null = (h >> 40) % 33 == 0;
        make_phone(mock_hash(d->seed, i, 'T'), c->good_phone, 0, c->phone, sizeof c->phone);
        snprintf(c->name_lc, sizeof c->name_lc, "%s %s", c->first_name, c->last_name);
        lower_ascii(c->name_lc);
        snprintf(c->company_lc, sizeof c->company_lc, "%s", c->company_null ? "" : c->company);
        lower_ascii(c->company_lc);
        c->list = (uint8_t)(i % MOCK_LISTS);
    }
    return 0;
}

/* Normal variate (Box-Muller). */
static double
normal(struct mock_rng *r)
{
    double u1 = 1.0 - mock_rng_unit(r);
    double u2 = mock_rng_unit(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static uint8_t
answered_disposition(struct mock_rng *r)
{
    /* A human answered: a disposition of the answered categories mostly, a
     * gatekeeper or bad number now and then, the custom "Demo booked" (15);
     * 0 = null.  (The weights were drawn for the ids in `draw`, so the
     * random stream, and every other field, stays as it was.) */
    static const unsigned w[14] = {3, 6, 5, 22, 5, 14, 0, 10, 10, 4, 8, 3, 6, 4};
    static const uint8_t draw[14] = {0, 1, 2, 3, 4, 6, 11, 7, 8, 5, 12, 9, 13, 15};
    return draw[pick_weighted(r, w, 14)];
}

static void
make_call(struct gen *g, struct mock_call *c)
{
    struct mock_rng *r = &g->r;

    c->rep = (uint8_t)pick_weighted(r, g->rep_w, MOCK_REPS);
    c->list = (uint8_t)pick_weighted(r, g->list_w, MOCK_LISTS);
    c->contact = (uint16_t)(c->list + MOCK_LISTS * mock_rng_below(r, MOCK_CONTACTS / MOCK_LISTS));
    c->started_ms = pick_time(g, names_reps[c->rep].tz_offset_min, call_hour_w);
    c->direction = chance(r, 0.08) ? MOCK_INBOUND : MOCK_OUTBOUND;
    double u = mock_rng_unit(r);
    if (c->direction == MOCK_INBOUND) {
        c->outcome = u < 0.8 ? MOCK_ANSWERED : MOCK_NO_ANSWER;
    }
    else {
        c->outcome = u < 0.45 ? MOCK_ANSWERED : (u < 0.90 ? MOCK_NO_ANSWER : MOCK_CANCELLED);
    }
    c->sequence = chance(r, 0.2) ? 0 : (uint8_t)(1 + mock_rng_below(r, MOCK_CALL_SEQUENCES));
    c->flags = chance(r, 0.04) ? MOCK_CALL_CONTACT_EMPTY : 0;
    unsigned absent_ab = chance(r, 0.5) ? MOCK_NULL : MOCK_OMIT;
    unsigned absent_dispo = MOCK_NULL;
    unsigned absent_rec = chance(r, 0.45) ? MOCK_NULL : (chance(r, 0.15) ? MOCK_EMPTY : MOCK_OMIT);

    if (c->outcome == MOCK_ANSWERED) {
        c->answered_by = chance(r, 0.68) ? MOCK_BY_HUMAN : MOCK_BY_MACHINE;
        if (c->answered_by == MOCK_BY_HUMAN) {
            double dur = exp(4.5 + 0.9 * normal(r));
            c->duration_s = dur < 15 ? 15 : (dur > 3600 ? 3600 : (uint32_t)dur);
            c->disposition = answered_disposition(r);
            if (chance(r, 0.85)) {
                c->flags |= MOCK_CALL_RECORDING;
            }
            double n = mock_rng_unit(r);
            c->notes = n < 0.6 ? MOCK_TEXT : (n < 0.75 ? MOCK_EMPTY : MOCK_OMIT);
            if (c->duration_s >= 60) {
                double s = mock_rng_unit(r);
                c->summary = s < 0.7 ? MOCK_TEXT : (s < 0.8 ? MOCK_NULL : MOCK_OMIT);
            }
            if ((c->flags & MOCK_CALL_RECORDING) && c->duration_s >= 30 && chance(r, 0.8)) {
                c->transcription = MOCK_TEXT;
            }
            else {
                c->transcription = chance(r, 0.3) ? MOCK_NULL : MOCK_OMIT;
            }
        }
        else {
            c->duration_s = 8 + mock_rng_below(r, 38);
            c->disposition = chance(r, 0.85) ? 11 : 0; /* Left Voicemail */
            if (chance(r, 0.3)) {
                c->flags |= MOCK_CALL_RECORDING;
            }
            c->notes = chance(r, 0.1) ? MOCK_EMPTY : MOCK_OMIT;
        }
    }
    else {
        c->answered_by = MOCK_BY_NONE;
        c->duration_s = 0;
        if (c->outcome == MOCK_NO_ANSWER) {
            double x = mock_rng_unit(r);
            c->disposition = x < 0.5 ? 10 : 0; /* No Answer */
            absent_dispo = x < 0.95 ? MOCK_NULL : MOCK_OMIT;
        }
        else {
            c->disposition = 0;
            absent_dispo = chance(r, 0.7) ? MOCK_NULL : MOCK_OMIT;
        }
        double n = mock_rng_unit(r);
        c->notes = n < 0.05 ? MOCK_EMPTY : (n < 0.10 ? MOCK_NULL : MOCK_OMIT);
    }
    if (c->outcome == MOCK_CANCELLED) {
        if (chance(r, 0.6)) {
            c->flags |= MOCK_CALL_COMPLETED;
        }
    }
    else if (chance(r, 0.98)) {
        c->flags |= MOCK_CALL_COMPLETED;
    }
    c->absent = (uint8_t)(absent_ab | (absent_dispo << 2) | (absent_rec << 4));
    c->created_after_ms = (uint16_t)(200 + mock_rng_below(r, 7800));
    c->updated_after_s = c->notes == MOCK_TEXT ? 30 + mock_rng_below(r, 7200) : 0;
}

static void
make_email(struct gen *g, struct mock_email *e)
{
    static const unsigned seq_w[MOCK_EMAIL_SEQUENCES] = {30, 25, 20, 15, 10};
    static const unsigned step_w[4] = {40, 28, 20, 12};
    static const unsigned sentiment_w[9] = {0, 25, 20, 10, 15, 5, 10, 5, 10};

    struct mock_rng *r = &g->r;

    e->sequence = (uint8_t)pick_weighted(r, seq_w, MOCK_EMAIL_SEQUENCES);
    const struct names_sequence *s = &names_sequences[e->sequence];
    e->sender = (uint8_t)s->senders[mock_rng_below(r, s->nsenders)];
    e->step = (uint8_t)(1 + pick_weighted(r, step_w, 4));
    e->recipient = (uint16_t)mock_rng_below(r, MOCK_CONTACTS);
    e->sent_ms = pick_time(g, names_reps[e->sender].tz_offset_min, email_hour_w);
    e->sent_ms -= e->sent_ms % 1000;
    if (chance(r, 0.5)) {
        e->flags |= MOCK_EMAIL_SHORT_OFFSET;
    }
    if (chance(r, 0.03)) {
        e->flags |= MOCK_EMAIL_NO_NAME;
    }
    if (chance(r, 0.03)) {
        e->flags |= MOCK_EMAIL_BOUNCED;
        e->bounce_after_s = (uint16_t)(5 + mock_rng_below(r, 600));
        return;
    }
    int opened = chance(r, 0.47);
    if (opened) {
        unsigned count = 1;
        while (count < 12 && chance(r, 0.5)) {
            count++;
        }
        e->open_count = (uint8_t)count;
        e->open_after_s = 300 + mock_rng_below(r, 3 * 86400);
        if (chance(r, 0.2)) {
            e->click_count = (uint8_t)(1 + mock_rng_below(r, 4));
            e->click_after_s = 60 + mock_rng_below(r, e->open_after_s);
            e->link = (uint8_t)mock_rng_below(r, (uint32_t)names_links_count);
        }
    }
    if (chance(r, opened ? 0.15 : 0.02)) {
        e->flags |= MOCK_EMAIL_REPLIED;
        e->reply_after_s = 600 + mock_rng_below(r, 4 * 86400);
        e->sentiment = (uint8_t)pick_weighted(r, sentiment_w, 9);
        if (chance(r, 0.1)) {
            e->flags |= MOCK_EMAIL_REPLY_UNDATED;
        }
    }
    if (chance(r, 0.015)) {
        e->flags |= MOCK_EMAIL_UNSUBSCRIBED;
    }
    if (chance(r, 0.01)) {
        e->flags |= MOCK_EMAIL_DELETED;
    }
}

static int
cmp_call(const void *a, const void *b)
{
    const struct mock_call *x = a;
    const struct mock_call *y = b;
    if (x->started_ms != y->started_ms) {
        return x->started_ms < y->started_ms ? -1 : 1;
    }
    return memcmp(x, y, sizeof *x);
}

static int
cmp_email(const void *a, const void *b)
{
    const struct mock_email *x = a;
    const struct mock_email *y = b;
    if (x->sent_ms != y->sent_ms) {
        return x->sent_ms < y->sent_ms ? -1 : 1;
    }
    return memcmp(x, y, sizeof *x);
}

struct keyed {
    int64_t key;
    uint32_t idx;
};

static int
cmp_keyed(const void *a, const void *b)
{
    const struct keyed *x = a;
    const struct keyed *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

/* Ascending permutation of the calls by createdAt (by_duration = 0) or duration. */
static uint32_t *
make_order(const struct mock_data *d, int by_duration)
{
    struct keyed *k = calloc(d->ncalls ? d->ncalls : 1, sizeof *k);
    uint32_t *out = calloc(d->ncalls ? d->ncalls : 1, sizeof *out);

    if (k == NULL || out == NULL) {
        goto fail;
    }
    for (uint32_t i = 0; i < d->ncalls; i++) {
        const struct mock_call *c = &d->calls[i];
        k[i].key = by_duration ? (int64_t)c->duration_s : mock_call_created_ms(c);
        k[i].idx = i;
    }
    qsort(k, d->ncalls, sizeof *k, cmp_keyed);
    for (uint32_t i = 0; i < d->ncalls; i++) {
        out[i] = k[i].idx;
    }
    free(k);
    return out;

fail:
    free(k);
    free(out);
    return NULL;
}

static uint32_t
share(struct mock_rng *r, uint32_t total, double lo, double span)
{
    return (uint32_t)((double)total * (lo + span * mock_rng_unit(r)));
}

static void
space_numbers(struct mock_data *d, struct mock_space *s)
{
    struct mock_rng r = {mock_hash(d->seed, d->nspaces, 'U')};

    s->total_calls = 150 + mock_rng_below(&r, 1850);
    s->failed = share(&r, s->total_calls, 0.25, 0.20);
    s->not_connected = share(&r, s->total_calls, 0.05, 0.07);
    s->interested = share(&r, s->total_calls, 0.10, 0.10);
    s->call_back = share(&r, s->total_calls, 0.02, 0.03);
    s->send_details = share(&r, s->total_calls, 0.0, 0.01);
    s->not_interested = share(&r, s->total_calls, 0.04, 0.06);
    s->avg_success_score = round((30.0 + 50.0 * mock_rng_unit(&r)) * 100.0) / 100.0;
    s->tasks_failed = share(&r, s->total_calls, 0.20, 0.10);
    s->pending = mock_rng_below(&r, 6);
    s->in_progress = mock_rng_below(&r, 4);
    s->completed = s->total_calls - s->tasks_failed - s->pending - s->in_progress;
}

/* Split the comma list in place; tokens point into spaces_buf. */
static int
make_spaces(struct mock_data *d, const char *arg)
{
    d->spaces_buf = strdup(arg);
    if (d->spaces_buf == NULL) {
        return -1;
    }
    char *tok = d->spaces_buf;
    while (tok != NULL) {
        char *comma = strchr(tok, ',');
        if (comma != NULL) {
            *comma = '\0';
        }
        while (isspace((unsigned char)*tok)) {
            tok++;
        }
        size_t len = strlen(tok);
        while (len > 0 && isspace((unsigned char)tok[len - 1])) {
            tok[--len] = '\0';
        }
        if (len > 0) {
            if (d->nspaces == MOCK_MAX_SPACES) {
                fprintf(stderr, "mockapi: at most %d spaces\n", MOCK_MAX_SPACES);
                return -1;
            }
            d->spaces[d->nspaces].token = tok;
            space_numbers(d, &d->spaces[d->nspaces]);
            d->nspaces++;
        }
        tok = comma != NULL ? comma + 1 : NULL;
    }
    if (d->nspaces == 0) {
        fprintf(stderr, "mockapi: --unpod-spaces needs at least one token\n");
        return -1;
    }
    return 0;
}

struct mock_data *
data_new(const struct mock_config *cfg)
{
    struct mock_data *d = calloc(1, sizeof *d);
    struct gen g = {.day_cum = NULL};

    if (d == NULL) {
        return NULL;
    }
    d->seed = cfg->seed;
    d->window_start_ms = cfg->start_day * MOCK_DAY_MS;
    d->window_end_ms = (cfg->start_day + cfg->days) * MOCK_DAY_MS;
    if (make_team(d, cfg) != 0 || make_contacts(d) != 0 || make_spaces(d, cfg->spaces_arg) != 0 ||
        gen_init(&g, d, cfg) != 0) {
        goto fail;
    }

    d->ncalls = cfg->calls;
    d->calls = calloc(d->ncalls ? d->ncalls : 1, sizeof *d->calls);
    if (d->calls == NULL) {
        goto fail;
    }
    g.r.state = cfg->seed;
    for (uint32_t i = 0; i < d->ncalls; i++) {
        make_call(&g, &d->calls[i]);
    }
    qsort(d->calls, d->ncalls, sizeof *d->calls, cmp_call);
    d->by_created = make_order(d, 0);
    d->by_duration = make_order(d, 1);
    if (d->by_created == NULL || d->by_duration == NULL) {
        goto fail;
    }

    d->nemails = cfg->emails;
    d->emails = calloc(d->nemails ? d->nemails : 1, sizeof *d->emails);
    if (d->emails == NULL) {
        goto fail;
    }
    g.r.state = mock_mix64(cfg->seed ^ UINT64_C(0x5a5a5a5a));
    for (uint32_t i = 0; i < d->nemails; i++) {
        make_email(&g, &d->emails[i]);
    }
    qsort(d->emails, d->nemails, sizeof *d->emails, cmp_email);
    free(g.day_cum);
    return d;

fail:
    free(g.day_cum);
    data_free(d);
    return NULL;
}

void
data_free(struct mock_data *d)
{
    if (d == NULL) {
        return;
    }
    free(d->contacts);
    free(d->calls);
    free(d->by_created);
    free(d->by_duration);
    free(d->emails);
    free(d->spaces_buf);
    for (unsigned r = 0; r < MOCK_REPS; r++) {
        free(d->team_names[r]);
    }
    free(d);
}
