/* SPDX-License-Identifier: MIT */
/*
 * Text fields derived on demand from (seed, call index), so a million calls
 * cost no string storage: ids, notes, summaries and transcriptions.
 */
#include "mockapi.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { SALT_NOTES = 0x4e, SALT_SUMMARY = 0x53, SALT_TRANSCRIPT = 0x54 };

static const char *
contact_first(const struct mock_data *d, const struct mock_call *c)
{
    return d->contacts[c->contact].first_name;
}

static const char *
contact_company(const struct mock_data *d, const struct mock_call *c)
{
    return d->contacts[c->contact].company;
}

void
text_object_id(uint64_t h, int64_t secs, char out[25])
{
    snprintf(out, 25, "%08x%016llx", (unsigned)(uint32_t)secs, (unsigned long long)h);
}

void
text_alnum(uint64_t h, char *out, size_t len)
{
    static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    for (size_t i = 0; i < len; i++) {
        if (i % 10 == 0) {
            h = mock_mix64(h + i);
        }
        out[i] = set[h % 62];
        h /= 62;
    }
    out[len] = '\0';
}

void
text_notes(const struct mock_data *d, uint32_t i, char *buf, size_t n)
{
    const struct mock_call *c = &d->calls[i];
    uint64_t h = mock_hash(d->seed, i, SALT_NOTES);
    const char *first = contact_first(d, c);
    const char *company = contact_company(d, c);

    switch (h % 10) {
    case 0: snprintf(buf, n, "Spoke with %s, interested in a demo next week.", first); break;
    case 1: snprintf(buf, n, "Asked to send pricing to %s at %s.", first, company); break;
    case 2:
        snprintf(buf, n, "Gatekeeper said %s is travelling — try again Thursday.", first);
        break;
    case 3:
        snprintf(buf, n, "Not the right person; referred to the Head of Ops at %s.", company);
        break;
    case 4: snprintf(buf, n, "Call back after the Q1 budget review."); break;
    case 5: snprintf(buf, n, "%s uses a competitor; contract ends in March.", company); break;
    case 6: snprintf(buf, n, "Very positive: \"let's talk again soon\", said %s.", first); break;
    case 7:
        snprintf(buf, n, "Follow-up e-mail sent.\nNext step: demo on Tuesday with %s.", first);
        break;
    case 8: snprintf(buf, n, "Budget frozen until 2027; keep warm (%s).", company); break;
    default: snprintf(buf, n, "Great conversation, follow up next week."); break;
    }
}

void
text_summary(const struct mock_data *d, uint32_t i, char *buf, size_t n)
{
    const struct mock_call *c = &d->calls[i];
    uint64_t h = mock_hash(d->seed, i, SALT_SUMMARY);
    const char *first = contact_first(d, c);
    const char *company = contact_company(d, c);
    const char *rep = d->reps[c->rep].n->first_name;

    switch (h % 5) {
    case 0:
        snprintf(buf, n,
                 "%s (%s) is evaluating tools for Q1 and agreed to a 30-minute demo "
                 "with %s.",
                 first, company, rep);
        break;
    case 1:
        snprintf(buf, n, "%s asked for a case study and pricing; %s will follow up by e-mail.",
                 first, rep);
        break;
    case 2:
        snprintf(buf, n, "Prospect at %s is happy with their current vendor; no next step.",
                 company);
        break;
    case 3:
        snprintf(buf, n,
                 "%s requested a call back after the holidays; decision maker is the "
                 "CFO.",
                 first);
        break;
    default:
        snprintf(buf, n,
                 "Short qualification call: team of ~40 SDRs at %s, pain point is "
                 "connect rate.",
                 company);
        break;
    }
}

void
text_transcription(const struct mock_data *d, uint32_t i, char *buf, size_t n)
{
    static const char *const prospect_lines[] = {
        "Prospect: Sure, I have a couple of minutes. What is this about?",
        "Prospect: We're using spreadsheets for that right now, honestly.",
        "Prospect: Can you send me something in writing? I'll share it with my team.",
        "Prospect: Our budget cycle starts in January, so timing is tricky.",
        "Prospect: Ja, das klingt interessant — but I need to check with IT.",
        "Prospect: How does that compare to what we pay today?",
        "Prospect: Let's book 30 minutes next Tuesday, if that works.",
    };
    static const char *const rep_lines[] = {
        "Rep: We help sales teams double their connect rate with local presence dialing.",
        "Rep: Totally fair. Most of our customers started exactly there.",
        "Rep: Absolutely, I'll send a one-pager and a short \"before/after\" case study.",
        "Rep: Understood. Would a short call in early January make sense?",
        "Rep: Of course — happy to include your IT lead in the next call.",
    };
    const struct mock_call *c = &d->calls[i];
    uint64_t h = mock_hash(d->seed, i, SALT_TRANSCRIPT);
    size_t len = 0;
    int w = snprintf(buf, n,
                     "Rep: Hi %s, this is %s from Acme Sales. Did I catch you at a bad "
                     "time?",
                     contact_first(d, c), d->reps[c->rep].n->first_name);

    if (w < 0 || (size_t)w >= n) {
        return;
    }
    len = (size_t)w;
    /* Strides coprime with the pool sizes: no line repeats within a call. */
    unsigned turns = 2 + (unsigned)(h % 3);
    size_t p0 = (size_t)(h >> 8) % COUNT(prospect_lines);
    size_t r0 = (size_t)(h >> 24) % COUNT(rep_lines);
    for (unsigned t = 0; t < turns; t++) {
        const char *p = prospect_lines[(p0 + 3 * t) % COUNT(prospect_lines)];
        const char *r = rep_lines[(r0 + 2 * t) % COUNT(rep_lines)];
        w = snprintf(buf + len, n - len, "\n%s\n%s", p, r);
        if (w < 0 || (size_t)w >= n - len) {
            buf[len] = '\0';
            return;
        }
        len += (size_t)w;
    }
}
