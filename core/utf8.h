#pragma once
// UTF-8 checks and Unicode transforms (utf8proc).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

// Byte offset of the first invalid UTF-8 sequence, or nullopt if the text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);
inline bool is_valid_utf8(std::string_view text) { return !find_invalid_utf8(text).has_value(); }

// Unicode NFC. Precondition: valid UTF-8 (invalid input is returned unchanged).
std::string to_nfc(std::string_view text);
// NFC plus full Unicode case folding ("Æble" -> "æble", "STRASSE" and "Straße" -> "strasse").
std::string casefold(std::string_view text);

// Replaces each invalid byte with U+FFFD so text can be shown safely.
std::string sanitize_utf8(std::string_view text);

// Appends the code points of `text`; each invalid byte becomes one U+FFFD, exactly as sanitize_utf8
// shows it, so counts over code points match what reports display.
void append_code_points(std::string_view text, std::vector<std::int32_t>& out);

}  // namespace pb
