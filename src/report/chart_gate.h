/* SPDX-License-Identifier: MIT */
/**
 * @file chart_gate.h
 * @brief Chart kinds a renderer predates: drawn as an older kind when that
 * is faithful, else refused before anything is written (core only).
 *
 * A renderer declares the ABI minor it was built with (::or_plugin.abi_minor);
 * a chart kind appended in a later minor is a value its enum never had.  The
 * host never hands it one (docs/plugins.md, "Chart kinds a renderer
 * predates"):
 *
 * | kind (since)       | to an older renderer | why                                     |
 * |--------------------|----------------------|-----------------------------------------|
 * | trend (2.2)        | line                 | the same lines over the same categories; |
 * |                    |                      | only the current-period mark is lost     |
 * | stacked_area (2.3) | stacked_bar          | the same series stacked on the same axis |
 * | heatmap (2.3)      | refused              | no older kind draws a grid               |
 * | combo (2.3)        | refused              | its lines may have an axis of their own, |
 * |                    |                      | decided by the data                      |
 *
 * The decision depends on the template and the renderer only, never on the
 * data, so a run can make it before it fetches (or_chart_gate_template()).
 */
#ifndef OR_CHART_GATE_H
#define OR_CHART_GATE_H

#include <stddef.h>

#include "outreport/plugin.h"
#include "plugin/plugin_loader.h"
#include "report/template.h"

/**
 * @brief What renderer @p rp gets for a chart of @p kind in section @p id:
 * *@p drawn receives @p kind itself, or the older kind drawn in its place.
 * @return OR_OK; OR_ERR_CONFIG when the renderer predates @p kind and no
 *         older kind is faithful, with @p err naming the section, the kind,
 *         the renderer, its ABI and the ABI the kind needs.
 */
or_status or_chart_gate(const struct or_loaded_plugin *rp, const char *id, enum or_chart_kind kind,
                        enum or_chart_kind *drawn, char *err, size_t errlen);

/**
 * @brief Check every chart section of template @p t against the renderer of
 * each format of @p formats (NULL-terminated; formats without a loaded
 * renderer are skipped) that shows it: logs one warning per chart drawn as
 * an older kind.
 * @return OR_OK; OR_ERR_CONFIG as or_chart_gate(), @p err prefixed with
 *         the template's path.
 */
or_status or_chart_gate_template(const struct or_template *t, const struct or_registry *reg,
                                 char *const *formats, char *err, size_t errlen);

/** Sections as a renderer may see them.  Owned; or_chart_gated_free(). */
struct or_chart_gated;

/**
 * @brief The sections of @p rep for renderer @p rp: *@p out receives NULL
 * when it may see them as they are, else copies whose charts are drawn as an
 * older kind (or_chart_gated_sections()).  Nothing is logged.
 * @return OR_OK; OR_ERR_CONFIG as or_chart_gate() for the first section refused.
 */
or_status or_chart_gate_report(const struct or_loaded_plugin *rp, const struct or_report *rep,
                               struct or_chart_gated **out, char *err, size_t errlen);

/** @brief The report's sections (as many as it has), valid until @p g is freed. */
const struct or_section *const *or_chart_gated_sections(const struct or_chart_gated *g);

/** @brief Free @p g (NULL is fine). */
void or_chart_gated_free(struct or_chart_gated *g);

#endif
