/* SPDX-License-Identifier: MIT */
/*
 * jsonw: a small streaming JSON writer used to serialise mock API responses
 * directly into one growable buffer, without building a jansson tree.
 *
 * Every value function takes a key: pass the member name inside an object,
 * NULL inside an array (or for the top-level value). Commas are inserted
 * automatically. Allocation failure is sticky: the writer sets `failed` and
 * ignores later calls; jsonw_take() then returns NULL.
 */
#ifndef MOCKAPI_JSONW_H
#define MOCKAPI_JSONW_H

#include <stddef.h>
#include <stdint.h>

#define JSONW_MAX_DEPTH 32

struct jsonw {
    char *buf; /* owned; NUL-terminated when not failed */
    size_t len;
    size_t cap;
    int depth;
    int failed;
    unsigned char first[JSONW_MAX_DEPTH]; /* 1 while the container is still empty */
};

/** @brief Start an empty writer with `reserve` bytes preallocated (0 ok). */
void jsonw_init(struct jsonw *w, size_t reserve);

/** @brief Release the buffer (NULL-safe); the writer may be re-initialised. */
void jsonw_free(struct jsonw *w);

/**
 * @brief Hand the buffer to the caller.
 * @return malloc'ed NUL-terminated text (free with free()), or NULL after a
 *         failure; the writer is empty afterwards either way.
 */
char *jsonw_take(struct jsonw *w, size_t *len_out);

void jsonw_begin_object(struct jsonw *w, const char *key);
void jsonw_end_object(struct jsonw *w);
void jsonw_begin_array(struct jsonw *w, const char *key);
void jsonw_end_array(struct jsonw *w);

/** @brief A string value; `s` NULL writes null. `s` must be UTF-8. */
void jsonw_string(struct jsonw *w, const char *key, const char *s);
void jsonw_int(struct jsonw *w, const char *key, int64_t v);
/** @brief A number with exactly `decimals` digits after the point. */
void jsonw_real(struct jsonw *w, const char *key, double v, int decimals);
void jsonw_bool(struct jsonw *w, const char *key, int v);
void jsonw_null(struct jsonw *w, const char *key);

#endif
