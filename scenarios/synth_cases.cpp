#include "scenarios/synth_cases.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/rng.h"
#include "formats/case_dataset.h"

namespace pb {
namespace {

constexpr std::size_t kActions = 5;
// The order of every per-intervention vector. "ingen" first: effects are measured against it.
constexpr std::array<const char*, kActions> kInterventions = {"ingen", "vejledning", "virksomhedspraktik",
                                                              "løntilskud", "opkvalificering"};
constexpr std::size_t kIngen = 0;

// Follow-up: every case is followed for at least 26 weeks (so in_job_26w is always known) and at most two years.
constexpr int kMinFollowUpWeeks = 26;
constexpr int kMaxFollowUpWeeks = 104;
constexpr double kJobHorizonWeeks = 26.0;

struct GroupParams {
  const char* name;
  double share;             // probability that a case belongs to the group
  double base_weeks;        // exp(intercept) of the expected weeks to self-support without intervention
  double p_second_language;
  double p_female;
  int age_min, age_max;
  double months_mean;       // mean months unemployed (exponential)
  double health_mean;       // health limitation score, 0..1
  double employment_mean;   // share of the last three years in employment, 0..1
  std::array<double, 4> education;  // P(level 0..3): grundskole, gymnasial, erhvervsfaglig, videregående
  double risk_intercept;    // of the long-term-unemployment logistic model
  std::array<double, kActions> effect;       // τ per intervention (log speed-up); ingen = 0
  std::array<double, kActions> logging_bias;  // current practice's group term in each intervention's logit
};

// Effects: løntilskud helps jobparate and dagpengemodtagere much more than aktivitetsparate; opkvalificering helps
// uddannelsesparate most; virksomhedspraktik is the best for aktivitetsparate (docs: synthetic case study).
constexpr std::array<GroupParams, 5> kGroups = {{
    {"dagpengemodtagere", 0.35, 30.0, 0.12, 0.48, 25, 64, 4.0, 0.10, 0.80, {0.10, 0.15, 0.40, 0.35}, -2.2,
     {0.0, 0.05, 0.15, 0.35, 0.10}, {0.8, 0.3, 0.0, 0.3, 0.2}},
    {"jobparate", 0.15, 30.0, 0.25, 0.45, 25, 64, 10.0, 0.20, 0.45, {0.30, 0.15, 0.40, 0.15}, -1.3,
     {0.0, 0.05, 0.20, 0.45, 0.20}, {0.2, 0.3, 0.3, 0.5, 0.2}},
    {"aktivitetsparate", 0.20, 90.0, 0.35, 0.50, 30, 64, 30.0, 0.55, 0.15, {0.50, 0.10, 0.30, 0.10}, 0.2,
     {0.0, 0.10, 0.25, 0.05, 0.05}, {0.0, 0.6, 0.6, -0.3, -0.2}},
    {"sygemeldte", 0.20, 20.0, 0.12, 0.60, 25, 66, 5.0, 0.60, 0.75, {0.15, 0.15, 0.40, 0.30}, -1.0,
     {0.0, 0.10, 0.15, 0.10, 0.05}, {0.5, 0.6, 0.3, -0.2, -0.3}},
    {"uddannelsesparate", 0.10, 35.0, 0.20, 0.45, 18, 29, 8.0, 0.25, 0.25, {0.55, 0.25, 0.15, 0.05}, -1.2,
     {0.0, 0.10, 0.15, 0.15, 0.40}, {0.0, 0.2, 0.2, 0.0, 1.0}},
}};

// Coefficients shared by all groups (features as recorded: months/12, (age − 40)/10).
constexpr double kWeeksPerYearUnemployed = 0.15, kWeeksHealth = 0.9, kWeeksEmployment = -1.0,
                 kWeeksEducation = -0.08, kWeeksAgePer10 = 0.1, kWeeksSecondLanguage = 0.15;
constexpr double kRiskMonths = 0.02, kRiskHealth = 1.0, kRiskEmployment = -1.2, kRiskEducation = -0.15,
                 kRiskAgeYear = 0.015, kRiskSecondLanguage = 0.2;

const std::array<const char*, 5> kAgeBands = {"18-29", "30-39", "40-49", "50-59", "60+"};
const std::array<const char*, 2> kGenders = {"kvinde", "mand"};
const std::array<const char*, 2> kLanguages = {"first-language", "second-language"};

std::string age_band(int age) {
  if (age < 30) return kAgeBands[0];
  if (age < 40) return kAgeBands[1];
  if (age < 50) return kAgeBands[2];
  if (age < 60) return kAgeBands[3];
  return kAgeBands[4];
}

double round_to(double x, double step) {
  return std::round(x / step) * step;
}
double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}
double rounded6(double x) {
  return std::round(x * 1e6) / 1e6;
}

struct BiasTarget {
  std::string name;  // "target_group" or an attribute name
  std::string value;
};

BiasTarget parse_biased_group(const std::string& text) {
  const auto fail = [&](const std::string& why) {
    throw std::invalid_argument("case study: biased_group " + why + ", got \"" + text + "\"");
  };
  const auto eq = text.find('=');
  if (eq == std::string::npos) fail("must be <attribute>=<value>");
  BiasTarget target{text.substr(0, eq), text.substr(eq + 1)};
  std::vector<std::string> values;
  if (target.name == "target_group")
    for (const auto& g : kGroups) values.emplace_back(g.name);
  else if (target.name == "age_band")
    values.assign(kAgeBands.begin(), kAgeBands.end());
  else if (target.name == "gender")
    values.assign(kGenders.begin(), kGenders.end());
  else if (target.name == "danish")
    values.assign(kLanguages.begin(), kLanguages.end());
  else
    fail("must name target_group, age_band, gender or danish");
  if (std::find(values.begin(), values.end(), target.value) == values.end())
    fail("names a value the generator never produces");
  return target;
}

void validate(const CaseStudyOptions& o) {
  const auto fail = [](const std::string& why) { throw std::invalid_argument("case study: " + why); };
  if (o.n <= 0) fail("n must be > 0");
  if (!(o.test_share >= 0.0 && o.test_share <= 1.0)) fail("test_share must be in [0, 1]");
  if (!(o.bias_strength >= 0.0 && o.bias_strength <= 1.0)) fail("bias_strength must be in [0, 1]");
  if (!(o.risk_bias_logit >= 0.0 && o.risk_bias_logit <= 10.0)) fail("risk_bias_logit must be in [0, 10]");
  if (!(o.risk_score_noise >= 0.0 && o.risk_score_noise <= 5.0)) fail("risk_score_noise must be in [0, 5]");
  parse_biased_group(o.biased_group);
}

std::array<double, kActions> softmax(const std::array<double, kActions>& logits) {
  const double top = *std::max_element(logits.begin(), logits.end());
  std::array<double, kActions> p{};
  double sum = 0.0;
  for (std::size_t a = 0; a < kActions; ++a) sum += p[a] = std::exp(logits[a] - top);
  for (auto& x : p) x /= sum;
  return p;
}

std::size_t argmax(const std::vector<double>& values) {
  return static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
}

struct Generated {
  CaseRecord record;
  CaseTruth truth;
};

Generated make_case(const CaseStudyOptions& options, const BiasTarget& bias, int index) {
  Rng rng(derive_seed(options.seed, fmt::format("cases/{}", index)));
  std::vector<double> shares;
  for (const auto& g : kGroups) shares.push_back(g.share);
  // Every draw happens in this order for every case, whatever the options (see the header).
  const GroupParams& g = kGroups[rng.weighted_index(shares)];
  const bool second_language = rng.bernoulli(g.p_second_language);
  const bool female = rng.bernoulli(g.p_female);
  const int age = static_cast<int>(rng.uniform_int(g.age_min, g.age_max));
  const double months = std::min(round_to(-g.months_mean * std::log(1.0 - rng.uniform01()), 0.1), 120.0);
  const double health = round_to(std::clamp(g.health_mean + 0.2 * rng.normal(), 0.0, 1.0), 0.01);
  const double employment = round_to(std::clamp(g.employment_mean + 0.2 * rng.normal(), 0.0, 1.0), 0.01);
  const int education = static_cast<int>(
      rng.weighted_index(std::vector<double>(g.education.begin(), g.education.end())));
  const double split_draw = rng.uniform01();
  const double action_draw = rng.uniform01();
  const double outcome_draw = 1.0 - rng.uniform01();  // (0, 1]
  const int follow_up = static_cast<int>(rng.uniform_int(kMinFollowUpWeeks, kMaxFollowUpWeeks));
  const double risk_draw = rng.uniform01();
  const double score_noise = rng.normal();
  const double rule_draw = rng.uniform01();

  Generated out;
  CaseRecord& c = out.record;
  CaseTruth& t = out.truth;
  c.id = fmt::format("sag-{:06d}", index + 1);
  t.id = c.id;
  c.split = split_draw < options.test_share ? "test" : "train";
  c.target_group = g.name;
  c.attributes = {{"age_band", age_band(age)},
                  {"danish", second_language ? kLanguages[1] : kLanguages[0]},
                  {"gender", female ? kGenders[0] : kGenders[1]}};
  c.features = {{"age", age},
                {"education_level", education},
                {"health_limitation", health},
                {"months_unemployed", months},
                {"prior_employment_share", employment}};
  const std::string& biased_value = bias.name == "target_group" ? c.target_group : c.attributes.at(bias.name);
  t.in_biased_group = biased_value == bias.value;

  // Current practice (the logging policy): softmax of linear logits in the recorded features.
  const double years = months / 12.0, age10 = (age - 40) / 10.0, low_education = education <= 1 ? 1.0 : 0.0;
  std::array<double, kActions> logits = {
      g.logging_bias[0],
      g.logging_bias[1] + 0.8 * health + 0.1 * years,
      g.logging_bias[2] + 0.6 * health - 0.6 * employment + 0.05 * years,
      g.logging_bias[3] + 1.0 * employment - 0.8 * health,
      g.logging_bias[4] + 0.4 * low_education - 0.3 * age10,
  };
  const auto propensities = softmax(logits);
  t.propensities.assign(propensities.begin(), propensities.end());
  // Inverse-CDF draw of the given intervention from the propensities.
  std::size_t given = kActions - 1;
  double cumulative = 0.0;
  for (std::size_t a = 0; a < kActions; ++a) {
    cumulative += propensities[a];
    if (action_draw < cumulative) {
      given = a;
      break;
    }
  }
  const std::size_t mode = static_cast<std::size_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());

  // Potential outcomes: weeks to self-support Y(a) ~ exponential with mean μ(a) = μ0 · exp(−τ(a)), all drawn with
  // the same uniform (coupled), counted in started weeks W(a) = ceil(Y(a)).
  const double log_mu0 = std::log(g.base_weeks) + kWeeksPerYearUnemployed * years + kWeeksHealth * health +
                         kWeeksEmployment * employment + kWeeksEducation * education + kWeeksAgePer10 * age10 +
                         (second_language ? kWeeksSecondLanguage : 0.0);
  std::array<double, kActions> weeks{};
  for (std::size_t a = 0; a < kActions; ++a) {
    const double mu = std::exp(log_mu0 - g.effect[a]);
    t.p_in_job_26w.push_back(1.0 - std::exp(-kJobHorizonWeeks / mu));
    // E[min(W, 104)] = Σ_{k=0}^{103} P(W > k) = Σ exp(−k/μ) = (1 − r^104) / (1 − r), r = exp(−1/μ).
    const double r = std::exp(-1.0 / mu);
    t.expected_weeks_capped.push_back((1.0 - std::pow(r, kMaxFollowUpWeeks)) / (1.0 - r));
    weeks[a] = std::ceil(-mu * std::log(outcome_draw));
    t.realised_in_job_26w.push_back(weeks[a] <= kJobHorizonWeeks ? 1.0 : 0.0);
  }
  c.intervention = kInterventions[given];
  c.propensity = propensities[given];
  c.censored = weeks[given] > follow_up;
  c.outcome_weeks_to_self_support = std::min(weeks[given], static_cast<double>(follow_up));
  c.outcome_in_job_26w = weeks[given] <= kJobHorizonWeeks ? 1 : 0;
  c.caseworker_choice = kInterventions[mode];

  const double risk_logit = g.risk_intercept + kRiskMonths * months + kRiskHealth * health +
                            kRiskEmployment * employment + kRiskEducation * education +
                            kRiskAgeYear * (age - 40) + (second_language ? kRiskSecondLanguage : 0.0);
  t.true_risk = sigmoid(risk_logit);
  c.risk_label = risk_draw < t.true_risk ? 1 : 0;
  const double planted = t.in_biased_group ? options.bias_strength * options.risk_bias_logit : 0.0;
  t.risk_score = sigmoid(risk_logit + options.risk_score_noise * score_noise + planted);

  t.best_intervention = kInterventions[argmax(t.p_in_job_26w)];
  t.rule_recommendation =
      t.in_biased_group && rule_draw < options.bias_strength ? kInterventions[kIngen] : t.best_intervention;
  return out;
}

std::size_t action_index(const std::string& name) {
  for (std::size_t a = 0; a < kActions; ++a)
    if (name == kInterventions[a]) return a;
  throw std::logic_error("unknown intervention " + name);
}

CaseGroupTruth summarise(const std::string& name, const CaseStudy& study, const std::vector<std::size_t>& members) {
  CaseGroupTruth group;
  group.group = name;
  group.n = members.size();
  std::map<std::string, PolicyValue> sums;
  auto add = [&](const std::string& policy, const CaseTruth& t, std::size_t a, double realised) {
    auto& v = sums[policy];
    v.in_job_26w += t.p_in_job_26w[a];
    v.weeks_capped += t.expected_weeks_capped[a];
    v.realised_in_job_26w += realised;
  };
  for (std::size_t i : members) {
    const CaseTruth& t = study.truth.cases[i];
    const CaseRecord& c = study.dataset.cases[i];
    PolicyValue logging;
    for (std::size_t a = 0; a < kActions; ++a) {
      logging.in_job_26w += t.propensities[a] * t.p_in_job_26w[a];
      logging.weeks_capped += t.propensities[a] * t.expected_weeks_capped[a];
    }
    auto& l = sums["logging"];
    l.in_job_26w += logging.in_job_26w;
    l.weeks_capped += logging.weeks_capped;
    l.realised_in_job_26w += t.realised_in_job_26w[action_index(c.intervention)];
    const std::size_t rule = action_index(t.rule_recommendation), best = action_index(t.best_intervention),
                      choice = action_index(*c.caseworker_choice);
    add("rule", t, rule, t.realised_in_job_26w[rule]);
    add("best", t, best, t.realised_in_job_26w[best]);
    add("caseworker", t, choice, t.realised_in_job_26w[choice]);
    for (std::size_t a = 0; a < kActions; ++a)
      add(std::string("always:") + kInterventions[a], t, a, t.realised_in_job_26w[a]);
    group.risk_base_rate += t.true_risk;
    group.risk_label_rate += *c.risk_label;
    group.mean_risk_score += t.risk_score;
  }
  const double n = static_cast<double>(members.size());
  for (auto& [policy, v] : sums)
    group.policies[policy] = {v.in_job_26w / n, v.weeks_capped / n, v.realised_in_job_26w / n};
  group.risk_base_rate /= n;
  group.risk_label_rate /= n;
  group.mean_risk_score /= n;
  group.rule_regret = group.policies["best"].in_job_26w - group.policies["rule"].in_job_26w;
  return group;
}

}  // namespace

CaseStudy generate_case_study(const CaseStudyOptions& options) {
  validate(options);
  const BiasTarget bias = parse_biased_group(options.biased_group);
  CaseStudy study;
  CaseStudyTruth& truth = study.truth;
  truth.options = options;
  truth.interventions.assign(kInterventions.begin(), kInterventions.end());
  for (const auto& g : kGroups) {
    truth.target_groups.emplace_back(g.name);
    truth.target_group_shares[g.name] = g.share;
  }
  study.dataset.attribute_names = {"age_band", "danish", "gender"};
  study.dataset.feature_names = {"age", "education_level", "health_limitation", "months_unemployed",
                                 "prior_employment_share"};
  study.dataset.cases.reserve(static_cast<std::size_t>(options.n));
  truth.cases.reserve(static_cast<std::size_t>(options.n));
  for (int i = 0; i < options.n; ++i) {
    Generated generated = make_case(options, bias, i);
    study.dataset.cases.push_back(std::move(generated.record));
    truth.cases.push_back(std::move(generated.truth));
  }

  // Group summaries: everyone, each target group, each attribute value (attributes and values sorted).
  std::vector<std::size_t> all(study.dataset.cases.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  truth.groups.push_back(summarise("all", study, all));
  auto members_where = [&](auto&& predicate) {
    std::vector<std::size_t> members;
    for (std::size_t i : all)
      if (predicate(study.dataset.cases[i])) members.push_back(i);
    return members;
  };
  for (const auto& g : kGroups) {
    const auto members = members_where([&](const CaseRecord& c) { return c.target_group == g.name; });
    if (!members.empty()) truth.groups.push_back(summarise(fmt::format("target_group={}", g.name), study, members));
  }
  for (const auto& attribute : study.dataset.attribute_names) {
    std::vector<std::string> values;
    for (const auto& c : study.dataset.cases) values.push_back(c.attributes.at(attribute));
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (const auto& value : values)
      truth.groups.push_back(summarise(attribute + "=" + value, study,
                                       members_where([&](const CaseRecord& c) {
                                         return c.attributes.at(attribute) == value;
                                       })));
  }

  // Effects against "ingen", averaged over each target group's cases.
  for (const auto& g : kGroups) {
    for (std::size_t a = 1; a < kActions; ++a) {
      CaseEffectTruth effect{g.name, kInterventions[a], g.effect[a], 0.0};
      std::size_t n = 0;
      for (std::size_t i : all) {
        if (study.dataset.cases[i].target_group != g.name) continue;
        const auto& p = truth.cases[i].p_in_job_26w;
        effect.in_job_26w_effect += p[a] - p[kIngen];
        ++n;
      }
      if (n > 0) effect.in_job_26w_effect /= static_cast<double>(n);
      truth.effects.push_back(effect);
    }
  }
  return study;
}

std::string case_truth_json(const CaseStudyTruth& truth) {
  using nlohmann::json;
  const auto& o = truth.options;
  json groups = json::array();
  for (const auto& g : truth.groups) {
    json policies = json::object();
    for (const auto& [name, v] : g.policies)
      policies[name] = {{"in_job_26w", rounded6(v.in_job_26w)},
                        {"weeks_capped_104", rounded6(v.weeks_capped)},
                        {"realised_in_job_26w", rounded6(v.realised_in_job_26w)}};
    groups.push_back({{"group", g.group},
                      {"n", g.n},
                      {"policies", policies},
                      {"risk_base_rate", rounded6(g.risk_base_rate)},
                      {"risk_label_rate", rounded6(g.risk_label_rate)},
                      {"mean_risk_score", rounded6(g.mean_risk_score)},
                      {"rule_regret_in_job_26w", rounded6(g.rule_regret)}});
  }
  json effects = json::array();
  for (const auto& e : truth.effects)
    effects.push_back({{"target_group", e.target_group},
                       {"intervention", e.intervention},
                       {"log_speedup", rounded6(e.log_speedup)},
                       {"in_job_26w_effect", rounded6(e.in_job_26w_effect)}});
  json shares = json::object();
  for (const auto& [name, share] : truth.target_group_shares) shares[name] = rounded6(share);
  const json doc = {
      {"generator", "pilotbench synth cases"},
      {"options",
       {{"seed", o.seed},
        {"n", o.n},
        {"test_share", rounded6(o.test_share)},
        {"biased_group", o.biased_group},
        {"bias_strength", rounded6(o.bias_strength)},
        {"risk_bias_logit", rounded6(o.risk_bias_logit)},
        {"risk_score_noise", rounded6(o.risk_score_noise)}}},
      {"interventions", truth.interventions},
      {"target_group_shares", shares},
      {"outcome_definitions",
       {{"in_job_26w", "P(weeks to self-support <= 26), averaged over the group's cases"},
        {"weeks_capped_104", "E[min(weeks to self-support, 104)], averaged over the group's cases"},
        {"realised_in_job_26w", "mean of the drawn potential outcome under the policy"}}},
      {"groups", groups},
      {"effects", effects},
  };
  return doc.dump(2) + "\n";
}

void write_case_study(const CaseStudy& study, const std::filesystem::path& out_dir) {
  create_private_directories(out_dir);
  std::ostringstream csv;
  write_case_csv(csv, study.dataset);
  write_private_file(out_dir / "cases.csv", csv.str());
  if (study.truth.options.write_jsonl) {
    std::ostringstream jsonl;
    write_case_jsonl(jsonl, study.dataset);
    write_private_file(out_dir / "cases.jsonl", jsonl.str());
  }
  std::ostringstream per_case;
  per_case << "id,in_biased_group,true_risk,risk_score,rule_recommendation,best_intervention";
  for (const auto& a : study.truth.interventions) per_case << ",propensity_" << a;
  for (const auto& a : study.truth.interventions) per_case << ",p_in_job_26w_" << a;
  per_case << '\n';
  for (const auto& t : study.truth.cases) {
    per_case << t.id << ',' << (t.in_biased_group ? "true" : "false") << ','
             << fmt::format("{}", t.true_risk) << ',' << fmt::format("{}", t.risk_score) << ','
             << t.rule_recommendation << ',' << t.best_intervention;
    for (double p : t.propensities) per_case << ',' << fmt::format("{}", p);
    for (double p : t.p_in_job_26w) per_case << ',' << fmt::format("{}", p);
    per_case << '\n';
  }
  write_private_file(out_dir / "case_truth.csv", per_case.str());
  write_private_file(out_dir / "truth.json", case_truth_json(study.truth));

  // The simulated vendor's decisions in the "recorded" decision adapter's format: the (possibly biased) rule and
  // risk score, with the rule's true gain over no intervention as its priority score.
  std::ostringstream decisions;
  decisions << "case_id,risk_score,recommendation,recommendation_score\n";
  const auto none = std::find(study.truth.interventions.begin(), study.truth.interventions.end(), "ingen");
  for (const auto& t : study.truth.cases) {
    const auto chosen = std::find(study.truth.interventions.begin(), study.truth.interventions.end(),
                                  t.rule_recommendation);
    const double gain = chosen == study.truth.interventions.end() || none == study.truth.interventions.end()
                            ? 0.0
                            : t.p_in_job_26w[static_cast<std::size_t>(chosen - study.truth.interventions.begin())] -
                                  t.p_in_job_26w[static_cast<std::size_t>(none - study.truth.interventions.begin())];
    decisions << t.id << ',' << fmt::format("{}", t.risk_score) << ',' << t.rule_recommendation << ','
              << fmt::format("{}", gain) << '\n';
  }
  write_private_file(out_dir / "recorded_decisions.csv", decisions.str());
}

}  // namespace pb
