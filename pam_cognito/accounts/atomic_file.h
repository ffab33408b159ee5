/*
 * Whole-file reads and atomic replacement for the sync's files (extrausers
 * passwd and group, the id map): a reader sees the old file or the new one,
 * never a part, and a crash leaves one of the two.
 */
#ifndef PCG_ATOMIC_FILE_H
#define PCG_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define PCG_ATOMIC_FILE_MAX (64u * 1024 * 1024) /* larger files are refused (EFBIG) */

/*
 * Reads path whole into a malloc'd, NUL-terminated *content of *len bytes.
 * A missing file is not an error: *content is NULL, *len 0 and *exists false.
 * Returns 0 or an errno value (EFBIG for a file above PCG_ATOMIC_FILE_MAX).
 */
int pcg_atomic_file_read(const char *path, char **content, size_t *len, bool *exists);

/*
 * As pcg_atomic_file_read, for dir/name that the PAM module trusts: the
 * directory and the file must be owned by owner (root: 0) and writable by no
 * one else, and neither may be a symbolic link or the file anything but a
 * regular file; else EPERM. A missing directory or file is not an error
 * (*exists false).
 */
int pcg_atomic_file_read_owned(const char *dir, const char *name, uid_t owner, char **content,
                               size_t *len, bool *exists);

/*
 * Makes path hold exactly content[0..len). When it already does, nothing is
 * written (*written false). Otherwise: a temporary file in the same
 * directory, fchmod(mode), write, fsync, rename over path, fsync of the
 * directory (*written true). On failure path is untouched and the temporary
 * file removed. Returns 0 or an errno value.
 */
int pcg_atomic_file_replace(const char *path, const char *content, size_t len, mode_t mode,
                            bool *written);

#endif
