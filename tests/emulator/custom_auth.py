"""CUSTOM_AUTH with the pool's Define/Create/Verify Auth Challenge triggers, scripted.

A pool's "custom_auth" script stands in for its three Lambda functions:

    {"srp_first": true,                  # Define: SRP_A + PASSWORD_VERIFIER come first
     "retries": 1,                       # Define: wrong answers re-asked per challenge
     "challenges": [                     # Define: issued in order, then issueTokens
        {"public": {"prompt": "PIN: "},  # Create: publicChallengeParameters
         "answer": "1234"}]}             # Create/Verify: the private answer, compared exactly

Define's failAuthentication answers NotAuthorizedException, as Cognito does.

Or {"lambda": "/path/to/triggers.js"}: a Node.js module exporting define,
create and verify, run with `node` for each trigger event (request and
response as Cognito documents them), so a documented example Lambda can be
tested against the module.
"""

import hmac
import json
import subprocess

import shapes
import sign_in
import tokens
from errors import CognitoError, invalid_parameter, missing_parameter, not_authorized
from state import AuthSession, Client, Pool, State, User


def check_script(script: dict) -> None:
    if "lambda" in script:
        if set(script) != {"lambda"} or not isinstance(script["lambda"], str):
            raise ValueError("pool: custom_auth with lambda takes only the path of the module")
        return
    challenges = script.get("challenges")
    if set(script) - {"srp_first", "retries", "challenges"}:
        raise ValueError("pool: custom_auth takes srp_first, retries and challenges")
    if not isinstance(challenges, list) or not challenges:
        raise ValueError("pool: custom_auth.challenges must be a non-empty list")
    for c in challenges:
        if (not isinstance(c, dict) or not isinstance(c.get("answer"), str)
                or not isinstance(c.get("public", {}), dict)
                or not all(isinstance(v, str) for v in c.get("public", {}).values())):
            raise ValueError("pool: each custom_auth challenge needs a string answer and string public values")
    if not isinstance(script.get("retries", 0), int) or not isinstance(script.get("srp_first", False), bool):
        raise ValueError("pool: custom_auth.retries is a number, srp_first a boolean")


def define(state: State, pool: Pool, client: Client, user: User, step: int, wrong: int) -> dict:
    """The next custom challenge (Create's public parameters), or the tokens."""
    script = pool.custom_auth
    if step >= len(script["challenges"]):
        state.record_success(user)
        return {"AuthenticationResult": tokens.issue(state, pool, client, user), "ChallengeParameters": {}}
    public = dict(script["challenges"][step].get("public", {}))
    sess = state.new_session(pool, client.client_id, user.username, "CUSTOM_CHALLENGE", step=step, wrong=wrong)
    # Cognito adds USERNAME to a custom challenge's public parameters.
    return sign_in.challenge(sess, {**public, "USERNAME": user.username})


# ---- real trigger code (Node.js) ----

def run_trigger(pool: Pool, name: str, request: dict) -> dict:
    """Runs exports[name](event) of the pool's module; returns the event's response."""
    program = ("const m = require(process.argv[1]);"
               "const ev = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
               "Promise.resolve(m[process.argv[2]](ev)).then((r) =>"
               " process.stdout.write(JSON.stringify((r || ev).response)));")
    event = {"version": "1", "triggerSource": name, "request": request, "response": {}}
    done = subprocess.run(["node", "-e", program, pool.custom_auth["lambda"], name],
                          input=json.dumps(event), capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise CognitoError("UnexpectedLambdaException", f"{name} failed: {done.stderr.strip()[-300:]}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise CognitoError("InvalidLambdaResponseException", f"Invalid lambda response from {name}") from None


def lambda_define(state: State, pool: Pool, client: Client, user: User, history: list) -> dict:
    """Define (and Create for a custom challenge) after the steps in history."""
    attributes = dict(user.attributes, sub=user.sub)
    decision = run_trigger(pool, "define", {"userAttributes": attributes, "session": history,
                                            "userNotFound": False})
    if decision.get("failAuthentication"):
        state.record_failure(user)
        raise not_authorized()
    if decision.get("issueTokens"):
        state.record_success(user)
        return {"AuthenticationResult": tokens.issue(state, pool, client, user), "ChallengeParameters": {}}
    if decision.get("challengeName") != "CUSTOM_CHALLENGE":
        raise CognitoError("InvalidLambdaResponseException", "Invalid lambda response: the emulator's "
                           "Define answers only CUSTOM_CHALLENGE after the password")
    made = run_trigger(pool, "create", {"userAttributes": attributes, "challengeName": "CUSTOM_CHALLENGE",
                                        "session": history})
    public = {k: str(v) for k, v in (made.get("publicChallengeParameters") or {}).items()}
    sess = state.new_session(pool, client.client_id, user.username, "CUSTOM_CHALLENGE", history=history,
                             private=made.get("privateChallengeParameters") or {},
                             metadata=made.get("challengeMetadata"))
    return sign_in.challenge(sess, {**public, "USERNAME": user.username})


def lambda_answer(state: State, pool: Pool, client: Client, sess: AuthSession, user: User, answer: str) -> dict:
    verdict = run_trigger(pool, "verify", {"userAttributes": dict(user.attributes, sub=user.sub),
                                           "privateChallengeParameters": sess.data["private"],
                                           "challengeAnswer": answer})
    history = sess.data["history"] + [{"challengeName": "CUSTOM_CHALLENGE",
                                       "challengeResult": bool(verdict.get("answerCorrect")),
                                       "challengeMetadata": sess.data.get("metadata")}]
    return lambda_define(state, pool, client, user, history)


def initiate(state: State, req: dict) -> dict:
    shapes.validate(req, shapes.INITIATE_AUTH)
    client = state.client(req["ClientId"])
    pool = state.pools[client.pool_id]
    params = req.get("AuthParameters") or {}
    if "ALLOW_CUSTOM_AUTH" not in client.flows:
        raise invalid_parameter("Custom auth flow not enabled for this client")
    username = params.get("USERNAME")
    if not username:
        raise missing_parameter("USERNAME")
    sign_in.check_secret_hash(client, params.get("SECRET_HASH"), username)
    if pool.custom_auth is None:
        raise invalid_parameter("Custom auth lambda trigger is not configured for the user pool.")
    with_srp = params.get("CHALLENGE_NAME") == "SRP_A"
    user = state.find_user(pool.id, username)
    if user is None:
        raise sign_in.unknown_user(pool, client)
    sign_in.check_usable(state, user)
    if with_srp:
        if not params.get("SRP_A"):
            raise missing_parameter("SRP_A")
        answer = sign_in.srp_auth(state, pool, client, user.username, params["SRP_A"])
        # PASSWORD_VERIFIER may come without a Session: then it is found by its SECRET_BLOCK.
        sess = (state.sessions.get(answer["Session"]) if answer.get("Session")
                else state.srp_challenges.get(answer["ChallengeParameters"]["SECRET_BLOCK"]))
        if sess is not None and "lambda" in pool.custom_auth:
            # Cognito asks Define first what follows SRP_A: it must be PASSWORD_VERIFIER.
            first = run_trigger(pool, "define", {"userAttributes": dict(user.attributes, sub=user.sub),
                                                 "session": [{"challengeName": "SRP_A", "challengeResult": True}],
                                                 "userNotFound": False})
            if first.get("challengeName") != "PASSWORD_VERIFIER":
                state.drop_session(sess)
                raise not_authorized()
            done = [{"challengeName": "SRP_A", "challengeResult": True},
                    {"challengeName": "PASSWORD_VERIFIER", "challengeResult": True}]
            sess.data["after_password"] = lambda st, p, c, u: lambda_define(st, p, c, u, done)
        elif sess is not None:
            sess.data["after_password"] = lambda st, p, c, u: define(st, p, c, u, 0, 0)
        return answer
    if "lambda" in pool.custom_auth:
        return lambda_define(state, pool, client, user, [])
    if pool.custom_auth.get("srp_first"):
        raise not_authorized()  # Define: failAuthentication without the password first
    return define(state, pool, client, user, 0, 0)


def custom_challenge(state: State, pool: Pool, client: Client, sess: AuthSession, user: User, answers: dict) -> dict:
    answer = answers.get("ANSWER")
    if answer is None:
        raise missing_parameter("ANSWER")
    state.drop_session(sess)
    if "history" in sess.data:
        return lambda_answer(state, pool, client, sess, user, answer)
    step, wrong = sess.data["step"], sess.data["wrong"]
    expected = pool.custom_auth["challenges"][step]["answer"]
    if hmac.compare_digest(answer.encode(), expected.encode()):
        return define(state, pool, client, user, step + 1, 0)
    if wrong < pool.custom_auth.get("retries", 0):
        return define(state, pool, client, user, step, wrong + 1)
    state.record_failure(user)
    raise not_authorized()


HANDLERS = {"CUSTOM_CHALLENGE": custom_challenge}
