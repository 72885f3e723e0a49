/* SPDX-License-Identifier: MIT */
/*
 * Column names for keys nobody documented: prospectAdded → prospect_added,
 * "Meeting Booked" → meeting_booked, unSubscribed → un_subscribed,
 * openRate → open_rate, HTMLLinks → html_links.  ASCII only: any other
 * byte (including UTF-8 sequences) separates words like punctuation does.
 */
#include "saleshandy.h"

static int
is_upper(char ch)
{
    return ch >= 'A' && ch <= 'Z';
}

static int
is_lower(char ch)
{
    return ch >= 'a' && ch <= 'z';
}

static int
is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

size_t
sh_snake_case(const char *in, size_t inlen, char *out)
{
    size_t o = 0;
    int gap = 0; /* a word boundary is pending */
    for (size_t i = 0; i < inlen; i++) {
        char ch = in[i];
        if (!is_upper(ch) && !is_lower(ch) && !is_digit(ch)) {
            gap = 1;
            continue;
        }
        if (is_upper(ch) && i > 0) {
            char prev = in[i - 1];
            int next_lower = i + 1 < inlen && is_lower(in[i + 1]);
            /* aB, 2B: a hump; ABc: the last capital of a run starts a word. */
            if (is_lower(prev) || is_digit(prev) || (is_upper(prev) && next_lower)) {
                gap = 1;
            }
        }
        if (gap && o > 0) {
            if (o + 2 > SH_SNAKE_MAX) {
                break;
            }
            out[o++] = '_';
        }
        gap = 0;
        if (o + 1 > SH_SNAKE_MAX) {
            break;
        }
        out[o++] = is_upper(ch) ? (char)(ch - 'A' + 'a') : ch;
    }
    out[o] = '\0';
    return o;
}
