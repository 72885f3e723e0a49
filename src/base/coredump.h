/* SPDX-License-Identifier: MIT */
/**
 * @file coredump.h
 * @brief No core dumps: a core file would hold the API keys and the SMTP
 * password the process read from its environment (core only).
 */
#ifndef OR_COREDUMP_H
#define OR_COREDUMP_H

/**
 * @brief Turn core dumps off for this process and its children: the core
 * size limit (soft and hard) becomes 0, and the process is made
 * non-dumpable (PR_SET_DUMPABLE 0, which also keeps other processes of the
 * same user from reading its memory through /proc or ptrace).  Does nothing
 * when $OUTREPORT_ALLOW_CORE is "1" (for debugging a crash).  Call first
 * thing in main().  Failures are ignored: the process runs on as it was.
 */
void or_coredump_disable(void);

#endif
