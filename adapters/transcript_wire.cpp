#include "adapters/transcript_wire.h"

#include <bit>
#include <cstdint>

namespace pb {
namespace {

void put_u64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}
void put_string(std::string& out, std::string_view text) {
  put_u64(out, text.size());
  out.append(text);
}
void put_time(std::string& out, const std::optional<double>& time) {
  out += time ? '\1' : '\0';
  put_u64(out, time ? std::bit_cast<std::uint64_t>(*time) : 0);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool u64(std::uint64_t& value) {
    if (bytes_.size() - pos_ < 8) return false;
    value = 0;
    for (int i = 0; i < 8; ++i) value |= std::uint64_t{static_cast<unsigned char>(bytes_[pos_ + i])} << (8 * i);
    pos_ += 8;
    return true;
  }
  bool byte(char& value) {
    if (pos_ >= bytes_.size()) return false;
    value = bytes_[pos_++];
    return true;
  }
  bool string(std::string& value) {
    std::uint64_t size = 0;
    if (!u64(size) || bytes_.size() - pos_ < size) return false;
    value.assign(bytes_.substr(pos_, size));
    pos_ += size;
    return true;
  }
  bool time(std::optional<double>& value) {
    char present = 0;
    std::uint64_t bits = 0;
    if (!byte(present) || !u64(bits)) return false;
    value = present ? std::optional<double>(std::bit_cast<double>(bits)) : std::nullopt;
    return true;
  }
  bool done() const { return pos_ == bytes_.size(); }
  std::size_t remaining() const { return bytes_.size() - pos_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string encode_transcript(const Transcript& transcript) {
  std::string out;
  put_u64(out, transcript.segments.size());
  for (const Segment& segment : transcript.segments) {
    put_string(out, segment.speaker);
    put_string(out, segment.role);
    put_time(out, segment.start);
    put_time(out, segment.end);
    put_string(out, segment.text);
  }
  return out;
}

std::string encode_outcome(const Outcome<Transcript>& outcome) {
  if (!outcome.ok()) {
    std::string out = "F";
    put_string(out, outcome.error());
    return out;
  }
  return "S" + encode_transcript(outcome.value());
}

std::string encode_exception(std::string_view what) {
  std::string out = "X";
  put_string(out, what);
  return out;
}

std::optional<DecodedOutcome> decode_outcome(std::string_view bytes) {
  Reader in(bytes);
  DecodedOutcome decoded;
  if (!in.byte(decoded.kind)) return std::nullopt;
  if (decoded.kind == 'F' || decoded.kind == 'X') {
    if (!in.string(decoded.reason) || !in.done()) return std::nullopt;
    return decoded;
  }
  if (decoded.kind != 'S') return std::nullopt;
  std::uint64_t count = 0;
  if (!in.u64(count)) return std::nullopt;
  // Each segment needs at least 42 bytes, so a corrupt count cannot make us reserve absurd memory.
  if (count > in.remaining() / 42) return std::nullopt;
  decoded.transcript.segments.resize(count);
  for (Segment& segment : decoded.transcript.segments) {
    if (!in.string(segment.speaker) || !in.string(segment.role) || !in.time(segment.start) ||
        !in.time(segment.end) || !in.string(segment.text))
      return std::nullopt;
  }
  if (!in.done()) return std::nullopt;
  return decoded;
}

}  // namespace pb
