/* SPDX-License-Identifier: MIT */
/*
 * A renderer built against the header of a newer minor ABI (as if
 * outreport/plugin.h said OR_ABI_MINOR 99): the loader must refuse it, naming
 * both versions, and read nothing of it beyond the version fields.
 */
#include "outreport/plugin.h"

#undef OR_ABI_MINOR
#define OR_ABI_MINOR 99

static or_status
render(const struct or_host *h, const struct or_report *r, const char *path,
       const struct or_option *const *o, size_t n, char *err, size_t errlen)
{
    (void)h, (void)r, (void)path, (void)o, (void)n, (void)err, (void)errlen;
    return OR_OK;
}

static const struct or_renderer renderer = {
    .size = sizeof(struct or_renderer), .format = "newer", .render = render};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = "newer", .version = "9.9",
                 .description = "built for a newer minor ABI", .renderer = &renderer);
