/* SPDX-License-Identifier: MIT */
/**
 * @file host_tmp.h
 * @brief The host's temporary files for plugins (::or_host.tmp_create,
 * tmp_done; since ABI 2.4).  Core only.
 *
 * A plugin's temporary file is made as the core makes its own (tmpfile.h:
 * `.NAME.tmp-XXXXXX`, 0600, beside the file it will replace) and registered
 * with cleanup.h, so a signal that stops the process removes it.  The host
 * remembers, process-wide, which files it made for plugins: tmp_done()
 * removes only those.
 */
#ifndef OR_HOST_TMP_H
#define OR_HOST_TMP_H

#include "outreport/plugin.h"

/** @brief Set @p h's tmp_create and tmp_done. */
void or_host_bind_tmp(struct or_host *h);

#endif
