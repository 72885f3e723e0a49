/* SPDX-License-Identifier: MIT */
/*
 * ceiling_jansson — the parse-only ceiling for the call-log fetch.
 *
 * Reads every page body of a recording (`outreport fetch ... --record DIR`
 * writes one `<key>.body` per response) into memory first, then, timed,
 * json_loadb()s each body with the flags the Salesfinity provider uses and
 * walks the objects of its "data" array, touching every key and value type,
 * and doing nothing else: no normalisation, no dataset, no output.
 *
 *   ceiling_jansson [--repeat N] [--key NAME] [--arena] DIR|FILE...
 *
 * --arena  (an experiment, not the ceiling) jansson allocates from a bump arena that
 *          is reset after each page (json_set_alloc_funcs; free does nothing), to size
 *          what malloc/free cost inside jansson.
 *
 * Prints one human line and one machine line of key=value pairs (the median
 * of N passes; default 3):
 *   rows=... bytes=... files=... seconds=... cpu_seconds=... rows_per_s=... mib_per_s=...
 * Exit status 0, 1 on a read or parse error, 2 on a bad command line.
 */
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "bench_util.h"

/* The --arena experiment: one growing list of 1 MiB blocks, reset per page. */
#define ARENA_BLOCK ((size_t)1 << 20)

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

static struct arena_block *arena_head;

static void *
arena_malloc(size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    struct arena_block *b = arena_head;
    if (b == NULL || b->used + n > b->cap) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof(*b) + cap);
        if (b == NULL) {
            return NULL;
        }
        b->next = arena_head;
        b->used = 0;
        b->cap = cap;
        arena_head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

static void
arena_free(void *p)
{
    (void)p;
}

/* Keeps the newest block for the next page and releases the others. */
static void
arena_reset(void)
{
    if (arena_head == NULL) {
        return;
    }
    struct arena_block *b = arena_head->next;
    while (b != NULL) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena_head->next = NULL;
    arena_head->used = 0;
}

struct body {
    char *buf;
    size_t len;
};

struct bodies {
    struct body *items;
    size_t n;
    size_t cap;
    size_t bytes;
};

static int
read_file(const char *path, struct bodies *b)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    int rc = -1;

    if (f == NULL) {
        fprintf(stderr, "ceiling_jansson: %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || sb.st_size <= 0) {
        fprintf(stderr, "ceiling_jansson: %s: empty or unreadable\n", path);
        goto done;
    }
    size_t len = (size_t)sb.st_size;
    buf = malloc(len);
    if (buf == NULL || fread(buf, 1, len, f) != len) {
        fprintf(stderr, "ceiling_jansson: %s: cannot read\n", path);
        goto done;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        struct body *items = realloc(b->items, cap * sizeof(*items));
        if (items == NULL) {
            goto done;
        }
        b->items = items;
        b->cap = cap;
    }
    b->items[b->n].buf = buf;
    b->items[b->n].len = len;
    b->n++;
    b->bytes += len;
    buf = NULL;
    rc = 0;

done:
    free(buf);
    fclose(f);
    return rc;
}

static int
read_dir(const char *dir, struct bodies *b)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        return read_file(dir, b);
    }
    int rc = 0;
    for (struct dirent *e = readdir(d); e != NULL && rc == 0; e = readdir(d)) {
        if (!has_suffix(e->d_name, ".body")) {
            continue;
        }
        char path[4096];
        if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path)) {
            fprintf(stderr, "ceiling_jansson: path too long in %s\n", dir);
            rc = -1;
            break;
        }
        rc = read_file(path, b);
    }
    closedir(d);
    return rc;
}

/* One pass over every body; returns rows, or -1 on a parse error. The sum of
 * value types goes to @p touch so the walk cannot be optimised away. */
static long long
one_pass(const struct bodies *b, const char *key, int arena, unsigned long long *touch)
{
    long long rows = 0;
    for (size_t i = 0; i < b->n; i++) {
        json_error_t jerr;
        json_t *root = json_loadb(b->items[i].buf, b->items[i].len, 0, &jerr);
        if (root == NULL) {
            fprintf(stderr, "ceiling_jansson: body %zu: line %d: %s\n", i, jerr.line, jerr.text);
            return -1;
        }
        json_t *data = json_object_get(root, key);
        size_t idx;
        json_t *row;
        json_array_foreach(data, idx, row)
        {
            const char *k;
            json_t *v;
            json_object_foreach(row, k, v)
            {
                *touch += (unsigned long long)json_typeof(v) + (unsigned char)k[0];
            }
            rows++;
        }
        json_decref(root);
        if (arena) {
            arena_reset();
        }
    }
    return rows;
}

static void
usage(FILE *f)
{
    fprintf(f, "usage: ceiling_jansson [--repeat N] [--key NAME] [--arena] DIR|FILE...\n");
}

int
main(int argc, char **argv)
{
    struct bodies b = {0};
    long repeat = 3;
    const char *key = "data";
    int arena = 0;
    int status = 1;
    int argi = 1;
    double *walls = NULL;
    double *cpus = NULL;

    while (argi < argc && strncmp(argv[argi], "--", 2) == 0) {
        if (strcmp(argv[argi], "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[argi], "--arena") == 0) {
            arena = 1;
            argi++;
            continue;
        }
        if (argi + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        if (strcmp(argv[argi], "--repeat") == 0) {
            char *end = NULL;
            errno = 0;
            repeat = strtol(argv[argi + 1], &end, 10);
            if (errno != 0 || end == argv[argi + 1] || *end != '\0' || repeat < 1 || repeat > 100) {
                fprintf(stderr, "ceiling_jansson: --repeat: 1 to 100\n");
                return 2;
            }
        }
        else if (strcmp(argv[argi], "--key") == 0) {
            key = argv[argi + 1];
        }
        else {
            usage(stderr);
            return 2;
        }
        argi += 2;
    }
    if (argi >= argc) {
        usage(stderr);
        return 2;
    }
    for (; argi < argc; argi++) {
        if (read_dir(argv[argi], &b) != 0) {
            goto fail;
        }
    }
    if (b.n == 0) {
        fprintf(stderr, "ceiling_jansson: no .body files\n");
        goto fail;
    }
    if (arena) {
        json_set_alloc_funcs(arena_malloc, arena_free);
    }
    walls = calloc((size_t)repeat, sizeof(*walls));
    cpus = calloc((size_t)repeat, sizeof(*cpus));
    if (walls == NULL || cpus == NULL) {
        goto fail;
    }
    long long rows = 0;
    unsigned long long touch = 0;
    for (long r = 0; r < repeat; r++) {
        double c0 = cpu_s();
        double t0 = now_s();
        rows = one_pass(&b, key, arena, &touch);
        walls[r] = now_s() - t0;
        cpus[r] = cpu_s() - c0;
        if (rows < 0) {
            goto fail;
        }
    }
    qsort(walls, (size_t)repeat, sizeof(*walls), cmp_double);
    qsort(cpus, (size_t)repeat, sizeof(*cpus), cmp_double);
    double wall = walls[repeat / 2];
    double cpu = cpus[repeat / 2];
    double mib = (double)b.bytes / (1024.0 * 1024.0);
    printf("jansson parse-only%s: %lld rows, %.1f MiB in %zu bodies: %.3f s (median of %ld), "
           "%.0f rows/s, %.1f MiB/s (checksum %llu)\n",
           arena ? " (arena)" : "", rows, mib, b.n, wall, repeat, (double)rows / wall, mib / wall,
           touch % 1000);
    printf("rows=%lld bytes=%zu files=%zu seconds=%.4f cpu_seconds=%.4f rows_per_s=%.1f "
           "mib_per_s=%.2f\n",
           rows, b.bytes, b.n, wall, cpu, (double)rows / wall, mib / wall);
    status = 0;

fail:
    arena_reset();
    free(arena_head);
    for (size_t i = 0; i < b.n; i++) {
        free(b.items[i].buf);
    }
    free(b.items);
    free(walls);
    free(cpus);
    return status;
}
