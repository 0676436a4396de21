#pragma once
// A portable, seedable random source. The standard library's distributions are implementation-defined,
// so results would differ between standard libraries; everything here is specified bit for bit, which is
// what makes "same scenario, data and seed → byte-identical results" hold.
#include <cassert>
#include <cstdint>
#include <string_view>
#include <vector>

namespace pb {

// 64-bit FNV-1a; used to derive independent seeds from names (not for security).
std::uint64_t fnv1a64(std::string_view text, std::uint64_t basis = 0xcbf29ce484222325ULL);

// A seed for an independent stream identified by a label, e.g. derive_seed(run_seed, "asr/solution-a/conv-17").
// Streams derived this way do not depend on the order in which items are processed.
std::uint64_t derive_seed(std::uint64_t seed, std::string_view label);

// xoshiro256** seeded through splitmix64.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next_u64();
  // Uniform integer in [lo, hi] (inclusive), unbiased (Lemire's method with rejection).
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);
  // Uniform double in [0, 1) with 53 random bits.
  double uniform01();
  bool bernoulli(double p) { return uniform01() < p; }
  // Standard normal deviate (Box-Muller, no cached second value, so the stream is easy to reason about).
  double normal(double mean = 0.0, double stddev = 1.0);
  // Index into a container of the given size (size > 0).
  std::size_t index(std::size_t size) {
    assert(size > 0);
    return static_cast<std::size_t>(uniform_int(0, static_cast<std::int64_t>(size) - 1));
  }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[index(items.size())];
  }
  // Index chosen with probability proportional to weights[i] (weights >= 0, not all zero).
  std::size_t weighted_index(const std::vector<double>& weights);

 private:
  std::uint64_t state_[4];
};

}  // namespace pb
