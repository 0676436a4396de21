#pragma once
// Kind "pocketsphinx": a real, local speech recogniser (CMU PocketSphinx 5prealpha, Debian's libpocketsphinx3,
// with the pocketsphinx-en-us model). Debian ships no Danish model, so with the defaults this is an English
// engine: it exists to exercise the whole audio path (WAV in, timed transcript out, WER) with a genuine decoder,
// and to run a Danish model once one is installed (model_dir, dict, lm).
//
// Config (besides the common keys of adapters/wrappers.h):
//   "model_dir":   acoustic model folder (PocketSphinx -hmm), default /usr/share/pocketsphinx/model/en-us/en-us
//   "dict":        pronunciation dictionary (-dict), default /usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict
//   "lm":          n-gram language model (-lm, ARPA or binary), default /usr/share/pocketsphinx/model/en-us/en-us.lm.bin
//                  Relative paths resolve against the scenario's folder; all three must exist when the scenario is
//                  loaded. The defaults are the Debian en-us files whatever model_dir says.
//   "sample_rate": integer 8000..48000, default 16000: the rate the acoustic model expects (-samprate).
//   "min_pause_s": number 0.1..10, default 0.5: a pause at least this long between speech ends a segment.
//
// Input: Conversation::audio, relative to TranscriptionRequest::dataset_root: a 16-bit PCM mono WAV (core/wav.h).
// Other formats fail the item with the reason from parse_wav. A WAV at another rate is resampled to sample_rate.
// A conversation without audio fails the item ("conversation has no audio").
//
// Output: the audio is cut at pauses (find_speech_regions), each region is decoded as one PocketSphinx utterance,
// and each region with at least one word becomes one segment: speaker "spk0", no role, start/end from the
// first/last word's frames, text the words separated by spaces (lower-case, as the dictionary spells them;
// fillers such as <sil> and [NOISE] and pronunciation variant marks "(2)" removed). Silence gives an empty
// transcript, not a failure.
//
// Threads: a PocketSphinx decoder is not thread-safe. The adapter keeps a pool of idle decoders behind a mutex;
// each call takes one (or loads a new one, about a second) and gives it back, so concurrent calls never share a
// decoder. In a forked child (the isolation wrapper) the pool is not touched — its mutex may have been held by
// another thread at fork time — and the call loads a private decoder. The factory loads the first decoder, so a
// scenario with a model PocketSphinx cannot load is rejected up front.
//
// Speed: on this project's 2-core machine a 688 s synthetic conversation (about 200 s of speech) took 155 s to
// decode with the en-us model, so set "timeout_s" well above the wrappers' 60 s default for whole conversations.
//
// Logging: PocketSphinx logs to stderr through a process-wide setting; the adapter switches that logging off
// (err_set_logfp(NULL)) when the first decoder is loaded.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <sys/types.h>

#include "adapters/transcription.h"
#include "core/error.h"

namespace pb {

inline constexpr const char* kPocketsphinxModelDir = "/usr/share/pocketsphinx/model/en-us/en-us";
inline constexpr const char* kPocketsphinxDict = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";
inline constexpr const char* kPocketsphinxLm = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

struct PocketsphinxOptions {
  std::filesystem::path model_dir = kPocketsphinxModelDir;
  std::filesystem::path dict = kPocketsphinxDict;
  std::filesystem::path lm = kPocketsphinxLm;
  int sample_rate = 16000;
  double min_pause_s = 0.5;
};

// A stretch of audio holding speech: samples [begin, end).
struct SpeechRegion {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const SpeechRegion&) const = default;
};

// Energy-based pause detection. 10 ms frames; a frame is speech when its RMS level exceeds the 10th-percentile
// frame level + 12 dB, kept within -55..-35 dBFS: digital silence and a steady noise floor count as pause, and
// audio that is nearly all speech (no quiet 10%) still counts as speech. A noise floor louder than -35 dBFS, or
// speech quieter than that in a recording without pauses, defeats it (a limit of energy detection).
// Speech frames separated by less than min_pause_s are joined; regions shorter than 50 ms are dropped (clicks);
// each region is widened by up to 150 ms of context on both sides (never past half-way into the pause next to
// it, never past the audio). Sorted, non-overlapping, all within [0, samples.size()). Pure.
// Precondition: sample_rate >= 100, min_pause_s > 0.
std::vector<SpeechRegion> find_speech_regions(std::span<const std::int16_t> samples, int sample_rate,
                                              double min_pause_s);

// "model-" + the first 12 hex digits of a SHA-256 over the model's files (every regular file in model_dir by
// name, then dict, then lm; names and contents), so a changed model changes the adapter's version.
// Failure when a file cannot be read.
Outcome<std::string> pocketsphinx_model_identity(const PocketsphinxOptions& options);

class PocketsphinxAdapter final : public TranscriptionAdapter {
 public:
  // Loads the first decoder; failure says why (the model paths are named).
  static Outcome<std::unique_ptr<PocketsphinxAdapter>> create(PocketsphinxOptions options);
  ~PocketsphinxAdapter() override;
  PocketsphinxAdapter(const PocketsphinxAdapter&) = delete;
  PocketsphinxAdapter& operator=(const PocketsphinxAdapter&) = delete;

  // {"pocketsphinx", "1+ps-<library version>+model-<12 hex>"}: a library or model change refuses a resume.
  ComponentId id() const override { return {"pocketsphinx", version_}; }
  // Thread-safe (see the header comment).
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;
  // Decodes samples already at options().sample_rate. Thread-safe.
  Outcome<Transcript> transcribe_samples(std::span<const std::int16_t> samples);

  const PocketsphinxOptions& options() const { return options_; }

  struct Decoder;  // a loaded ps_decoder_t (defined in the .cpp)

 private:
  PocketsphinxAdapter(PocketsphinxOptions options, std::string version, std::unique_ptr<Decoder> first);
  Outcome<std::unique_ptr<Decoder>> load_decoder() const;

  PocketsphinxOptions options_;
  std::string version_;
  pid_t owner_pid_;  // a different getpid() means we run in a forked (isolated) child
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Decoder>> idle_;
};

// Reads and validates the config (problems name e.g. "solutions[0].transcription.model_dir").
PocketsphinxOptions read_pocketsphinx_options(const AdapterSpec& spec, ProblemList& problems);
TranscriptionAdapterPtr make_pocketsphinx_adapter(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
