/* A prompter (prompter.h) over the PAM conversation function. */
#ifndef PCG_PAM_PROMPTER_H
#define PCG_PAM_PROMPTER_H

#include <security/pam_modules.h>

#include "flow/prompter.h"

/* Fills p so that its calls go to pamh's conversation; silent (PAM_SILENT) drops messages. */
void pcg_pam_prompter_init(struct pcg_prompter *p, pam_handle_t *pamh, bool silent);

#endif
