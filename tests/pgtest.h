/* SPDX-License-Identifier: MIT */
/**
 * @file pgtest.h
 * @brief A throwaway PostgreSQL server for tests: a cluster made by
 * initdb in a temporary folder, listening on a free loopback port, stopped
 * and removed by pgtest_stop().  Debian's `postgresql` package provides the
 * programs; initdb and postgres refuse to run as root, so as root they run
 * as the `postgres` system user (runuser), which owns the folder.
 *
 * Start one per test executable (it takes a few seconds) and give each
 * test a database of its own (pgtest_createdb()).
 */
#ifndef OR_TEST_PGTEST_H
#define OR_TEST_PGTEST_H

#include <stddef.h>

/** A running test server. */
struct pgtest {
    char dir[256]; /**< its folder: data/, the socket, log */
    int port;      /**< 127.0.0.1 port */
    char bin[256]; /**< the folder of initdb and pg_ctl */
    int as_root;   /**< the programs run through runuser */
};

/** @brief Start a server.  Returns 0, or -1 with the reason printed. */
int pgtest_start(struct pgtest *pg);

/** @brief Stop it and remove its folder. */
void pgtest_stop(struct pgtest *pg);

/**
 * @brief Create database @p name (dropped first if it exists) and write its
 * URL (postgresql://postgres@127.0.0.1:PORT/NAME) into @p url.  Returns 0 or -1.
 */
int pgtest_createdb(const struct pgtest *pg, const char *name, char *url, size_t n);

/** The server of the test executable, started by pgtest_group_setup(). */
extern struct pgtest pgtest_server;

/** Nonzero when pgtest_server runs (tests using it assert this). */
extern int pgtest_up;

/** @brief cmocka group setup: start pgtest_server (a failure only clears pgtest_up). */
int pgtest_group_setup(void **state);

/** @brief cmocka group teardown: stop it. */
int pgtest_group_teardown(void **state);

#endif
