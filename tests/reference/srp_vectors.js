'use strict';
// Prints SRP test vectors (JSON) made by the reference client,
// amazon-cognito-identity-js, from fixed inputs.
//
// The client side is the SDK's own code path: CognitoUser.authenticateUser
// (USER_SRP_AUTH) with
//   - AuthenticationHelper.prototype.generateRandomSmallA replaced to return
//     the fixed a (the constructor calls it, then derives A itself);
//   - the pool's Client.request replaced by a fake server that answers
//     InitiateAuth with the fixed SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP
//     and records the RespondToAuthChallenge answer (SRP_A, signature);
//   - global Date pinned to the vector's time, so the SDK's DateHelper
//     writes the TIMESTAMP;
//   - calculateS and computehkdf wrapped to record x, S and the HKDF key.
//
// The server side is computed here with Node's BigInt and crypto: the
// verifier v = g^x for the password, a fixed server secret b (derived from
// the vector's name and a counter), and B = (k*v + g^b) mod N. The counter
// grows until the vector shows the shapes it is meant to cover (padHex with
// and without the leading 00, odd-length hex...). Every vector is checked:
// the server's S = (A * v^u)^b mod N and an independent client computation
// must both equal what the SDK computed, and so must the signature.
//
// Usage: REF_DIR=<dir given to install-sdk.sh> node srp_vectors.js > vectors.json

const crypto = require('crypto');
const { sdk, BigInteger, version } = require('./sdk');

const N_HEX =
	'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1' +
	'29024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
	'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245' +
	'E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
	'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D' +
	'C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
	'83655D23DCA3AD961C62F356208552BB9ED529077096966D' +
	'670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
	'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9' +
	'DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
	'15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64' +
	'ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
	'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B' +
	'F12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
	'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31' +
	'43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
const N = BigInt('0x' + N_HEX);
const G = 2n;

// ---- independent BigInt arithmetic (no SDK) --------------------------------

function modPow(base, exp, mod) {
	let result = 1n;
	base %= mod;
	if (base < 0n) base += mod;
	while (exp > 0n) {
		if (exp & 1n) result = (result * base) % mod;
		base = (base * base) % mod;
		exp >>= 1n;
	}
	return result;
}

function mod(v, m) {
	const r = v % m;
	return r < 0n ? r + m : r;
}

// Cognito's padHex for v >= 0: even-length minimal hex, 00 in front when the
// top bit is set.
function padHexBig(v) {
	let h = v.toString(16);
	if (h.length % 2) h = '0' + h;
	if (/^[89a-f]/.test(h)) h = '00' + h;
	return h;
}

function sha256(...parts) {
	const h = crypto.createHash('sha256');
	for (const p of parts) h.update(p);
	return h.digest();
}

function hashPads(p, q) {
	return BigInt('0x' + sha256(Buffer.from(padHexBig(p) + padHexBig(q), 'hex')).toString('hex'));
}

const K = hashPads(N, G);

function computeX(poolName, userId, password, salt) {
	const inner = sha256(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
	return BigInt('0x' + sha256(Buffer.from(padHexBig(salt), 'hex'), inner).toString('hex'));
}

function hkdf(u, S) {
	const prk = crypto.createHmac('sha256', Buffer.from(padHexBig(u), 'hex'))
		.update(Buffer.from(padHexBig(S), 'hex')).digest();
	return crypto.createHmac('sha256', prk)
		.update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
		.digest().subarray(0, 16);
}

function signature(key, poolName, userId, secretBlockB64, timestamp) {
	return crypto.createHmac('sha256', key)
		.update(Buffer.concat([
			Buffer.from(poolName, 'utf8'),
			Buffer.from(userId, 'utf8'),
			Buffer.from(secretBlockB64, 'base64'),
			Buffer.from(timestamp, 'utf8'),
		]))
		.digest('base64');
}

// Deterministic "random" bytes: SHA-256 in counter mode over a label.
function detBytes(label, n) {
	const out = [];
	for (let i = 0; out.length * 32 < n; i++) out.push(sha256(`${label}/${i}`));
	return Buffer.concat(out).subarray(0, n);
}

// padHex puts 00 in front exactly when the top bit of the top byte is set.
function topBitSet(v) {
	return v !== 0n && padHexBig(v).startsWith('00');
}

// ---- the SDK, driven through CognitoUser.authenticateUser ------------------

const Helper = sdk.AuthenticationHelper;
const RealDate = Date;
let pinnedSmallA = null;
let record = null;

const origRandomSmallA = Helper.prototype.generateRandomSmallA;
Helper.prototype.generateRandomSmallA = function fixedSmallA() {
	return pinnedSmallA !== null ? pinnedSmallA : origRandomSmallA.call(this);
};
const origCalculateS = Helper.prototype.calculateS;
Helper.prototype.calculateS = function recordS(xValue, serverB, callback) {
	record.x = xValue;
	return origCalculateS.call(this, xValue, serverB, (err, S) => {
		record.S = S;
		record.u = this.UValue;
		record.k = this.k;
		callback(err, S);
	});
};
const origHkdf = Helper.prototype.computehkdf;
Helper.prototype.computehkdf = function recordHkdf(ikm, salt) {
	const key = origHkdf.call(this, ikm, salt);
	record.hkdf = Buffer.from(key);
	return key;
};

function pinDate(ms) {
	global.Date = class PinnedDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(ms);
			else super(...args);
		}
		static now() {
			return ms;
		}
	};
}

function runSdk(inputs) {
	const pool = new sdk.CognitoUserPool({
		UserPoolId: inputs.pool_id,
		ClientId: 'refclient0123456789abcdefgh',
	});
	const captured = {};
	pool.client.request = (operation, params, callback) => {
		if (operation === 'InitiateAuth') {
			captured.srp_a = params.AuthParameters.SRP_A;
			captured.initiate_username = params.AuthParameters.USERNAME;
			callback(null, {
				ChallengeName: 'PASSWORD_VERIFIER',
				Session: 'vector-session',
				ChallengeParameters: {
					SALT: inputs.salt_hex,
					SRP_B: inputs.srp_b_hex,
					SECRET_BLOCK: inputs.secret_block_b64,
					USERNAME: inputs.user_id,
					USER_ID_FOR_SRP: inputs.user_id,
				},
			});
		} else if (operation === 'RespondToAuthChallenge') {
			captured.responses = params.ChallengeResponses;
			const err = new Error('vector captured');
			err.code = 'VectorCaptured';
			callback(err, null);
		} else {
			callback(new Error(`unexpected ${operation}`), null);
		}
	};
	const user = new sdk.CognitoUser({ Username: inputs.username, Pool: pool });
	const details = new sdk.AuthenticationDetails({
		Username: inputs.username,
		Password: inputs.password,
	});
	record = {};
	pinnedSmallA = new BigInteger(inputs.a_hex, 16);
	pinDate(inputs.epoch * 1000);
	let failure = null;
	try {
		// Synchronous all the way: the fake server calls back at once.
		user.authenticateUser(details, {
			onSuccess: () => { failure = new Error('unexpected success'); },
			onFailure: (err) => { if (err.code !== 'VectorCaptured') failure = err; },
		});
	} finally {
		global.Date = RealDate;
		pinnedSmallA = null;
	}
	if (failure) throw failure;
	if (!captured.responses) throw new Error(`${inputs.name}: SDK did not answer the challenge`);
	return { captured, record };
}

// ---- the vectors ------------------------------------------------------------

// shape(v) says whether the derived numbers have the shapes the vector must cover.
const SPECS = [
	{
		name: 'padded_00',
		pool_id: 'eu-west-1_AbC123xyz',
		username: 'alice',
		user_id: 'alice',
		password: 'correct horse battery staple',
		epoch: 1491432154, // Wed Apr 5 22:42:34 UTC 2017: one-digit day
		secret_block_len: 1200, // base64 without '=' (1200 % 3 == 0)
		salt_hex: (c) => detBytes(`salt/padded/${c}`, 16).toString('hex'),
		salt_text: (h) => h,
		shape: (v) => /^[89a-f]/.test(v.salt_hex) && topBitSet(v.A) && topBitSet(v.B) &&
			topBitSet(v.u) && topBitSet(v.x) && topBitSet(v.S),
	},
	{
		name: 'unpadded_odd_hex',
		pool_id: 'us-east-1_Zz9yX8wV7',
		username: 'bob',
		user_id: 'bob',
		password: 'Tr0ub4dor&3',
		epoch: 1700000000, // Tue Nov 14 22:13:20 UTC 2023
		secret_block_len: 1201, // base64 ending in '=='
		// a salt whose first byte is < 0x10: its minimal hex has odd length
		salt_hex: (c) => '0' + detBytes(`salt/odd/${c}`, 16).toString('hex').slice(1),
		// sent as minimal hex (odd length), as a Java BigInteger prints it
		salt_text: (h) => h.replace(/^0+/, ''),
		shape: (v) => !topBitSet(v.A) && v.B.toString(16).length % 2 === 1 &&
			!topBitSet(v.u) && !topBitSet(v.x) && !topBitSet(v.S),
	},
	{
		name: 'uuid_user_id_alias',
		pool_id: 'ap-southeast-2_QwErTy123',
		username: 'carol@example.com', // what the user typed (an alias)
		user_id: '5b1e0c2a-7f4d-4c3b-9a8e-2d6f1e0b9c47', // USER_ID_FOR_SRP
		password: 'P@ssw0rd-for-carol',
		epoch: 2177452800 + 86400 * 40 + 3661, // 2039, after the 32-bit time_t limit
		secret_block_len: 1202, // base64 ending in '='
		salt_hex: (c) => detBytes(`salt/uuid/${c}`, 16).toString('hex'),
		salt_text: (h) => h.toUpperCase(), // servers may send upper case
		shape: () => true,
	},
	{
		name: 'unicode_password',
		pool_id: 'eu-central-1_UniC0de42',
		username: 'dörte',
		user_id: 'dörte',
		password: 'pässwörd-日本語-🔑',
		epoch: 951782400 + 3600 * 12 + 59, // Tue Feb 29 12:00:59 UTC 2000: leap day
		secret_block_len: 64,
		salt_hex: (c) => detBytes(`salt/unicode/${c}`, 16).toString('hex'),
		salt_text: (h) => h,
		shape: () => true,
	},
	{
		name: 'short_salt_leading_zeros',
		pool_id: 'sa-east-1_Sh0rtSalt',
		username: 'eve',
		user_id: 'eve',
		password: 'x',
		epoch: 1735689599, // Tue Dec 31 23:59:59 UTC 2024
		secret_block_len: 1,
		salt_hex: (c) => '0000' + detBytes(`salt/short/${c}`, 3).toString('hex'),
		salt_text: (h) => h, // leading zero digits kept in the text
		shape: () => true,
	},
	{
		name: 'odd_length_srp_a',
		pool_id: 'ca-central-1_0ddA',
		username: 'frank',
		user_id: 'frank',
		password: 'frank-password-123',
		epoch: 1696118400 + 86400 * 20 + 7 * 3600 + 8 * 60 + 9, // Sat Oct 21 07:08:09 UTC 2023
		secret_block_len: 2048,
		salt_hex: (c) => detBytes(`salt/odda/${c}`, 16).toString('hex'),
		salt_text: (h) => h,
		// SRP_A is minimal hex: A < 2^3068 makes it 767 digits long
		shape: (v) => v.A.toString(16).length % 2 === 1,
	},
];

function buildVector(spec) {
	const poolName = spec.pool_id.split('_')[1];
	for (let counter = 0; counter < 100000; counter++) {
		const a = BigInt('0x' + detBytes(`a/${spec.name}/${counter}`, 128).toString('hex'));
		const b = BigInt('0x' + detBytes(`b/${spec.name}/${counter}`, 128).toString('hex'));
		const saltHex = spec.salt_hex(counter);
		const salt = BigInt('0x' + saltHex);
		const A = modPow(G, a, N);
		const x = computeX(poolName, spec.user_id, spec.password, salt);
		const v = modPow(G, x, N);
		const B = mod(K * v + modPow(G, b, N), N);
		const u = hashPads(A, B);
		const S = modPow(mod(B - K * modPow(G, x, N), N), a + u * x, N);
		if (!spec.shape({ A, B, u, x, S, salt_hex: saltHex })) continue;

		const serverS = modPow(A * modPow(v, u, N), b, N);
		if (serverS !== S) throw new Error(`${spec.name}: server S differs from client S`);
		const inputs = {
			name: spec.name,
			pool_id: spec.pool_id,
			pool_name: poolName,
			username: spec.username,
			user_id: spec.user_id,
			password: spec.password,
			a_hex: a.toString(16),
			salt_hex: spec.salt_text(saltHex),
			srp_b_hex: B.toString(16),
			secret_block_b64: detBytes(`block/${spec.name}`, spec.secret_block_len).toString('base64'),
			epoch: spec.epoch,
		};
		const { captured, record: rec } = runSdk(inputs);
		const key = hkdf(u, S);
		const checks = [
			['SRP_A', captured.srp_a, A.toString(16)],
			['k', padHexBig(BigInt('0x' + rec.k.toString(16))), padHexBig(K)],
			['u', rec.u.toString(16), u.toString(16)],
			['x', rec.x.toString(16), x.toString(16)],
			['S', rec.S.toString(16), S.toString(16)],
			['hkdf', rec.hkdf.toString('hex'), key.toString('hex')],
			['signature', captured.responses.PASSWORD_CLAIM_SIGNATURE,
				signature(key, poolName, spec.user_id, inputs.secret_block_b64,
					captured.responses.TIMESTAMP)],
		];
		for (const [what, fromSdk, independent] of checks)
			if (fromSdk !== independent)
				throw new Error(`${spec.name}: ${what}: SDK ${fromSdk} != independent ${independent}`);
		return {
			...inputs,
			A_hex: captured.srp_a,
			timestamp: captured.responses.TIMESTAMP,
			k_hex: padHexBig(K),
			u_hex: padHexBig(u),
			x_hex: padHexBig(x),
			S_hex: padHexBig(S),
			hkdf_hex: rec.hkdf.toString('hex'),
			signature_b64: captured.responses.PASSWORD_CLAIM_SIGNATURE,
			server: { b_hex: b.toString(16), verifier_hex: v.toString(16), counter },
		};
	}
	throw new Error(`${spec.name}: no counter gave the wanted shape`);
}

const vectors = SPECS.map(buildVector);
process.stdout.write(JSON.stringify({
	generator: 'tests/reference/srp_vectors.js',
	sdk: `amazon-cognito-identity-js@${version}`,
	vectors,
}, null, 2) + '\n');
