#pragma once
// Synthetic audio for synthetic conversations: every segment spoken by espeak-ng (Danish voice by default, one
// voice variant per speaker), laid out on the segment times, written as a 16 kHz mono 16-bit WAV. Robotic
// speech, but it lets a real speech engine run the whole pipeline on data that holds nobody's personal details.
//
// espeak-ng runs without a shell: posix_spawnp with an argv, the text in a private temporary file (-f), the
// audio written to another (-w), stdin and stdout on /dev/null, stderr kept for the error message. The
// temporary folder is 0700 and removed afterwards.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/wav.h"
#include "harness/dataset.h"

namespace pb {

struct AudioRenderOptions {
  std::string espeak_program = "espeak-ng";  // a name without '/' is looked up in PATH
  std::string voice = "da";                  // espeak-ng voice (language); a "+variant" is added per speaker
  int words_per_minute = 150;                // espeak-ng -s, 80..450
  int sample_rate = 16000;                   // of the written WAV; espeak-ng's 22050 Hz output is resampled
  double min_gap_s = 0.3;  // at least this much silence between two segments, so turns stay separable
  double untimed_gap_s = 0.5;  // pause before a segment without a start time
};

// True if `program` (a path, or a name looked up in PATH) is an executable file, so a command can say "install
// espeak-ng" before it starts and tests can skip.
bool espeak_available(const std::string& program = "espeak-ng");

// The espeak-ng variants speakers get, in order of first appearance in a conversation (cycling after the
// last): male and female alternate so a caseworker, a citizen and an interpreter sound different.
inline constexpr const char* kSpeakerVariants[] = {"m1", "f2", "m3", "f4", "m2", "f1", "m4", "f5"};

// The variant of each segment's speaker ("m1", "f2", ...), by order of first appearance. Pure.
std::vector<std::string> speaker_variants(const std::vector<Segment>& segments);

// Speaks one text with espeak-ng ("da+f2" style voice). Returns audio at options.sample_rate with leading and
// trailing near-silence (|sample| < 64) trimmed; an empty or all-space text gives empty audio without running
// espeak-ng. Throws std::runtime_error when espeak-ng cannot be found or started, fails, or writes no valid WAV
// (the message names the program and carries its stderr).
WavAudio synthesize_speech(std::string_view text, const std::string& voice, const AudioRenderOptions& options);

struct RenderedSegment {
  double start = 0.0;  // seconds in the written audio
  double end = 0.0;    // start + spoken length (equal for an empty text)
  bool shifted = false;  // start differs from the segment's own start (by more than one sample), or it had none
};

struct RenderedAudio {
  std::vector<RenderedSegment> segments;  // one per conversation segment, same order
  double duration_s = 0.0;
  std::size_t shifted_segments = 0;
};

// Layout: segment i starts at its own start time when it has one and the audio so far (previous speech plus
// min_gap_s) has ended by then; otherwise right after the previous speech plus min_gap_s (untimed_gap_s for an
// untimed segment). Speech longer than its slot therefore pushes later segments back; the returned times say
// where each segment really is. The first segment keeps its own start (0 when untimed: no leading gap).
// Writes the WAV privately (0600). Throws std::runtime_error (espeak-ng or I/O failure).
RenderedAudio render_conversation_audio(const Conversation& conversation, const std::filesystem::path& wav_path,
                                        const AudioRenderOptions& options);

struct DatasetAudioSummary {
  std::size_t conversations = 0;
  std::size_t shifted_segments = 0;
  double duration_s = 0.0;  // total audio written
};

// For every conversation: writes out_dir/audio/<id>.wav, sets Conversation::audio to "audio/<id>.wav" (relative
// to out_dir, so the caller writes the manifest into out_dir) and replaces each segment's start/end by the
// rendered times, so the reference transcript matches the audio. Throws std::runtime_error for an id that is
// not a safe file name (contains '/', NUL, or is empty, "." or "..") before anything is written, and for
// espeak-ng or I/O failures (conversations already rendered keep their new values).
DatasetAudioSummary render_dataset_audio(Dataset& dataset, const std::filesystem::path& out_dir,
                                         const AudioRenderOptions& options);

}  // namespace pb
