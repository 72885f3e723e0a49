/* SPDX-License-Identifier: MIT */
/**
 * @file params.h
 * @brief `--param KEY=VALUE` parsing and validation against an endpoint.
 *
 * Core only.  Values are checked against the endpoint's declared parameter
 * types before any request is made: unknown names, wrong types, values
 * outside an enum and missing required parameters are refused with one line
 * naming the source, the parameter and what is accepted.
 */
#ifndef OR_PARAMS_H
#define OR_PARAMS_H

#include <stddef.h>

#include "outreport/plugin.h"

/** Validated parameters.  Owns its strings. */
struct or_params {
    struct or_param_value *items;
    const struct or_param_value **ptrs; /**< ptrs[i] is &items[i]: the list ::or_query takes */
    size_t n;
};

/**
 * @brief Parse and validate "KEY=VALUE" strings for @p ep of @p source.
 * @param out filled on success; release with or_params_release().
 */
or_status or_params_parse(const char *source, const struct or_endpoint *ep, const char *const *kv,
                          size_t nkv, struct or_params *out, char *err, size_t errlen);

/** @brief Release what or_params_parse() allocated. */
void or_params_release(struct or_params *p);

/** @brief The value of @p name, or NULL.  Borrowed. */
const char *or_params_get(const struct or_params *p, const char *name);

/** @brief Nonzero when text @p v is a value of @p type (one of @p choices for an enum). */
int or_param_value_valid(enum or_param_type type, const char *choices, const char *v);

/**
 * @brief What a value of @p type looks like, for messages: "true or false",
 * "one of a,b", "an int".  Returns a static string or @p buf.
 */
const char *or_param_expected(enum or_param_type type, const char *choices, char *buf, size_t n);

/** @brief Name of a parameter type ("string", "int", ...). */
const char *or_param_type_name(enum or_param_type t);

#endif
