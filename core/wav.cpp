#include "core/wav.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <numbers>
#include <numeric>
#include <sstream>

#include "core/files.h"

namespace pb {
namespace {

constexpr std::uint16_t kFormatPcm = 1;
constexpr std::uint16_t kFormatExtensible = 0xFFFE;
// KSDATAFORMAT_SUBTYPE_PCM after its first two bytes (which carry the format tag, 0x0001).
constexpr unsigned char kPcmGuidTail[14] = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80,
                                            0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};

std::uint16_t le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    (static_cast<unsigned char>(b[at + 1]) << 8));
}
std::uint32_t le32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(le16(b, at)) | (static_cast<std::uint32_t>(le16(b, at + 2)) << 16);
}
void put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
  put16(out, static_cast<std::uint16_t>(v >> 16));
}

Outcome<WavAudio> fail(const std::string& why) { return Outcome<WavAudio>::failure("WAV: " + why); }

std::string format_name(std::uint16_t tag) {
  switch (tag) {
    case 2: return "ADPCM";
    case 3: return "IEEE float";
    case 6: return "A-law";
    case 7: return "mu-law";
    case 0x55: return "MP3";
    default: return "format tag " + std::to_string(tag);
  }
}

double sinc(double x) {
  if (x == 0.0) return 1.0;
  const double px = std::numbers::pi * x;
  return std::sin(px) / px;
}

}  // namespace

Outcome<WavAudio> parse_wav(std::string_view bytes) {
  if (bytes.size() < 12) return fail("file too short for a RIFF header (" + std::to_string(bytes.size()) + " bytes)");
  if (bytes.substr(0, 4) == "RIFX") return fail("big-endian RIFX files are not supported; expected little-endian RIFF");
  if (bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE") return fail("not a RIFF/WAVE file");
  const std::uint64_t riff_end = 8 + static_cast<std::uint64_t>(le32(bytes, 4));
  if (riff_end > bytes.size())
    return fail("RIFF header claims " + std::to_string(riff_end) + " bytes but the file has " +
                std::to_string(bytes.size()) + " (truncated, or written as a stream without final sizes)");

  bool have_fmt = false;
  std::uint16_t channels = 0, bits = 0, block_align = 0;
  std::uint32_t sample_rate = 0, byte_rate = 0;
  std::size_t at = 12;
  while (at + 8 <= riff_end) {
    const std::string_view id = bytes.substr(at, 4);
    const std::uint64_t size = le32(bytes, at + 4);
    const std::size_t body = at + 8;
    if (body + size > riff_end)
      return fail("chunk '" + std::string(id) + "' claims " + std::to_string(size) + " bytes but only " +
                  std::to_string(riff_end - body) + " remain (truncated file?)");
    if (id == "fmt " && !have_fmt) {
      if (size < 16) return fail("'fmt ' chunk has " + std::to_string(size) + " bytes; expected at least 16");
      std::uint16_t tag = le16(bytes, body);
      channels = le16(bytes, body + 2);
      sample_rate = le32(bytes, body + 4);
      byte_rate = le32(bytes, body + 8);
      block_align = le16(bytes, body + 12);
      bits = le16(bytes, body + 14);
      if (tag == kFormatExtensible) {
        if (size < 40) return fail("WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk has " + std::to_string(size) + " bytes; expected 40");
        const std::uint16_t sub = le16(bytes, body + 24);
        if (std::memcmp(bytes.data() + body + 26, kPcmGuidTail, sizeof kPcmGuidTail) != 0)
          return fail("WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID; expected PCM");
        tag = sub;
      }
      if (tag != kFormatPcm) return fail("audio is " + format_name(tag) + "; expected 16-bit PCM");
      if (channels != 1) return fail("audio has " + std::to_string(channels) + " channels; expected mono");
      if (bits != 16) return fail("audio is " + std::to_string(bits) + "-bit; expected 16-bit PCM");
      if (sample_rate == 0) return fail("sample rate is 0");
      if (block_align != 2 || byte_rate != sample_rate * 2u)
        return fail("inconsistent 'fmt ' chunk (block align " + std::to_string(block_align) + ", byte rate " +
                    std::to_string(byte_rate) + " for " + std::to_string(sample_rate) + " Hz mono 16-bit)");
      have_fmt = true;
    } else if (id == "data") {
      if (!have_fmt) return fail("'data' chunk before the 'fmt ' chunk");
      if (size % 2 != 0) return fail("'data' chunk has an odd number of bytes (" + std::to_string(size) + ") for 16-bit samples");
      if (sample_rate > static_cast<std::uint32_t>(std::numeric_limits<int>::max()))
        return fail("sample rate " + std::to_string(sample_rate) + " is out of range");
      WavAudio audio;
      audio.sample_rate = static_cast<int>(sample_rate);
      audio.samples.resize(size / 2);
      for (std::size_t i = 0; i < audio.samples.size(); ++i)
        audio.samples[i] = static_cast<std::int16_t>(le16(bytes, body + 2 * i));
      return Outcome<WavAudio>::success(std::move(audio));
    }
    at = body + size + (size % 2);  // chunks are word-aligned
  }
  return fail(have_fmt ? "no 'data' chunk" : "no 'fmt ' chunk");
}

Outcome<WavAudio> read_wav(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Outcome<WavAudio>::failure("cannot open audio file " + path.string() + ": " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Outcome<WavAudio>::failure("cannot read audio file " + path.string());
  Outcome<WavAudio> parsed = parse_wav(buffer.str());
  if (!parsed.ok()) return Outcome<WavAudio>::failure(path.string() + ": " + parsed.error());
  return parsed;
}

std::string encode_wav(const WavAudio& audio) {
  assert(audio.sample_rate > 0);
  const std::uint64_t data_bytes = 2 * static_cast<std::uint64_t>(audio.samples.size());
  assert(data_bytes + 36 <= 0xFFFFFFFFull);
  std::string out;
  out.reserve(44 + data_bytes);
  out += "RIFF";
  put32(out, static_cast<std::uint32_t>(36 + data_bytes));
  out += "WAVEfmt ";
  put32(out, 16);
  put16(out, kFormatPcm);
  put16(out, 1);
  put32(out, static_cast<std::uint32_t>(audio.sample_rate));
  put32(out, static_cast<std::uint32_t>(audio.sample_rate) * 2u);
  put16(out, 2);
  put16(out, 16);
  out += "data";
  put32(out, static_cast<std::uint32_t>(data_bytes));
  for (const std::int16_t s : audio.samples) put16(out, static_cast<std::uint16_t>(s));
  return out;
}

void write_wav(const std::filesystem::path& path, const WavAudio& audio) { write_private_file(path, encode_wav(audio)); }

std::vector<std::int16_t> resample(std::span<const std::int16_t> samples, int from_rate, int to_rate) {
  assert(from_rate > 0 && to_rate > 0);
  if (from_rate == to_rate) return {samples.begin(), samples.end()};
  const std::uint64_t n = samples.size();
  const std::uint64_t out_n = (n * static_cast<std::uint64_t>(to_rate) + static_cast<std::uint64_t>(from_rate) / 2) /
                              static_cast<std::uint64_t>(from_rate);
  // Cut-off in cycles per input sample relative to the input Nyquist frequency; the 0.95 leaves the window's
  // transition band below the lower of the two Nyquist frequencies.
  const double cutoff = 0.95 * std::min(1.0, static_cast<double>(to_rate) / from_rate);
  constexpr double kZeroCrossings = 16.0;
  const double half_width = kZeroCrossings / cutoff;  // in input samples
  const auto taps = static_cast<std::int64_t>(std::ceil(half_width));
  auto weight = [&](double x) {  // x: distance from the output instant, in input samples
    if (std::abs(x) > half_width) return 0.0;
    const double u = x / half_width;
    const double window = 0.42 + 0.5 * std::cos(std::numbers::pi * u) + 0.08 * std::cos(2.0 * std::numbers::pi * u);
    return cutoff * sinc(cutoff * x) * window;
  };

  // Output j sits at input position j·down/up = i0 + phase/up. With the rates reduced by their gcd there are only
  // `up` distinct phases, so the weights are tabulated once (polyphase) unless that table would be large.
  const std::uint64_t g = std::gcd(static_cast<std::uint64_t>(from_rate), static_cast<std::uint64_t>(to_rate));
  const std::uint64_t up = static_cast<std::uint64_t>(to_rate) / g, down = static_cast<std::uint64_t>(from_rate) / g;
  const std::size_t row = static_cast<std::size_t>(2 * taps + 1);  // offsets -taps..taps
  const bool tabulate = up <= 4096;
  std::vector<double> table;
  if (tabulate) {
    table.resize(up * row);
    for (std::uint64_t phase = 0; phase < up; ++phase)
      for (std::int64_t k = -taps; k <= taps; ++k)
        table[phase * row + static_cast<std::size_t>(k + taps)] =
            weight(static_cast<double>(k) - static_cast<double>(phase) / static_cast<double>(up));
  }

  std::vector<std::int16_t> out(out_n);
  std::vector<double> direct(tabulate ? 0 : row);
  for (std::uint64_t j = 0; j < out_n; ++j) {
    const std::uint64_t position = j * down;
    const auto i0 = static_cast<std::int64_t>(position / up);
    const std::uint64_t phase = position % up;
    const double* w = nullptr;
    if (tabulate) {
      w = &table[phase * row];
    } else {
      for (std::int64_t k = -taps; k <= taps; ++k)
        direct[static_cast<std::size_t>(k + taps)] =
            weight(static_cast<double>(k) - static_cast<double>(phase) / static_cast<double>(up));
      w = direct.data();
    }
    const std::int64_t first = std::max<std::int64_t>(i0 - taps, 0);
    const std::int64_t last = std::min<std::int64_t>(i0 + taps, static_cast<std::int64_t>(n) - 1);
    double acc = 0.0;
    for (std::int64_t i = first; i <= last; ++i)
      acc += samples[static_cast<std::size_t>(i)] * w[static_cast<std::size_t>(i - i0 + taps)];
    out[j] = static_cast<std::int16_t>(std::clamp(std::lround(acc), -32768L, 32767L));
  }
  return out;
}

}  // namespace pb
