/* SPDX-License-Identifier: MIT */
/* A valid ToUnicode CMap for libharu's UTF-8 fonts: see pdf_tounicode.h. */
#include "pdf_tounicode.h"

#include <stdio.h>

#include <hpdf_objects.h>
#include <hpdf_streams.h>

/* A CMap may hold at most 100 entries per begin...end block. */
#define BLOCK 100

static const char cmap_head[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n"
    "<0000> <FFFF>\n"
    "endcodespacerange\n";

static const char cmap_tail[] = "endcmap\n"
                                "CMapName currentdict /CMap defineresource pop\n"
                                "end\n"
                                "end\n";

static int
is_surrogate_block(unsigned hi)
{
    return hi >= 0xD8u && hi <= 0xDFu;
}

static HPDF_STATUS
write_ranges(HPDF_Stream out)
{
    HPDF_STATUS st = HPDF_Stream_WriteStr(out, cmap_head);
    unsigned total = 256u - 8u;
    unsigned written = 0;
    unsigned hi = 0;
    char line[64];

    while (st == HPDF_OK && written < total) {
        unsigned n = total - written < BLOCK ? total - written : BLOCK;
        snprintf(line, sizeof(line), "%u beginbfrange\n", n);
        st = HPDF_Stream_WriteStr(out, line);
        for (unsigned k = 0; k < n && st == HPDF_OK; k++) {
            while (is_surrogate_block(hi)) {
                hi++;
            }
            snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
            st = HPDF_Stream_WriteStr(out, line);
            hi++;
        }
        written += n;
        if (st == HPDF_OK) {
            st = HPDF_Stream_WriteStr(out, "endbfrange\n");
        }
    }
    if (st == HPDF_OK) {
        st = HPDF_Stream_WriteStr(out, cmap_tail);
    }
    return st;
}

HPDF_STATUS
pdf_tounicode_fix(HPDF_Doc pdf, HPDF_Font font)
{
    HPDF_Dict dict = (HPDF_Dict)font;

    if (pdf == NULL || dict == NULL) {
        return HPDF_INVALID_OBJECT;
    }
    if (HPDF_Dict_GetItem(dict, "ToUnicode", HPDF_OCLASS_DICT) == NULL) {
        return HPDF_OK;
    }
    HPDF_Dict map = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (map == NULL) {
        return HPDF_FAILD_TO_ALLOC_MEM;
    }
    if (pdf->compression_mode & HPDF_COMP_TEXT) {
        map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    }
    HPDF_STATUS st = write_ranges(map->stream);
    if (st != HPDF_OK) {
        return st;
    }
    /* Replacing the entry frees only its reference; libharu's own CMap stays
     * in the cross-reference table, unreferenced, and is freed with pdf. */
    return HPDF_Dict_Add(dict, "ToUnicode", map);
}
