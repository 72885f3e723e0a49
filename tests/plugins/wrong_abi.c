/* SPDX-License-Identifier: MIT */
/* A renderer built against a future ABI: the loader must refuse it. */
#include "outreport/plugin.h"

static or_status
render(const struct or_host *h, const struct or_report *r, const char *path,
       const struct or_option *o, size_t n, char *err, size_t errlen)
{
    (void)h, (void)r, (void)path, (void)o, (void)n, (void)err, (void)errlen;
    return OR_OK;
}

static const struct or_renderer renderer = {.format = "future", .render = render};
static const struct or_plugin plugin = {
    .abi = OR_ABI_VERSION + 98,
    .kind = OR_PLUGIN_RENDERER,
    .name = "future",
    .version = "9.9",
    .description = "built for another ABI",
    .renderer = &renderer,
};

OR_EXPORT const struct or_plugin *outreport_plugin(void);

const struct or_plugin *
outreport_plugin(void)
{
    return &plugin;
}
