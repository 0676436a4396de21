#pragma once
// A lossless binary encoding of Transcript and Outcome<Transcript>, used where JSON would lose information:
// across the isolation pipe (the validator must see invalid UTF-8 and NaN/inf exactly as the adapter produced
// them; JSON can carry neither) and as the content hashed into cache keys.
// Layout: length-prefixed (u64 little-endian) strings; optional doubles as a presence byte plus IEEE-754 bits.
#include <optional>
#include <string>
#include <string_view>

#include "core/outcome.h"
#include "harness/dataset.h"

namespace pb {

std::string encode_transcript(const Transcript& transcript);

// A complete message: kind byte ('S' success, 'F' failure, 'X' exception) and body.
std::string encode_outcome(const Outcome<Transcript>& outcome);
std::string encode_exception(std::string_view what);

struct DecodedOutcome {
  char kind = 0;  // 'S', 'F' or 'X'
  Transcript transcript;
  std::string reason;
};
// nullopt if the bytes are not exactly one well-formed message.
std::optional<DecodedOutcome> decode_outcome(std::string_view bytes);

}  // namespace pb
