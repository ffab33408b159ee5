/* The `username` option: the Cognito username made from the PAM user. */
#ifndef PCG_USERNAME_TEMPLATE_H
#define PCG_USERNAME_TEMPLATE_H

/*
 * Replaces each "%u" in template with pam_user and each "%%" with "%". The
 * PAM user is inserted literally, never read as a template itself. Returns a
 * malloc'd string, or NULL (bad template, too long, or no memory).
 */
char *pcg_username_expand(const char *template, const char *pam_user);

#endif
