// Example Define/Create/Verify Auth Challenge triggers for pam_cognito's
// auth_flow = custom (documentation only: this repository deploys nothing).
//
// pam_cognito shows each CUSTOM_CHALLENGE at the login prompt by this
// convention on the challenge's publicChallengeParameters:
//   prompt   the prompt text (printable ASCII), default "Answer: "
//   echo     "yes" to show the answer as it is typed (default: hidden)
//   message  an optional line shown before the prompt
// and sends what the person typed back as ANSWER.
//
// This pool asks for the password by SRP first (custom_srp = yes on the
// host), then for a per-user PIN kept in the custom attribute custom:pin.
// Allow the PIN to be mistyped once.

// Define Auth Challenge: the sequence.
exports.define = async (event) => {
  const session = event.request.session;
  const last = session[session.length - 1];
  const pinTries = session.filter((c) => c.challengeName === 'CUSTOM_CHALLENGE');

  event.response.issueTokens = false;
  event.response.failAuthentication = false;
  if (session.length === 1 && last.challengeName === 'SRP_A') {
    event.response.challengeName = 'PASSWORD_VERIFIER';
  } else if (session.length === 2 && last.challengeName === 'PASSWORD_VERIFIER' && last.challengeResult) {
    event.response.challengeName = 'CUSTOM_CHALLENGE';
  } else if (last && last.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {
    event.response.issueTokens = true;
  } else if (last && last.challengeName === 'CUSTOM_CHALLENGE' && pinTries.length < 2) {
    event.response.challengeName = 'CUSTOM_CHALLENGE';
  } else {
    event.response.failAuthentication = true;
  }
  return event;
};

// Create Auth Challenge: what the prompt shows, and the answer kept private.
exports.create = async (event) => {
  const retry = event.request.session.some(
    (c) => c.challengeName === 'CUSTOM_CHALLENGE' && !c.challengeResult);
  event.response.publicChallengeParameters = {
    prompt: 'PIN: ',
    echo: 'no',
    ...(retry ? { message: 'That PIN was wrong. One more try.' } : {}),
  };
  event.response.privateChallengeParameters = { pin: event.request.userAttributes['custom:pin'] || '' };
  return event;
};

// Verify Auth Challenge Response: compare.
exports.verify = async (event) => {
  const expected = event.request.privateChallengeParameters.pin;
  event.response.answerCorrect = expected !== '' && event.request.challengeAnswer === expected;
  return event;
};
