/* SPDX-License-Identifier: MIT */
/* Unit tests of the secret registry and its in-place redaction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "base/redact.h"
#include "base/status_str.h"

static int
teardown(void **state)
{
    (void)state;
    or_redact_clear();
    return 0;
}

static void
redact_str(char *buf, size_t size)
{
    or_redact_inplace(buf, size);
}

static void
replaces_every_occurrence(void **state)
{
    (void)state;
    or_redact_add("sk_live_1234");
    char buf[128];
    snprintf(buf, sizeof(buf), "key=sk_live_1234 again sk_live_1234.");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "key=*** again ***.");
}

static void
overlapping_secrets_are_masked_together(void **state)
{
    (void)state;
    or_redact_add("abcdef");
    or_redact_add("defghi");
    char buf[64];
    snprintf(buf, sizeof(buf), "xxabcdefghiyy");
    redact_str(buf, sizeof(buf));
    /* Masking one then the other would leave "ghi" or "abc" behind. */
    assert_string_equal(buf, "xx***yy");
}

static void
secret_contained_in_another_is_masked(void **state)
{
    (void)state;
    or_redact_add("TOKEN");
    or_redact_add("xTOKENx");
    char buf[64];
    snprintf(buf, sizeof(buf), "axTOKENxb TOKEN");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "a***b ***");
}

static void
self_overlapping_occurrences_leave_nothing(void **state)
{
    (void)state;
    or_redact_add("aaaa");
    char buf[64];
    snprintf(buf, sizeof(buf), "baaaaaaab");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "b***b");
}

static void
adjacent_occurrences_merge(void **state)
{
    (void)state;
    or_redact_add("SECRET");
    char buf[64];
    snprintf(buf, sizeof(buf), "SECRETSECRET");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "***");
}

static void
secret_at_both_ends(void **state)
{
    (void)state;
    or_redact_add("edge-secret");
    char buf[64];
    snprintf(buf, sizeof(buf), "edge-secret middle edge-secret");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "*** middle ***");
}

static void
mask_that_completes_a_secret_is_masked_again(void **state)
{
    (void)state;
    /* After "SECRET" becomes "***", the text reads "x***y", itself a secret. */
    or_redact_add("SECRET");
    or_redact_add("x***y");
    char buf[64];
    snprintf(buf, sizeof(buf), "<xSECRETy>");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "<***>");
}

static void
short_values_are_not_secrets(void **state)
{
    (void)state;
    or_redact_add("abc");
    or_redact_add("");
    or_redact_add(NULL);
    char buf[64];
    snprintf(buf, sizeof(buf), "abc abc");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "abc abc");
}

static void
never_writes_past_size(void **state)
{
    (void)state;
    or_redact_add("SECRETVALUE");
    char mem[32];
    memset(mem, '#', sizeof(mem));
    /* size 16: only "xxSECRETVALUEzz" plus its NUL belong to the callee. */
    memcpy(mem, "xxSECRETVALUEzz", 16);
    or_redact_inplace(mem, 16);
    assert_string_equal(mem, "xx***zz");
    for (size_t i = 16; i < sizeof(mem); i++) {
        assert_int_equal(mem[i], '#');
    }
}

static void
unterminated_buffer_is_bounded_by_size(void **state)
{
    (void)state;
    or_redact_add("SECRET");
    char mem[16];
    memset(mem, '#', sizeof(mem));
    memcpy(mem, "SECRETab", 8); /* no NUL inside size 8 */
    or_redact_inplace(mem, 8);
    assert_memory_equal(mem, "***ab\0", 6);
    for (size_t i = 8; i < sizeof(mem); i++) {
        assert_int_equal(mem[i], '#');
    }
}

static void
secret_cut_by_size_is_left_alone(void **state)
{
    (void)state;
    or_redact_add("SECRET");
    char mem[16];
    memcpy(mem, "abSECRET", 9);
    /* Only "abSEC" is the caller's: no whole secret in it, nothing changes,
     * and nothing beyond it is touched. */
    or_redact_inplace(mem, 5);
    assert_memory_equal(mem, "abSECRET", 9);
}

static void
null_and_empty_buffers_are_ignored(void **state)
{
    (void)state;
    or_redact_add("SECRET");
    or_redact_inplace(NULL, 10);
    char buf[4] = "ab";
    or_redact_inplace(buf, 0);
    assert_string_equal(buf, "ab");
    buf[0] = '\0';
    or_redact_inplace(buf, sizeof(buf));
    assert_string_equal(buf, "");
}

static void
duplicates_and_clear(void **state)
{
    (void)state;
    or_redact_add("repeated-secret");
    or_redact_add("repeated-secret");
    char buf[64];
    snprintf(buf, sizeof(buf), "repeated-secret");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "***");
    or_redact_clear();
    snprintf(buf, sizeof(buf), "repeated-secret");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "repeated-secret");
}

static void
secrets_are_copied(void **state)
{
    (void)state;
    char owned[32];
    snprintf(owned, sizeof(owned), "copied-secret");
    or_redact_add(owned);
    memset(owned, 'z', sizeof(owned) - 1);
    char buf[64];
    snprintf(buf, sizeof(buf), "a copied-secret b");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "a *** b");
}

static void
many_secrets_grow_the_registry(void **state)
{
    (void)state;
    for (int i = 0; i < 100; i++) {
        char s[32];
        snprintf(s, sizeof(s), "secret-%03d", i);
        or_redact_add(s);
    }
    char buf[64];
    snprintf(buf, sizeof(buf), "secret-000 secret-099 secret-100");
    redact_str(buf, sizeof(buf));
    assert_string_equal(buf, "*** *** secret-100");
}

static gpointer
hammer(gpointer data)
{
    int id = GPOINTER_TO_INT(data);
    for (int i = 0; i < 200; i++) {
        char s[32];
        snprintf(s, sizeof(s), "thread%d-secret%d", id, i);
        or_redact_add(s);
        char buf[64];
        snprintf(buf, sizeof(buf), "[%s]", s);
        or_redact_inplace(buf, sizeof(buf));
        if (strcmp(buf, "[***]") != 0) {
            return GINT_TO_POINTER(1);
        }
    }
    return GINT_TO_POINTER(0);
}

static void
concurrent_add_and_redact(void **state)
{
    (void)state;
    GThread *threads[4];
    for (int i = 0; i < 4; i++) {
        threads[i] = g_thread_new("redact", hammer, GINT_TO_POINTER(i));
    }
    int failures = 0;
    for (int i = 0; i < 4; i++) {
        failures += GPOINTER_TO_INT(g_thread_join(threads[i]));
    }
    assert_int_equal(failures, 0);
}

/* Every message the core writes into an error buffer goes through
 * or_set_err(), so a secret in a URL or a server's reply stays out. */
static void
set_err_masks_registered_secrets(void **state)
{
    (void)state;
    or_redact_add("hunter2-token");
    char err[64];
    or_set_err(err, sizeof(err), "GET https://x.example/?token=%s: HTTP %d", "hunter2-token", 401);
    assert_string_equal(err, "GET https://x.example/?token=***: HTTP 401");
    /* Cut to fit, the part of a secret that is left is not a secret any more. */
    char small[24];
    or_set_err(small, sizeof(small), "key %s", "hunter2-token");
    assert_string_equal(small, "key ***");
    or_set_err(NULL, 0, "ignored %s", "hunter2-token");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(replaces_every_occurrence, teardown),
        cmocka_unit_test_teardown(overlapping_secrets_are_masked_together, teardown),
        cmocka_unit_test_teardown(secret_contained_in_another_is_masked, teardown),
        cmocka_unit_test_teardown(self_overlapping_occurrences_leave_nothing, teardown),
        cmocka_unit_test_teardown(adjacent_occurrences_merge, teardown),
        cmocka_unit_test_teardown(secret_at_both_ends, teardown),
        cmocka_unit_test_teardown(mask_that_completes_a_secret_is_masked_again, teardown),
        cmocka_unit_test_teardown(short_values_are_not_secrets, teardown),
        cmocka_unit_test_teardown(never_writes_past_size, teardown),
        cmocka_unit_test_teardown(unterminated_buffer_is_bounded_by_size, teardown),
        cmocka_unit_test_teardown(secret_cut_by_size_is_left_alone, teardown),
        cmocka_unit_test_teardown(null_and_empty_buffers_are_ignored, teardown),
        cmocka_unit_test_teardown(duplicates_and_clear, teardown),
        cmocka_unit_test_teardown(secrets_are_copied, teardown),
        cmocka_unit_test_teardown(many_secrets_grow_the_registry, teardown),
        cmocka_unit_test_teardown(concurrent_add_and_redact, teardown),
        cmocka_unit_test_teardown(set_err_masks_registered_secrets, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
