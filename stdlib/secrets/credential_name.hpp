#pragma once
// Does a variable or option name say that its value is a credential? A security reviewer reads
// DB_PASSWORD, GITHUB_TOKEN, stripeApiKey and CLIENT_SECRET as secrets, and DB_PASSWORD_FILE,
// TOKEN_URL, SECRET_ARN or PASSWORD_MIN_LENGTH as settings *about* a secret: the rule below
// encodes that reading.

#include <string_view>

namespace taskguard::secrets {

// The name is split into words at '_', '-', '.', ' ' and camelCase boundaries, and upper-cased
// (apiKey, API_KEY, api-key all become API KEY). It is a credential name when:
//  1. a word is PASSWORD, PASSWORDS, PASSWD, PASS, PWD, PASSPHRASE, SECRET, SECRETS, TOKEN,
//     CREDENTIAL(S), CREDS, SALT, AUTHORIZATION, APIKEY, ACCESSKEY, SECRETKEY, PRIVATEKEY or
//     AUTHKEY; or a word contains PASSWORD, PASSWD, PASSPHRASE, APIKEY, SECRETKEY, PRIVATEKEY,
//     ACCESSTOKEN or AUTHTOKEN, or ends in TOKEN or SECRET (githubtoken); or two adjacent words
//     are API, ACCESS, PRIVATE, AUTH, SIGNING, ENCRYPTION, MASTER, SERVICE, ACCOUNT, CLIENT,
//     LICENSE, APP, SSH, HMAC, SESSION or SECRET followed by KEY, or AUTH DATA, CONNECTION
//     STRING, CONN STR; or the last word is AUTH (BASIC_AUTH, PROXY_AUTH);
//  2. and it is not about a credential: the last word is not one of ARN, ID, NAME, PATH, FILE,
//     DIR, URL, URI, ENDPOINT, HOST, PORT, REGION, LENGTH, SIZE, TTL, EXPIRY, TIMEOUT, TYPE,
//     FORMAT, ALGORITHM, VERSION, POLICY, ENABLED, REQUIRED, COUNT, PREFIX, LOCATION, PROVIDER,
//     ISSUER, AUDIENCE, SCOPE, MODE ... (the full list is in credential_name.cpp and in
//     docs/stdlib.md), except that ACCESS KEY ID counts (AWS_ACCESS_KEY_ID is one half of a key
//     pair and is handled like the secret);
//  3. and it is not a switch: the first word is not ENABLE, DISABLE, USE, REQUIRE, SKIP, ALLOW,
//     IS, HAS, NO ... (REQUIRE_PASSWORD=true holds no password).
// The bare shell variables PWD and OLDPWD are not credentials. TOKENS (plural) is not a
// credential word: MAX_TOKENS and NUM_TOKENS are model settings.
// A value behind a name this rule rejects is still scanned by secrets.kind: a TOKEN_URL that
// embeds a password is reported as url-with-password.
bool credential_name(std::string_view name);

}  // namespace taskguard::secrets
