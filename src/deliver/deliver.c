/* SPDX-License-Identifier: MIT */
#include "deliver/deliver.h"

#include <stdio.h>
#include <string.h>

#include "base/status_str.h"
#include "deliver/mail_body.h"
#include "deliver/mail_build.h"
#include "deliver/mail_inline.h"

/* Recipients of one document set: entries without a placeholder get the
 * roll-up (@p value NULL); entries with {COLUMN} get the split for @p value,
 * with the placeholder replaced by it. */
static char **
recipients(const GPtrArray *list, const char *value)
{
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; list != NULL && i < list->len; i++) {
        const char *item = g_ptr_array_index(list, i);
        const char *open = strchr(item, '{');
        const char *close = open != NULL ? strchr(open, '}') : NULL;
        if (value == NULL && open == NULL) {
            g_ptr_array_add(out, g_strdup(item));
        }
        else if (value != NULL && open != NULL && close != NULL) {
            g_ptr_array_add(
                out, g_strdup_printf("%.*s%s%s", (int)(open - item), item, value, close + 1));
        }
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

int
or_deliver_has_recipients(const GPtrArray *mail_to, const char *split)
{
    char **to = recipients(mail_to, split);
    int any = to[0] != NULL;
    g_strfreev(to);
    return any;
}

/* Whether @p column is one of the comma-separated @p split_by. */
static int
is_split_column(const char *split_by, const char *column)
{
    char **cols = g_strsplit(split_by, ",", -1);
    int found = 0;
    for (char **c = cols; *c != NULL && !found; c++) {
        found = strcmp(g_strstrip(*c), column) == 0;
    }
    g_strfreev(cols);
    return found;
}

/* One --mail-to address: plain, or with a {COLUMN} of the split. */
static or_status
check_to(const char *item, const char *split_by, int *plain, char *err, size_t errlen)
{
    const char *open = strchr(item, '{');
    const char *close = open != NULL ? strchr(open, '}') : NULL;
    if (open == NULL && strchr(item, '}') == NULL) {
        *plain = 1;
        return OR_OK;
    }
    if (close == NULL) {
        or_set_err(err, errlen, "--mail-to '%s': '{' without a closing '}'", item);
        return OR_ERR_CONFIG;
    }
    char *column = g_strndup(open + 1, (gsize)(close - open - 1));
    or_status st = OR_OK;
    if (split_by == NULL) {
        or_set_err(err, errlen,
                   "--mail-to '%s': {%s} mails each split its own documents, but the job has "
                   "no --split-by",
                   item, column);
        st = OR_ERR_CONFIG;
    }
    else if (!is_split_column(split_by, column)) {
        or_set_err(err, errlen, "--mail-to '%s': {%s} is not a column of --split-by %s", item,
                   column, split_by);
        st = OR_ERR_CONFIG;
    }
    g_free(column);
    return st;
}

or_status
or_deliver_check(const GPtrArray *mail_to, const GPtrArray *mail_cc, const char *split_by,
                 char *err, size_t errlen)
{
    int plain = 0;
    for (guint i = 0; mail_to != NULL && i < mail_to->len; i++) {
        or_status st = check_to(g_ptr_array_index(mail_to, i), split_by, &plain, err, errlen);
        if (st != OR_OK) {
            return st;
        }
    }
    for (guint i = 0; mail_cc != NULL && i < mail_cc->len; i++) {
        const char *cc = g_ptr_array_index(mail_cc, i);
        if (strpbrk(cc, "{}") != NULL) {
            or_set_err(err, errlen,
                       "--mail-cc '%s': copies take plain addresses ({COLUMN} is for --mail-to)",
                       cc);
            return OR_ERR_CONFIG;
        }
        if (!plain) {
            or_set_err(err, errlen,
                       "--mail-cc %s: copies go with the roll-up mail, and no --mail-to address "
                       "gets it (give one without {COLUMN})",
                       cc);
            return OR_ERR_CONFIG;
        }
    }
    return OR_OK;
}

static json_t *
strv_json(char *const *v)
{
    json_t *a = json_array();
    for (char *const *p = v; p != NULL && *p != NULL; p++) {
        json_array_append_new(a, json_string(*p));
    }
    return a;
}

static json_t *
record(char **to, char **cc, const char *subject, char **names, const char *status,
       const char *error, const char *split)
{
    json_t *m = json_pack("{s:o, s:o, s:s, s:o, s:s}", "to", strv_json(to), "cc", strv_json(cc),
                          "subject", subject, "attachments", strv_json(names), "status", status);
    json_object_set_new(m, "error", error[0] ? json_string(error) : json_null());
    json_object_set_new(m, "split", split != NULL ? json_string(split) : json_null());
    return m;
}

/* The job's pattern; a split's mail names the person when the pattern does not. */
static char *
subject_of(const struct or_delivery *d)
{
    char *subject = or_mail_subject(d->subject, d->report);
    const char *label = d->report->split_label;
    if (d->split != NULL && (d->subject == NULL || (strstr(d->subject, "{split_label}") == NULL &&
                                                    strstr(d->subject, "{split_value}") == NULL))) {
        char *s2 = g_strdup_printf("%s (%s)", subject, label != NULL ? label : d->split);
        g_free(subject);
        subject = s2;
    }
    return subject;
}

/* Sends, or with --dry-run says what it would send: on stderr, a line for
 * people (stdout is for --json alone). */
static or_status
send_or_say(const struct or_delivery *d, const struct or_mail_message *msg, char **names,
            const char **status, char *merr, size_t merrlen)
{
    if (d->dry_run) {
        *status = "dry-run";
        if (d->eml_path != NULL) {
            or_status st = or_mail_write_eml(d->eml_path, msg->from, msg, merr, merrlen);
            if (st != OR_OK) {
                *status = "failed";
                return st;
            }
        }
        char *who = g_strjoinv(", ", (char **)msg->to);
        char *what = g_strjoinv(", ", names);
        char *line = g_strdup_printf("would mail %s: \"%s\" with %s%s%s\n", who, msg->subject, what,
                                     d->eml_path != NULL ? "; the message is in " : "",
                                     d->eml_path != NULL ? d->eml_path : "");
        fputs(line, stderr);
        g_free(line);
        g_free(who);
        g_free(what);
        return OR_OK;
    }
    or_status st = or_mail_send(d->srv, msg, merr, merrlen);
    *status = st == OR_OK ? "sent" : "failed";
    return st;
}

or_status
or_deliver_mail(const struct or_delivery *d, json_t *mails, char *err, size_t errlen)
{
    char **to = recipients(d->mail_to, d->split);
    if (to[0] == NULL) {
        g_strfreev(to);
        return OR_OK;
    }
    char **cc = d->split == NULL ? recipients(d->mail_cc, NULL) : NULL;
    struct or_mail_attachment *att = g_new0(struct or_mail_attachment, d->ndocs + 1);
    char **names = g_new0(char *, d->ndocs + 1);
    for (size_t i = 0; i < d->ndocs; i++) {
        names[i] = g_path_get_basename(d->docs[i].path);
        att[i].path = d->docs[i].path;
        att[i].filename = names[i];
        att[i].mime_type = d->docs[i].mime != NULL ? d->docs[i].mime : "application/octet-stream";
    }
    char *subject = subject_of(d);
    char *text = NULL, *html = NULL;
    struct or_mail_inline body = {0};
    or_mail_body(d->report, d->tz, d->loc, (const char *const *)names, &text, &html);
    if (d->intro != NULL && d->intro[0] != '\0') {
        char *with = g_strdup_printf("%s\n\n%s", d->intro, text);
        g_free(text);
        text = with;
    }
    if (d->html != NULL) {
        or_mail_inline_images(d->html, &body);
    }
    struct or_mail_message msg = {
        .from = d->srv->from,
        .to = (const char *const *)to,
        .cc = (const char *const *)cc,
        .subject = subject,
        .text = text,
        .html = body.html != NULL ? body.html : html,
        .images = body.images,
        .nimages = body.nimages,
        .attachments = att,
        .nattachments = d->ndocs,
    };
    const char *status = "skipped";
    char merr[OR_ERR_SIZE] = "";
    or_status st =
        d->skip != NULL ? OR_OK : send_or_say(d, &msg, names, &status, merr, sizeof(merr));
    json_t *rec = record(to, cc, subject, names, status, merr, d->split);
    if (d->skip != NULL) {
        json_object_set_new(rec, "reason", json_string(d->skip));
    }
    else if (d->dry_run && d->eml_path != NULL) {
        json_object_set_new(rec, "eml", json_string(d->eml_path));
    }
    json_array_append_new(mails, rec);
    if (st != OR_OK) {
        or_set_err(err, errlen, "%s", merr);
    }
    g_free(text);
    g_free(html);
    or_mail_inline_release(&body);
    g_free(subject);
    g_strfreev(names);
    g_free(att);
    g_strfreev(to);
    g_strfreev(cc);
    return st;
}
