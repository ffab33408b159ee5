'use strict';
// Finds the amazon-cognito-identity-js installed by install-sdk.sh: under
// $REF_DIR (the cache the tests use), else next to this file.
const path = require('path');

function sdkRoot() {
	const where = [process.env.REF_DIR, __dirname].filter(Boolean);
	let main;
	try {
		main = require.resolve('amazon-cognito-identity-js', { paths: where });
	} catch (e) {
		process.stderr.write(
			'amazon-cognito-identity-js not found; run tests/reference/install-sdk.sh DIR and set REF_DIR=DIR\n'
		);
		process.exit(2);
	}
	// main is <root>/lib/index.js
	return path.dirname(path.dirname(main));
}

const root = sdkRoot();
const sdk = require(root);

module.exports = {
	sdk,
	BigInteger: require(path.join(root, 'lib', 'BigInteger')).default,
	version: require(path.join(root, 'package.json')).version,
};
