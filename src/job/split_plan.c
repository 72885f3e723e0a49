/* SPDX-License-Identifier: MIT */
#include "job/split_plan.h"

#include <string.h>

#include "report/split.h"

/* The characters of a slug's hash suffix (hex digits of SHA-256). */
#define HASH_CHARS 8
/* How much of a value a message shows. */
#define QUOTE_CHARS 60

char *
or_split_quote(const char *value)
{
    GString *s = g_string_new("\"");
    const char *p = value;
    size_t chars = 0;
    while (*p != '\0' && chars < QUOTE_CHARS) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        const char *esc = strchr("\"\\", *p) != NULL ? "\\" : NULL;
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            g_string_append_printf(s, "\\x%02X", (unsigned char)*p++);
        }
        else if (c == '\r' || c == '\n' || c == '\t') {
            g_string_append(s, c == '\r' ? "\\r" : c == '\n' ? "\\n" : "\\t");
            p++;
        }
        else if (c < 0x20 || c == 0x7F) {
            g_string_append_printf(s, "\\x%02X", (unsigned)c);
            p++;
        }
        else {
            const char *next = g_utf8_next_char(p);
            g_string_append_printf(s, "%s%.*s", esc != NULL ? esc : "", (int)(next - p), p);
            p = next;
        }
        chars++;
    }
    g_string_append_c(s, '"');
    if (*p != '\0') {
        g_string_insert(s, s->len - 1, "\xE2\x80\xA6"); /* … */
        g_string_append_printf(s, " (%zu bytes)", strlen(value));
    }
    return g_string_free(s, FALSE);
}

/* The first --mail-to entry with a {COLUMN}: it mails every split's value. */
static const char *
mailed_by(const GPtrArray *mail_to)
{
    for (guint i = 0; mail_to != NULL && i < mail_to->len; i++) {
        const char *to = g_ptr_array_index(mail_to, i);
        if (strchr(to, '{') != NULL) {
            return to;
        }
    }
    return NULL;
}

/* Why @p v cannot be one recipient's address, or NULL. */
static const char *
address_problem(const char *v)
{
    if (strpbrk(v, ",;") != NULL) {
        return "holds more than one e-mail address";
    }
    const char *at = strchr(v, '@');
    if (at == NULL || at == v || at[1] == '\0' || strchr(at + 1, '@') != NULL ||
        strpbrk(v, " <>()[]\\\"") != NULL) {
        return "is not an e-mail address";
    }
    return NULL;
}

/* Why @p v can have no documents, or NULL; owned.  @p mail: the --mail-to
 * entry that mails it, or NULL. */
static char *
vet(const char *v, const char *mail)
{
    if (!g_utf8_validate(v, -1, NULL)) {
        return g_strdup("it is not UTF-8 text");
    }
    if (strpbrk(v, "\r\n") != NULL) {
        return g_strdup("it contains a line break, which must never reach a mail header or a "
                        "file name");
    }
    for (const char *p = v; *p != '\0'; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7F) {
            return g_strdup("it contains a control character");
        }
    }
    if (v[strspn(v, " ")] == '\0') {
        return g_strdup("it is empty");
    }
    size_t len = strlen(v);
    if (len > OR_SPLIT_VALUE_MAX) {
        return g_strdup_printf("it is %zu bytes long; a split value has at most %d", len,
                               OR_SPLIT_VALUE_MAX);
    }
    const char *problem = mail != NULL ? address_problem(v) : NULL;
    if (problem != NULL) {
        return g_strdup_printf("it %s (--mail-to '%s' mails each split to its value)", problem,
                               mail);
    }
    return NULL;
}

/* @p label as one line: valid UTF-8, every run of control characters and
 * spaces one space, none at the ends; @p value when nothing is left. */
static char *
clean_label(const char *label, const char *value)
{
    char *valid = g_utf8_make_valid(label, -1);
    GString *s = g_string_new(NULL);
    for (const char *p = valid; *p != '\0'; p++) {
        int blank = (unsigned char)*p < 0x20 || *p == 0x7F || *p == ' ';
        if (!blank) {
            g_string_append_c(s, *p);
        }
        else if (s->len > 0 && s->str[s->len - 1] != ' ') {
            g_string_append_c(s, ' ');
        }
    }
    if (s->len > 0 && s->str[s->len - 1] == ' ') {
        g_string_truncate(s, s->len - 1);
    }
    g_free(valid);
    if (s->len == 0) {
        g_string_assign(s, value);
    }
    return g_string_free(s, FALSE);
}

/* A split's slug: its label's, or when that has nothing to transliterate
 * (ハルト 田中) its value's. */
static char *
slug_of(const char *label, const char *value)
{
    char *slug = or_split_slug(label);
    if (strcmp(slug, "value") == 0 && strcmp(label, value) != 0) {
        g_free(slug);
        slug = or_split_slug(value);
    }
    return slug;
}

/* A file name as a case-insensitive, normalising file system compares it. */
static char *
fold(const char *name)
{
    if (!g_utf8_validate(name, -1, NULL)) {
        return g_ascii_strdown(name, -1);
    }
    char *nfd = g_utf8_normalize(name, -1, G_NORMALIZE_NFD);
    char *folded = g_utf8_casefold(nfd, -1);
    g_free(nfd);
    return folded;
}

/* Every file name the document set of file name stem @p stem can have,
 * folded: a document per format, for CSV one per table section (whether it
 * is shown or not: more names than written can only add a suffix). */
static GPtrArray *
names_of(const struct or_split_naming *n, const char *stem)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (char *const *f = n->formats; *f != NULL; f++) {
        for (size_t i = 0; strcmp(*f, "csv") == 0 && i < n->tpl->nsections; i++) {
            const struct or_tpl_section *sec = &n->tpl->sections[i];
            if (sec->kind == OR_SECTION_TABLE) {
                char *name = g_strdup_printf("%s-%s.csv", stem, sec->id);
                g_ptr_array_add(names, fold(name));
                g_free(name);
            }
        }
        if (strcmp(*f, "csv") != 0) {
            char *name = g_strdup_printf("%s.%s", stem, *f);
            g_ptr_array_add(names, fold(name));
            g_free(name);
        }
    }
    return names;
}

/* Claims the names of @p suffix's document set in @p claimed, unless one
 * of them is claimed already.  Returns whether it did. */
static int
claim(const struct or_split_naming *n, GHashTable *claimed, const char *suffix)
{
    char *stem = g_strconcat(n->tpl->name, suffix, NULL);
    GPtrArray *names = names_of(n, stem);
    int open = 1;
    for (guint i = 0; open && i < names->len; i++) {
        open = !g_hash_table_contains(claimed, g_ptr_array_index(names, i));
    }
    for (guint i = 0; open && i < names->len; i++) {
        g_hash_table_add(claimed, g_strdup(g_ptr_array_index(names, i)));
    }
    g_ptr_array_free(names, TRUE);
    g_free(stem);
    return open;
}

/* "-SLUG", with the hash of @p value when the slug is shared (@p shared),
 * then "-2", "-3"... until no file name is taken. */
static char *
unique_suffix(const struct or_split_naming *n, GHashTable *claimed, const char *slug,
              const char *value, int shared)
{
    char *base = NULL;
    if (shared) {
        char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, value, -1);
        base = g_strdup_printf("-%s-%.*s", slug, HASH_CHARS, sum);
        g_free(sum);
    }
    else {
        base = g_strdup_printf("-%s", slug);
    }
    char *suffix = g_strdup(base);
    for (unsigned k = 2; !claim(n, claimed, suffix); k++) {
        g_free(suffix);
        suffix = g_strdup_printf("%s-%u", base, k);
    }
    g_free(base);
    return suffix;
}

GArray *
or_split_plan_new(const struct or_split_naming *n, const GPtrArray *values, const GPtrArray *labels)
{
    GArray *plan = g_array_sized_new(FALSE, TRUE, sizeof(struct or_split_doc), values->len);
    char **slugs = g_new0(char *, values->len + 1);
    GHashTable *uses = g_hash_table_new(g_str_hash, g_str_equal);
    const char *mail = mailed_by(n->mail_to);
    for (guint i = 0; i < values->len; i++) {
        struct or_split_doc d = {.value = g_ptr_array_index(values, i)};
        d.label = clean_label(g_ptr_array_index(labels, i), d.value);
        d.skipped = vet(d.value, mail);
        if (d.skipped == NULL) {
            slugs[i] = slug_of(d.label, d.value);
            guint k = GPOINTER_TO_UINT(g_hash_table_lookup(uses, slugs[i]));
            g_hash_table_insert(uses, slugs[i], GUINT_TO_POINTER(k + 1));
        }
        g_array_append_val(plan, d);
    }
    GHashTable *claimed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    claim(n, claimed, ""); /* the roll-up's */
    for (guint i = 0; i < plan->len; i++) {
        struct or_split_doc *d = &g_array_index(plan, struct or_split_doc, i);
        if (slugs[i] != NULL) {
            int shared = GPOINTER_TO_UINT(g_hash_table_lookup(uses, slugs[i])) > 1;
            d->suffix = unique_suffix(n, claimed, slugs[i], d->value, shared);
        }
    }
    g_hash_table_destroy(claimed);
    g_hash_table_destroy(uses);
    for (guint i = 0; i < values->len; i++) {
        g_free(slugs[i]);
    }
    g_free(slugs);
    return plan;
}

void
or_split_plan_free(GArray *plan)
{
    for (guint i = 0; plan != NULL && i < plan->len; i++) {
        struct or_split_doc *d = &g_array_index(plan, struct or_split_doc, i);
        g_free(d->label);
        g_free(d->suffix);
        g_free(d->skipped);
    }
    if (plan != NULL) {
        g_array_free(plan, TRUE);
    }
}
