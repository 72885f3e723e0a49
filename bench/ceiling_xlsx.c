/* SPDX-License-Identifier: MIT */
/*
 * ceiling_xlsx — the cell-rate ceiling for XLSX export.
 *
 * Writes rows x columns of typed cells with libxlsxwriter in constant_memory
 * mode (as the XLSX renderer does) and nothing else: no dataset, no column
 * widths, no formats beyond one date-time number format, no links.
 *
 *   ceiling_xlsx [--repeat N] --csv FILE OUT.xlsx
 *   ceiling_xlsx [--repeat N] --rows N [--cols N] OUT.xlsx
 *
 * --csv FILE  the values of an RFC 4180 file with a header row (the output of
 *             `outreport fetch ... -o calls.csv`), loaded into memory before the
 *             clock starts, so the workbook holds the same strings and numbers
 *             as the renderer's. Types by column name, as in the calls table:
 *             *_at -> date-time number, duration_s and *_id with digits only ->
 *             number, is_* and has_* (true/false) -> boolean, else text; an
 *             empty field is a blank cell (NULL), written as nothing.
 * --rows N    synthetic rows instead (the calls table's mix of 22 text, 4
 *             date-time, 2 number and 2 boolean columns per 30).
 *
 * Prints one human line and one machine line (median of N passes; default 3):
 *   rows=... cols=... cells=... seconds=... cpu_seconds=... cells_per_s=... bytes=...
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <xlsxwriter.h>

#include "bench_util.h"
#include "base/excel_serial.h"

enum kind { K_BLANK, K_TEXT, K_NUMBER, K_BOOL, K_TIME };
enum col_kind { C_TEXT, C_NUMBER, C_BOOL, C_TIME };

struct cell {
    double num;   /* K_NUMBER, K_TIME (Excel serial), K_BOOL (0/1) */
    uint32_t off; /* K_TEXT: NUL-terminated string at arena + off */
    uint8_t kind;
};

struct table {
    size_t rows, cols;
    char **names;         /* header; owned */
    enum col_kind *ckind; /* owned */
    struct cell *cells;   /* rows * cols; owned */
    char *arena;          /* owned */
    size_t arena_len, arena_cap;
};

static void
table_free(struct table *t)
{
    for (size_t i = 0; t->names != NULL && i < t->cols; i++) {
        free(t->names[i]);
    }
    free(t->names);
    free(t->ckind);
    free(t->cells);
    free(t->arena);
    memset(t, 0, sizeof(*t));
}

static int
arena_add(struct table *t, const char *s, size_t len, uint32_t *off)
{
    if (t->arena_len + len + 1 > t->arena_cap) {
        size_t cap = t->arena_cap ? t->arena_cap : (size_t)1 << 20;
        while (t->arena_len + len + 1 > cap) {
            cap *= 2;
        }
        if (cap > UINT32_MAX) {
            fprintf(stderr, "ceiling_xlsx: more than 4 GiB of text\n");
            return -1;
        }
        char *a = realloc(t->arena, cap);
        if (a == NULL) {
            return -1;
        }
        t->arena = a;
        t->arena_cap = cap;
    }
    memcpy(t->arena + t->arena_len, s, len);
    t->arena[t->arena_len + len] = '\0';
    *off = (uint32_t)t->arena_len;
    t->arena_len += len + 1;
    return 0;
}

static enum col_kind
kind_of(const char *name)
{
    if (has_suffix(name, "_at")) {
        return C_TIME;
    }
    if (strcmp(name, "duration_s") == 0 || strcmp(name, "disposition_id") == 0) {
        return C_NUMBER;
    }
    if (strncmp(name, "is_", 3) == 0 || strncmp(name, "has_", 4) == 0) {
        return C_BOOL;
    }
    return C_TEXT;
}

static int
digits(const char *s, int n, long *out)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* "2026-11-16T09:30:00+01:00": the wall-clock time as an Excel serial. */
static int
parse_time(const char *s, size_t len, double *serial)
{
    long y, mo, d, h, mi, se;
    if (len < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) || !digits(s + 11, 2, &h) ||
        !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se)) {
        return 0;
    }
    /* The renderer's own conversion, so the cells are the same numbers. */
    const int parts[6] = {(int)y, (int)mo, (int)d, (int)h, (int)mi, (int)se};
    return or_excel_serial(parts, serial);
}

static int
parse_number(const char *s, double *v)
{
    char *end = NULL;
    errno = 0;
    *v = strtod(s, &end);
    return errno == 0 && end != s && *end == '\0';
}

/* Sets one cell from a field's unescaped text (NUL-terminated at s[len]). */
static int
set_cell(struct table *t, struct cell *c, enum col_kind k, const char *s, size_t len)
{
    memset(c, 0, sizeof(*c));
    if (len == 0) {
        c->kind = K_BLANK;
        return 0;
    }
    if (k == C_TIME && parse_time(s, len, &c->num)) {
        c->kind = K_TIME;
        return 0;
    }
    if (k == C_NUMBER && parse_number(s, &c->num)) {
        c->kind = K_NUMBER;
        return 0;
    }
    if (k == C_BOOL && (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)) {
        c->kind = K_BOOL;
        c->num = s[0] == 't';
        return 0;
    }
    c->kind = K_TEXT;
    return arena_add(t, s, len, &c->off);
}

/* Reads the next RFC 4180 field at *p into buf (unescaped, NUL-terminated).
 * Returns 1 when the record goes on, 0 at its end, -1 at the end of input. */
static int
next_field(const char **p, const char *end, char **buf, size_t *cap, size_t *len)
{
    const char *s = *p;
    size_t n = 0;
    if (s >= end) {
        return -1;
    }
    int quoted = *s == '"';
    if (quoted) {
        s++;
    }
    for (;;) {
        if (n + 2 > *cap) {
            size_t c = *cap ? *cap * 2 : 4096;
            char *b = realloc(*buf, c);
            if (b == NULL) {
                return -2;
            }
            *buf = b;
            *cap = c;
        }
        if (s >= end) {
            break;
        }
        char ch = *s;
        if (quoted) {
            if (ch == '"') {
                if (s + 1 < end && s[1] == '"') {
                    (*buf)[n++] = '"';
                    s += 2;
                    continue;
                }
                quoted = 0;
                s++;
                continue;
            }
            (*buf)[n++] = ch;
            s++;
            continue;
        }
        if (ch == ',' || ch == '\r' || ch == '\n') {
            break;
        }
        (*buf)[n++] = ch;
        s++;
    }
    (*buf)[n] = '\0';
    *len = n;
    int more = 0;
    if (s < end && *s == ',') {
        more = 1;
        s++;
    }
    else {
        if (s < end && *s == '\r') {
            s++;
        }
        if (s < end && *s == '\n') {
            s++;
        }
    }
    *p = s;
    return more;
}

static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "ceiling_xlsx: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    struct stat sb;
    char *buf = NULL;
    if (fstat(fileno(f), &sb) == 0 && sb.st_size > 0) {
        buf = malloc((size_t)sb.st_size);
        if (buf != NULL && fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    if (buf == NULL) {
        fprintf(stderr, "ceiling_xlsx: %s: empty or unreadable\n", path);
        return NULL;
    }
    *len = (size_t)sb.st_size;
    return buf;
}

static int
load_csv(const char *path, struct table *t)
{
    size_t len = 0;
    char *data = slurp(path, &len);
    char *field = NULL;
    size_t cap = 0, flen = 0, ncells_cap = 0;
    int rc = -1;

    if (data == NULL) {
        return -1;
    }
    const char *p = data;
    const char *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
    }
    /* Header. */
    for (;;) {
        int more = next_field(&p, end, &field, &cap, &flen);
        if (more < -1) {
            goto done;
        }
        if (more == -1) {
            break;
        }
        char **names = realloc(t->names, (t->cols + 1) * sizeof(*names));
        enum col_kind *ck = realloc(t->ckind, (t->cols + 1) * sizeof(*ck));
        if (names != NULL) {
            t->names = names;
        }
        if (ck != NULL) {
            t->ckind = ck;
        }
        if (names == NULL || ck == NULL) {
            goto done;
        }
        t->names[t->cols] = strdup(field);
        if (t->names[t->cols] == NULL) {
            goto done;
        }
        t->ckind[t->cols] = kind_of(field);
        t->cols++;
        if (more == 0) {
            break;
        }
    }
    if (t->cols == 0) {
        fprintf(stderr, "ceiling_xlsx: %s: no header\n", path);
        goto done;
    }
    /* Records. */
    while (p < end) {
        if (t->rows * t->cols + t->cols > ncells_cap) {
            size_t c = ncells_cap ? ncells_cap * 2 : t->cols * 4096;
            struct cell *cells = realloc(t->cells, c * sizeof(*cells));
            if (cells == NULL) {
                goto done;
            }
            t->cells = cells;
            ncells_cap = c;
        }
        struct cell *row = &t->cells[t->rows * t->cols];
        size_t col = 0;
        for (;;) {
            int more = next_field(&p, end, &field, &cap, &flen);
            if (more < -1) {
                goto done;
            }
            if (more == -1) {
                break;
            }
            if (col < t->cols && set_cell(t, &row[col], t->ckind[col], field, flen) != 0) {
                goto done;
            }
            col++;
            if (more == 0) {
                break;
            }
        }
        if (col == 0) {
            break;
        }
        for (; col < t->cols; col++) {
            memset(&row[col], 0, sizeof(row[col]));
        }
        t->rows++;
    }
    rc = 0;

done:
    free(field);
    free(data);
    return rc;
}

static int
synthesize(size_t rows, size_t cols, struct table *t)
{
    /* The calls table's column kinds, repeated when --cols is larger. */
    static const enum col_kind layout[30] = {
        C_TEXT, C_TEXT,   C_TIME, C_TIME, C_TIME, C_TIME, C_NUMBER, C_TEXT, C_TEXT, C_TEXT,
        C_BOOL, C_NUMBER, C_TEXT, C_TEXT, C_TEXT, C_TEXT, C_TEXT,   C_TEXT, C_TEXT, C_TEXT,
        C_TEXT, C_TEXT,   C_TEXT, C_TEXT, C_TEXT, C_TEXT, C_BOOL,   C_TEXT, C_TEXT, C_TEXT,
    };
    static const char *const words[] = {
        "6afa47238e678b4af6f8b273",
        "answered",
        "outbound",
        "José García",
        "jose.garcia@acme-sales.example",
        "Açaí Brasil Ltda",
        "Procurement Lead",
        "HubSpot MQLs",
        "+16012331837",
        "https://recordings.example.com/CAcd86af5d.mp3",
    };
    const size_t nwords = sizeof(words) / sizeof(words[0]);
    uint32_t offs[sizeof(words) / sizeof(words[0])];

    t->rows = rows;
    t->cols = cols;
    t->names = calloc(cols, sizeof(*t->names));
    t->ckind = calloc(cols, sizeof(*t->ckind));
    t->cells = calloc(rows * cols, sizeof(*t->cells));
    if (t->names == NULL || t->ckind == NULL || t->cells == NULL) {
        return -1;
    }
    for (size_t w = 0; w < nwords; w++) {
        if (arena_add(t, words[w], strlen(words[w]), &offs[w]) != 0) {
            return -1;
        }
    }
    for (size_t c = 0; c < cols; c++) {
        char name[32];
        snprintf(name, sizeof(name), "col_%zu", c + 1);
        t->names[c] = strdup(name);
        if (t->names[c] == NULL) {
            return -1;
        }
        t->ckind[c] = layout[c % 30];
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            struct cell *cell = &t->cells[r * cols + c];
            switch (t->ckind[c]) {
            case C_TIME:
                cell->kind = K_TIME;
                cell->num = 46335.0 + (double)(r % 604800) / 86400.0;
                break;
            case C_NUMBER:
                cell->kind = K_NUMBER;
                cell->num = (double)(r % 600);
                break;
            case C_BOOL:
                cell->kind = K_BOOL;
                cell->num = (double)(r & 1);
                break;
            default:
                cell->kind = K_TEXT;
                cell->off = offs[(r + c) % nwords];
                break;
            }
        }
    }
    return 0;
}

/* The timed part: one workbook, one sheet, a header row and every cell. */
static int
write_workbook(const struct table *t, const char *out, const char *tmpdir)
{
    lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir};
    lxw_workbook *wb = workbook_new_opt(out, &wo);
    if (wb == NULL) {
        fprintf(stderr, "ceiling_xlsx: cannot create %s\n", out);
        return -1;
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, "calls");
    lxw_format *dt = workbook_add_format(wb);
    format_set_num_format(dt, "yyyy-mm-dd hh:mm:ss");
    lxw_error e = LXW_NO_ERROR;
    for (size_t c = 0; c < t->cols && e == LXW_NO_ERROR; c++) {
        e = worksheet_write_string(ws, 0, (lxw_col_t)c, t->names[c], NULL);
    }
    for (size_t r = 0; r < t->rows && e == LXW_NO_ERROR; r++) {
        const struct cell *row = &t->cells[r * t->cols];
        lxw_row_t xr = (lxw_row_t)(r + 1);
        for (size_t c = 0; c < t->cols && e == LXW_NO_ERROR; c++) {
            const struct cell *cell = &row[c];
            switch (cell->kind) {
            case K_TEXT:
                e = worksheet_write_string(ws, xr, (lxw_col_t)c, t->arena + cell->off, NULL);
                break;
            case K_NUMBER: e = worksheet_write_number(ws, xr, (lxw_col_t)c, cell->num, NULL); break;
            case K_TIME: e = worksheet_write_number(ws, xr, (lxw_col_t)c, cell->num, dt); break;
            case K_BOOL:
                e = worksheet_write_boolean(ws, xr, (lxw_col_t)c, cell->num != 0.0, NULL);
                break;
            default: break;
            }
        }
    }
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "ceiling_xlsx: write: %s\n", lxw_strerror(e));
        workbook_close(wb);
        return -1;
    }
    e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "ceiling_xlsx: close: %s\n", lxw_strerror(e));
        return -1;
    }
    return 0;
}

static int
parse_count(const char *s, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < 1 || v > max) {
        return 0;
    }
    *out = v;
    return 1;
}

static void
usage(FILE *f)
{
    fprintf(f, "usage: ceiling_xlsx [--repeat N] (--csv FILE | --rows N [--cols N]) OUT.xlsx\n");
}

int
main(int argc, char **argv)
{
    struct table t = {0};
    const char *csv = NULL;
    long rows = 0, cols = 30, repeat = 3;
    int argi = 1;
    int status = 1;
    double *walls = NULL, *cpus = NULL;
    char *tmpdir = NULL;

    while (argi < argc && strncmp(argv[argi], "--", 2) == 0) {
        const char *opt = argv[argi];
        if (strcmp(opt, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (argi + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        const char *val = argv[argi + 1];
        int ok = 1;
        if (strcmp(opt, "--csv") == 0) {
            csv = val;
        }
        else if (strcmp(opt, "--rows") == 0) {
            ok = parse_count(val, LXW_ROW_MAX - 1, &rows);
        }
        else if (strcmp(opt, "--cols") == 0) {
            ok = parse_count(val, LXW_COL_MAX, &cols);
        }
        else if (strcmp(opt, "--repeat") == 0) {
            ok = parse_count(val, 100, &repeat);
        }
        else {
            ok = 0;
        }
        if (!ok) {
            fprintf(stderr, "ceiling_xlsx: bad %s %s\n", opt, val);
            usage(stderr);
            return 2;
        }
        argi += 2;
    }
    if (argi + 1 != argc || (csv == NULL) == (rows == 0)) {
        usage(stderr);
        return 2;
    }
    const char *out = argv[argi];
    if ((csv != NULL ? load_csv(csv, &t) : synthesize((size_t)rows, (size_t)cols, &t)) != 0) {
        fprintf(stderr, "ceiling_xlsx: cannot load the cells\n");
        goto fail;
    }
    if (t.rows + 1 > LXW_ROW_MAX) {
        fprintf(stderr, "ceiling_xlsx: %zu rows do not fit one sheet\n", t.rows);
        goto fail;
    }
    /* Temporary row files next to the output, as the renderer keeps them near its own. */
    tmpdir = strdup(out);
    if (tmpdir == NULL) {
        goto fail;
    }
    char *slash = strrchr(tmpdir, '/');
    if (slash != NULL) {
        *slash = '\0';
    }
    else {
        free(tmpdir);
        tmpdir = strdup(".");
        if (tmpdir == NULL) {
            goto fail;
        }
    }
    walls = calloc((size_t)repeat, sizeof(*walls));
    cpus = calloc((size_t)repeat, sizeof(*cpus));
    if (walls == NULL || cpus == NULL) {
        goto fail;
    }
    for (long r = 0; r < repeat; r++) {
        double c0 = cpu_s();
        double t0 = now_s();
        if (write_workbook(&t, out, tmpdir) != 0) {
            goto fail;
        }
        walls[r] = now_s() - t0;
        cpus[r] = cpu_s() - c0;
    }
    struct stat sb;
    long long bytes = stat(out, &sb) == 0 ? (long long)sb.st_size : -1;
    qsort(walls, (size_t)repeat, sizeof(*walls), cmp_double);
    qsort(cpus, (size_t)repeat, sizeof(*cpus), cmp_double);
    double wall = walls[repeat / 2];
    double cells = (double)t.rows * (double)t.cols;
    printf("libxlsxwriter constant_memory: %zu rows x %zu columns = %.0f cells: %.3f s "
           "(median of %ld), %.0f cells/s, %lld bytes\n",
           t.rows, t.cols, cells, wall, repeat, cells / wall, bytes);
    printf("rows=%zu cols=%zu cells=%.0f seconds=%.4f cpu_seconds=%.4f cells_per_s=%.1f "
           "bytes=%lld\n",
           t.rows, t.cols, cells, wall, cpus[repeat / 2], cells / wall, bytes);
    status = 0;

fail:
    free(walls);
    free(cpus);
    free(tmpdir);
    table_free(&t);
    return status;
}
