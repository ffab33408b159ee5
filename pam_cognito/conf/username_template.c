#include "config.h"

#include "conf/username_template.h"

#include <stdlib.h>
#include <string.h>

#define PCG_USERNAME_MAX 256

char *pcg_username_expand(const char *template, const char *pam_user)
{
    char out[PCG_USERNAME_MAX + 1];
    size_t n = 0, user_len;

    if (template == NULL || pam_user == NULL)
        return NULL;
    user_len = strlen(pam_user);
    for (const char *t = template; *t != '\0'; t++) {
        const char *piece = t;
        size_t len = 1;

        if (*t == '%') {
            t++;
            if (*t == 'u') {
                piece = pam_user;
                len = user_len;
            } else if (*t != '%') {
                return NULL;
            }
        }
        if (len > PCG_USERNAME_MAX - n)
            return NULL;
        memcpy(out + n, piece, len);
        n += len;
    }
    out[n] = '\0';
    return strdup(out);
}
