/* SPDX-License-Identifier: MIT */
/* The messages of chat notifications: see notify_payload.h.  Slack's Block Kit
 * limits (a header of 150 characters, 10 fields of 2000 per section, text
 * of 3000) and Teams' Adaptive Card 1.4 schema. */
#include "deliver/notify_payload.h"

#include <stdio.h>
#include <string.h>

#include "base/catalog.h"
#include "base/valuefmt.h"
#include "deliver/mail_body.h"

#define MAX_KPIS 8
#define HEADER_MAX 150
#define TEXT_MAX 2900

static const char *
title_of(const struct or_report *r)
{
    return r->title != NULL && r->title[0] != '\0' ? r->title : "Report";
}

/* "Acme GmbH · Weekly sales report — Zoë Müller": the brand's company (if
 * any), the title, and a split's person; owned. */
static char *
heading(const struct or_report *r)
{
    GString *h = g_string_new(NULL);
    const char *company = r->brand != NULL ? r->brand->company : NULL;
    if (company != NULL && company[0] != '\0') {
        g_string_append_printf(h, "%s \xC2\xB7 ", company);
    }
    g_string_append(h, title_of(r));
    if (r->split_label != NULL && r->split_label[0] != '\0') {
        g_string_append_printf(h, " \xE2\x80\x94 %s", r->split_label);
    }
    return g_string_free(h, FALSE);
}

static char *
period_line(const struct or_report *r)
{
    const char *p =
        r->period_label != NULL && r->period_label[0] != '\0' ? r->period_label : "all data";
    char zone[256];
    char partial[128] = "";
    const char *const args[] = {r->tz != NULL ? r->tz : "UTC"};
    or_catalog_text_or(r->locale, "times_in", "Times in {1}", args, 1, zone, sizeof(zone));
    if (r->partial) {
        or_catalog_text_or(r->locale, "mail.subject_partial", "(partial)", NULL, 0, partial,
                           sizeof(partial));
    }
    return g_strdup_printf("%s%s%s \xC2\xB7 %s", p, r->partial ? " " : "", partial, zone);
}

/* The first KPI section: the headline. */
static const struct or_section *
headline(const struct or_report *r)
{
    for (size_t i = 0; i < r->nsections; i++) {
        if (r->sections[i]->kind == OR_SECTION_KPIS && r->sections[i]->unavailable == NULL) {
            return r->sections[i];
        }
    }
    return NULL;
}

/* "1,483 ▼ -2.2 % (prev 1,517)"; owned. */
static char *
kpi_value(const struct or_notice *n, const struct or_kpi *k)
{
    struct or_kpi_text t;
    const struct or_cellfmt c = {n->tz, n->report->currency, 0, n->loc};
    or_kpi_text(k, &c, &t);
    if (t.change[0] == '\0') {
        return g_strdup(t.value);
    }
    const char *arrow = t.direction > 0 ? "\xE2\x96\xB2 " : t.direction < 0 ? "\xE2\x96\xBC " : "";
    char prev[128];
    const char *const args[] = {t.previous};
    or_catalog_text_or(n->report->locale, "previous", "prev {1}", args, 1, prev, sizeof(prev));
    return g_strdup_printf("%s %s%s (%s)", t.value, arrow, t.change, prev);
}

/* Text cut to @p max bytes on a character boundary, with "…"; owned. */
static char *
cut(const char *s, size_t max)
{
    if (strlen(s) <= max) {
        return g_strdup(s);
    }
    const char *end = g_utf8_find_prev_char(s, s + max - 3);
    return g_strdup_printf("%.*s\xE2\x80\xA6", (int)(end != NULL ? end - s : 0), s);
}

/* Slack's mrkdwn reads &, < and > as markup: escape them in data. */
static char *
mrkdwn(const char *s)
{
    GString *o = g_string_new(NULL);
    for (const char *p = s != NULL ? s : ""; *p != '\0'; p++) {
        switch (*p) {
        case '&': g_string_append(o, "&amp;"); break;
        case '<': g_string_append(o, "&lt;"); break;
        case '>': g_string_append(o, "&gt;"); break;
        default: g_string_append_c(o, *p); break;
        }
    }
    return g_string_free(o, FALSE);
}

/* Source @p s's status ("ok", "fehlgeschlagen") and rows ("1,483 rows",
 * "1.483 Zeilen") in the report's language and number style. */
static void
status_rows(const struct or_notice *n, const struct or_source_status *s, char *status,
            size_t status_n, char *rows, size_t rows_n)
{
    const char *st = s->status != NULL ? s->status : "unknown";
    char id[48];
    char num[64];
    snprintf(id, sizeof(id), "status.%s", st);
    or_catalog_text_or(n->report->locale, id, st, NULL, 0, status, status_n);
    struct or_value v = {.type = OR_TYPE_INT, .i = s->rows};
    if (or_value_text_loc(&v, OR_FMT_INTEGER, -1, NULL, NULL, n->loc, num, sizeof(num)) != OR_OK) {
        snprintf(num, sizeof(num), "%lld", (long long)s->rows);
    }
    const char *const args[] = {num};
    or_catalog_text_or(n->report->locale, s->rows == 1 ? "source_row" : "source_rows",
                       s->rows == 1 ? "{1} row" : "{1} rows", args, 1, rows, rows_n);
}

/* "ok calls (1,483 rows)" lines, failed ones with their reason. */
static char *
sources_text(const struct or_notice *n, int markup)
{
    const struct or_report *r = n->report;
    GString *o = g_string_new(NULL);
    for (size_t i = 0; i < r->nsources; i++) {
        const struct or_source_status *s = r->sources[i];
        const char *st = s->status != NULL ? s->status : "unknown";
        char status[64];
        char rows[96];
        status_rows(n, s, status, sizeof(status), rows, sizeof(rows));
        char *name = markup ? mrkdwn(s->name) : g_strdup(s->name != NULL ? s->name : "?");
        g_string_append_printf(o, "%s%s %s (%s)", o->len ? "\n" : "", status, name, rows);
        if (strcmp(st, "failed") == 0 && s->detail != NULL) {
            char *d = markup ? mrkdwn(s->detail) : g_strdup(s->detail);
            g_string_append_printf(o, ": %s", d);
            g_free(d);
        }
        g_free(name);
    }
    return g_string_free(o, FALSE);
}

static char *
files_text(const struct or_notice *n)
{
    char *joined = n->files != NULL ? g_strjoinv(", ", (char **)n->files) : g_strdup("");
    char none[64];
    char label[128];
    or_catalog_text_or(n->report->locale, "chat.none", "none", NULL, 0, none, sizeof(none));
    or_catalog_text_or(n->report->locale, "chat.files", "Files:", NULL, 0, label, sizeof(label));
    char *line = g_strdup_printf("%s %s", label, joined[0] != '\0' ? joined : none);
    g_free(joined);
    return line;
}

static json_t *
mrkdwn_text(const char *s)
{
    char *c = cut(s, TEXT_MAX);
    json_t *t = json_pack("{s:s, s:s}", "type", "mrkdwn", "text", c);
    g_free(c);
    return t;
}

json_t *
or_notify_slack_payload(const struct or_notice *n)
{
    const struct or_report *r = n->report;
    char *head = heading(r);
    char *head_cut = cut(head, HEADER_MAX);
    char *period = period_line(r);
    char *sources = sources_text(n, 1);
    char *files = files_text(n);
    char *files_md = mrkdwn(files);
    json_t *blocks = json_array();
    json_array_append_new(blocks, json_pack("{s:s, s:{s:s, s:s}}", "type", "header", "text", "type",
                                            "plain_text", "text", head_cut));
    char *period_md = mrkdwn(period);
    json_array_append_new(
        blocks, json_pack("{s:s, s:o}", "type", "section", "text", mrkdwn_text(period_md)));
    GString *fallback = g_string_new(NULL);
    g_string_append_printf(fallback, "%s: %s", head, period);
    const struct or_section *kpis = headline(r);
    if (kpis != NULL && kpis->nkpis > 0) {
        json_t *fields = json_array();
        for (size_t i = 0; i < kpis->nkpis && i < MAX_KPIS; i++) {
            char *label = mrkdwn(kpis->kpis[i]->label);
            char *value = kpi_value(n, kpis->kpis[i]);
            char *value_md = mrkdwn(value);
            char *field = g_strdup_printf("*%s*\n%s", label, value_md);
            json_array_append_new(fields, mrkdwn_text(field));
            g_string_append_printf(fallback, "; %s %s", kpis->kpis[i]->label, value);
            g_free(field);
            g_free(value_md);
            g_free(value);
            g_free(label);
        }
        json_array_append_new(blocks, json_pack("{s:s, s:o}", "type", "section", "fields", fields));
    }
    json_array_append_new(blocks, json_pack("{s:s, s:[o, o]}", "type", "context", "elements",
                                            mrkdwn_text(sources), mrkdwn_text(files_md)));
    char *fb = cut(fallback->str, TEXT_MAX);
    json_t *msg = json_pack("{s:s, s:o}", "text", fb, "blocks", blocks);
    g_free(fb);
    g_string_free(fallback, TRUE);
    g_free(period_md);
    g_free(files_md);
    g_free(files);
    g_free(sources);
    g_free(period);
    g_free(head_cut);
    g_free(head);
    return msg;
}

static json_t *
text_block(const char *text, const char *weight, const char *size, int subtle)
{
    json_t *b = json_pack("{s:s, s:s, s:b}", "type", "TextBlock", "text", text, "wrap", 1);
    if (weight != NULL) {
        json_object_set_new(b, "weight", json_string(weight));
    }
    if (size != NULL) {
        json_object_set_new(b, "size", json_string(size));
    }
    if (subtle) {
        json_object_set_new(b, "isSubtle", json_true());
    }
    return b;
}

json_t *
or_notify_teams_payload(const struct or_notice *n)
{
    const struct or_report *r = n->report;
    char *head = heading(r);
    char *period = period_line(r);
    char *files = files_text(n);
    json_t *body = json_array();
    json_array_append_new(body, text_block(head, "Bolder", "Medium", 0));
    json_array_append_new(body, text_block(period, NULL, NULL, 1));
    const struct or_section *kpis = headline(r);
    if (kpis != NULL && kpis->nkpis > 0) {
        json_t *facts = json_array();
        for (size_t i = 0; i < kpis->nkpis && i < MAX_KPIS; i++) {
            char *value = kpi_value(n, kpis->kpis[i]);
            json_array_append_new(
                facts, json_pack("{s:s, s:s}", "title", kpis->kpis[i]->label, "value", value));
            g_free(value);
        }
        json_array_append_new(body, json_pack("{s:s, s:o}", "type", "FactSet", "facts", facts));
    }
    json_t *sources = json_array();
    for (size_t i = 0; i < r->nsources; i++) {
        const struct or_source_status *s = r->sources[i];
        const char *st = s->status != NULL ? s->status : "unknown";
        char status[64];
        char rows[96];
        status_rows(n, s, status, sizeof(status), rows, sizeof(rows));
        char *value = strcmp(st, "failed") == 0 && s->detail != NULL
                          ? g_strdup_printf("%s: %s", status, s->detail)
                          : g_strdup_printf("%s (%s)", status, rows);
        json_array_append_new(sources, json_pack("{s:s, s:s}", "title",
                                                 s->name != NULL ? s->name : "?", "value", value));
        g_free(value);
    }
    json_array_append_new(
        body, json_pack("{s:s, s:o, s:b}", "type", "FactSet", "facts", sources, "separator", 1));
    json_array_append_new(body, text_block(files, NULL, "Small", 1));
    json_t *card = json_pack("{s:s, s:s, s:s, s:o}", "$schema",
                             "http://adaptivecards.io/schemas/adaptive-card.json", "type",
                             "AdaptiveCard", "version", "1.4", "body", body);
    json_t *msg =
        json_pack("{s:s, s:[{s:s, s:n, s:o}]}", "type", "message", "attachments", "contentType",
                  "application/vnd.microsoft.card.adaptive", "contentUrl", "content", card);
    g_free(files);
    g_free(period);
    g_free(head);
    return msg;
}
