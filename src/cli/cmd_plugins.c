/* SPDX-License-Identifier: MIT */
/* `outreport plugins [--json]`: what is loaded, from where, and what it offers. */
#include <jansson.h>
#include <stdio.h>

#include "cli/cli.h"
#include "dataset/dataset.h"
#include "plugin/endpoint.h"
#include "store/store_profile.h"
#include "plugin/params.h"
#include "plugin/plugin_config.h"

static const char *
kind_name(enum or_plugin_kind k)
{
    return k == OR_PLUGIN_PROVIDER ? "provider" : "renderer";
}

static const char *
paging_name(enum or_paging p)
{
    static const char *const names[] = {"none", "pages", "marker"};
    return (unsigned)p < 3 ? names[p] : "none";
}

static json_t *
params_json(const struct or_param *const *params, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct or_param *p = params[i];
        json_t *o = json_pack("{s:s, s:s, s:b, s:s}", "name", p->name, "type",
                              or_param_type_name(p->type), "required", p->required != 0,
                              "description", p->description ? p->description : "");
        if (p->choices != NULL) {
            json_object_set_new(o, "choices", json_string(p->choices));
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The keys of the plugin's config section, the host's first. */
static json_t *
config_json(const struct or_plugin *p)
{
    json_t *arr = json_array();
    struct or_plugin_key k;
    for (size_t i = 0; or_plugin_key_at(p, i, &k); i++) {
        json_t *o =
            json_pack("{s:s, s:s, s:s, s:b, s:b}", "name", k.key.name, "type",
                      or_param_type_name(k.key.type), "help", k.key.help != NULL ? k.key.help : "",
                      "secret_env", k.key.secret_env != 0, "read_by_host", k.host != 0);
        json_object_set_new(o, "default",
                            k.key.default_value != NULL ? json_string(k.key.default_value)
                                                        : json_null());
        if (k.key.choices != NULL) {
            json_object_set_new(o, "choices", json_string(k.key.choices));
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

static void
print_config(const struct or_plugin *p)
{
    struct or_plugin_key k;
    for (size_t i = 0; or_plugin_key_at(p, i, &k); i++) {
        printf("    [%s] %s (%s%s%s%s%s%s): %s\n", p->name, k.key.name,
               or_param_type_name(k.key.type), k.key.choices ? ": " : "",
               k.key.choices ? k.key.choices : "", k.key.default_value ? ", default " : "",
               k.key.default_value ? k.key.default_value : "",
               k.key.secret_env ? ", names the variable holding the secret" : "",
               k.key.help ? k.key.help : "");
    }
    if (!or_plugin_declares_keys(p)) {
        printf("    [%s] other keys: not declared (plugin ABI %u.%u), not checked\n", p->name,
               (unsigned)p->abi_major, (unsigned)p->abi_minor);
    }
}

static json_t *
plugin_json(const struct or_loaded_plugin *lp)
{
    const struct or_plugin *d = lp->desc;
    json_t *abi = json_pack("{s:i, s:i}", "major", (int)d->abi_major, "minor", (int)d->abi_minor);
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "name", d->name, "kind", kind_name(d->kind),
                  "version", d->version ? d->version : "", "description",
                  d->description ? d->description : "", "file", lp->path, "abi", abi);
    json_object_set_new(o, "config", config_json(d));
    json_object_set_new(o, "config_checked", json_boolean(or_plugin_declares_keys(d)));
    if (d->kind == OR_PLUGIN_PROVIDER) {
        json_t *eps = json_array();
        for (size_t e = 0; e < d->provider->nendpoints; e++) {
            const struct or_endpoint *ep = d->provider->endpoints[e];
            json_t *cols = json_array();
            for (size_t c = 0; c < ep->ncolumns; c++) {
                const struct or_column *col = ep->columns[c];
                json_array_append_new(cols, json_pack("{s:s, s:s, s:s}", "name", col->name, "type",
                                                      or_type_name(col->type), "description",
                                                      col->description ? col->description : ""));
            }
            json_t *eo = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:b}", "name", ep->name, "table",
                                   ep->table, "description", ep->description ? ep->description : "",
                                   "paging", paging_name(ep->paging), "parameters",
                                   params_json(ep->params, ep->nparams), "columns", cols,
                                   "dynamic_columns", ep->dynamic_columns != 0);
            /* since 2.2: what counts up to the fetch, and the endpoint read first */
            const char *cum = or_cumulative_name(or_endpoint_cumulative(ep));
            const char *note = or_endpoint_cumulative_note(ep);
            const struct or_endpoint *lk = or_endpoint_lookup(ep);
            json_object_set_new(eo, "cumulative", cum != NULL ? json_string(cum) : json_null());
            json_object_set_new(eo, "cumulative_note",
                                note != NULL ? json_string(note) : json_null());
            json_object_set_new(eo, "lookup", lk != NULL ? json_string(lk->name) : json_null());
            /* how the store keeps the rows (records, period, snapshot), agreeing with the above */
            struct or_store_profile prof;
            or_store_profile_of(ep->name, ep, &prof);
            json_object_set_new(eo, "keeping", json_string(or_store_kind_name(prof.kind)));
            json_array_append_new(eps, eo);
        }
        json_object_set_new(o, "endpoints", eps);
        json_object_set_new(
            o, "default_base_url",
            json_string(d->provider->default_base_url ? d->provider->default_base_url : ""));
    }
    else {
        json_object_set_new(o, "format", json_string(d->renderer->format));
        json_object_set_new(o, "mime_type",
                            json_string(d->renderer->mime_type ? d->renderer->mime_type : ""));
        json_object_set_new(o, "options", params_json(d->renderer->options, d->renderer->noptions));
    }
    return o;
}

static void
print_text(const struct or_registry *reg)
{
    for (int pass = 0; pass < 2; pass++) {
        enum or_plugin_kind kind = pass == 0 ? OR_PLUGIN_PROVIDER : OR_PLUGIN_RENDERER;
        printf("%s:\n", pass == 0 ? "providers" : "renderers");
        for (size_t i = 0; i < reg->nplugins; i++) {
            const struct or_plugin *d = reg->plugins[i].desc;
            if (d->kind != kind) {
                continue;
            }
            printf("  %s %s — %s\n    file: %s\n", d->name, d->version ? d->version : "",
                   d->description ? d->description : "", reg->plugins[i].path);
            print_config(d);
            if (kind == OR_PLUGIN_RENDERER) {
                printf("    format: .%s (%s)\n", d->renderer->format,
                       d->renderer->mime_type ? d->renderer->mime_type : "");
                for (size_t o = 0; o < d->renderer->noptions; o++) {
                    const struct or_param *p = d->renderer->options[o];
                    printf("    option %s (%s%s%s): %s\n", p->name, or_param_type_name(p->type),
                           p->choices ? ": " : "", p->choices ? p->choices : "",
                           p->description ? p->description : "");
                }
                continue;
            }
            for (size_t e = 0; e < d->provider->nendpoints; e++) {
                const struct or_endpoint *ep = d->provider->endpoints[e];
                printf("    %s.%s → table %s: %s\n", d->name, ep->name, ep->table,
                       ep->description ? ep->description : "");
                const char *note = or_endpoint_cumulative_note(ep);
                if (or_endpoint_cumulative(ep) != OR_CUMULATIVE_NONE) {
                    printf("      cumulative (%s): %s\n",
                           or_cumulative_name(or_endpoint_cumulative(ep)), note ? note : "");
                }
                if (or_endpoint_lookup(ep) != NULL) {
                    printf("      reads %s.%s first\n", d->name, or_endpoint_lookup(ep)->name);
                }
                for (size_t p = 0; p < ep->nparams; p++) {
                    const struct or_param *pp = ep->params[p];
                    printf("      --param %s (%s%s%s%s): %s\n", pp->name,
                           or_param_type_name(pp->type), pp->choices ? ": " : "",
                           pp->choices ? pp->choices : "", pp->required ? ", required" : "",
                           pp->description ? pp->description : "");
                }
                printf("      columns:");
                for (size_t c = 0; c < ep->ncolumns; c++) {
                    printf("%s %s %s", c ? "," : "", ep->columns[c]->name,
                           or_type_name(ep->columns[c]->type));
                }
                printf("%s\n", ep->dynamic_columns ? ", … (more from the data)" : "");
            }
        }
    }
}

int
or_cmd_plugins(struct or_app *app)
{
    if (app->cli->nargs > 0) {
        fprintf(stderr, "outreport: plugins takes no arguments (got '%s')\n", app->cli->args[0]);
        return OR_EXIT_USAGE;
    }
    if (!app->cli->json) {
        print_text(app->reg);
        return OR_EXIT_OK;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < app->reg->nplugins; i++) {
        json_array_append_new(arr, plugin_json(&app->reg->plugins[i]));
    }
    json_t *root = json_pack("{s:{s:i, s:i}, s:o}", "abi", "major", OR_ABI_MAJOR, "minor",
                             OR_ABI_MINOR, "plugins", arr);
    json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(root);
    return OR_EXIT_OK;
}
