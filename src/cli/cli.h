/* SPDX-License-Identifier: MIT */
/**
 * @file cli.h
 * @brief Parsed command line and the commands (core only).
 *
 * A command turns the command line into a job (job/job.h) and composes the
 * stages of the pipeline; it returns the job's exit code (job.h).
 */
#ifndef OR_CLI_H
#define OR_CLI_H

#include <glib.h>

#include "base/config.h"
#include "job/job.h"
#include "outreport/status.h"
#include "plugin/plugin_loader.h"

/** Everything the command line said.  Strings borrowed from argv. */
struct or_cli {
    const char *config_path;
    const char *plugin_dir;
    int verbosity;            /**< -1 quiet .. 2 debug */
    int json;                 /**< --json */
    int help;                 /**< --help */
    const char *output;       /**< -o FILE */
    const char *period;       /**< --period */
    const char *from, *to;    /**< --from / --to */
    const char *tz;           /**< --tz */
    GPtrArray *params;        /**< --param KEY=VALUE (char *, borrowed) */
    GPtrArray *options;       /**< --option KEY=VALUE (char *, borrowed) */
    const char *replay_dir;   /**< --replay */
    const char *record_dir;   /**< --record */
    int progress;             /**< 1 unless -q or stderr is not a terminal */
    const char *formats;      /**< --format pdf,xlsx,csv */
    const char *out_dir;      /**< --out DIR */
    int strict;               /**< --strict */
    const char *split_by;     /**< --split-by COLUMN[,COLUMN...] */
    const char *split_label;  /**< --split-label COLUMN */
    const char *locale;       /**< --locale TAG */
    const char *keep_dataset; /**< --keep-dataset FILE */
    GPtrArray *mail_to;       /**< --mail-to ADDRESS, repeatable; {COLUMN} for splits */
    GPtrArray *mail_cc;       /**< --mail-cc ADDRESS, repeatable */
    const char *mail_subject; /**< --mail-subject PATTERN ({title}, {period}) */
    int dry_run;              /**< --dry-run: write files, send nothing */
    int no_cache;             /**< --no-cache */
    const char *since;        /**< sync --since DATE */
    const char *store;        /**< --store URL */
    GPtrArray *vars;          /**< --var KEY=VALUE (char *, borrowed) */
    const char *deadline;     /**< --deadline SECONDS: [http] deadline_s */
    char **args;              /**< positional arguments after the command */
    int nargs;
};

/** State shared by commands: config and plugins, loaded once. */
struct or_app {
    struct or_cli *cli;
    struct or_config *cfg;
    struct or_registry *reg;
};

/** @brief `outreport plugins [--json]`; returns an exit code. */
int or_cmd_plugins(struct or_app *app);

/** @brief `outreport fetch SOURCE -o FILE`; returns an exit code. */
int or_cmd_fetch(struct or_app *app);

/** @brief `outreport run TEMPLATE`; returns an exit code. */
int or_cmd_run(struct or_app *app);

/** @brief `outreport batch JOBS.ini`; returns an exit code. */
int or_cmd_batch(struct or_app *app);

/** @brief `outreport sync [SOURCE...]`; returns an exit code. */
int or_cmd_sync(struct or_app *app);

/** @brief `outreport config [--show]`: the configuration in effect; returns an exit code. */
int or_cmd_config(struct or_app *app);

/** @brief `outreport validate TEMPLATE`; returns an exit code. */
int or_cmd_validate(struct or_app *app);

/**
 * @brief The job the command line describes: its settings copied into
 * @p job (initialised here; or_job_clear() it), strings borrowed from argv.
 * The target is the first positional argument, if any.
 */
void or_cli_job(const struct or_cli *cli, enum or_job_kind kind, struct or_job *job);

#endif
