'use strict';
// Signs in with the reference client, amazon-cognito-identity-js, over the
// SRP flow (CognitoUser.authenticateUser, USER_SRP_AUTH), against any
// Cognito endpoint: our emulator, another server, or AWS.
//
// Usage: REF_DIR=<install-sdk.sh dir> node srp_login.js [options]
//   --endpoint URL      API endpoint, e.g. https://127.0.0.1:8443/  (env COGNITO_ENDPOINT)
//   --pool-id ID        user pool id, e.g. us-east-1_DemoPool1      (env COGNITO_POOL_ID)
//   --client-id ID      app client id (one without a secret: the SDK
//                       cannot send SECRET_HASH)                     (env COGNITO_CLIENT_ID)
//   --username NAME     what the user types                         (env COGNITO_USERNAME)
//   --password-env VAR  read the password from $VAR (default COGNITO_PASSWORD),
//                       so it never shows in ps
//   --timeout SECONDS   give up after this long (default 30)
//   --verbose           log each API call and its outcome to stderr
// Trust a test CA with NODE_EXTRA_CA_CERTS=/path/ca.pem.
//
// Exit status: 0 when the password was verified: onSuccess (tokens), or a
// later challenge's callback (totpRequired, mfaRequired, mfaSetup,
// selectMFAType, newPasswordRequired, customChallenge); the first line on
// stdout says which ("result: onSuccess"). 1 on onFailure
// ("result: onFailure <code>: <message>") or timeout. 2 on usage errors.
const path = require('path');

function usage(message) {
	process.stderr.write(`srp_login.js: ${message}\n` +
		'usage: node srp_login.js --endpoint URL --pool-id ID --client-id ID --username NAME ' +
		'[--password-env VAR] [--timeout SECONDS] [--verbose]\n');
	process.exit(2);
}

function parseArgs(argv) {
	const opts = {
		endpoint: process.env.COGNITO_ENDPOINT,
		poolId: process.env.COGNITO_POOL_ID,
		clientId: process.env.COGNITO_CLIENT_ID,
		username: process.env.COGNITO_USERNAME,
		passwordEnv: 'COGNITO_PASSWORD',
		timeout: 30,
		verbose: false,
	};
	const withValue = {
		'--endpoint': 'endpoint', '--pool-id': 'poolId', '--client-id': 'clientId',
		'--username': 'username', '--password-env': 'passwordEnv', '--timeout': 'timeout',
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--verbose') opts.verbose = true;
		else if (arg === '--help' || arg === '-h') usage('help');
		else if (withValue[arg]) {
			if (i + 1 >= argv.length) usage(`${arg} needs a value`);
			opts[withValue[arg]] = argv[++i];
		} else usage(`unknown argument ${arg}`);
	}
	for (const [key, flag] of [['endpoint', '--endpoint'], ['poolId', '--pool-id'],
		['clientId', '--client-id'], ['username', '--username']])
		if (!opts[key]) usage(`${flag} is required`);
	if (!/^https?:\/\//.test(opts.endpoint)) usage('--endpoint must be an http(s) URL');
	if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(opts.poolId)) usage('--pool-id must look like region_Id');
	opts.timeout = Number(opts.timeout);
	if (!(opts.timeout > 0)) usage('--timeout must be a positive number of seconds');
	opts.password = process.env[opts.passwordEnv];
	if (opts.password === undefined) usage(`the password variable ${opts.passwordEnv} is not set`);
	return opts;
}

function main() {
	const opts = parseArgs(process.argv.slice(2));
	const { sdk, version } = require(path.join(__dirname, 'sdk'));
	const log = (line) => { if (opts.verbose) process.stderr.write(`srp_login: ${line}\n`); };
	log(`amazon-cognito-identity-js@${version}, endpoint ${opts.endpoint}`);

	const pool = new sdk.CognitoUserPool({
		UserPoolId: opts.poolId,
		ClientId: opts.clientId,
		endpoint: opts.endpoint,
	});
	if (opts.verbose) {
		const request = pool.client.request.bind(pool.client);
		pool.client.request = (operation, params, callback) => {
			log(`-> ${operation}${params.ChallengeName ? ' ' + params.ChallengeName : ''}`);
			request(operation, params, (err, data) => {
				if (err) log(`<- ${operation}: error ${err.code || err.name}: ${err.message}`);
				else log(`<- ${operation}: ${data.ChallengeName || (data.AuthenticationResult ? 'tokens' : 'ok')}`);
				callback(err, data);
			});
		};
	}
	const user = new sdk.CognitoUser({ Username: opts.username, Pool: pool });
	const details = new sdk.AuthenticationDetails({
		Username: opts.username,
		Password: opts.password,
	});

	let finished = false;
	const timer = setTimeout(() => finish(1, `timeout after ${opts.timeout} s`), opts.timeout * 1000);
	function finish(status, result) {
		if (finished) return;
		finished = true;
		clearTimeout(timer);
		process.stdout.write(`result: ${result}\n`);
		process.exitCode = status;
	}
	// Every callback but onFailure runs after Cognito accepted PASSWORD_VERIFIER.
	const verified = (name) => () => finish(0, name);
	user.authenticateUser(details, {
		onSuccess: (session) => {
			const idToken = session.getIdToken().decodePayload();
			log(`signed in as ${idToken['cognito:username'] || '?'}`);
			finish(0, 'onSuccess');
		},
		onFailure: (err) => finish(1, `onFailure ${err.code || err.name || 'Error'}: ${err.message}`),
		totpRequired: verified('totpRequired'),
		mfaRequired: verified('mfaRequired'),
		mfaSetup: verified('mfaSetup'),
		selectMFAType: verified('selectMFAType'),
		newPasswordRequired: verified('newPasswordRequired'),
		customChallenge: verified('customChallenge'),
	});
}

main();
