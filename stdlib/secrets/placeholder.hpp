#pragma once
// Recognises values that stand for a secret without being one: template references filled in at
// deploy time and the words people type while a real value is pending. Rules use it so that
// `DB_PASSWORD=${DB_PASSWORD}` or `API_KEY=changeme` is not reported as a leaked credential.

#include <string_view>

namespace taskguard::secrets {

// True when the whole value (ignoring surrounding whitespace and quotes) is:
//  - empty;
//  - a reference: ${NAME}, $NAME, $(command), {{ ... }}, <...>, %NAME%, #{...};
//  - a mask: three or more of one of x X * . - # _ (e.g. "xxxx", "****");
//  - a placeholder word, compared without case, spaces, '-', '_' or '.': changeme, changeit,
//    replaceme, todo, tbd, fixme, placeholder, dummy, fake, sample, none, null, nil,
//    undefined, na, n/a, redacted, masked, secret_here ...;
//  - text that says it is a stand-in: it starts with "your", "insert", "enter", "replace with"
//    or "change to", ends with "here", contains "placeholder" or "changeme", or is a single
//    token (no whitespace, not a URL) containing "example" (AWS documents its sample keys as
//    AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY; gitleaks allow-lists
//    `.+EXAMPLE$` likewise). A URL to db.example.com with a real password is not a placeholder.
// A weak real password ("password", "admin", "123456") is NOT a placeholder: it is a credential.
bool is_placeholder(std::string_view value);

}  // namespace taskguard::secrets
