/* SPDX-License-Identifier: MIT */
/* Credentials from the environment or systemd's credentials folder (base/secret.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/secret.h"
#include "proc.h"

static void
put(const char *dir, const char *name, const char *text)
{
    char *p = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    g_free(p);
}

static void
environment_first_then_a_credential_file_of_that_name(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    put(dir, "OR_T_KEY", "from-file\r\n\n");
    put(dir, "OR_T_EMPTY", "\n");
    put(dir, "OR_T_BOTH", "file-loses");
    put(dir, "outreport_OR_T_DIR", "from-folder\n");
    g_setenv("CREDENTIALS_DIRECTORY", dir, TRUE);
    g_unsetenv("OR_T_KEY");
    g_setenv("OR_T_BOTH", "env-wins", TRUE);
    const char *from = NULL;
    assert_string_equal(or_secret_env("OR_T_KEY", &from), "from-file");
    assert_string_equal(from, "credential");
    assert_string_equal(or_secret_env("OR_T_BOTH", &from), "env-wins");
    assert_string_equal(from, "environment");
    assert_null(or_secret_env("OR_T_EMPTY", NULL)); /* empty is not set */
    /* LoadCredential=outreport:DIR names a file NAME of DIR outreport_NAME */
    assert_string_equal(or_secret_env("OR_T_DIR", NULL), "from-folder");
    assert_null(or_secret_env("OR_T_MISSING", NULL));
    /* a name that is not a plain variable name never becomes a path */
    put(dir, "passwd", "not-a-credential");
    assert_null(or_secret_env("../passwd", NULL));
    assert_null(or_secret_env("./passwd", NULL));
    assert_null(or_secret_env("a/b", NULL));
    assert_null(or_secret_env("", NULL));
    assert_null(or_secret_env(NULL, NULL));
    /* without the folder, only the environment counts */
    or_secret_clear();
    g_unsetenv("CREDENTIALS_DIRECTORY");
    assert_null(or_secret_env("OR_T_KEY", NULL));
    or_secret_clear();
    g_unsetenv("OR_T_BOTH");
    test_rmtree(dir);
    free(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(environment_first_then_a_credential_file_of_that_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
