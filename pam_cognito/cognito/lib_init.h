/*
 * The one-time, process-wide initialisation of libcurl and OpenSSL, done
 * so that no environment variable of the caller can steer it (lib_init.c).
 */
#ifndef PCG_LIB_INIT_H
#define PCG_LIB_INIT_H

#include <stdbool.h>

/*
 * The name of a variable in the environment that would make a library open a
 * file it names (SSLKEYLOGFILE), or NULL. While one is set, pcg_libs_init
 * refuses: the caller logs the name and fails (PAM_SERVICE_ERR).
 */
const char *pcg_environment_hazard(void);

/*
 * Initialises OpenSSL (with the system's configuration file, named
 * explicitly) and libcurl (with the wiping allocator) once per process.
 * Cheap after the first call; thread-safe; never touches environ. False when
 * pcg_environment_hazard() names a variable or a library could not be
 * initialised. Call it before the first use of libcurl or OpenSSL.
 */
bool pcg_libs_init(void);

#endif
