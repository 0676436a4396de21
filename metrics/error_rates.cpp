#include "metrics/error_rates.h"

#include "core/utf8.h"

#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace pb {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::int32_t> code_points(std::span<const std::string> words) {
  std::vector<std::int32_t> out;
  std::size_t bytes = 0;
  for (const auto& w : words) bytes += w.size();
  out.reserve(bytes);
  for (const auto& w : words) append_code_points(w, out);
  return out;
}

}  // namespace

double word_error_rate(const ErrorCounts& c) {
  if (c.ref_words == 0) return c.errors() == 0 ? 0.0 : kNaN;
  return static_cast<double>(c.errors()) / static_cast<double>(c.ref_words);
}

double match_error_rate(const ErrorCounts& c) {
  const std::int64_t steps = c.hits + c.errors();
  if (steps == 0) return 0.0;
  return static_cast<double>(c.errors()) / static_cast<double>(steps);
}

double word_information_lost(const ErrorCounts& c) {
  if (c.ref_words == 0 && c.hyp_words == 0) return 0.0;
  if (c.ref_words == 0 || c.hyp_words == 0) return 1.0;
  const double h = static_cast<double>(c.hits);
  return 1.0 - (h / static_cast<double>(c.ref_words)) * (h / static_cast<double>(c.hyp_words));
}

ErrorCounts count_character_errors(std::span<const std::string> ref_words, std::span<const std::string> hyp_words) {
  const auto ref = code_points(ref_words);
  const auto hyp = code_points(hyp_words);
  return count_symbol_errors(ref, hyp);
}

}  // namespace pb
