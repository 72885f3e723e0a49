/* SPDX-License-Identifier: MIT */
/**
 * @file status.h
 * @brief The one status enum every fallible outreport function returns.
 *
 * Functions return an ::or_status and, where a caller passes one, fill a
 * message buffer of at least ::OR_ERR_SIZE bytes with one human-readable
 * line naming the file, field, endpoint or HTTP status concerned.  Messages
 * never contain secrets.  This header is part of the plugin ABI.
 */
#ifndef OUTREPORT_STATUS_H
#define OUTREPORT_STATUS_H

/** Size of every error message buffer passed across the ABI. */
#define OR_ERR_SIZE 512

/** Result of a fallible operation; OR_OK is zero, everything else an error. */
typedef enum or_status {
    OR_OK = 0,          /**< success */
    OR_ERR_NOMEM,       /**< out of memory */
    OR_ERR_INVALID,     /**< invalid argument, option or input value */
    OR_ERR_IO,          /**< file system error */
    OR_ERR_CONFIG,      /**< configuration file or key is wrong */
    OR_ERR_PLUGIN,      /**< a plugin could not be loaded or misbehaved */
    OR_ERR_NOT_FOUND,   /**< a named thing (plugin, endpoint, template) is unknown */
    OR_ERR_NETWORK,     /**< connection, DNS, TLS or timeout error */
    OR_ERR_HTTP,        /**< the server answered with an HTTP error status */
    OR_ERR_AUTH,        /**< the server refused the credentials (401/403) */
    OR_ERR_PARSE,       /**< a response or file could not be parsed */
    OR_ERR_PAGING,      /**< paging went wrong: a repeated or runaway page */
    OR_ERR_DATASET,     /**< the SQLite dataset refused an operation */
    OR_ERR_RENDER,      /**< a renderer failed to produce its document */
    OR_ERR_REPLAY,      /**< a replayed run asked for a request not recorded */
    OR_ERR_UNSUPPORTED, /**< the operation is not supported by this plugin */
    OR_STATUS_COUNT     /**< number of status values; not a status */
} or_status;

#endif /* OUTREPORT_STATUS_H */
