/* SPDX-License-Identifier: MIT */
#include "dataset/cursor.h"

#include <stddef.h>

or_status
or_cursor_next(struct or_cursor *c, struct or_value *row, int *has_row)
{
    *has_row = 0;
    return c->ops->next(c, row, has_row);
}

or_status
or_cursor_rewind(struct or_cursor *c)
{
    return c->ops->rewind(c);
}

const char *
or_cursor_error(const struct or_cursor *c)
{
    return c->ops->error != NULL ? c->ops->error(c) : NULL;
}

void
or_cursor_free(struct or_cursor *c)
{
    if (c != NULL && c->ops->free != NULL) {
        c->ops->free(c);
    }
}
