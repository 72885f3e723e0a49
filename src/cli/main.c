/* SPDX-License-Identifier: MIT */
/*
 * outreport: turns sales-engagement APIs into the documents managers read.
 * This file parses the command line and dispatches to the commands.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/coredump.h"
#include "cli/cli.h"
#include "plugin/plugin_config.h"
#include "base/log.h"
#include "or_config.h"
#include "base/redact.h"
#include "base/secret.h"

static const char usage_head[] =
    "usage: outreport [--config FILE] [--plugin-dir DIR] [-q|-v] COMMAND [ARGS]\n"
    "\n"
    "commands:\n";

static const char usage_common[] =
    "\n"
    "common options:\n"
    "  --config FILE             the one configuration file (default: $OUTREPORT_CONFIG, else\n"
    "                            /etc/outreport/outreport.conf, then ./outreport.conf or\n"
    "                            $XDG_CONFIG_HOME/outreport/outreport.conf over it)\n"
    "  --plugin-dir DIR          plugin directories, colon-separated ($OUTREPORT_PLUGIN_PATH)\n"
    "  -q, --quiet               only errors\n"
    "  -v, --verbose             more detail (twice: debug)\n"
    "  --version                 print the version\n"
    "\n"
    "Run 'outreport COMMAND --help' for a command's options.\n";

static const char usage_plugins[] =
    "usage: outreport plugins [--json]\n"
    "\n"
    "Lists every loaded plugin: providers with their endpoints, parameters and table\n"
    "schemas, renderers with their formats and options.  --json prints one JSON object.\n";

static const char usage_run[] =
    "usage: outreport run TEMPLATE [--format pdf,xlsx,csv] [--out DIR] [options]\n"
    "\n"
    "Fetches every source the template declares, evaluates its sections as SQL over\n"
    "the dataset and writes the documents to DIR (default: the current folder):\n"
    "TEMPLATE.pdf, TEMPLATE.xlsx, one TEMPLATE-SECTION.csv per table, and manifest.json.\n"
    "TEMPLATE is a file path or the name of a shipped template (e.g. weekly-manager).\n"
    "\n"
    "  --format LIST             documents to write (default: every available of pdf,xlsx,csv)\n"
    "  --out DIR                 output folder (created if missing)\n"
    "  --period P, --from/--to   the report period (default: the template's, else last-week)\n"
    "  --tz ZONE                 IANA zone of the report\n"
    "  --strict                  any failed source fails the run: no documents\n"
    "  --option KEY=VALUE        renderer option (e.g. paper=letter, profile=excel)\n"
    "  --record DIR / --replay DIR  save / serve HTTP responses\n"
    "  --no-cache                do not use the HTTP response cache\n"
    "  --store URL               sqlite:PATH, postgresql://..., or none (default: [store] url,\n"
    "                            else sqlite:$XDG_DATA_HOME/outreport/store.sqlite)\n"
    "  --var KEY=VALUE           template variable, repeatable (:KEY in SQL, {KEY} in params)\n"
    "  --deadline SECONDS        time allowed for each source (default [http] deadline_s)\n"
    "  --split-by COL[,COL...]   one document set per value of COL (e.g. rep_email), plus\n"
    "                            the roll-up; further columns filter other tables by the\n"
    "                            same value (rep_email,sender_email)\n"
    "  --split-label COL         the column naming each split's person on the cover, in\n"
    "                            file names and subjects (default: rep_email -> rep_name)\n"
    "  --mail-to ADDR            mail the documents (repeatable, comma-separated); an\n"
    "                            address {COL} mails each split to its own value\n"
    "  --mail-cc ADDR            copy the roll-up mail to ADDR\n"
    "  --mail-subject PATTERN    subject; {title}, {period}, {split_label} and\n"
    "                            {split_value} are filled in\n"
    "  --locale TAG              numbers, dates, month names and built-in texts of the\n"
    "                            documents in this locale, e.g. de-DE (default [report]\n"
    "                            locale, else outreport's neutral style)\n"
    "  --dry-run                 fetch and render, write the files, print who would get\n"
    "                            what, send nothing\n"
    "  --json                    print one JSON document saying what happened (and nothing\n"
    "                            else on stdout; docs/run-summary.schema.json)\n"
    "  --keep-dataset FILE       also write the fetched tables to FILE, an SQLite database\n"
    "                            (sqlite3 FILE) to try a template's SQL on\n"
    "\n"
    "Exit status: 0 ok, 1 failure, 2 usage, configuration or template error,\n"
    "3 a source failed (its sections say 'data unavailable'; with --strict: no documents).\n";

static const char usage_batch[] =
    "usage: outreport batch JOBS.ini [--out DIR] [--dry-run] [--json] [options]\n"
    "\n"
    "Runs every job of JOBS.ini: one [section] per job, [defaults] for keys they share.\n"
    "Job keys: template (required), period, from, to, tz, formats, out (default DIR/JOB),\n"
    "mail_to, mail_cc, mail_subject, split_by, split_label, strict, locale,\n"
    "options (KEY=VALUE,...).\n"
    "Sources with the same endpoint, parameters and period are fetched once and shared;\n"
    "jobs render in parallel, one process per core; a failing job never stops the others.\n"
    "Command-line options (--config, --replay, --dry-run, --option ...) apply to all jobs.\n"
    "\n"
    "Exit status: 0 every job ok, 3 some job failed, 2 JOBS.ini or usage error.\n";

static const char usage_sync[] =
    "usage: outreport sync [SOURCE...] [--since DATE | --period P | --from D --to D]\n"
    "\n"
    "Brings the store up to date for those days: only days not stored yet are requested,\n"
    "plus those fetched less than [store] refetch_days (default 3) after they ended.\n"
    "SOURCE is provider.endpoint; none: every endpoint (those without credentials skipped).\n"
    "\n"
    "  --since DATE              from DATE through today (default: the last 28 days and today)\n"
    "  --period P, --from/--to   as for run\n"
    "  --tz ZONE                 the zone days are counted in\n"
    "  --param KEY=VALUE         endpoint parameter (one SOURCE only)\n"
    "  --store URL               sqlite:PATH or postgresql://... (default: [store] url)\n"
    "  --record DIR / --replay DIR, --no-cache, --json\n"
    "\n"
    "Exit status: 0 ok, 1 failure (the store), 2 usage or configuration error, 3 a source\n"
    "failed (what was stored before it stays).\n";

static const char usage_validate[] =
    "usage: outreport validate TEMPLATE [--split-by COL[,COL...]] [--split-label COL]\n"
    "                          [--var KEY=VALUE]\n"
    "\n"
    "Checks a template without fetching anything: the JSON, section kinds, chart kinds,\n"
    "column formats, and every SQL statement against the tables its sources declare:\n"
    "each column a chart, KPI or format uses must be of a type that fits it.  With\n"
    "--split-by, also that every section of a split document is about the split or\n"
    "says it is the team's (\"scope\").  Errors name the template file, the section (by its\n"
    "id) and the column.\n";

static const char usage_config[] =
    "usage: outreport config [--show]\n"
    "\n"
    "Prints the configuration in effect as INI: every key set in a file, every key a\n"
    "plugin declares with its default, and after each value the file it came from\n"
    "(\"default\" when none set it).  Without --config or $OUTREPORT_CONFIG, the system\n"
    "file (/etc/outreport/outreport.conf) is read first and the user's file\n"
    "(./outreport.conf, else $XDG_CONFIG_HOME/outreport/outreport.conf) over it, key by\n"
    "key.  A key naming an environment variable (api_key_env) shows the name and\n"
    "whether it is set, never the secret.\n"
    "\n"
    "  --show                    print the configuration in effect (the default)\n"
    "\n"
    "Exit status: 0 ok, 2 the configuration has an error (named on stderr).\n";

static const char usage_fetch[] =
    "usage: outreport fetch SOURCE -o FILE [options]\n"
    "\n"
    "Fetches one endpoint into one table and writes it to FILE; the format follows the\n"
    "extension (.csv).  SOURCE is provider.endpoint, e.g. salesfinity.call-log.\n"
    "\n"
    "  -o, --output FILE         the file to write (written atomically)\n"
    "  --period P                last-week, this-week, last-month, this-month, yesterday,\n"
    "                            today, or YYYY-MM-DD..YYYY-MM-DD (inclusive)\n"
    "  --from DATE --to DATE     the same as --period FROM..TO\n"
    "  --tz ZONE                 IANA time zone for the period and for times in the file\n"
    "                            (default: [report] timezone, else the system zone)\n"
    "  --param KEY=VALUE         endpoint parameter, repeatable; lists comma-separated\n"
    "  --option KEY=VALUE        renderer option, e.g. profile=excel-eu for CSV\n"
    "  --record DIR              save every HTTP response to DIR (secrets stripped)\n"
    "  --replay DIR              serve HTTP responses from DIR, no network\n"
    "  --no-cache                do not use the HTTP response cache\n"
    "  --deadline SECONDS        time allowed for the source (default [http] deadline_s)\n"
    "\n"
    "Exit status: 0 ok, 1 failure, 2 usage or configuration error, 3 the source failed.\n";

enum {
    OPT_CONFIG = 256,
    OPT_PLUGIN_DIR,
    OPT_JSON,
    OPT_PERIOD,
    OPT_FROM,
    OPT_TO,
    OPT_TZ,
    OPT_PARAM,
    OPT_OPTION,
    OPT_REPLAY,
    OPT_RECORD,
    OPT_VERSION,
    OPT_FORMAT,
    OPT_OUT,
    OPT_STRICT,
    OPT_SPLIT_BY,
    OPT_MAIL_TO,
    OPT_MAIL_CC,
    OPT_MAIL_SUBJECT,
    OPT_DRY_RUN,
    OPT_NO_CACHE,
    OPT_SINCE,
    OPT_STORE,
    OPT_VAR,
    OPT_DEADLINE,
    OPT_SPLIT_LABEL,
    OPT_KEEP_DATASET,
    OPT_SHOW,
    OPT_LOCALE
};

static const struct option long_opts[] = {
    {"config", required_argument, NULL, OPT_CONFIG},
    {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"json", no_argument, NULL, OPT_JSON},
    {"output", required_argument, NULL, 'o'},
    {"period", required_argument, NULL, OPT_PERIOD},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"tz", required_argument, NULL, OPT_TZ},
    {"param", required_argument, NULL, OPT_PARAM},
    {"option", required_argument, NULL, OPT_OPTION},
    {"replay", required_argument, NULL, OPT_REPLAY},
    {"record", required_argument, NULL, OPT_RECORD},
    {"version", no_argument, NULL, OPT_VERSION},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"out", required_argument, NULL, OPT_OUT},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"split-by", required_argument, NULL, OPT_SPLIT_BY},
    {"mail-to", required_argument, NULL, OPT_MAIL_TO},
    {"mail-cc", required_argument, NULL, OPT_MAIL_CC},
    {"mail-subject", required_argument, NULL, OPT_MAIL_SUBJECT},
    {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
    {"since", required_argument, NULL, OPT_SINCE},
    {"store", required_argument, NULL, OPT_STORE},
    {"var", required_argument, NULL, OPT_VAR},
    {"deadline", required_argument, NULL, OPT_DEADLINE},
    {"split-label", required_argument, NULL, OPT_SPLIT_LABEL},
    {"keep-dataset", required_argument, NULL, OPT_KEEP_DATASET},
    {"show", no_argument, NULL, OPT_SHOW},
    {"locale", required_argument, NULL, OPT_LOCALE},
    {NULL, 0, NULL, 0},
};

/* Options each command reads, besides those every command takes (--config,
 * --plugin-dir, -q, -v, --help, --version).  An option a command would
 * ignore is refused: `run T -o report.pdf` must not write somewhere the
 * user did not ask for and exit 0. */
/* Options that check_options() knows of: -o and the long-only ones. */
#define OPT_RECORDED(c) ((c) == 'o' || (c) >= OPT_CONFIG)
#define OPT_BIT(c) (1ull << ((c) >= OPT_CONFIG ? (c)-OPT_CONFIG : 63))
#define RUN_OPTS                                                                                   \
    (OPT_BIT(OPT_JSON) | OPT_BIT(OPT_PERIOD) | OPT_BIT(OPT_FROM) | OPT_BIT(OPT_TO) |               \
     OPT_BIT(OPT_TZ) | OPT_BIT(OPT_OPTION) | OPT_BIT(OPT_REPLAY) | OPT_BIT(OPT_RECORD) |           \
     OPT_BIT(OPT_FORMAT) | OPT_BIT(OPT_OUT) | OPT_BIT(OPT_STRICT) | OPT_BIT(OPT_SPLIT_BY) |        \
     OPT_BIT(OPT_MAIL_TO) | OPT_BIT(OPT_MAIL_CC) | OPT_BIT(OPT_MAIL_SUBJECT) |                     \
     OPT_BIT(OPT_DRY_RUN) | OPT_BIT(OPT_NO_CACHE) | OPT_BIT(OPT_STORE) | OPT_BIT(OPT_VAR) |        \
     OPT_BIT(OPT_DEADLINE) | OPT_BIT(OPT_SPLIT_LABEL) | OPT_BIT(OPT_LOCALE))

#define SYNC_OPTS                                                                                  \
    (OPT_BIT(OPT_JSON) | OPT_BIT(OPT_PERIOD) | OPT_BIT(OPT_FROM) | OPT_BIT(OPT_TO) |               \
     OPT_BIT(OPT_TZ) | OPT_BIT(OPT_PARAM) | OPT_BIT(OPT_REPLAY) | OPT_BIT(OPT_RECORD) |            \
     OPT_BIT(OPT_NO_CACHE) | OPT_BIT(OPT_SINCE) | OPT_BIT(OPT_STORE) | OPT_BIT(OPT_DEADLINE))

#define FETCH_OPTS                                                                                 \
    (OPT_BIT('o') | OPT_BIT(OPT_PERIOD) | OPT_BIT(OPT_FROM) | OPT_BIT(OPT_TO) | OPT_BIT(OPT_TZ) |  \
     OPT_BIT(OPT_PARAM) | OPT_BIT(OPT_OPTION) | OPT_BIT(OPT_REPLAY) | OPT_BIT(OPT_RECORD) |        \
     OPT_BIT(OPT_NO_CACHE) | OPT_BIT(OPT_DEADLINE))

/* The commands: the one list that dispatch, help, option checks and
 * messages read. */
static const struct command {
    const char *name;
    const char *synopsis;     /* as the main usage lists it */
    const char *summary;      /* what it does, in the main usage */
    const char *usage;        /* its --help */
    unsigned long long takes; /* options it reads besides the common ones */
    int (*run)(struct or_app *app);
} commands[] = {
    {"plugins", "plugins [--json]", "list plugins, endpoints, parameters and table schemas",
     usage_plugins, OPT_BIT(OPT_JSON), or_cmd_plugins},
    {"fetch", "fetch SOURCE -o FILE",
     "fetch one endpoint (provider.endpoint) into a .csv/.xlsx file", usage_fetch, FETCH_OPTS,
     or_cmd_fetch},
    {"run", "run TEMPLATE", "fetch a template's sources and write its documents", usage_run,
     RUN_OPTS | OPT_BIT(OPT_KEEP_DATASET), or_cmd_run},
    {"batch", "batch JOBS.ini", "many report jobs in one run; shared fetches, parallel jobs",
     usage_batch, RUN_OPTS, or_cmd_batch}, /* the run options apply to every job */
    {"sync", "sync [SOURCE...]", "bring the store up to date; only days not stored are fetched",
     usage_sync, SYNC_OPTS, or_cmd_sync},
    {"validate", "validate TEMPLATE", "check a template: JSON, sections, formats and every SQL",
     usage_validate, OPT_BIT(OPT_VAR) | OPT_BIT(OPT_SPLIT_BY) | OPT_BIT(OPT_SPLIT_LABEL),
     or_cmd_validate},
    {"config", "config [--show]", "print the configuration in effect and where each value is from",
     usage_config, OPT_BIT(OPT_SHOW), or_cmd_config},
};

static const struct command *
find_command(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (strcmp(commands[i].name, name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

static void
print_usage(FILE *to)
{
    fputs(usage_head, to);
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        fprintf(to, "  %-26s%s\n", commands[i].synopsis, commands[i].summary);
    }
    fputs(usage_common, to);
}

/* Refuses the first option given that @p cmd does not read. */
static or_status
check_options(const struct command *cmd, unsigned long long given)
{
    unsigned long long common =
        OPT_BIT(OPT_CONFIG) | OPT_BIT(OPT_PLUGIN_DIR) | OPT_BIT(OPT_VERSION);
    unsigned long long extra = given & ~(cmd->takes | common);
    for (const struct option *o = long_opts; extra != 0 && o->name != NULL; o++) {
        if (OPT_RECORDED(o->val) && (extra & OPT_BIT(o->val))) {
            const char *hint = strcmp(o->name, "output") == 0 && strcmp(cmd->name, "fetch") != 0
                                   ? "; documents go to --out DIR"
                                   : "";
            fprintf(stderr, "outreport: %s does not take %s--%s%s (see outreport %s --help)\n",
                    cmd->name, o->val == 'o' ? "-o/" : "", o->name, hint, cmd->name);
            return OR_ERR_INVALID;
        }
    }
    return OR_OK;
}

static or_status
parse_args(int argc, char **argv, struct or_cli *cli, int *version, unsigned long long *given)
{
    int c;
    int verbose = 0, quiet = 0;

    opterr = 0;
    while ((c = getopt_long(argc, argv, "qvho:", long_opts, NULL)) != -1) {
        if (OPT_RECORDED(c)) {
            *given |= OPT_BIT(c);
        }
        switch (c) {
        case OPT_CONFIG: cli->config_path = optarg; break;
        case OPT_PLUGIN_DIR: cli->plugin_dir = optarg; break;
        case 'q': quiet = 1; break;
        case 'v': verbose++; break;
        case 'h': cli->help = 1; break;
        case OPT_JSON: cli->json = 1; break;
        case 'o': cli->output = optarg; break;
        case OPT_PERIOD: cli->period = optarg; break;
        case OPT_FROM: cli->from = optarg; break;
        case OPT_TO: cli->to = optarg; break;
        case OPT_TZ: cli->tz = optarg; break;
        case OPT_PARAM: g_ptr_array_add(cli->params, optarg); break;
        case OPT_OPTION: g_ptr_array_add(cli->options, optarg); break;
        case OPT_REPLAY: cli->replay_dir = optarg; break;
        case OPT_RECORD: cli->record_dir = optarg; break;
        case OPT_VERSION: *version = 1; break;
        case OPT_FORMAT: cli->formats = optarg; break;
        case OPT_OUT: cli->out_dir = optarg; break;
        case OPT_STRICT: cli->strict = 1; break;
        case OPT_SPLIT_BY: cli->split_by = optarg; break;
        case OPT_MAIL_TO: or_job_add_list(cli->mail_to, optarg); break;
        case OPT_MAIL_CC: or_job_add_list(cli->mail_cc, optarg); break;
        case OPT_MAIL_SUBJECT: cli->mail_subject = optarg; break;
        case OPT_DRY_RUN: cli->dry_run = 1; break;
        case OPT_NO_CACHE: cli->no_cache = 1; break;
        case OPT_SINCE: cli->since = optarg; break;
        case OPT_STORE: cli->store = optarg; break;
        case OPT_VAR: g_ptr_array_add(cli->vars, optarg); break;
        case OPT_DEADLINE: cli->deadline = optarg; break;
        case OPT_SPLIT_LABEL: cli->split_label = optarg; break;
        case OPT_KEEP_DATASET: cli->keep_dataset = optarg; break;
        case OPT_SHOW: break; /* what config does anyway */
        case OPT_LOCALE: cli->locale = optarg; break;
        case ':':
            fprintf(stderr, "outreport: option %s needs a value\n", argv[optind - 1]);
            return OR_ERR_INVALID;
        default:
            fprintf(stderr, "outreport: unknown option %s (see outreport --help)\n",
                    argv[optind - 1]);
            return OR_ERR_INVALID;
        }
    }
    cli->verbosity = quiet ? -1 : verbose;
    cli->progress = !quiet && isatty(STDERR_FILENO);
    cli->args = argv + optind;
    cli->nargs = argc - optind;
    return OR_OK;
}

/* Loads the configuration and the plugins, checks the configuration against
 * them (typos are found before anything is fetched), and runs @p cmd. */
static int
run_command(struct or_app *app, const struct command *cmd)
{
    struct or_cli *cli = app->cli;
    char err[OR_ERR_SIZE];

    if (or_config_load(cli->config_path, &app->cfg, err, sizeof(err)) != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", err);
        return OR_EXIT_USAGE;
    }
    if (cli->deadline != NULL) {
        or_config_set(app->cfg, "http", "deadline_s", cli->deadline);
    }
    char *dirs = or_plugin_dirs(cli->plugin_dir);
    or_registry_load(dirs, &app->reg, err, sizeof(err));
    if (app->reg->nplugins == 0) {
        /* Nothing could be fetched or written: an installation problem. */
        or_log(OR_LOG_ERROR,
               "no plugins found in %s; outreport can fetch and write nothing without them "
               "(reinstall it, or name the plugin folder: --plugin-dir DIR or "
               "$OUTREPORT_PLUGIN_PATH)",
               dirs);
        g_free(dirs);
        return OR_EXIT_FAILURE;
    }
    g_free(dirs);
    if (or_registry_check_config(app->reg, app->cfg, err, sizeof(err)) != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", err);
        return OR_EXIT_USAGE;
    }
    return cmd->run(app);
}

/* The command @p name with what the command line gave it. */
static int
dispatch(struct or_app *app, const char *name, unsigned long long given)
{
    const struct command *cmd = find_command(name);
    if (strcmp(name, "help") == 0) {
        print_usage(stdout);
        return OR_EXIT_OK;
    }
    if (cmd == NULL) {
        GString *names = g_string_new(NULL);
        for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
            g_string_append_printf(names, "%s%s", i > 0 ? ", " : "", commands[i].name);
        }
        or_log(OR_LOG_ERROR, "unknown command '%s' (commands: %s; see --help)", name, names->str);
        g_string_free(names, TRUE);
        return OR_EXIT_USAGE;
    }
    if (app->cli->help) {
        fputs(cmd->usage, stdout);
        return OR_EXIT_OK;
    }
    if (check_options(cmd, given) != OR_OK) {
        return OR_EXIT_USAGE;
    }
    return run_command(app, cmd);
}

int
main(int argc, char **argv)
{
    struct or_cli cli;
    struct or_app app;
    int version = 0;
    unsigned long long given = 0;
    int rc;

    or_coredump_disable(); /* a core file would hold the credentials */
    /* Before any thread: they all inherit the blocked signals. */
    or_cleanup_signals_start();
    memset(&cli, 0, sizeof(cli));
    memset(&app, 0, sizeof(app));
    cli.params = g_ptr_array_new();
    cli.options = g_ptr_array_new();
    cli.vars = g_ptr_array_new();
    cli.mail_to = g_ptr_array_new_with_free_func(g_free);
    cli.mail_cc = g_ptr_array_new_with_free_func(g_free);
    app.cli = &cli;

    or_status st = parse_args(argc, argv, &cli, &version, &given);
    or_log_set_verbosity(cli.verbosity);
    if (st != OR_OK) {
        rc = OR_EXIT_USAGE;
    }
    else if (version) {
        printf("outreport %s (plugin ABI %d.%d)\n", OR_VERSION, OR_ABI_MAJOR, OR_ABI_MINOR);
        rc = OR_EXIT_OK;
    }
    else if (cli.nargs == 0) {
        print_usage(cli.help ? stdout : stderr);
        rc = cli.help ? OR_EXIT_OK : OR_EXIT_USAGE;
    }
    else {
        const char *cmd = cli.args[0];
        cli.args++;
        cli.nargs--;
        rc = dispatch(&app, cmd, given);
    }
    or_registry_free(app.reg);
    or_config_free(app.cfg);
    g_ptr_array_free(cli.params, TRUE);
    g_ptr_array_free(cli.options, TRUE);
    g_ptr_array_free(cli.vars, TRUE);
    g_ptr_array_free(cli.mail_to, TRUE);
    g_ptr_array_free(cli.mail_cc, TRUE);
    or_redact_clear();
    or_secret_clear();
    return rc;
}
