/* SPDX-License-Identifier: MIT */
/**
 * @file deliver.h
 * @brief The deliver stage: mail one set of documents, or say what would be
 * mailed (--dry-run), and record it for the manifest.
 *
 * Core only.  A job's recipients without a placeholder get the roll-up;
 * one with {COLUMN} gets each split, with the placeholder replaced by the
 * split's value; copies (cc) go with the roll-up only.  The subject follows
 * the job's pattern ({split_label}, {split_value}; without them a split's
 * subject ends in " (label)"), the body is the report's HTML page with its
 * charts as inline images (mail_inline.h) and a plain-text summary
 * (mail_body.h), and every document of the set is attached.  --dry-run
 * writes the message it would send to an .eml file instead.
 */
#ifndef OR_DELIVER_H
#define OR_DELIVER_H

#include <glib.h>
#include <jansson.h>

#include "base/locale.h"
#include "deliver/mail.h"
#include "outreport/plugin.h"

/** One document to attach.  Borrowed. */
struct or_delivery_doc {
    const char *path;
    const char *mime; /**< NULL: application/octet-stream */
};

/** One document set to mail.  All borrowed. */
struct or_delivery {
    const struct or_mail_server *srv;
    const GPtrArray *mail_to;       /**< the job's recipients (char *) */
    const GPtrArray *mail_cc;       /**< copies of the roll-up (char *) */
    const char *subject;            /**< pattern ({title}, {period}, {split_label},
                                         {split_value}); NULL: the default */
    int dry_run;                    /**< print who would get what, send nothing */
    const struct or_report *report; /**< what the bodies and subject summarise */
    GTimeZone *tz;                  /**< the report zone */
    const struct or_locale *loc;    /**< the report's locale, or NULL: neutral style */
    const char *split;              /**< the split's value; NULL: the roll-up */
    const struct or_delivery_doc *docs;
    size_t ndocs;
    /**
     * The HTML renderer's page of the report for the body (its PNG charts
     * become inline CID images), or NULL: the core's summary instead.
     */
    const char *html;
    const char *intro;    /**< the template's mail intro, above the text body; or NULL */
    const char *eml_path; /**< --dry-run writes the message here (an .eml file); or NULL */
    const char *skip;     /**< why no mail goes out (the template's skip_if), or NULL */
};

/**
 * @brief Check a job's recipients before anything is fetched, so that none
 * is silently never mailed: a {COLUMN} address needs @p split_by (the job's
 * COLUMN[,COLUMN...], or NULL) and must name one of its columns; copies
 * (@p mail_cc) are plain addresses and need a plain --mail-to address, the
 * roll-up they go with.
 * @return OR_OK, or OR_ERR_CONFIG with @p err naming the option and address.
 */
or_status or_deliver_check(const GPtrArray *mail_to, const GPtrArray *mail_cc, const char *split_by,
                           char *err, size_t errlen);

/**
 * @brief Whether any of @p mail_to gets the document set of split value
 * @p split (NULL: the roll-up): plain addresses get the roll-up, {COLUMN}
 * ones each split.
 */
int or_deliver_has_recipients(const GPtrArray *mail_to, const char *split);

/**
 * @brief Mail @p d's documents to the recipients they are for (none: does
 * nothing) and append a record to @p mails: to, cc, subject, attachments,
 * status ("sent", "dry-run", "failed"), error, split and (dry run) the
 * .eml file.  With --dry-run, one line per mail on stderr says who would
 * get what and where the message is.
 * @return OR_OK, or the mail's error with @p err saying why (not logged:
 *         the caller reports it once; the record says it failed).
 */
or_status or_deliver_mail(const struct or_delivery *d, json_t *mails, char *err, size_t errlen);

#endif
