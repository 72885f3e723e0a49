/* SPDX-License-Identifier: MIT */
/* API-key checks of the two key-based vendors (Unpod has its own, unpod.c). */
#include "mockapi.h"

#include <string.h>
#include <strings.h>

int
auth_salesfinity(const struct mock_ctx *ctx, const struct mock_request *req)
{
    const char *key = server_header(req, "x-api-key");

    return key != NULL && strcmp(key, ctx->cfg->sf_key) == 0;
}

/* The docs show both "x-api-key: K" and "Authorization: Bearer K". */
int
auth_saleshandy(const struct mock_ctx *ctx, const struct mock_request *req)
{
    const char *key = server_header(req, "x-api-key");
    const char *authz = server_header(req, "Authorization");

    if (key != NULL && strcmp(key, ctx->cfg->sh_key) == 0) {
        return 1;
    }
    if (authz != NULL && strncasecmp(authz, "Bearer ", 7) == 0) {
        const char *tok = authz + 7;
        while (*tok == ' ') {
            tok++;
        }
        return strcmp(tok, ctx->cfg->sh_key) == 0;
    }
    return 0;
}
