#include "core/utf8.h"

#include <utf8proc.h>

#include <bit>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace pb {
namespace {
std::string map_with(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &out, static_cast<utf8proc_option_t>(options));
  if (n < 0) return std::string(text);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}
}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  // Most transcript bytes are ASCII, so skip eight of them at a time and hand only the bytes from a
  // non-ASCII lead byte on to utf8proc, which alone decides validity (so the answer is unchanged).
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  const char* const data = text.data();
  const std::size_t size = text.size();
  std::size_t pos = 0;
  while (pos < size) {
    if (pos + 8 <= size) {
      std::uint64_t chunk;
      std::memcpy(&chunk, data + pos, 8);
      const std::uint64_t high = chunk & kHighBits;
      if (high == 0) {
        pos += 8;
        continue;
      }
      // On little-endian machines the lowest set bit is the first non-ASCII byte; elsewhere the byte
      // loop below finds it.
      if constexpr (std::endian::native == std::endian::little) {
        pos += static_cast<std::size_t>(std::countr_zero(high)) / 8;
      }
    }
    if (static_cast<unsigned char>(data[pos]) < 0x80) {
      ++pos;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(data + pos),
                                                static_cast<utf8proc_ssize_t>(size - pos), &cp);
    if (n <= 0 || cp < 0) return pos;
    pos += static_cast<std::size_t>(n);
  }
  return std::nullopt;
}

std::string to_nfc(std::string_view text) {
  return map_with(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string casefold(std::string_view text) {
  return map_with(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

namespace {
// Calls on_valid(code point, bytes) for each decoded character and on_invalid() for each invalid byte.
template <class Valid, class Invalid>
void walk_utf8(std::string_view text, Valid on_valid, Invalid on_invalid) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                                static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0 || cp < 0) {
      on_invalid();
      ++pos;
    } else {
      on_valid(cp, text.substr(pos, static_cast<std::size_t>(n)));
      pos += static_cast<std::size_t>(n);
    }
  }
}
constexpr std::int32_t kReplacementCharacter = 0xFFFD;
}  // namespace

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  walk_utf8(
      text, [&](std::int32_t, std::string_view bytes) { out.append(bytes); }, [&] { out += "\xEF\xBF\xBD"; });
  return out;
}

void append_code_points(std::string_view text, std::vector<std::int32_t>& out) {
  walk_utf8(
      text, [&](std::int32_t cp, std::string_view) { out.push_back(cp); },
      [&] { out.push_back(kReplacementCharacter); });
}

}  // namespace pb
