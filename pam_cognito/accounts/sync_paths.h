/*
 * Where the sync keeps its state and writes the accounts. Fixed paths, not
 * config keys: libnss-extrausers reads only /var/lib/extrausers, and the PAM
 * module must find the map whatever the config says. A packager may define
 * them at build time (CPPFLAGS) for another layout.
 */
#ifndef PCG_SYNC_PATHS_H
#define PCG_SYNC_PATHS_H

#ifndef PCG_SYNC_STATE_DIR
#define PCG_SYNC_STATE_DIR "/var/lib/pam_cognito"
#endif
#define PCG_SYNC_MAP_FILE "idmap"
#define PCG_SYNC_MAP_PATH PCG_SYNC_STATE_DIR "/" PCG_SYNC_MAP_FILE

#ifndef PCG_EXTRAUSERS_DIR
#define PCG_EXTRAUSERS_DIR "/var/lib/extrausers"
#endif
#define PCG_EXTRAUSERS_PASSWD PCG_EXTRAUSERS_DIR "/passwd"
#define PCG_EXTRAUSERS_GROUP PCG_EXTRAUSERS_DIR "/group"

#endif
