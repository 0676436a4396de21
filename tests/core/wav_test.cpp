#include "core/wav.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace pb {
namespace {

// A hand-written header: 16 kHz mono 16-bit, two samples (1 and -2).
std::string two_sample_wav() {
  using namespace std::string_literals;
  return "RIFF"s + std::string("\x28\x00\x00\x00", 4) + "WAVE" + "fmt " + std::string("\x10\x00\x00\x00", 4) +
         std::string("\x01\x00\x01\x00", 4) + std::string("\x80\x3e\x00\x00", 4) +  // PCM, mono, 16000 Hz
         std::string("\x00\x7d\x00\x00", 4) + std::string("\x02\x00\x10\x00", 4) +  // 32000 B/s, align 2, 16 bit
         "data" + std::string("\x04\x00\x00\x00", 4) + std::string("\x01\x00\xfe\xff", 4);
}

void put32_at(std::string& bytes, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

TEST(Wav, ParsesAHandWrittenFile) {
  const auto parsed = parse_wav(two_sample_wav());
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed.value().sample_rate, 16000);
  EXPECT_EQ(parsed.value().samples, (std::vector<std::int16_t>{1, -2}));
  EXPECT_DOUBLE_EQ(parsed.value().duration_s(), 2.0 / 16000);
}

TEST(Wav, EncodeGivesTheCanonicalHeaderAndRoundTrips) {
  WavAudio audio{16000, {1, -2}};
  EXPECT_EQ(encode_wav(audio), two_sample_wav());
  WavAudio extremes{22050, {-32768, 32767, 0, 12345}};
  const auto back = parse_wav(encode_wav(extremes));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value(), extremes);
}

TEST(Wav, EmptyAudioRoundTrips) {
  const std::string bytes = encode_wav(WavAudio{8000, {}});
  EXPECT_EQ(bytes.size(), 44u);
  const auto back = parse_wav(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back.value().samples.empty());
  EXPECT_EQ(back.value().sample_rate, 8000);
}

TEST(Wav, SkipsUnknownChunksIncludingOddSizedOnes) {
  std::string bytes = two_sample_wav();
  // Insert a 3-byte LIST chunk (+1 pad byte) between fmt and data.
  const std::string list = std::string("LIST") + std::string("\x03\x00\x00\x00", 4) + "abc" + std::string(1, '\0');
  bytes.insert(36, list);
  put32_at(bytes, 4, static_cast<std::uint32_t>(bytes.size() - 8));
  const auto parsed = parse_wav(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed.value().samples, (std::vector<std::int16_t>{1, -2}));
}

TEST(Wav, AcceptsExtensiblePcm) {
  std::string bytes = two_sample_wav();
  std::string fmt = bytes.substr(20, 16);
  fmt[0] = '\xfe';
  fmt[1] = '\xff';
  fmt += std::string("\x16\x00\x10\x00\x04\x00\x00\x00", 8);  // cbSize 22, valid bits 16, channel mask
  fmt += std::string("\x01\x00\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71", 16);  // PCM GUID
  bytes.replace(20, 16, fmt);
  put32_at(bytes, 16, 40);
  put32_at(bytes, 4, static_cast<std::uint32_t>(bytes.size() - 8));
  const auto parsed = parse_wav(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed.value().samples, (std::vector<std::int16_t>{1, -2}));
}

struct BadCase {
  const char* name;
  std::size_t offset;  // byte to patch
  std::string patch;
  const char* reason;  // expected substring
};

TEST(Wav, RejectsOtherFormatsWithAReason) {
  const BadCase cases[] = {
      {"stereo", 22, std::string("\x02\x00", 2), "2 channels; expected mono"},
      {"float", 20, std::string("\x03\x00", 2), "IEEE float; expected 16-bit PCM"},
      {"alaw", 20, std::string("\x06\x00", 2), "A-law"},
      {"8-bit", 34, std::string("\x08\x00", 2), "8-bit; expected 16-bit PCM"},
      {"zero rate", 24, std::string("\x00\x00\x00\x00", 4), "sample rate is 0"},
      {"byte rate", 28, std::string("\x01\x00\x00\x00", 4), "inconsistent 'fmt ' chunk"},
      {"not wave", 8, "AVI ", "not a RIFF/WAVE file"},
      {"rifx", 0, "RIFX", "big-endian RIFX"},
      {"odd data", 40, std::string("\x03\x00\x00\x00", 4), "odd number of bytes"},
      {"truncated data", 40, std::string("\x40\x00\x00\x00", 4), "truncated file?"},
      {"streamed size", 4, std::string("\xf0\xff\xff\x7f", 4), "written as a stream"},
  };
  for (const BadCase& c : cases) {
    std::string bytes = two_sample_wav();
    bytes.replace(c.offset, c.patch.size(), c.patch);
    const auto parsed = parse_wav(bytes);
    ASSERT_FALSE(parsed.ok()) << c.name;
    EXPECT_EQ(parsed.error().rfind("WAV: ", 0), 0u) << parsed.error();
    EXPECT_NE(parsed.error().find(c.reason), std::string::npos) << c.name << ": " << parsed.error();
  }
}

TEST(Wav, RejectsShortAndChunklessFiles) {
  EXPECT_NE(parse_wav("").error().find("too short"), std::string::npos);
  EXPECT_NE(parse_wav("RIFF").error().find("too short"), std::string::npos);
  // Header only: no chunks at all.
  std::string header = std::string("RIFF") + std::string("\x04\x00\x00\x00", 4) + "WAVE";
  EXPECT_NE(parse_wav(header).error().find("no 'fmt ' chunk"), std::string::npos);
  // fmt but no data.
  std::string no_data = two_sample_wav().substr(0, 36);
  put32_at(no_data, 4, 28);
  EXPECT_NE(parse_wav(no_data).error().find("no 'data' chunk"), std::string::npos);
  // data before fmt.
  std::string data_first = std::string("RIFF") + std::string("\x0c\x00\x00\x00", 4) + "WAVE" + "data" +
                           std::string("\x00\x00\x00\x00", 4);
  EXPECT_NE(parse_wav(data_first).error().find("before the 'fmt ' chunk"), std::string::npos);
  // Text that is not audio at all (Danish, so the parser never assumes ASCII).
  EXPECT_NE(parse_wav("Æbler og ørreder på åen, det er ikke lyd").error().find("not a RIFF/WAVE"), std::string::npos);
}

TEST(Wav, WriteIsPrivateAndReadBack) {
  const auto dir = std::filesystem::temp_directory_path() / ("pb-wav-test-" + std::to_string(::getpid()));
  const auto path = dir / "lyd æøå" / "a.wav";
  const WavAudio audio{16000, {0, 100, -100, 32767}};
  write_wav(path, audio);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto back = read_wav(path);
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back.value(), audio);
  const auto missing = read_wav(dir / "missing.wav");
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("missing.wav"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Resample, SameRateIsACopyAndEmptyStaysEmpty) {
  const std::vector<std::int16_t> in = {1, 2, 3, -4};
  EXPECT_EQ(resample(in, 16000, 16000), in);
  EXPECT_TRUE(resample({}, 22050, 16000).empty());
}

TEST(Resample, LengthIsRoundedRatio) {
  const std::vector<std::int16_t> in(22050, 0);
  EXPECT_EQ(resample(in, 22050, 16000).size(), 16000u);
  EXPECT_EQ(resample(std::vector<std::int16_t>(3, 0), 22050, 16000).size(), 2u);  // 2.18 → 2
  EXPECT_EQ(resample(std::vector<std::int16_t>(3, 0), 16000, 48000).size(), 9u);
}

double tone_amplitude(const std::vector<std::int16_t>& s, int rate, double hz) {
  // Correlation with a sine and cosine over the middle half (away from the edges).
  double c = 0, q = 0;
  const std::size_t from = s.size() / 4, to = 3 * s.size() / 4;
  for (std::size_t i = from; i < to; ++i) {
    const double phase = 2 * std::numbers::pi * hz * static_cast<double>(i) / rate;
    c += s[i] * std::cos(phase);
    q += s[i] * std::sin(phase);
  }
  return 2 * std::sqrt(c * c + q * q) / static_cast<double>(to - from);
}

std::vector<std::int16_t> tone(int rate, double hz, double amplitude, double seconds) {
  std::vector<std::int16_t> s(static_cast<std::size_t>(rate * seconds));
  for (std::size_t i = 0; i < s.size(); ++i)
    s[i] = static_cast<std::int16_t>(std::lround(amplitude * std::sin(2 * std::numbers::pi * hz * i / rate)));
  return s;
}

TEST(Resample, KeepsAToneInTheBandAndRemovesOneAboveTheNewNyquist) {
  // 1 kHz at 22050 Hz survives conversion to 16 kHz with its amplitude; 10 kHz (above 8 kHz) must not fold
  // back to 6 kHz as naive interpolation would.
  const auto low = resample(tone(22050, 1000, 10000, 0.5), 22050, 16000);
  EXPECT_NEAR(tone_amplitude(low, 16000, 1000), 10000, 150);
  const auto high = resample(tone(22050, 10000, 10000, 0.5), 22050, 16000);
  EXPECT_LT(tone_amplitude(high, 16000, 6000), 100);
  // A constant signal stays constant away from the edges (DC gain 1).
  const auto dc = resample(std::vector<std::int16_t>(2205, 1000), 22050, 16000);
  EXPECT_NEAR(dc[dc.size() / 2], 1000, 5);
}

TEST(Resample, UpsamplingKeepsATone) {
  const auto up = resample(tone(8000, 500, 8000, 0.5), 8000, 16000);
  ASSERT_EQ(up.size(), 8000u);
  EXPECT_NEAR(tone_amplitude(up, 16000, 500), 8000, 120);
}

TEST(Resample, ClipsInsteadOfWrapping) {
  // A full-scale square wave (period 200 input samples) overshoots when band-limited (Gibbs); the overshoot
  // must clip to the int16 range, not wrap around to the other sign.
  std::vector<std::int16_t> square(44100 / 10);
  for (std::size_t i = 0; i < square.size(); ++i) square[i] = (i / 100) % 2 ? -32768 : 32767;
  const auto out = resample(square, 44100, 16000);
  EXPECT_EQ(*std::max_element(out.begin(), out.end()), 32767);
  EXPECT_EQ(*std::min_element(out.begin(), out.end()), -32768);
  for (std::size_t j = 0; j < out.size(); ++j) {
    const double t = static_cast<double>(j) * 44100.0 / 16000.0;
    if (t < 60 || t > static_cast<double>(square.size()) - 60) continue;  // the zero-padded edges
    const double phase = std::fmod(t, 200.0);
    if (phase > 10 && phase < 90) {
      EXPECT_GT(out[j], 28000) << j;
    } else if (phase > 110 && phase < 190) {
      EXPECT_LT(out[j], -28000) << j;
    }
  }
}

}  // namespace
}  // namespace pb
