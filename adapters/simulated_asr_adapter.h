#pragma once
// Kind "simulated-asr": a deterministic, seeded simulator of speech-to-text errors working on the reference
// transcript. It lets the whole pipeline (metrics, fairness breakdowns, reports) be exercised without audio
// or a vendor, with error rates that are known in advance.
//
// The error model, per reference word (a whitespace-separated token with at least one letter or digit;
// punctuation around it is kept, pure punctuation passes through untouched):
//  * One uniform draw u decides: u < deletion_rate → the word is dropped; u < deletion_rate +
//    substitution_rate → the word is substituted. So the expected number of deletion and substitution events
//    per reference word is exactly the configured rate (if their sum would exceed 0.95 both are scaled down).
//  * A substitution is chosen by word class, the way Danish ASR tends to fail:
//      - numbers (digits or Danish number words): a nearby number ("14" → "15", "fjorten" → "femten");
//      - names (capitalised, not sentence-initial, or a known name): a similar-sounding name
//        ("Pedersen" → "Petersen", "Camilla" → "Kamilla");
//      - a word in the confusion table (~80 pairs of Danish near-homophones and spoken forms: de/det/dem,
//        en/et, at/og, ikke/ik', hvad/hva', skal/sku', nogen/nogle, jobcentret/jobcenteret, …): its partner;
//      - a word followed by one that ASR merges with it ("i dag" → "idag", "job center" → "jobcenter"):
//        the merged word (consuming the next reference word);
//      - otherwise one of: a compound split ("jobcentret" → "job centret"), a dropped definite/plural ending
//        (-et/-en/-ne: "samtalen" → "samtale"), or a spelling edit to a similar-looking word ("hvor" → "vor",
//        "stilling" → "stiling", or a vowel change).
//    A substitution always changes the word (case-insensitively). Splits and merges cost more than one word
//    in WER, as they do for real systems.
//  * Words not deleted or substituted get a second chance of error by class: number_error_rate for numbers,
//    name_error_rate for names (those are where ASR errors change facts).
//  * After every reference word, with insertion_rate, a filler or short word is inserted
//    (øh, øhm, ja, og, så, der, altså, jo, hm).
//  * group_multipliers scale all five rates for conversations whose attribute matches (target_group is
//    Conversation::target_group, any other attribute is looked up in Conversation::attributes); matching
//    multipliers multiply; every rate is capped at 0.95. This simulates, e.g., worse accuracy for citizens
//    with Danish as a second language.
//  * speaker_labels "anonymous" replaces labels by "spk0", "spk1", … in order of first appearance and clears
//    roles, as diarisation would; keep_times false drops segment times. Segments left empty are dropped.
//
// Randomness comes from pb::Rng seeded with derive_seed(seed, "simulated-asr/" + conversation id), so an
// item's output depends only on seed, config and conversation — not on processing order or threads.
#include <cstdint>
#include <string>
#include <vector>

#include "adapters/transcription.h"
#include "core/error.h"

namespace pb {

struct GroupMultiplier {
  std::string attribute;  // "target_group" or a key of Conversation::attributes, e.g. "danish"
  std::string value;      // e.g. "second-language"
  double multiplier = 1.0;
};

enum class SpeakerLabelMode { reference, anonymous };

// Config keys have the same names; defaults are what a mid-range commercial Danish ASR might do.
struct SimulatedAsrOptions {
  std::uint64_t seed = 0;
  double substitution_rate = 0.06;  // per reference word, 0..1
  double deletion_rate = 0.03;
  double insertion_rate = 0.02;
  double number_error_rate = 0.10;  // extra chance a number is misheard
  double name_error_rate = 0.10;    // extra chance a name is misheard
  std::vector<GroupMultiplier> group_multipliers;
  SpeakerLabelMode speaker_labels = SpeakerLabelMode::reference;  // "reference" | "anonymous"
  bool keep_times = true;
};

// The effective rates for one conversation after group multipliers and caps.
struct SimulatedAsrRates {
  double substitution = 0, deletion = 0, insertion = 0, number = 0, name = 0;
};
SimulatedAsrRates effective_rates(const SimulatedAsrOptions& options, const Conversation& conversation);

// The simulated transcript of one conversation. Pure and thread-safe.
Transcript simulate_asr(const Conversation& conversation, const SimulatedAsrOptions& options);

class SimulatedAsrAdapter final : public TranscriptionAdapter {
 public:
  explicit SimulatedAsrAdapter(SimulatedAsrOptions options) : options_(std::move(options)) {}
  // Bump the version whenever simulate_asr() could produce different output for the same input.
  ComponentId id() const override { return {"simulated-asr", "1"}; }
  // Thread-safe; never fails.
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;
  const SimulatedAsrOptions& options() const { return options_; }

 private:
  SimulatedAsrOptions options_;
};

// Reads and validates the config (problems name e.g. "solutions[0].transcription.substitution_rate").
SimulatedAsrOptions read_simulated_asr_options(const AdapterSpec& spec, ProblemList& problems);
TranscriptionAdapterPtr make_simulated_asr_adapter(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
