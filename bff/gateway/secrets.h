#pragma once

#include <string>
#include <string_view>

namespace alpes::gateway {

// The cost of the password KDF (scrypt). The defaults follow OWASP's scrypt guidance
// (N=2^15, r=8, p=3: 32 MiB per hash); tests lower them to stay fast.
struct KdfCost {
    int log2N = 15;
    int r = 8;
    int p = 3;
};

// "scrypt$<log2N>$<r>$<p>$<salt b64url>$<hash b64url>": the cost travels with the hash, so it can
// be raised later without invalidating stored passwords.
std::string hashPassword(std::string_view password, const KdfCost& cost);
// A well-formed stored value of that cost that no password verifies against (its hash is random
// bytes, not a KDF output), made without running the KDF: a decoy to verify unknown usernames
// against, so that they take as long as known ones, at no cost to start-up.
std::string unmatchableHash(const KdfCost& cost);
// Constant-time comparison; false for a malformed stored value.
bool verifyPassword(std::string_view password, std::string_view stored);

// A random bearer secret: `prefix` + 32 bytes from the OS's CSPRNG, base64url. The prefix tells a
// leaked value's kind at a glance (and lets secret scanners find it).
std::string newSecret(std::string_view prefix);
// What the database keeps of a secret: its SHA-256, hex. Secrets are random and long, so a fast
// hash is enough (no dictionary to try); passwords get the slow KDF above.
std::string secretDigest(std::string_view secret);

}  // namespace alpes::gateway
