#pragma once
// 16-bit PCM mono WAV audio: reading (for speech engines), writing (synthetic datasets) and sample-rate
// conversion. It lives in core/ rather than adapters/ because both adapters/ (pocketsphinx) and scenarios/
// (synthetic audio) need it, and scenarios/ may only depend on core/.
//
// Only the format speech engines want is accepted: RIFF/WAVE, format tag 1 (PCM) or WAVE_FORMAT_EXTENSIBLE with
// the PCM sub-format, 1 channel, 16 bits per sample, little-endian. Everything else (stereo, 8/24/32-bit, float,
// A-law, compressed, RIFX, truncated or streamed files whose sizes are placeholders) is rejected with a reason a
// person can act on ("audio is 2-channel; expected mono"), because a recording that is silently misread would
// score as a terrible transcription instead of a broken input.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/outcome.h"

namespace pb {

struct WavAudio {
  int sample_rate = 16000;             // Hz, > 0
  std::vector<std::int16_t> samples;  // mono

  double duration_s() const { return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0; }
  bool operator==(const WavAudio&) const = default;
};

// Parses a whole WAV file held in memory. Unknown chunks (LIST, fact, cue ...) are skipped; the first "fmt "
// and "data" chunks are used. Failure reasons start with "WAV: ".
Outcome<WavAudio> parse_wav(std::string_view bytes);

// Reads and parses a file; an unreadable file is a failure too (never throws for I/O or format problems).
Outcome<WavAudio> read_wav(const std::filesystem::path& path);

// The canonical 44-byte-header encoding (RIFF, "fmt " with 16 bytes, "data"). parse_wav(encode_wav(a)) == a.
// Precondition: sample_rate > 0 and the data fits the 32-bit RIFF size (about 2^31 samples).
std::string encode_wav(const WavAudio& audio);

// encode_wav written with write_private_file (0600, atomic). Throws std::runtime_error on I/O failure.
void write_wav(const std::filesystem::path& path, const WavAudio& audio);

// Band-limited sample-rate conversion (windowed-sinc interpolation, Blackman window, 16 zero crossings each
// side, cut-off just below the lower Nyquist frequency), so 22050 Hz speech synthesis becomes 16 kHz without
// aliasing. Output length is round(n * to_rate / from_rate). Same rates → a copy. Deterministic for given input
// (plain double arithmetic, no randomness). Samples are clipped to the int16 range.
// Precondition: from_rate > 0 and to_rate > 0.
std::vector<std::int16_t> resample(std::span<const std::int16_t> samples, int from_rate, int to_rate);

}  // namespace pb
