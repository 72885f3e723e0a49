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
#include "base/config_check.h"
#include "base/log.h"
#include "or_config.h"
#include "base/redact.h"

static const char usage_main[] =
    "usage: outreport [--config FILE] [--plugin-dir DIR] [-q|-v] COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  plugins [--json]          list plugins, endpoints, parameters and table schemas\n"
    "  fetch SOURCE -o FILE      fetch one endpoint (provider.endpoint) into a .csv/.xlsx file\n"
    "  run TEMPLATE              fetch a template's sources and write its documents\n"
    "  batch JOBS.ini            many report jobs in one run; shared fetches, parallel jobs\n"
    "  validate TEMPLATE         check a template: JSON, sections, formats and every SQL\n"
    "\n"
    "common options:\n"
    "  --config FILE             configuration (default: $OUTREPORT_CONFIG, ./outreport.conf,\n"
    "                            $XDG_CONFIG_HOME/outreport/outreport.conf)\n"
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
    "  --deadline SECONDS        time allowed for each source (default [http] deadline_s)\n"
    "  --split-by COL[,COL...]   one document set per value of COL (e.g. rep_email), plus\n"
    "                            the roll-up; further columns filter other tables by the\n"
    "                            same value (rep_email,sender_email)\n"
    "  --mail-to ADDR            mail the documents (repeatable, comma-separated); an\n"
    "                            address {COL} mails each split to its own value\n"
    "  --mail-cc ADDR            copy the roll-up mail to ADDR\n"
    "  --mail-subject PATTERN    subject; {title} and {period} are filled in\n"
    "  --dry-run                 fetch and render, write the files, print who would get\n"
    "                            what, send nothing\n"
    "  --json                    print one JSON object saying what happened\n"
    "\n"
    "Exit status: 0 ok, 1 failure, 2 usage, configuration or template error,\n"
    "3 a source failed (its sections say 'data unavailable'; with --strict: no documents).\n";

static const char usage_batch[] =
    "usage: outreport batch JOBS.ini [--out DIR] [--dry-run] [--json] [options]\n"
    "\n"
    "Runs every job of JOBS.ini: one [section] per job, [defaults] for keys they share.\n"
    "Job keys: template (required), period, from, to, tz, formats, out (default DIR/JOB),\n"
    "mail_to, mail_cc, mail_subject, split_by, strict, options (KEY=VALUE,...).\n"
    "Sources with the same endpoint, parameters and period are fetched once and shared;\n"
    "jobs render in parallel, one process per core; a failing job never stops the others.\n"
    "Command-line options (--config, --replay, --dry-run, --option ...) apply to all jobs.\n"
    "\n"
    "Exit status: 0 every job ok, 3 some job failed, 2 JOBS.ini or usage error.\n";

static const char usage_validate[] =
    "usage: outreport validate TEMPLATE\n"
    "\n"
    "Checks a template without fetching anything: the JSON, section kinds, chart kinds,\n"
    "column formats, and every SQL statement against the tables its sources declare.\n"
    "Errors name the template file, the section and the problem.\n";

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
    OPT_DEADLINE
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
    {"deadline", required_argument, NULL, OPT_DEADLINE},
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
     OPT_BIT(OPT_DRY_RUN) | OPT_BIT(OPT_NO_CACHE) | OPT_BIT(OPT_DEADLINE))

static const struct {
    const char *cmd;
    unsigned long long takes;
} command_opts[] = {
    {"plugins", OPT_BIT(OPT_JSON)},
    {"fetch", OPT_BIT('o') | OPT_BIT(OPT_PERIOD) | OPT_BIT(OPT_FROM) | OPT_BIT(OPT_TO) |
                  OPT_BIT(OPT_TZ) | OPT_BIT(OPT_PARAM) | OPT_BIT(OPT_OPTION) | OPT_BIT(OPT_REPLAY) |
                  OPT_BIT(OPT_RECORD) | OPT_BIT(OPT_NO_CACHE) | OPT_BIT(OPT_DEADLINE)},
    {"run", RUN_OPTS},
    {"batch", RUN_OPTS}, /* they apply to every job */
    {"validate", 0},
};

/* Refuses the first option given that @p cmd does not read; 0 when none. */
static int
check_options(const char *cmd, unsigned long long given)
{
    for (size_t i = 0; i < sizeof(command_opts) / sizeof(command_opts[0]); i++) {
        if (strcmp(command_opts[i].cmd, cmd) != 0) {
            continue;
        }
        unsigned long long common =
            OPT_BIT(OPT_CONFIG) | OPT_BIT(OPT_PLUGIN_DIR) | OPT_BIT(OPT_VERSION);
        unsigned long long extra = given & ~(command_opts[i].takes | common);
        if (extra == 0) {
            return 0;
        }
        for (const struct option *o = long_opts; o->name != NULL; o++) {
            if (OPT_RECORDED(o->val) && (extra & OPT_BIT(o->val))) {
                const char *hint = strcmp(o->name, "output") == 0 && strcmp(cmd, "fetch") != 0
                                       ? "; documents go to --out DIR"
                                       : "";
                fprintf(stderr, "outreport: %s does not take %s--%s%s (see outreport %s --help)\n",
                        cmd, o->val == 'o' ? "-o/" : "", o->name, hint, cmd);
                return -1;
            }
        }
    }
    return 0;
}

/* "a@x, b@y" and repeated options both add addresses. */
static void
add_addresses(GPtrArray *list, const char *arg)
{
    char **parts = g_strsplit(arg, ",", -1);
    for (char **p = parts; *p != NULL; p++) {
        g_strstrip(*p);
        if (**p != '\0') {
            g_ptr_array_add(list, g_strdup(*p));
        }
    }
    g_strfreev(parts);
}

static int
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
        case OPT_MAIL_TO: add_addresses(cli->mail_to, optarg); break;
        case OPT_MAIL_CC: add_addresses(cli->mail_cc, optarg); break;
        case OPT_MAIL_SUBJECT: cli->mail_subject = optarg; break;
        case OPT_DRY_RUN: cli->dry_run = 1; break;
        case OPT_NO_CACHE: cli->no_cache = 1; break;
        case OPT_DEADLINE: cli->deadline = optarg; break;
        case ':':
            fprintf(stderr, "outreport: option %s needs a value\n", argv[optind - 1]);
            return -1;
        default:
            fprintf(stderr, "outreport: unknown option %s (see outreport --help)\n",
                    argv[optind - 1]);
            return -1;
        }
    }
    cli->verbosity = quiet ? -1 : verbose;
    cli->progress = !quiet && isatty(STDERR_FILENO);
    cli->args = argv + optind;
    cli->nargs = argc - optind;
    return 0;
}

static int
run_command(struct or_app *app, const char *cmd)
{
    struct or_cli *cli = app->cli;
    char err[OR_ERR_SIZE];
    int rc;

    if (cli->help) {
        fputs(strcmp(cmd, "plugins") == 0    ? usage_plugins
              : strcmp(cmd, "run") == 0      ? usage_run
              : strcmp(cmd, "validate") == 0 ? usage_validate
              : strcmp(cmd, "batch") == 0    ? usage_batch
                                             : usage_fetch,
              stdout);
        return OR_EXIT_OK;
    }
    if (or_config_load(cli->config_path, &app->cfg, err, sizeof(err)) != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", err);
        return OR_EXIT_USAGE;
    }
    if (cli->deadline != NULL) {
        or_config_set(app->cfg, "http", "deadline_s", cli->deadline);
    }
    char *dirs = or_plugin_dirs(cli->plugin_dir);
    or_registry_load(dirs, &app->reg, err, sizeof(err));
    g_free(dirs);
    /* Typos in the config are found before anything is fetched. */
    GPtrArray *names = g_ptr_array_new();
    for (size_t i = 0; app->reg != NULL && i < app->reg->nplugins; i++) {
        g_ptr_array_add(names, (gpointer)app->reg->plugins[i].desc->name);
    }
    or_status cst =
        or_config_check(app->cfg, (const char *const *)names->pdata, names->len, err, sizeof(err));
    g_ptr_array_free(names, TRUE);
    if (cst != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", err);
        return OR_EXIT_USAGE;
    }
    if (strcmp(cmd, "plugins") == 0) {
        rc = or_cmd_plugins(app);
    }
    else if (strcmp(cmd, "run") == 0) {
        rc = or_cmd_run(app);
    }
    else if (strcmp(cmd, "validate") == 0) {
        rc = or_cmd_validate(app);
    }
    else if (strcmp(cmd, "batch") == 0) {
        rc = or_cmd_batch(app);
    }
    else {
        rc = or_cmd_fetch(app);
    }
    return rc;
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
    cli.mail_to = g_ptr_array_new_with_free_func(g_free);
    cli.mail_cc = g_ptr_array_new_with_free_func(g_free);
    app.cli = &cli;

    if (parse_args(argc, argv, &cli, &version, &given) != 0) {
        rc = OR_EXIT_USAGE;
        goto done;
    }
    or_log_set_verbosity(cli.verbosity);
    if (version) {
        printf("outreport %s (plugin ABI %d)\n", OR_VERSION, OR_ABI_VERSION);
        rc = OR_EXIT_OK;
        goto done;
    }
    if (cli.nargs == 0) {
        fputs(usage_main, cli.help ? stdout : stderr);
        rc = cli.help ? OR_EXIT_OK : OR_EXIT_USAGE;
        goto done;
    }
    const char *cmd = cli.args[0];
    cli.args++;
    cli.nargs--;
    if (strcmp(cmd, "help") == 0) {
        fputs(usage_main, stdout);
        rc = OR_EXIT_OK;
    }
    else if (strcmp(cmd, "plugins") == 0 || strcmp(cmd, "fetch") == 0 || strcmp(cmd, "run") == 0 ||
             strcmp(cmd, "validate") == 0 || strcmp(cmd, "batch") == 0) {
        rc = cli.help || check_options(cmd, given) == 0 ? run_command(&app, cmd) : OR_EXIT_USAGE;
    }
    else {
        or_log(OR_LOG_ERROR,
               "unknown command '%s' (commands: plugins, fetch, run, batch, validate; see --help)",
               cmd);
        rc = OR_EXIT_USAGE;
    }

done:
    or_registry_free(app.reg);
    or_config_free(app.cfg);
    g_ptr_array_free(cli.params, TRUE);
    g_ptr_array_free(cli.options, TRUE);
    g_ptr_array_free(cli.mail_to, TRUE);
    g_ptr_array_free(cli.mail_cc, TRUE);
    or_redact_clear();
    return rc;
}
