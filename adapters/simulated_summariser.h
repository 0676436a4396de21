#pragma once
// Kind "simulated" (summarisation): synthetic drafts from simulated solutions of known quality, so the summary
// metrics can be shown to rank them. Like simulated-asr, which starts from the reference transcript, it starts from
// the conversation's reference note (Conversation::reference_note — a simulator may read it; a real solution must
// not) and applies a profile of edits. Everything is deterministic from (seed, conversation id).
//
// Edits (each has its own rate and its own random stream, derive_seed(seed, "simulated-summary/<edit>/<id>"), so
// changing one rate never changes the choices of another edit):
//  * paraphrase_rate — per occurrence of a phrase in the synonym table, it is replaced by its partner
//    ("Borger" ↔ "Borgeren", "Næste samtale" ↔ "Næste møde", "om ugen" ↔ "pr. uge", "ca." ↔ "cirka", …).
//    Key-fact values are never touched.
//  * reorder_rate — per one-paragraph section other than Aftaler, two adjacent sentences change places.
//  * drop_rate — per line (bullet) of the Aftaler section, the line is left out; a section left empty goes.
//  * drop_next_meeting_rate — per note, the date and time of the next meeting are left out of Næste skridt
//    ("Næste samtale 14. januar kl. 10.00, telefonisk." → "Næste samtale, telefonisk.").
//  * invent_rate — per numeric key fact found in the note (date, time, amount, number, duration, next meeting),
//    its value is changed: a date by ±1–3 days, a time by ±1 hour, an amount by ±10–30 % (rounded), a number or
//    duration by ±1–2.
//  * invented_sentence_rate — per note, one sentence with a date or an amount that is in no key fact and not in
//    the note is added (as a bullet of Aftaler, or to the last section when there is none).
// Profiles set the defaults; every rate can be overridden in the config:
//   profile            paraphrase reorder drop  drop_next_meeting invent invented_sentence
//   "good"                0.5      0.3    0         0             0          0
//   "drops-agreements"    0.5      0.3    0.5       0.3           0          0
//   "invents-facts"       0.5      0.3    0         0             0.3        0.5
//
// Chaining: when the request's source_kind is "transcription", a key fact whose words (KeyFact::text, compared
// case-insensitively after the "basic" normaliser) are missing from the source transcript cannot be known to the
// solution: a numeric fact found in the note gets a wrong value (as invent_rate would change it), a name,
// organisation, place or job title found in the note is misspelt (one vowel changed, every occurrence). So errors
// made by speech recognition propagate into the draft.
//
// Key facts are found in the note by their canonical value written the way notes write it: dates "14. januar",
// times "kl. 10.00" (or "10.00"), next meetings "14. januar kl. 10.00", amounts "12.500", numbers "3",
// durations "5 uger", and names, organisations, places and job titles verbatim.
//
// A conversation without a reference note fails the item. Config keys: "profile", "seed" and the six rates.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/summarisation.h"
#include "core/error.h"

namespace pb {

struct SimulatedSummaryOptions {
  std::string profile = "good";
  std::uint64_t seed = 0;
  double paraphrase_rate = 0.5;
  double reorder_rate = 0.3;
  double drop_rate = 0.0;
  double drop_next_meeting_rate = 0.0;
  double invent_rate = 0.0;
  double invented_sentence_rate = 0.0;
};

// "good", "drops-agreements", "invents-facts".
const std::vector<std::string>& simulated_summary_profiles();
// The defaults of a profile (see the table above). Precondition: `profile` is one of simulated_summary_profiles().
SimulatedSummaryOptions simulated_summary_profile(std::string_view profile);

// Where a key fact was found in a note: the fact's index in the list and the text the note writes for it.
struct LocatedFact {
  std::size_t fact_index = 0;
  std::size_t section = 0;  // first section it occurs in
  std::string rendering;    // e.g. "14. januar kl. 10.00", "5.200", "Kornmark Restaurant"
};
// The key facts a note states, in the order of `facts` (facts not found are left out). Pure.
std::vector<LocatedFact> locate_key_facts(const CaseNote& note, const std::vector<KeyFact>& facts);

// The simulated draft of one conversation. Fails only when the conversation has no reference note. Pure.
Outcome<CaseNote> simulate_summary(const Conversation& conversation, const Transcript& source,
                                   std::string_view source_kind, const SimulatedSummaryOptions& options);

class SimulatedSummariser final : public SummarisationAdapter {
 public:
  explicit SimulatedSummariser(SimulatedSummaryOptions options) : options_(std::move(options)) {}
  // Bump the version whenever simulate_summary() could produce different output for the same input.
  ComponentId id() const override { return {"simulated", "1"}; }
  // Thread-safe.
  Outcome<CaseNote> summarise(const SummarisationRequest& request) override;
  const SimulatedSummaryOptions& options() const { return options_; }

 private:
  SimulatedSummaryOptions options_;
};

// Validates the config (problems name e.g. "solutions[0].summarisation.drop_rate"); nullptr on any problem.
SimulatedSummaryOptions read_simulated_summary_options(const AdapterSpec& spec, ProblemList& problems);
SummarisationAdapterPtr make_simulated_summariser(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
