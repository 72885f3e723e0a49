/* SPDX-License-Identifier: MIT */
/* Combo charts finished in the written workbook: see xlsx_combo.h. */
#include "xlsx_combo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <unzip.h>
#include <zip.h>

/* Axis ids of the lines' own axes: unique within their chart, whose own
 * axes libxlsxwriter numbers 5001nnnn. */
#define CAT2_ID "71010001"
#define VAL2_ID "71010002"
#define NAME_CAP 512
#define COPY_BUF 65536
#define PATH_CAP 4096

/* @p s as libxlsxwriter writes element text: &, < and > escaped, quotes not. */
static char *
xml_text(const char *s)
{
    GString *out = g_string_sized_new(strlen(s) + 16);
    for (const char *p = s; *p != '\0'; p++) {
        switch (*p) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        default: g_string_append_c(out, *p); break;
        }
    }
    return g_string_free(out, FALSE);
}

or_status
xlsx_combo_note(struct xlsx_ctx *x, const struct or_section *sec, const char *sheet)
{
    const struct or_chart *c = sec->chart;
    struct xlsx_combo *grown = realloc(x->combos, (x->ncombos + 1) * sizeof(*grown));
    if (grown == NULL) {
        return xlsx_ctx_nomem(x, "combo chart");
    }
    x->combos = grown;
    char *quoted = lxw_quote_sheetname(sheet);
    if (quoted == NULL) {
        return xlsx_ctx_nomem(x, "combo chart");
    }
    char *ref = g_strdup_printf("%s!$B$1", quoted);
    char *escaped = xml_text(ref);
    free(quoted);
    g_free(ref);
    x->combos[x->ncombos++] = (struct xlsx_combo){
        .mark = g_strdup_printf("<c:f>%s</c:f>", escaped),
        .nlines = c->nlines,
        .nseries = c->nseries,
        .secondary = c->secondary,
        .y2_label = c->y2_label,
    };
    g_free(escaped);
    return OR_OK;
}

void
xlsx_combo_free(struct xlsx_ctx *x)
{
    for (size_t i = 0; i < x->ncombos; i++) {
        g_free(x->combos[i].mark);
    }
    free(x->combos);
    x->combos = NULL;
    x->ncombos = 0;
}

/* The secondary axes: a hidden category axis, a value axis at the right. */
static void
append_axes(GString *out, const struct xlsx_combo *cb)
{
    g_string_append(out, "<c:catAx><c:axId val=\"" CAT2_ID "\"/><c:scaling><c:orientation "
                         "val=\"minMax\"/></c:scaling><c:delete val=\"1\"/><c:axPos val=\"b\"/>"
                         "<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/><c:tickLblPos "
                         "val=\"nextTo\"/><c:crossAx val=\"" VAL2_ID "\"/><c:crosses "
                         "val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>"
                         "<c:lblOffset val=\"100\"/></c:catAx>");
    g_string_append(out, "<c:valAx><c:axId val=\"" VAL2_ID "\"/><c:scaling><c:orientation "
                         "val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"r\"/>");
    if (cb->y2_label != NULL && cb->y2_label[0] != '\0') {
        char *t = g_markup_escape_text(cb->y2_label, -1);
        g_string_append_printf(out,
                               "<c:title><c:tx><c:rich><a:bodyPr rot=\"5400000\" vert=\"horz\"/>"
                               "<a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr "
                               "lang=\"en-US\"/><a:t>%s</a:t></a:r></a:p></c:rich></c:tx>"
                               "<c:overlay val=\"0\"/></c:title>",
                               t);
        g_free(t);
    }
    g_string_append(out, "<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/><c:tickLblPos "
                         "val=\"nextTo\"/><c:crossAx val=\"" CAT2_ID "\"/><c:crosses "
                         "val=\"max\"/><c:crossBetween val=\"between\"/></c:valAx>");
}

/*
 * The chart part @p xml with the last cb->nlines series of its bar chart in
 * a line chart, or NULL when the part is not as libxlsxwriter writes a
 * column chart of cb->nseries series.
 */
static GString *
combine(const char *xml, const struct xlsx_combo *cb)
{
    const char *bar = strstr(xml, "<c:barChart>");
    const char *bar_end = bar != NULL ? strstr(bar, "</c:barChart>") : NULL;
    const char *axid = bar_end != NULL ? g_strstr_len(bar, bar_end - bar, "<c:axId ") : NULL;
    const char *val_end = bar_end != NULL ? strstr(bar_end, "</c:valAx>") : NULL;
    if (axid == NULL || val_end == NULL) {
        return NULL;
    }
    /* The series, in order: the bars' stay, the lines' (from series k on) move. */
    size_t n = 0;
    size_t k = cb->nseries - cb->nlines;
    const char *first_line = NULL;
    const char *last_line = NULL;
    for (const char *p = bar;;) {
        const char *s = g_strstr_len(p, bar_end - p, "<c:ser>");
        const char *e = s != NULL ? g_strstr_len(s, bar_end - s, "</c:ser>") : NULL;
        if (e == NULL) {
            break;
        }
        first_line = n == k ? s : first_line;
        last_line = e + strlen("</c:ser>");
        p = last_line;
        n++;
    }
    if (n != cb->nseries || cb->nlines == 0 || first_line == NULL) {
        return NULL;
    }
    GString *out = g_string_sized_new(strlen(xml) + 2048);
    g_string_append_len(out, xml, first_line - xml);
    g_string_append_len(out, last_line, bar_end - last_line);
    g_string_append(out, "</c:barChart><c:lineChart><c:grouping val=\"standard\"/>"
                         "<c:varyColors val=\"0\"/>");
    g_string_append_len(out, first_line, last_line - first_line);
    g_string_append(out, "<c:marker val=\"1\"/>");
    if (cb->secondary) {
        g_string_append(out, "<c:axId val=\"" CAT2_ID "\"/><c:axId val=\"" VAL2_ID "\"/>");
    }
    else {
        g_string_append_len(out, axid, bar_end - axid); /* the bars' axes */
    }
    g_string_append(out, "</c:lineChart>");
    const char *after_bar = bar_end + strlen("</c:barChart>");
    const char *after_val = val_end + strlen("</c:valAx>");
    g_string_append_len(out, after_bar, after_val - after_bar);
    if (cb->secondary) {
        append_axes(out, cb);
    }
    g_string_append(out, after_val);
    return out;
}

/* A whole part of the zip, uncompressed; NULL when it cannot be read. */
static char *
read_part(unzFile in, uLong size)
{
    char *buf = malloc((size_t)size + 1);
    if (buf == NULL || unzOpenCurrentFile(in) != UNZ_OK) {
        free(buf);
        return NULL;
    }
    int got = unzReadCurrentFile(in, buf, (unsigned)size);
    int closed = unzCloseCurrentFile(in);
    if (got < 0 || (uLong)got != size || closed != UNZ_OK) {
        free(buf);
        return NULL;
    }
    buf[size] = '\0';
    return buf;
}

static zip_fileinfo
file_info(const unz_file_info64 *fi)
{
    zip_fileinfo zi;
    memset(&zi, 0, sizeof(zi));
    zi.tmz_date.tm_sec = fi->tmu_date.tm_sec;
    zi.tmz_date.tm_min = fi->tmu_date.tm_min;
    zi.tmz_date.tm_hour = fi->tmu_date.tm_hour;
    zi.tmz_date.tm_mday = fi->tmu_date.tm_mday;
    zi.tmz_date.tm_mon = fi->tmu_date.tm_mon;
    zi.tmz_date.tm_year = fi->tmu_date.tm_year;
    zi.dosDate = fi->dosDate;
    zi.internal_fa = fi->internal_fa;
    zi.external_fa = fi->external_fa;
    return zi;
}

/* Copy the current part as it is compressed. */
static int
copy_raw(unzFile in, zipFile out, const char *name, const unz_file_info64 *fi)
{
    int method = 0;
    int level = 0;
    zip_fileinfo zi = file_info(fi);
    if (unzOpenCurrentFile2(in, &method, &level, 1) != UNZ_OK) {
        return -1;
    }
    int rc = zipOpenNewFileInZip2_64(out, name, &zi, NULL, 0, NULL, 0, NULL, method, level, 1,
                                     fi->uncompressed_size >= 0xFFFFFFFFu);
    char *buf = malloc(COPY_BUF);
    int got = 0;
    while (rc == ZIP_OK && buf != NULL && (got = unzReadCurrentFile(in, buf, COPY_BUF)) > 0) {
        rc = zipWriteInFileInZip(out, buf, (unsigned)got);
    }
    free(buf);
    int closed = unzCloseCurrentFile(in);
    if (rc != ZIP_OK || buf == NULL || got < 0 || closed != UNZ_OK) {
        return -1;
    }
    return zipCloseFileInZipRaw64(out, fi->uncompressed_size, fi->crc) == ZIP_OK ? 0 : -1;
}

static int
write_part(zipFile out, const char *name, const unz_file_info64 *fi, const GString *data)
{
    zip_fileinfo zi = file_info(fi);
    if (zipOpenNewFileInZip64(out, name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
                              Z_DEFAULT_COMPRESSION, 0) != ZIP_OK) {
        return -1;
    }
    int rc = zipWriteInFileInZip(out, data->str, (unsigned)data->len);
    return zipCloseFileInZip(out) == ZIP_OK && rc == ZIP_OK ? 0 : -1;
}

/* A chart part: rewritten when it is a noted combo's, else copied. */
static int
chart_part(struct xlsx_ctx *x, unzFile in, zipFile out, const char *name, const unz_file_info64 *fi,
           int *bad)
{
    char *xml = read_part(in, (uLong)fi->uncompressed_size);
    if (xml == NULL) {
        return -1;
    }
    GString *data = NULL;
    for (size_t i = 0; data == NULL && i < x->ncombos; i++) {
        if (!x->combos[i].done && strstr(xml, x->combos[i].mark) != NULL) {
            data = combine(xml, &x->combos[i]);
            x->combos[i].done = data != NULL;
            *bad = *bad || data == NULL;
        }
    }
    int rc = 0;
    if (data != NULL) {
        rc = write_part(out, name, fi, data);
        g_string_free(data, TRUE);
    }
    else {
        GString whole = {.str = xml, .len = fi->uncompressed_size};
        rc = write_part(out, name, fi, &whole);
    }
    free(xml);
    return rc;
}

/* Every part of @p in into @p out; *@p bad when a combo's part is not as expected. */
static int
copy_parts(struct xlsx_ctx *x, unzFile in, zipFile out, int *bad)
{
    char name[NAME_CAP];
    int rc = unzGoToFirstFile(in) == UNZ_OK ? 0 : -1;
    while (rc == 0) {
        unz_file_info64 fi;
        if (unzGetCurrentFileInfo64(in, &fi, name, sizeof(name), NULL, 0, NULL, 0) != UNZ_OK) {
            return -1;
        }
        if (g_str_has_prefix(name, "xl/charts/chart") && g_str_has_suffix(name, ".xml")) {
            rc = chart_part(x, in, out, name, &fi, bad);
        }
        else {
            rc = copy_raw(in, out, name, &fi);
        }
        int next = unzGoToNextFile(in);
        if (next == UNZ_END_OF_LIST_OF_FILE) {
            break;
        }
        rc = rc == 0 && next == UNZ_OK ? 0 : -1;
    }
    return rc;
}

/* The host's temporary file beside the workbook, into @p tmp: private, and
 * removed with the host's own when a signal stops the process while it is
 * being written (since ABI 2.4). */
static or_status
combo_tmp(struct xlsx_ctx *x, char *tmp, size_t n)
{
    char terr[OR_ERR_SIZE] = "";
    or_status st = OR_ERR_IO;
    if (OR_HOST_SINCE(x->h, 4)) {
        st = x->h->tmp_create(x->h, x->path, tmp, n, terr, sizeof(terr));
    }
    else {
        snprintf(terr, sizeof(terr), "the host makes no temporary files (plugin ABI 2.4)");
    }
    if (st != OR_OK) {
        snprintf(x->err, x->errlen, "%s: cannot rewrite the workbook for its combo charts: %s",
                 x->path, terr[0] != '\0' ? terr : "the temporary file's name is too long");
        return OR_ERR_IO;
    }
    return OR_OK;
}

or_status
xlsx_combo_finish(struct xlsx_ctx *x)
{
    if (x->ncombos == 0) {
        return OR_OK;
    }
    char tmp[PATH_CAP];
    if (combo_tmp(x, tmp, sizeof(tmp)) != OR_OK) {
        xlsx_combo_free(x);
        return OR_ERR_IO;
    }
    unzFile in = unzOpen64(x->path);
    zipFile out = in != NULL ? zipOpen64(tmp, APPEND_STATUS_CREATE) : NULL;
    int bad = 0;
    int rc = out != NULL ? copy_parts(x, in, out, &bad) : -1;
    if (out != NULL && zipClose(out, NULL) != ZIP_OK) {
        rc = -1;
    }
    if (in != NULL) {
        unzClose(in);
    }
    or_status st = OR_OK;
    size_t missing = 0;
    while (missing < x->ncombos && x->combos[missing].done) {
        missing++;
    }
    if (rc != 0) {
        snprintf(x->err, x->errlen, "%s: cannot rewrite the workbook for its combo charts (%s)",
                 x->path, errno != 0 ? strerror(errno) : "zip error");
        st = OR_ERR_IO;
    }
    else if (bad || missing < x->ncombos) {
        snprintf(x->err, x->errlen, "%s: a combo chart is not in the workbook as written", x->path);
        st = OR_ERR_RENDER;
    }
    else if (rename(tmp, x->path) != 0) {
        snprintf(x->err, x->errlen, "%s: cannot replace the workbook: %s", x->path,
                 strerror(errno));
        st = OR_ERR_IO;
    }
    x->h->tmp_done(x->h, tmp); /* removes it unless it was renamed into place */
    xlsx_combo_free(x);
    return st;
}
