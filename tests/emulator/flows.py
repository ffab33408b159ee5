"""InitiateAuth's entry: USER_AUTH and CUSTOM_AUTH have their own modules, the rest is sign_in's."""

import challenges
import custom_auth
import sign_in
import user_auth
from state import State

# The challenges of these flows, next to those of challenges.py.
challenges.HANDLERS.update(user_auth.HANDLERS)
challenges.HANDLERS.update(custom_auth.HANDLERS)


def initiate_auth(state: State, req: dict) -> dict:
    flow = req.get("AuthFlow") if isinstance(req, dict) else None
    if flow == "USER_AUTH":
        return user_auth.initiate(state, req)
    if flow == "CUSTOM_AUTH":
        return custom_auth.initiate(state, req)
    return sign_in.initiate_auth(state, req)
