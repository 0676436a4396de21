#pragma once
// Turns one drafted note into the per-item values the store keeps for the summarisation task, plus the findings a
// caseworker would want to see (missed key facts, unsupported dates/amounts, negation flips). As for transcription,
// every stored value is a count or a per-note value that can be summed and divided later (results_builder).
//
// Faithfulness is checked against the reference transcript — what was actually said — even when the draft was made
// from the solution's own transcript, so errors that propagate from speech recognition count against the note.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/judge.h"
#include "harness/dataset.h"
#include "harness/store.h"
#include "metrics/note_structure.h"

namespace pb {

// Version of the per-item summary metrics; bump when any stored value could change for the same inputs.
inline constexpr const char* kSummaryMetricsVersion = "1";

// Metric names stored per summarisation item (item_metrics.metric). Per-note values unless noted.
namespace summary_metric {
inline constexpr const char* kNotes = "summary.notes";                      // 1 per scored note
inline constexpr const char* kWords = "summary.words";                      // words in the draft
inline constexpr const char* kReferenceNotes = "summary.reference_notes";  // 1 when a reference note exists
// "summary.<variant>.p|r|f" for rouge1, rouge2, rougeL, rougeLsum; "summary.chrf", "summary.chrfpp" (0–100).
inline constexpr const char* kFacts = "summary.facts";            // annotated key facts
inline constexpr const char* kFactsFound = "summary.facts_found";  // of which found in the draft
inline constexpr const char* kAtoms = "summary.atoms";             // checkable atoms in the draft
inline constexpr const char* kAtomsUnsupported = "summary.atoms_unsupported";
inline constexpr const char* kCriticalErrors = "summary.critical_errors";  // wrong date/time/amount/obligation
inline constexpr const char* kHasCriticalError = "summary.has_critical_error";  // 0/1
inline constexpr const char* kNegationFlips = "summary.negation_flips";
inline constexpr const char* kObligations = "summary.obligations";
inline constexpr const char* kObligationsUnsupported = "summary.obligations_unsupported";
inline constexpr const char* kGuidance = "summary.guidance";  // "borger er vejledt om …" statements
inline constexpr const char* kGuidanceUnsupported = "summary.guidance_unsupported";
inline constexpr const char* kNovelUnigrams = "summary.novel_1";  // rates 0–1
inline constexpr const char* kNovelBigrams = "summary.novel_2";
inline constexpr const char* kNovelTrigrams = "summary.novel_3";
inline constexpr const char* kCoverage = "summary.coverage";
inline constexpr const char* kDensity = "summary.density";
inline constexpr const char* kStructurePass = "summary.structure_pass";  // 0/1
inline constexpr const char* kSectionsMissing = "summary.sections_missing";
inline constexpr const char* kSectionsEmpty = "summary.sections_empty";
inline constexpr const char* kCprFound = "summary.cpr_found";  // 0/1
inline constexpr const char* kJudgeScored = "judge.scored";     // 1 per judged note
inline constexpr const char* kJudgeFailed = "judge.failed";     // 1 when the judge failed on the note, else 0
inline constexpr const char* kJudgeClaims = "judge.claims";
inline constexpr const char* kJudgeClaimsSupported = "judge.claims_supported";
// "summary.facts.<type>", "summary.facts_found.<type>", "summary.atoms.<type>", "summary.atoms_unsupported.<type>",
// "judge.<criterion>" (1–5).
}  // namespace summary_metric

struct SummaryScoring {
  std::string rouge_tokenizer = "da";  // "da" or "rouge-score"
  bool rouge_stem = true;
  double key_fact_threshold = 0.6;
  double content_overlap_threshold = 0.5;
  NoteTemplate note_template = default_journalnotat_template();
};

struct SummaryScore {
  std::vector<MetricValue> values;
  // {"missed_facts": [...], "wrong_facts": [...], "negation_flips": n, "structure": {...}}; draft text appears
  // only as the atoms themselves ("15. marts"), CPR-like strings masked.
  nlohmann::ordered_json findings;
};

// `source_text` is the text faithfulness is checked against (normally the reference transcript's text).
SummaryScore score_summary(const Conversation& conversation, const std::string& source_text, const CaseNote& draft,
                           const SummaryScoring& scoring);

// Adds "judge.<criterion>" (1–5), "judge.claims" and "judge.claims_supported" for a verdict.
void add_judge_metrics(const JudgeVerdict& verdict, std::vector<MetricValue>& values);

// The stored metric names that describe summaries (prefix "summary." or "judge.").
bool is_summary_metric(const std::string& name);

}  // namespace pb
