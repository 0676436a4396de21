#pragma once
// A synthetic Danish case population for decision-support pilots, with known truth: target groups with different
// base rates, protected attributes, a handful of features, a logging policy (current practice) with known
// propensities, potential outcomes under each intervention with true effects that differ by target group, a
// logistic risk model, the caseworker's own choice, a train/test split, and a planted, configurable bias in a
// simulated recommendation rule and risk score. The model and its formulas are documented in docs (synthetic case
// study).
//
//   CaseStudyOptions options;            // defaults: 5000 cases, no bias
//   options.bias_strength = 0.5;         // the rule under-serves options.biased_group
//   const CaseStudy study = generate_case_study(options);
//   write_case_study(study, "out/cases");  // cases.csv, cases.jsonl, case_truth.csv, truth.json,
//                                          // recorded_decisions.csv
//
// Deterministic: the same options give an identical study and identical files, byte for byte. Case i draws from its
// own stream derive_seed(seed, "cases/<i>") in a fixed order, and the bias draws come from that stream whatever
// the options, so changing bias_strength or biased_group changes only the rule's recommendations and the risk
// scores, never the cases.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "formats/case_records.h"

namespace pb {

struct CaseStudyOptions {
  std::uint64_t seed = 1;
  int n = 5000;             // cases, > 0
  double test_share = 0.3;  // share of cases in the test split, [0, 1]
  // The group the planted bias works against, "<attribute>=<value>" or "target_group=<group>", e.g.
  // "danish=second-language", "gender=kvinde", "target_group=aktivitetsparate". Must name a value that exists.
  std::string biased_group = "danish=second-language";
  // In [0, 1]. The rule recommends "ingen" instead of its choice to this share of the biased group's cases, and the
  // risk score adds bias_strength · risk_bias_logit to the biased group's true risk logit (overstating its risk).
  double bias_strength = 0.0;
  double risk_bias_logit = 1.5;  // >= 0
  double risk_score_noise = 0.3;  // standard deviation of the score's noise on the logit scale, >= 0
  bool write_jsonl = true;        // also write cases.jsonl
};

// What the generator knows about one case; aligned with CaseStudy::dataset.cases.
struct CaseTruth {
  std::string id;
  bool in_biased_group = false;
  // Per intervention, in CaseStudyTruth::interventions order:
  std::vector<double> propensities;           // logging policy π0(a | x); sums to 1
  std::vector<double> p_in_job_26w;           // P(in job after 26 weeks | x, a)
  std::vector<double> expected_weeks_capped;  // E[min(weeks to self-support, 104) | x, a]
  std::vector<double> realised_in_job_26w;    // the drawn potential outcome (0 or 1) under each intervention
  double true_risk = 0.0;                     // P(risk_label = 1 | x) of the logistic model
  double risk_score = 0.0;                    // the simulated (possibly biased) risk score
  std::string rule_recommendation;            // the simulated (possibly biased) recommendation rule
  std::string best_intervention;              // argmax_a p_in_job_26w (the rule without bias)
};

// Expected outcomes of a policy averaged over a group's cases (conditional on their features): the estimand of
// off-policy evaluation on this population.
struct PolicyValue {
  double in_job_26w = 0.0;        // mean P(in job after 26 weeks)
  double weeks_capped = 0.0;      // mean E[min(weeks, 104)]
  double realised_in_job_26w = 0.0;  // mean drawn potential outcome (what a randomised trial of the policy saw)
};

struct CaseGroupTruth {
  std::string group;  // "all", "target_group=<g>" or "<attribute>=<value>"
  std::size_t n = 0;
  // Keys: "logging" (current practice, π0), "rule" (the simulated recommendation rule), "best" (the rule without
  // bias), "caseworker" (follow caseworker_choice), and "always:<intervention>" for each intervention.
  std::map<std::string, PolicyValue> policies;
  double risk_base_rate = 0.0;   // mean true risk
  double risk_label_rate = 0.0;  // share with risk_label = 1
  double mean_risk_score = 0.0;
  double rule_regret = 0.0;       // policies["best"].in_job_26w − policies["rule"].in_job_26w
};

// True effect of an intervention against "ingen" within a target group.
struct CaseEffectTruth {
  std::string target_group;
  std::string intervention;
  double log_speedup = 0.0;  // τ: the expected weeks to self-support are multiplied by exp(−τ)
  double in_job_26w_effect = 0.0;  // mean over the group's cases of P(job | a) − P(job | ingen)
};

struct CaseStudyTruth {
  CaseStudyOptions options;
  std::vector<std::string> interventions;  // fixed order: ingen, vejledning, virksomhedspraktik, løntilskud, opkvalificering
  std::vector<std::string> target_groups;
  std::map<std::string, double> target_group_shares;  // the generator's probabilities
  std::vector<CaseTruth> cases;
  std::vector<CaseGroupTruth> groups;  // "all", then each target group, then each attribute value (sorted)
  std::vector<CaseEffectTruth> effects;
};

struct CaseStudy {
  CaseDataset dataset;
  CaseStudyTruth truth;
};

// Throws std::invalid_argument for options outside the ranges documented above.
CaseStudy generate_case_study(const CaseStudyOptions& options);

// Writes, private to the owner (files 0600, new folders 0700): cases.csv, cases.jsonl (when options.write_jsonl),
// case_truth.csv (per case: id, true_risk, risk_score, rule_recommendation, best_intervention, in_biased_group,
// then propensity_<a>, p_in_job_26w_<a> per intervention), truth.json, and recorded_decisions.csv: the simulated
// vendor (the possibly biased rule and risk score) in the "recorded" decision adapter's format (case_id, risk_score,
// recommendation, recommendation_score = the rule's true gain in P(in job) over "ingen").
void write_case_study(const CaseStudy& study, const std::filesystem::path& out_dir);

// truth.json's content (without the per-case truth): keys sorted, numbers rounded to 6 decimals, two-space
// indentation, final newline.
std::string case_truth_json(const CaseStudyTruth& truth);

}  // namespace pb
