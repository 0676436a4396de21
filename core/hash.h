#pragma once
// SHA-256 (OpenSSL libcrypto) for content identity: dataset hashes, scenario hashes, cache keys; HMAC-SHA-256 for
// keyed pseudonyms.
#include <memory>
#include <string>
#include <string_view>

namespace pb {

// Incremental SHA-256; hex_digest() may be called once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex_digest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string sha256_hex(std::string_view bytes);

// HMAC-SHA-256 (RFC 2104) of `message` under `key`, as lowercase hex (64 characters).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// A keyed pseudonym for linking records about one person across files without revealing who it is: "p" followed by
// the first 24 hex digits (96 bits) of HMAC-SHA-256(key, id). A plain hash of a CPR number can be reversed by
// hashing every possible CPR number (a few million); with a secret key held by the municipality it cannot.
std::string keyed_pseudonym(std::string_view key, std::string_view id);

}  // namespace pb
