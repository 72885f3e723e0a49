/* SPDX-License-Identifier: MIT */
/**
 * @file version.h
 * @brief OR_VERSION, the program's version text (core only): from the
 * or_config.h meson writes into the build folder, or "0.1" when a file is
 * compiled without it.
 */
#ifndef OR_VERSION_H
#define OR_VERSION_H

#if defined(__has_include)
#if __has_include("or_config.h")
#include "or_config.h"
#endif
#endif
#ifndef OR_VERSION
#define OR_VERSION "0.1"
#endif

#endif /* OR_VERSION_H */
