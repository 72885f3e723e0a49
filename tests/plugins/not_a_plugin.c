/* SPDX-License-Identifier: MIT */
/* A valid shared object without the outreport entry symbol. */
int not_a_plugin_answer(void);

int
not_a_plugin_answer(void)
{
    return 42;
}
