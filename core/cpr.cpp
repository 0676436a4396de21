#include "core/cpr.h"

#include <cctype>

namespace pb {
namespace {
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
int two(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }
}  // namespace

bool looks_like_cpr(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (digit(c)) digits += c;
    else if (c != '-' && c != ' ') return false;
  }
  if (digits.size() != 10) return false;
  const int day = two(digits, 0), month = two(digits, 2);
  // Day 1–31 (no calendar check: the century is unknown without the serial rules); month 1–12.
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

std::string mask_cpr(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const bool boundary = i == 0 || !digit(text[i - 1]);
    if (boundary && i + 10 <= text.size()) {
      // Candidate forms: 6 digits, optional '-' or ' ', 4 digits, not followed by another digit.
      std::size_t j = i;
      std::size_t count = 0;
      while (j < text.size() && digit(text[j]) && count < 6) ++j, ++count;
      if (count == 6) {
        std::size_t k = j;
        if (k < text.size() && (text[k] == '-' || text[k] == ' ')) ++k;
        std::size_t tail = 0;
        while (k < text.size() && digit(text[k]) && tail < 4) ++k, ++tail;
        if (tail == 4 && (k >= text.size() || !digit(text[k])) && looks_like_cpr(text.substr(i, k - i))) {
          out += "XXXXXX-XXXX";
          i = k;
          continue;
        }
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

}  // namespace pb
