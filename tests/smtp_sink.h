/* SPDX-License-Identifier: MIT */
/**
 * @file smtp_sink.h
 * @brief Test helper: start, read and stop tests/smtp_sink.py, a real SMTP
 * server (aiosmtpd) on 127.0.0.1 that saves every message it receives.
 */
#ifndef OR_TEST_SMTP_SINK_H
#define OR_TEST_SMTP_SINK_H

#include <glib.h>
#include <jansson.h>
#include <sys/types.h>

/** A running sink. */
struct sink {
    pid_t pid;
    int port;
    char dir[256]; /**< where messages land: msg-NNNN.eml and .json, stats.json */
    char url[64];  /**< "smtp://127.0.0.1:PORT" */
};

/** Path of tests/smtp_sink.py (static buffer). */
const char *sink_script(void);

/** Start with extra arguments (NULL-terminated or NULL); fails the test if it does not come up. */
void sink_start(struct sink *s, const char *const *args);

/** Stop it and remove its folder. */
void sink_stop(struct sink *s);

/** cmocka teardown: stops every sink a failed test left running. */
int stop_sinks(void **state);

/** A counter from stats.json (connections, data, delivered, logins). */
long sink_stat(const struct sink *s, const char *key);

/** Path of message @p n (g_free). */
char *sink_message_path(const struct sink *s, int n);

/** Message @p n parsed by smtp_sink.py --parse (json_decref). */
json_t *sink_parsed(const struct sink *s, int n);

/** The envelope recorded for message @p n (json_decref). */
json_t *sink_envelope(const struct sink *s, int n);

#endif
