// Decision support: AUC with the DeLong interval on 100 000 scores, off-policy value (IPW, SNIPW, DR) with a
// 200-replicate bootstrap on 10 000 logged decisions, one fairness input (a proportion over 5 groups, 1 000
// replicates), and the whole decision report for one solution on the held-out cases of a 10 000-case synthetic study
// (risk, cross-fitted policy value, Qini, fairness, suppression).
#include <benchmark/benchmark.h>

#include <vector>

#include "core/rng.h"
#include "harness/decision_results_builder.h"
#include "harness/fairness_layer.h"
#include "metrics/policy_value.h"
#include "metrics/risk_scores.h"
#include "scenarios/synth_cases.h"

namespace {

void BM_AucDeLong(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  pb::Rng rng(3);
  std::vector<int> outcomes(n);
  std::vector<double> scores(n);
  for (std::size_t i = 0; i < n; ++i) {
    outcomes[i] = rng.bernoulli(0.3) ? 1 : 0;
    scores[i] = rng.uniform01() + 0.3 * outcomes[i];
  }
  for (auto _ : state) benchmark::DoNotOptimize(pb::auc_delong(outcomes, scores));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_AucDeLong)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_PolicyValueBootstrap(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  pb::Rng rng(5);
  std::vector<pb::LoggedDecision> rows(n);
  for (auto& row : rows) {
    row.action = static_cast<int>(rng.index(5));
    row.propensity = 0.2;
    row.recommended = static_cast<int>(rng.index(5));
    row.reward = rng.bernoulli(0.5 + 0.05 * row.action) ? 1.0 : 0.0;
    row.predicted_rewards = {0.5, 0.55, 0.6, 0.65, 0.7};
  }
  pb::PolicyValueOptions options;
  options.replicates = 200;
  for (auto _ : state) benchmark::DoNotOptimize(pb::evaluate_policy_value(rows, options));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_PolicyValueBootstrap)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_FairnessInput(benchmark::State& state) {
  pb::Rng rng(7);
  pb::FairnessInput input;
  input.grouping = "target_group";
  input.metric = "risk.fpr";
  input.kind = pb::GroupMetricKind::proportion;
  for (int g = 0; g < 5; ++g) {
    pb::GroupSample sample;
    sample.name = "group-" + std::to_string(g);
    for (int i = 0; i < 400; ++i) sample.values.push_back(rng.bernoulli(0.2 + 0.02 * g) ? 1.0 : 0.0);
    input.groups.push_back(sample);
  }
  const std::vector<pb::FairnessInput> inputs = {input};
  pb::FairnessSettings settings;
  for (auto _ : state) benchmark::DoNotOptimize(pb::fairness_cells(inputs, settings, 1));
}
BENCHMARK(BM_FairnessInput)->Unit(benchmark::kMillisecond);

void BM_DecisionReport(benchmark::State& state) {
  pb::CaseStudyOptions options;
  options.n = static_cast<int>(state.range(0));
  options.bias_strength = 0.5;
  options.write_jsonl = false;
  const auto study = pb::generate_case_study(options);
  std::vector<pb::CaseRecord> evaluated;
  pb::DecisionSolutionInput solution;
  solution.id = "rule";
  for (std::size_t i = 0; i < study.dataset.cases.size(); ++i) {
    if (study.dataset.cases[i].split != "test") continue;
    evaluated.push_back(study.dataset.cases[i]);
    pb::StoredDecision d;
    d.case_id = study.dataset.cases[i].id;
    d.status = "ok";
    d.decision.risk_score = study.truth.cases[i].risk_score;
    d.decision.recommendation = study.truth.cases[i].rule_recommendation;
    d.decision.recommendation_score = study.truth.cases[i].true_risk;
    solution.decisions.push_back(d);
  }
  pb::DecisionEvaluationSettings settings;
  settings.groupings = {pb::Grouping{{"target_group"}}, pb::Grouping{{"attributes.danish"}}};
  settings.fairness.bootstrap_replicates = 500;
  const std::vector<pb::DecisionSolutionInput> solutions = {solution};
  for (auto _ : state)
    benchmark::DoNotOptimize(pb::build_decision_results(evaluated, study.truth.interventions, solutions, settings));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * evaluated.size()));
}
BENCHMARK(BM_DecisionReport)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
