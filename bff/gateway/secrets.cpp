#include "bff/gateway/secrets.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace alpes::gateway {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr size_t kSecretBytes = 32;
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const unsigned char* data, size_t size)
{
    std::string out;
    out.reserve((size * 4 + 2) / 3);
    for (size_t i = 0; i < size; i += 3) {
        const unsigned chunk = (data[i] << 16) | ((i + 1 < size ? data[i + 1] : 0) << 8) | (i + 2 < size ? data[i + 2] : 0);
        const size_t chars = i + 2 < size ? 4 : (i + 1 < size ? 3 : 2);
        for (size_t c = 0; c < chars; ++c)
            out.push_back(kAlphabet[(chunk >> (18 - 6 * c)) & 0x3f]);
    }
    return out;
}

std::vector<unsigned char> fromBase64url(std::string_view text)
{
    std::vector<unsigned char> out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        const auto index = kAlphabet.find(c);
        if (index == std::string_view::npos)
            return {};
        buffer = (buffer << 6) | static_cast<unsigned>(index);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

std::vector<unsigned char> randomBytes(size_t size)
{
    std::vector<unsigned char> bytes(size);
    if (RAND_bytes(bytes.data(), static_cast<int>(size)) != 1)
        throw std::runtime_error("the OS random generator failed");  // nothing safe to fall back to
    return bytes;
}

std::array<unsigned char, kHashBytes> scrypt(std::string_view password, const std::vector<unsigned char>& salt,
                                             const KdfCost& cost)
{
    std::array<unsigned char, kHashBytes> hash{};
    const std::uint64_t n = std::uint64_t{1} << cost.log2N;
    // maxmem must cover 128·N·r·p bytes plus slack, or OpenSSL refuses.
    const std::uint64_t maxMemory = 128 * n * static_cast<std::uint64_t>(cost.r) * static_cast<std::uint64_t>(cost.p) +
                                    (std::uint64_t{1} << 20);
    if (EVP_PBE_scrypt(password.data(), password.size(), salt.data(), salt.size(), n, static_cast<std::uint64_t>(cost.r),
                       static_cast<std::uint64_t>(cost.p), maxMemory, hash.data(), hash.size()) != 1)
        throw std::runtime_error("scrypt failed");
    return hash;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == separator) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

std::string storedForm(const KdfCost& cost, const std::vector<unsigned char>& salt, const unsigned char* hash)
{
    return "scrypt$" + std::to_string(cost.log2N) + "$" + std::to_string(cost.r) + "$" + std::to_string(cost.p) + "$" +
           base64url(salt.data(), salt.size()) + "$" + base64url(hash, kHashBytes);
}

}  // namespace

std::string hashPassword(std::string_view password, const KdfCost& cost)
{
    const auto salt = randomBytes(kSaltBytes);
    const auto hash = scrypt(password, salt, cost);
    return storedForm(cost, salt, hash.data());
}

std::string unmatchableHash(const KdfCost& cost)
{
    return storedForm(cost, randomBytes(kSaltBytes), randomBytes(kHashBytes).data());
}

bool verifyPassword(std::string_view password, std::string_view stored)
{
    const auto parts = split(stored, '$');
    if (parts.size() != 6 || parts[0] != "scrypt")
        return false;
    KdfCost cost;
    try {
        cost.log2N = std::stoi(std::string(parts[1]));
        cost.r = std::stoi(std::string(parts[2]));
        cost.p = std::stoi(std::string(parts[3]));
    } catch (const std::exception&) {
        return false;
    }
    if (cost.log2N < 1 || cost.log2N > 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16)
        return false;
    const auto salt = fromBase64url(parts[4]);
    const auto expected = fromBase64url(parts[5]);
    if (salt.empty() || expected.size() != kHashBytes)
        return false;
    const auto actual = scrypt(password, salt, cost);
    return CRYPTO_memcmp(actual.data(), expected.data(), kHashBytes) == 0;
}

std::string newSecret(std::string_view prefix)
{
    const auto bytes = randomBytes(kSecretBytes);
    return std::string(prefix) + base64url(bytes.data(), bytes.size());
}

std::string secretDigest(std::string_view secret)
{
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), digest.data());
    std::string hex;
    hex.reserve(digest.size() * 2);
    for (unsigned char byte : digest) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", byte);
        hex += pair;
    }
    return hex;
}

}  // namespace alpes::gateway
