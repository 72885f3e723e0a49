/* SPDX-License-Identifier: MIT */
/* No core dumps: see coredump.h. */
#include "base/coredump.h"

#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

void
or_coredump_disable(void)
{
    const char *allow = getenv("OUTREPORT_ALLOW_CORE");
    if (allow != NULL && strcmp(allow, "1") == 0) {
        return;
    }
    /* The hard limit too: nothing later in the process can raise it again. */
    struct rlimit none = {0, 0};
    (void)setrlimit(RLIMIT_CORE, &none);
    (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
