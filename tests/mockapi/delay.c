/* SPDX-License-Identifier: MIT */
/*
 * Latency without blocking a pool thread: the handler suspends its
 * connection and queues it here; one timer thread resumes each connection at
 * its deadline and MHD then calls the handler again. Sleeping in the handler
 * instead would stall every other connection that MHD happened to assign to
 * the same worker, so "concurrent" slow requests would run one after another.
 */
#include "mockapi.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct delay_item {
    struct MHD_Connection *conn;
    int64_t due_ms;
    struct delay_item *next;
};

struct delay {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct delay_item *head; /* sorted by due_ms */
    int stop;
    pthread_t thread;
};

static int64_t
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *
run(void *arg)
{
    struct delay *d = arg;

    pthread_mutex_lock(&d->mu);
    for (;;) {
        struct delay_item *it = d->head;
        if (it != NULL && (d->stop || it->due_ms <= now_ms())) {
            d->head = it->next;
            pthread_mutex_unlock(&d->mu);
            MHD_resume_connection(it->conn);
            free(it);
            pthread_mutex_lock(&d->mu);
            continue;
        }
        if (d->stop) {
            break;
        }
        if (it == NULL) {
            pthread_cond_wait(&d->cv, &d->mu);
        }
        else {
            struct timespec ts;
            int64_t wait = it->due_ms - now_ms();
            clock_gettime(CLOCK_MONOTONIC, &ts);
            ts.tv_sec += wait / 1000;
            ts.tv_nsec += (wait % 1000) * 1000000L;
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&d->cv, &d->mu, &ts);
        }
    }
    pthread_mutex_unlock(&d->mu);
    return NULL;
}

struct delay *
delay_new(void)
{
    struct delay *d = calloc(1, sizeof *d);
    pthread_condattr_t attr;

    if (d == NULL) {
        return NULL;
    }
    if (pthread_mutex_init(&d->mu, NULL) != 0) {
        free(d);
        return NULL;
    }
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    int rc = pthread_cond_init(&d->cv, &attr);
    pthread_condattr_destroy(&attr);
    if (rc != 0) {
        pthread_mutex_destroy(&d->mu);
        free(d);
        return NULL;
    }
    if (pthread_create(&d->thread, NULL, run, d) != 0) {
        pthread_cond_destroy(&d->cv);
        pthread_mutex_destroy(&d->mu);
        free(d);
        return NULL;
    }
    return d;
}

int
delay_add(struct delay *d, struct MHD_Connection *conn, long ms)
{
    struct delay_item *it = calloc(1, sizeof *it);

    if (it == NULL) {
        return -1;
    }
    it->conn = conn;
    it->due_ms = now_ms() + ms;
    pthread_mutex_lock(&d->mu);
    if (d->stop) {
        pthread_mutex_unlock(&d->mu);
        free(it);
        return -1;
    }
    struct delay_item **p = &d->head;
    while (*p != NULL && (*p)->due_ms <= it->due_ms) {
        p = &(*p)->next;
    }
    it->next = *p;
    *p = it;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
    return 0;
}

void
delay_stop(struct delay *d)
{
    if (d == NULL) {
        return;
    }
    pthread_mutex_lock(&d->mu);
    if (d->stop) {
        pthread_mutex_unlock(&d->mu);
        return;
    }
    d->stop = 1;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
    pthread_join(d->thread, NULL);
}

void
delay_free(struct delay *d)
{
    if (d == NULL) {
        return;
    }
    delay_stop(d);
    pthread_cond_destroy(&d->cv);
    pthread_mutex_destroy(&d->mu);
    free(d);
}
