/* SPDX-License-Identifier: MIT */
/*
 * A renderer built against the header of another ABI, which the loader must
 * refuse, naming both versions, after reading nothing of it but the version
 * fields.  Built twice (tests/meson.build): as wrong_abi.so, as if
 * outreport/plugin.h said OR_ABI_MAJOR 3, and with -DNEWER_MINOR as
 * newer_minor.so, as if it said OR_ABI_MINOR 99.
 */
#include "outreport/plugin.h"

#ifdef NEWER_MINOR
#undef OR_ABI_MINOR
#define OR_ABI_MINOR 99
#define NAME "newer"
#else
#undef OR_ABI_MAJOR
#define OR_ABI_MAJOR 3
#define NAME "future"
#endif

static or_status
render(const struct or_host *h, const struct or_report *r, const char *path,
       const struct or_option *const *o, size_t n, char *err, size_t errlen)
{
    (void)h, (void)r, (void)path, (void)o, (void)n, (void)err, (void)errlen;
    return OR_OK;
}

static const struct or_renderer renderer = {
    .size = sizeof(struct or_renderer), .format = NAME, .render = render};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = NAME, .version = "9.9",
                 .description = "built for another ABI", .renderer = &renderer);
