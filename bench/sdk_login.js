// The AWS SDK v3 side of bench/login_bench.sh: what a pam_exec script in
// Node would do for a password + TOTP sign-in. InitiateAuth
// (USER_PASSWORD_AUTH), then RespondToAuthChallenge (SOFTWARE_TOKEN_MFA).
// Usage: node sdk_login.js ENDPOINT REGION CLIENT_ID USER  (stdin: password, hex TOTP key)
// Trust: NODE_EXTRA_CA_CERTS (login_bench.sh points it at the system bundle).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const {
  CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand,
} = require("@aws-sdk/client-cognito-identity-provider");

function totp(key) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const mac = crypto.createHmac("sha1", key).update(msg).digest();
  const off = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, "0");
}

async function main() {
  const [endpoint, region, clientId, user] = process.argv.slice(2);
  const [password, hex] = fs.readFileSync(0, "utf8").split("\n");
  // InitiateAuth and RespondToAuthChallenge need no AWS credentials; the SDK
  // still wants a provider, so it gets one that is never used for signing.
  const client = new CognitoIdentityProviderClient({
    endpoint, region,
    credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
  });
  const first = await client.send(new InitiateAuthCommand({
    AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId,
    AuthParameters: { USERNAME: user, PASSWORD: password },
  }));
  if (first.ChallengeName !== "SOFTWARE_TOKEN_MFA") throw new Error("unexpected " + first.ChallengeName);
  const second = await client.send(new RespondToAuthChallengeCommand({
    ChallengeName: "SOFTWARE_TOKEN_MFA", ClientId: clientId, Session: first.Session,
    ChallengeResponses: { USERNAME: user, SOFTWARE_TOKEN_MFA_CODE: totp(Buffer.from(hex, "hex")) },
  }));
  if (!second.AuthenticationResult) throw new Error("not signed in");
  client.destroy();
}

main().catch((e) => { console.error("sdk_login: " + e.message); process.exit(1); });
