/* SPDX-License-Identifier: MIT */
/**
 * @file redact.h
 * @brief Process-wide registry of secret values, and their redaction.
 *
 * Core only.  Every secret the core reads (API keys, tokens, SMTP passwords)
 * is registered here the moment it is read; every log line and error
 * message goes through or_redact_inplace() before it is shown, so a secret
 * never reaches a terminal, a log or a recording, also with -v.
 * Thread-safe.
 */
#ifndef OR_REDACT_H
#define OR_REDACT_H

#include <stddef.h>

/** Register a secret value (copied).  Values shorter than 4 bytes are ignored. */
void or_redact_add(const char *secret);

/** Replace every registered secret in the NUL-terminated @p buf (of size @p size) with "***". */
void or_redact_inplace(char *buf, size_t size);

/** Forget all secrets (tests, process exit). */
void or_redact_clear(void);

#endif /* OR_REDACT_H */
