#pragma once
// SHA-256 (OpenSSL libcrypto) for content identity: dataset hashes, scenario hashes, cache keys.
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

}  // namespace pb
