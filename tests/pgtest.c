/* SPDX-License-Identifier: MIT */
#include "pgtest.h"

#include <arpa/inet.h>
#include <glob.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int
free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    socklen_t len = sizeof(a);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int port = -1;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0) {
        port = ntohs(a.sin_port);
    }
    if (fd >= 0) {
        close(fd);
    }
    return port;
}

/* Runs "PROGRAM ARGS" from the server's bin folder, as postgres when root. */
static int
run(const struct pgtest *pg, const char *program, const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "%s%s/%s %s >>%s/setup.log 2>&1",
             pg->as_root ? "runuser -u postgres -- " : "", pg->bin, program, args, pg->dir);
    return system(cmd) == 0 ? 0 : -1;
}

int
pgtest_start(struct pgtest *pg)
{
    glob_t g;
    memset(pg, 0, sizeof(*pg));
    if (glob("/usr/lib/postgresql/*/bin/initdb", 0, NULL, &g) != 0 || g.gl_pathc == 0) {
        fprintf(stderr, "pgtest: no initdb in /usr/lib/postgresql/*/bin (apt-get install "
                        "postgresql)\n");
        return -1;
    }
    snprintf(pg->bin, sizeof(pg->bin), "%.*s", (int)(strlen(g.gl_pathv[0]) - strlen("/initdb")),
             g.gl_pathv[0]);
    globfree(&g);
    snprintf(pg->dir, sizeof(pg->dir), "/tmp/orpg-XXXXXX");
    if (mkdtemp(pg->dir) == NULL) {
        return -1;
    }
    pg->as_root = geteuid() == 0;
    if (pg->as_root) {
        struct passwd *pw = getpwnam("postgres");
        if (pw == NULL || chown(pg->dir, pw->pw_uid, pw->pw_gid) != 0) {
            fprintf(stderr, "pgtest: no postgres user to run the server as\n");
            return -1;
        }
    }
    pg->port = free_port();
    char args[1024];
    snprintf(args, sizeof(args), "-D %s/data -A trust -U postgres --no-sync -E UTF8", pg->dir);
    if (run(pg, "initdb", args) != 0) {
        fprintf(stderr, "pgtest: initdb failed (see %s/setup.log)\n", pg->dir);
        return -1;
    }
    snprintf(args, sizeof(args),
             "-D %s/data -l %s/server.log -w -t 60 -o \"-p %d -k %s -c "
             "listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off\" start",
             pg->dir, pg->dir, pg->port, pg->dir);
    if (run(pg, "pg_ctl", args) != 0) {
        fprintf(stderr, "pgtest: the server did not start (see %s/server.log)\n", pg->dir);
        return -1;
    }
    return 0;
}

void
pgtest_stop(struct pgtest *pg)
{
    if (pg->dir[0] == '\0') {
        return;
    }
    char args[512], cmd[600];
    snprintf(args, sizeof(args), "-D %s/data -m immediate -w stop", pg->dir);
    run(pg, "pg_ctl", args);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", pg->dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "pgtest: could not remove %s\n", pg->dir);
    }
    pg->dir[0] = '\0';
}

static void
quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

int
pgtest_createdb(const struct pgtest *pg, const char *name, char *url, size_t n)
{
    char admin[256], sql[256];
    snprintf(admin, sizeof(admin), "postgresql://postgres@127.0.0.1:%d/postgres", pg->port);
    PGconn *c = PQconnectdb(admin);
    int ok = PQstatus(c) == CONNECTION_OK;
    PQsetNoticeProcessor(c, quiet, NULL);
    for (int i = 0; ok && i < 2; i++) {
        snprintf(sql, sizeof(sql), i == 0 ? "DROP DATABASE IF EXISTS %s" : "CREATE DATABASE %s",
                 name);
        PGresult *r = PQexec(c, sql);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok) {
            fprintf(stderr, "pgtest: %s: %s", sql, PQerrorMessage(c));
        }
        PQclear(r);
    }
    PQfinish(c);
    snprintf(url, n, "postgresql://postgres@127.0.0.1:%d/%s", pg->port, name);
    return ok ? 0 : -1;
}

struct pgtest pgtest_server;
int pgtest_up;

int
pgtest_group_setup(void **state)
{
    (void)state;
    pgtest_up = pgtest_start(&pgtest_server) == 0;
    return 0;
}

int
pgtest_group_teardown(void **state)
{
    (void)state;
    pgtest_stop(&pgtest_server);
    return 0;
}
