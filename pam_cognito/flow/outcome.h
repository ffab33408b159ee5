/* What a Cognito error means for the login: the verdict and what the person is told. */
#ifndef PCG_OUTCOME_H
#define PCG_OUTCOME_H

#include "flow/login_step.h"

struct pcg_outcome {
    enum pcg_verdict verdict;
    const char *tell; /* one plain line for the person, or NULL */
};

/* The outcome of an API error of this type and message (both sanitised, may be ""). */
struct pcg_outcome pcg_outcome_of_error(const char *type, const char *message);

#endif
