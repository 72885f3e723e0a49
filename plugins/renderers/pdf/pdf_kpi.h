/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_kpi.h
 * @brief KPIS sections: tiles in a grid, one row at a time, never split.
 *
 * A tile shows its label, the value in the KPI's format, and below it the
 * change against the previous period (an up or down triangle, green for
 * good news and red for bad, honouring lower_is_better; percentage points
 * for percent KPIs) and the previous value ("prev 11,980").  Without a
 * previous value there is no arrow.
 */
#ifndef OR_PDF_KPI_H
#define OR_PDF_KPI_H

#include "pdf_doc.h"

/**
 * @brief Draw the heading and tiles of a KPIS section.
 * @return OR_OK or the document's failure.
 */
or_status pdf_kpi_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen);

#endif /* OR_PDF_KPI_H */
