/* SPDX-License-Identifier: MIT */
/* The registry of secrets and their in-place redaction. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "base/redact.h"

#define MASK "***"
#define MASK_LEN 3
#define MIN_SECRET_LEN 4

/* A static GMutex needs no initialisation, so the registry works before
 * any setup code has run and from any thread. */
static GMutex lock;
static char **secrets;
static size_t *secret_lens;
static size_t count;
static size_t capacity;

void
or_redact_add(const char *secret)
{
    if (secret == NULL) {
        return;
    }
    size_t len = strlen(secret);
    /* Masking every "abc" would shred messages and hide nothing worth
     * hiding; see MIN_SECRET_LEN > MASK_LEN, which also makes every
     * replacement shrink the text. */
    if (len < MIN_SECRET_LEN) {
        return;
    }
    g_mutex_lock(&lock);
    for (size_t i = 0; i < count; i++) {
        if (secret_lens[i] == len && memcmp(secrets[i], secret, len) == 0) {
            goto out;
        }
    }
    if (count == capacity) {
        size_t cap = capacity > 0 ? capacity * 2 : 8;
        char **s = realloc(secrets, cap * sizeof(*s));
        if (s == NULL) {
            goto out;
        }
        secrets = s;
        size_t *l = realloc(secret_lens, cap * sizeof(*l));
        if (l == NULL) {
            goto out;
        }
        secret_lens = l;
        capacity = cap;
    }
    char *copy = strdup(secret);
    if (copy == NULL) {
        /* Nothing to report to: the function cannot fail by contract. */
        goto out;
    }
    secrets[count] = copy;
    secret_lens[count] = len;
    count++;

out:
    g_mutex_unlock(&lock);
}

/*
 * One left-to-right pass over buf[0, len) replacing each maximal stretch
 * covered by occurrences of secrets (overlapping or adjacent ones merge)
 * with one MASK.  It works in place: a stretch is at least MIN_SECRET_LEN
 * bytes long and its MASK is written only once the stretch has been read,
 * so writing never overtakes the bytes still to be matched.  Returns the
 * new length.
 */
static size_t
redact_pass(char *buf, size_t len)
{
    size_t w = 0;
    size_t cover_end = 0;
    size_t run_w = 0;
    int in_run = 0;
    for (size_t i = 0; i < len; i++) {
        for (size_t k = 0; k < count; k++) {
            size_t sl = secret_lens[k];
            if (sl <= len - i && i + sl > cover_end && buf[i] == secrets[k][0] &&
                memcmp(buf + i, secrets[k], sl) == 0) {
                cover_end = i + sl;
            }
        }
        if (i < cover_end) {
            if (!in_run) {
                in_run = 1;
                run_w = w;
            }
            continue;
        }
        if (in_run) {
            memcpy(buf + run_w, MASK, MASK_LEN);
            w = run_w + MASK_LEN;
            in_run = 0;
        }
        buf[w++] = buf[i];
    }
    if (in_run) {
        memcpy(buf + run_w, MASK, MASK_LEN);
        w = run_w + MASK_LEN;
    }
    return w;
}

void
or_redact_inplace(char *buf, size_t size)
{
    if (buf == NULL || size == 0) {
        return;
    }
    g_mutex_lock(&lock);
    size_t len = strnlen(buf, size);
    size_t orig = len;
    /* A mask next to other text can complete a secret that itself
     * contains '*'; repeat until nothing matches (each change shrinks). */
    for (;;) {
        size_t shorter = redact_pass(buf, len);
        if (shorter == len) {
            break;
        }
        len = shorter;
    }
    if (len < orig) {
        buf[len] = '\0';
    }
    g_mutex_unlock(&lock);
}

void
or_redact_clear(void)
{
    g_mutex_lock(&lock);
    for (size_t i = 0; i < count; i++) {
        /* Do not leave the secret in freed heap memory. */
        memset(secrets[i], 0, secret_lens[i]);
        free(secrets[i]);
    }
    free(secrets);
    free(secret_lens);
    secrets = NULL;
    secret_lens = NULL;
    count = 0;
    capacity = 0;
    g_mutex_unlock(&lock);
}
