/* SPDX-License-Identifier: MIT */
/**
 * @file host.h
 * @brief The host side of the plugin ABI: the ::or_host table and ::or_request.
 *
 * Core only.  One ::or_host_ctx per plugin in use carries what the function
 * table needs (config section, report zone); or_host_init() fills a table
 * whose host_data points at it.
 */
#ifndef OR_HOST_H
#define OR_HOST_H

#include <glib.h>
#include <stdatomic.h>

#include "base/config.h"
#include "base/locale.h"
#include "http/http.h"
#include "outreport/plugin.h"

/** Values a provider repaired during one fetch, by kind (::or_host.count_repaired). */
struct or_repair_counts {
    atomic_long n[OR_REPAIR_COUNT]; /**< zero-initialised; added to from any thread */
};

/** What a host table serves one plugin.  Borrowed members. */
struct or_host_ctx {
    const char *plugin_name;          /**< config section and log prefix */
    const struct or_plugin *plugin;   /**< its descriptor: the config keys it declares; or NULL */
    const struct or_config *cfg;      /**< configuration */
    GTimeZone *tz;                    /**< report zone */
    int replay;                       /**< serving from a recording: secrets are not needed */
    const char *currency;             /**< ISO 4217 code of the report's currency, or NULL */
    struct or_repair_counts *repairs; /**< where count_repaired adds up; NULL: dropped */
    const char *locale;               /**< BCP 47 tag of the report's locale, or NULL: English */
    const struct or_locale *loc;      /**< its data for the formatter, or NULL: neutral style */
};

/** @brief Fill @p h for @p ctx (which must outlive every use of @p h). */
void or_host_init(struct or_host *h, struct or_host_ctx *ctx);

/** A request built by a provider.  Owned by the fetch loop. */
struct or_request {
    char method[8];
    GString *path;   /**< path, e.g. /v1/call-log */
    GString *query;  /**< encoded query without '?' */
    GArray *headers; /**< struct or_http_header, strings owned */
    char *body;      /**< owned, or NULL */
    size_t body_len;
    char *content_type; /**< owned, or NULL */
};

/** @brief A new empty request (GET /).  Free with or_request_free(). */
struct or_request *or_request_new(void);

/** @brief Free; NULL is a no-op. */
void or_request_free(struct or_request *r);

/**
 * @brief Describe @p r as an ::or_http_request.  Pointers borrowed from @p r
 * and @p path_query_buf (the caller frees the GString).
 */
void or_request_to_http(const struct or_request *r, const char *base_url, const char *label,
                        GString *path_query_buf, struct or_http_request *out);

#endif
