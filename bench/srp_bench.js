'use strict';
// Times one client-side SRP computation in amazon-cognito-identity-js, the
// SDK's own path: CognitoUser.authenticateUser (USER_SRP_AUTH) draws a and
// computes A, then answers PASSWORD_VERIFIER, against a fake in-process
// server that replies at once (so no network is timed). Prints
// "runs=N median_ms=M min_ms=L max_ms=H impl=...".
// Usage: REF_DIR=<install-sdk.sh dir> node srp_bench.js [RUNS]
const path = require('path');
const { sdk, BigInteger, version } = require(path.join(__dirname, '..', 'tests', 'reference', 'sdk'));

const MIN_RUNS = 20;
const WARMUP_RUNS = 3;
const runs = Math.max(MIN_RUNS, parseInt(process.argv[2] || '25', 10) || 0);

// A valid server B = g^b mod N for a fixed b; the client's cost does not depend on it.
const helper = new sdk.AuthenticationHelper('BenchPool1');
let srpB;
helper.g.modPow(new BigInteger('1234567890abcdef'.repeat(16), 16), helper.N, (err, B) => {
	if (err) throw err;
	srpB = B.toString(16);
});
const challenge = {
	SALT: 'd551e51c5d127d418813a01c6d223976',
	SRP_B: srpB,
	SECRET_BLOCK: Buffer.alloc(1200, 7).toString('base64'),
	USERNAME: 'alice',
	USER_ID_FOR_SRP: 'alice',
};

const pool = new sdk.CognitoUserPool({ UserPoolId: 'eu-west-1_BenchPool1', ClientId: 'benchclient0123456789abcd' });
pool.client.request = (operation, params, callback) => {
	if (operation === 'InitiateAuth') {
		callback(null, { ChallengeName: 'PASSWORD_VERIFIER', Session: 's', ChallengeParameters: challenge });
	} else {
		const err = new Error('answered');
		err.code = 'BenchAnswered';
		err.signature = params.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE;
		callback(err, null);
	}
};
const details = new sdk.AuthenticationDetails({ Username: 'alice', Password: 'correct horse battery staple' });

function oneComputation() {
	let answered = false;
	const user = new sdk.CognitoUser({ Username: 'alice', Pool: pool });
	user.authenticateUser(details, {
		onSuccess: () => { throw new Error('unexpected success'); },
		onFailure: (err) => {
			if (err.code !== 'BenchAnswered' || !err.signature) throw err;
			answered = true;
		},
	});
	if (!answered) throw new Error('the SDK did not answer synchronously');
}

for (let i = 0; i < WARMUP_RUNS; i++) oneComputation();
const times = [];
for (let i = 0; i < runs; i++) {
	const t0 = process.hrtime.bigint();
	oneComputation();
	times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
const median = runs % 2 ? times[(runs - 1) / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
console.log(`runs=${runs} median_ms=${median.toFixed(3)} min_ms=${times[0].toFixed(3)} ` +
	`max_ms=${times[runs - 1].toFixed(3)} impl=amazon-cognito-identity-js@${version} node ${process.version}`);
