'use strict';
// Turns srp_vectors.js's JSON (stdin) into the C header tests/unit/srp_vectors.h (stdout).

function cString(s) {
	// Octal escapes for everything outside plain printable ASCII: unlike \x
	// they cannot swallow a following hex digit.
	let out = '';
	for (const byte of Buffer.from(s, 'utf8')) {
		const c = String.fromCharCode(byte);
		if (byte < 0x20 || byte > 0x7e || c === '"' || c === '\\' || c === '?')
			out += '\\' + byte.toString(8).padStart(3, '0');
		else out += c;
	}
	return out;
}

function literal(s, indent) {
	const text = cString(s);
	const width = 72;
	if (text.length <= width) return `"${text}"`;
	const lines = [];
	for (let i = 0; i < text.length; i += width) {
		// never cut inside an escape sequence
		let end = Math.min(i + width, text.length);
		while (end < text.length && /\\[0-7]{0,2}$/.test(text.slice(Math.max(i, end - 3), end))) end++;
		lines.push(`"${text.slice(i, end)}"`);
		i = end - width;
	}
	return lines.join('\n' + indent);
}

const FIELDS = ['name', 'pool_name', 'user_id', 'password', 'a_hex', 'A_hex', 'salt_hex',
	'srp_b_hex', 'secret_block_b64', 'timestamp', 'k_hex', 'u_hex', 'x_hex', 'S_hex',
	'hkdf_hex', 'signature_b64'];

const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = [];
out.push(`/*
 * SRP test vectors from the reference client ${input.sdk}.
 * Generated; do not edit. Regenerate (needs node and npm) with:
 *     tests/reference/gen_srp_vectors.sh
 * which runs ${input.generator} (its header comment says how each
 * vector is made) and tests/reference/vectors_to_header.js.
 * Hex fields a_hex, A_hex, salt_hex, srp_b_hex are as sent on the wire
 * (minimal BigInteger hex); k/u/x/S_hex are padHex; epoch is the time_t of
 * timestamp.
 */
#ifndef PCG_TEST_SRP_VECTORS_H
#define PCG_TEST_SRP_VECTORS_H

struct srp_vector {
${FIELDS.map((f) => `    const char *${f};`).join('\n')}
    long long epoch;
};

static const struct srp_vector srp_vectors[] = {`);
for (const v of input.vectors) {
	out.push('    {');
	for (const f of FIELDS) {
		if (typeof v[f] !== 'string') throw new Error(`vector ${v.name}: ${f} missing`);
		out.push(`        .${f} = ${literal(v[f], '            ')},`);
	}
	out.push(`        .epoch = ${v.epoch}LL,`);
	out.push('    },');
}
out.push(`};

#endif`);
process.stdout.write(out.join('\n') + '\n');
