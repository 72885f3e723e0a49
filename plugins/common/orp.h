/* SPDX-License-Identifier: MIT */
/**
 * @file orp.h
 * @brief Helpers shared by the provider plugins (static library `orp`).
 *
 * Each provider links its own copy of this library; every symbol is hidden
 * (built with hidden visibility, and the pragma in each header keeps them
 * hidden even without that flag), so a plugin still exports only
 * `outreport_plugin`.  Nothing here keeps global state: every function is
 * reentrant, as build_request and parse_page run on several threads.
 *
 * Modules, one header each:
 * - orp_cells.h: per-page row writer state, the once-per-page warning, the row loop;
 * - orp_set.h: JSON values to typed columns under the NULL rules of DESIGN.md §6;
 * - orp_number.h: numbers from JSON values and decimal text;
 * - orp_error.h: the vendor's message from an error body;
 * - orp_page.h: decoding a page body;
 * - orp_repair.h: values jansson refuses (huge integers, \\u0000, raw control
 *   characters inside strings), kept;
 * - orp_lookup.h: an endpoint's lookup (the rows of another table);
 * - orp_param.h: endpoint parameter lookup and checks;
 * - orp_civil.h: civil-date arithmetic and UTC text;
 * - orp_text.h: blanks.
 */
#ifndef ORP_H
#define ORP_H

#include "orp_cells.h"
#include "orp_civil.h"
#include "orp_error.h"
#include "orp_lookup.h"
#include "orp_number.h"
#include "orp_page.h"
#include "orp_param.h"
#include "orp_repair.h"
#include "orp_set.h"
#include "orp_text.h"

#endif /* ORP_H */
