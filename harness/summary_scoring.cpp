#include "harness/summary_scoring.h"

#include <cmath>

#include <fmt/format.h>

#include "core/cpr.h"
#include "formats/note_text.h"
#include "metrics/chrf.h"
#include "metrics/faithfulness.h"
#include "metrics/key_fact_match.h"
#include "metrics/rouge.h"

namespace pb {
namespace {

bool is_value_fact(const std::string& type) {
  return type == "date" || type == "time" || type == "amount" || type == "number" || type == "duration" ||
         type == "next_meeting";
}

// "date «næste samtale» 03-14": what was missed, without quoting the conversation. Names and other free-text facts
// show only their type and label, since their value is the personal detail itself.
std::string describe_fact(const KeyFact& fact) {
  std::string out = fact.type;
  if (!fact.label.empty()) out += " «" + fact.label + "»";
  if (is_value_fact(fact.type) && !fact.value.empty()) out += " " + fact.value;
  return mask_cpr(out);
}

bool is_critical_type(const std::string& type) { return type == "date" || type == "time" || type == "amount"; }

void add(std::vector<MetricValue>& values, std::string name, double value) {
  values.push_back({std::move(name), value});
}

}  // namespace

SummaryScore score_summary(const Conversation& conversation, const std::string& source_text, const CaseNote& draft,
                           const SummaryScoring& scoring) {
  namespace sm = summary_metric;
  SummaryScore score;
  auto& values = score.values;
  const std::string body = note_body(draft);
  const auto draft_words = rouge_tokenize(body, RougeOptions{RougeTokenizer::danish, false}).size();
  add(values, sm::kNotes, 1);
  add(values, sm::kWords, static_cast<double>(draft_words));

  // Overlap with the reference note.
  const std::string reference = note_body(conversation.reference_note);
  if (!reference.empty()) {
    add(values, sm::kReferenceNotes, 1);
    RougeOptions options;
    options.tokenizer = scoring.rouge_tokenizer == "rouge-score" ? RougeTokenizer::rouge_score : RougeTokenizer::danish;
    options.stem = scoring.rouge_stem;
    const auto rouge = rouge_scores(split_sentences_for_lsum(reference), split_sentences_for_lsum(body), options);
    const std::pair<const char*, const RougeScore*> variants[] = {
        {"rouge1", &rouge.rouge1}, {"rouge2", &rouge.rouge2}, {"rougeL", &rouge.rougeL}, {"rougeLsum", &rouge.rougeLsum}};
    for (const auto& [name, value] : variants) {
      add(values, fmt::format("summary.{}.p", name), value->precision);
      add(values, fmt::format("summary.{}.r", name), value->recall);
      add(values, fmt::format("summary.{}.f", name), value->fmeasure);
    }
    add(values, "summary.chrf", chrf_sentence(reference, body));
    add(values, "summary.chrfpp", chrf_sentence(reference, body, chrf_plus_plus()));
  }

  // Key facts.
  auto& findings = score.findings;
  findings["missed_facts"] = nlohmann::ordered_json::array();
  findings["wrong_facts"] = nlohmann::ordered_json::array();
  findings["structure_problems"] = nlohmann::ordered_json::array();
  if (!conversation.key_facts.empty()) {
    KeyFactMatchOptions options;
    options.content_overlap_threshold = scoring.key_fact_threshold;
    const auto facts = match_key_facts(conversation.key_facts, body, options);
    if (facts.total > 0) {
      add(values, sm::kFacts, facts.total);
      add(values, sm::kFactsFound, facts.found);
      for (const auto& [type, counts] : facts.by_type) {
        add(values, "summary.facts." + type, counts.total);
        add(values, "summary.facts_found." + type, counts.found);
      }
      for (std::size_t i : facts.missed) findings["missed_facts"].push_back(describe_fact(facts.facts[i].fact));
    }
  }

  // Faithfulness against what was said.
  FaithfulnessOptions faith_options;
  faith_options.content_overlap_threshold = scoring.content_overlap_threshold;
  const auto faith = check_faithfulness(body, source_text, faith_options);
  add(values, sm::kAtoms, faith.atoms_checked);
  add(values, sm::kAtomsUnsupported, faith.atoms_unsupported);
  for (const auto& [type, counts] : faith.by_type) {
    if (type == "obligation") continue;
    add(values, "summary.atoms." + type, counts.checked);
    add(values, "summary.atoms_unsupported." + type, counts.unsupported);
  }
  int obligations_unsupported = 0;
  for (const auto& o : faith.obligations) obligations_unsupported += o.supported ? 0 : 1;
  add(values, sm::kObligations, static_cast<double>(faith.obligations.size()));
  add(values, sm::kObligationsUnsupported, obligations_unsupported);
  // Guidance ("vejledt om pligt til …") restates rules in the note's own words: kept for reviewers, not an error rate.
  int guidance_unsupported = 0;
  for (const auto& g : faith.guidance) guidance_unsupported += g.supported ? 0 : 1;
  add(values, sm::kGuidance, static_cast<double>(faith.guidance.size()));
  add(values, sm::kGuidanceUnsupported, guidance_unsupported);
  add(values, sm::kCriticalErrors, faith.critical_errors);
  add(values, sm::kHasCriticalError, faith.critical_errors > 0 ? 1 : 0);
  add(values, sm::kNegationFlips, static_cast<double>(faith.flips.size()));
  add(values, sm::kNovelUnigrams, faith.novel_1);
  add(values, sm::kNovelBigrams, faith.novel_2);
  add(values, sm::kNovelTrigrams, faith.novel_3);
  add(values, sm::kCoverage, faith.coverage);
  add(values, sm::kDensity, faith.density);
  for (const auto& check : faith.atoms) {
    if (check.supported || !is_critical_type(check.atom.type)) continue;
    findings["wrong_facts"].push_back(mask_cpr(fmt::format(
        "{}: the note says “{}” ({}); the conversation {}", check.atom.type, check.atom.text, check.atom.canonical,
        check.evidence.empty() ? "has no such value" : "has " + check.evidence)));
  }
  for (const auto& o : faith.obligations)
    if (!o.supported) findings["wrong_facts"].push_back(mask_cpr("obligation: " + o.reason));
  findings["negation_flips"] = faith.flips.size();

  // Template.
  const auto structure = check_note_structure(draft, scoring.note_template);
  add(values, sm::kStructurePass, structure.passes ? 1 : 0);
  add(values, sm::kSectionsMissing, static_cast<double>(structure.missing.size()));
  add(values, sm::kSectionsEmpty, static_cast<double>(structure.empty.size()));
  add(values, sm::kCprFound, structure.cpr_found > 0 ? 1 : 0);
  for (const auto& title : structure.missing) findings["structure_problems"].push_back("missing section " + title);
  for (const auto& title : structure.empty) findings["structure_problems"].push_back("empty section " + title);
  for (const auto& problem : structure.length_problems) findings["structure_problems"].push_back(problem.message);
  if (structure.cpr_found > 0)
    findings["structure_problems"].push_back(fmt::format("{} CPR-like number(s) in the note", structure.cpr_found));
  return score;
}

void add_judge_metrics(const JudgeVerdict& verdict, std::vector<MetricValue>& values) {
  namespace sm = summary_metric;
  add(values, sm::kJudgeScored, 1);
  for (const auto& r : verdict.rubric) add(values, "judge." + r.criterion, r.score);
  int supported = 0;
  for (const auto& c : verdict.claims) supported += c.supported ? 1 : 0;
  add(values, sm::kJudgeClaims, static_cast<double>(verdict.claims.size()));
  add(values, sm::kJudgeClaimsSupported, supported);
}

bool is_summary_metric(const std::string& name) { return name.rfind("summary.", 0) == 0 || name.rfind("judge.", 0) == 0; }

}  // namespace pb
