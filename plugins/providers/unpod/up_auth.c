/* SPDX-License-Identifier: MIT */
/*
 * The Authorization header and what a refused one means.  Unpod's current
 * docs send dashboard API keys as "Authorization: Token <key>"; its SDK
 * also knows "JWT <token>", and the seed page of the analytics API shows
 * "jwt <token>".  `[unpod] auth = token | jwt` picks the scheme; a value
 * that already starts with a scheme word ("Token abc", "Bearer abc") is
 * sent as it is.  A 401 or 403 says which scheme went out and how to
 * switch, since a right key under the wrong scheme is refused all the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "unpod.h"

/* Length of the scheme word @p value starts with ("Token abc": 5), or 0. */
static size_t
scheme_length(const char *value)
{
    static const char *const schemes[] = {"token", "jwt", "bearer", "basic", "api-key", "apikey"};
    for (size_t i = 0; i < UP_ARRAY_LEN(schemes); i++) {
        size_t n = strlen(schemes[i]);
        if (strncasecmp(value, schemes[i], n) == 0 && value[n] == ' ') {
            return n;
        }
    }
    return 0;
}

or_status
up_auth_scheme(const struct or_host *h, const char **scheme, char *err, size_t errlen)
{
    const char *mode = NULL;
    if (h->config_get(h, "auth", &mode) != OR_OK) {
        snprintf(err, errlen, UP_NAME " auth could not be read");
        return OR_ERR_CONFIG;
    }
    if (mode == NULL || mode[0] == '\0' || strcasecmp(mode, "token") == 0) {
        *scheme = "Token";
        return OR_OK;
    }
    if (strcasecmp(mode, "jwt") == 0) {
        *scheme = "jwt";
        return OR_OK;
    }
    snprintf(err, errlen, UP_NAME " auth = \"%.32s\" is not supported: use token or jwt", mode);
    return OR_ERR_INVALID;
}

char *
up_authorization(const char *scheme, const char *secret)
{
    if (scheme_length(secret) > 0) {
        return strdup(secret); /* pasted with its scheme: sent as given */
    }
    size_t n = strlen(scheme) + strlen(secret) + 2;
    char *value = malloc(n);
    if (value != NULL) {
        snprintf(value, n, "%s %s", scheme, secret);
    }
    return value;
}

void
up_auth_hint(const struct or_host *h, char *buf, size_t n)
{
    const char *scheme = "Token";
    char err[OR_ERR_SIZE];
    const char *secret = NULL;
    size_t given = 0;
    (void)up_auth_scheme(h, &scheme, err, sizeof(err));
    if (h->secret_get(h, "api_key_env", NULL, &secret, err, sizeof(err)) == OR_OK) {
        given = scheme_length(secret);
    }
    if (given > 0) {
        snprintf(buf, n,
                 "sent as given, with the scheme \"%.*s\" the credential starts with; check "
                 "%s",
                 (int)given, secret, UP_AUTH_HINT);
        return;
    }
    int token = strcmp(scheme, "Token") == 0;
    snprintf(buf, n,
             "sent as \"Authorization: %s %s\" ([unpod] auth = %s); %s: set [unpod] auth = %s; "
             "else check %s",
             scheme, token ? "<key>" : "<token>", token ? "token" : "jwt",
             token ? "a JWT (not a dashboard API key) needs the jwt scheme"
                   : "a dashboard API key needs the Token scheme",
             token ? "jwt" : "token", UP_AUTH_HINT);
}

or_status
up_auth_failure(const struct or_host *h, long http_status, const char *body, size_t len, char *hint,
                size_t n)
{
    (void)body;
    (void)len;
    if (http_status != 401 && http_status != 403) {
        if (n > 0) {
            hint[0] = '\0';
        }
        return OR_ERR_HTTP;
    }
    up_auth_hint(h, hint, n);
    return OR_ERR_AUTH;
}
