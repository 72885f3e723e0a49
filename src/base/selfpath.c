/* SPDX-License-Identifier: MIT */
/* Where the running binary is: see selfpath.h. */
#include "base/selfpath.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "or_config.h"

char *
or_self_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n <= 0) {
        return NULL;
    }
    buf[n] = '\0';
    return g_path_get_dirname(buf);
}

int
or_self_in_build_tree(void)
{
    char *self = or_self_dir();
    char *build = realpath(OR_BUILD_DIR, NULL);
    size_t len = build != NULL ? strlen(build) : 0;
    /* /proc/self/exe is already resolved; the build folder may be a link. */
    int in = self != NULL && build != NULL && strncmp(self, build, len) == 0 &&
             (self[len] == '/' || self[len] == '\0');
    free(build);
    g_free(self);
    return in;
}
