/*
 * The one-time, process-wide initialisation of libcurl and OpenSSL, done
 * where no environment variable of the caller can steer it (lib_init.c).
 */
#ifndef PCG_LIB_INIT_H
#define PCG_LIB_INIT_H

#include <stdbool.h>

/*
 * Initialises OpenSSL (with the system's configuration file) and libcurl
 * (with the wiping allocator) once per process, with an empty environment.
 * Cheap after the first call; thread-safe. False when libcurl could not be
 * initialised. Call it before the first use of libcurl or OpenSSL.
 */
bool pcg_libs_init(void);

#endif
