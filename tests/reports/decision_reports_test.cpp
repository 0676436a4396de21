// Decision-support report writers (HTML, JSON) and their charts (heat-map, reliability diagram, Qini curve).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "reports/decision_html.h"
#include "reports/decision_json.h"
#include "reports/fairness_html.h"
#include "reports/heat_map.h"
#include "reports/reliability_chart.h"

namespace pb {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool gnuplot_installed() { return std::system("command -v gnuplot >/dev/null 2>&1") == 0; }

RateFigure rate(std::int64_t num, std::int64_t den, double lo, double hi) {
  return {den ? static_cast<double>(num) / static_cast<double>(den) : kNaN,
          den ? std::optional<ConfidenceInterval>(ConfidenceInterval{lo, hi}) : std::nullopt, num, den};
}

Estimate est(double v, double lo, double hi) { return {v, ConfidenceInterval{lo, hi}, ""}; }
Estimate undefined_estimate(const std::string& why) { return {kNaN, std::nullopt, why}; }

RiskGroupResult risk_group(const std::string& grouping, const std::string& group, std::int64_t n) {
  RiskGroupResult g;
  g.grouping = grouping;
  g.group = group;
  g.n = n;
  g.positives = n / 2;
  g.auc = est(0.812, 0.75, 0.87);
  g.brier = est(0.181, 0.16, 0.2);
  g.ece = est(0.043, 0.02, 0.07);
  g.calibration_intercept = est(-0.05, -0.2, 0.1);
  g.calibration_slope = est(0.93, 0.8, 1.1);
  g.reliability = {{n / 2, 0.2, 0.25, ConfidenceInterval{0.15, 0.38}}, {n - n / 2, 0.7, 0.66, ConfidenceInterval{0.52, 0.78}}};
  g.tpr = rate(30, 40, 0.6, 0.85);
  g.fpr = rate(12, 60, 0.12, 0.31);
  g.fnr = rate(10, 40, 0.15, 0.4);
  g.false_omission = rate(10, 58, 0.1, 0.29);
  g.ppv = rate(30, 42, 0.56, 0.83);
  g.selection_rate = rate(42, 100, 0.33, 0.52);
  return g;
}

// A suppressed group as the builder would never fill it: the distinctive numbers let the tests prove the writers
// print none of them.
RiskGroupResult suppressed_risk(const std::string& group) {
  RiskGroupResult g = risk_group("target_group", group, 3);
  g.suppressed = true;
  g.positives = 2;
  g.auc = est(0.4321, 0.1, 0.9);
  return g;
}

PolicyGroupResult policy_group(const std::string& grouping, const std::string& group, std::int64_t n) {
  PolicyGroupResult g;
  g.grouping = grouping;
  g.group = group;
  g.n = n;
  g.current_practice = est(0.412, 0.37, 0.45);
  g.ipw = est(0.455, 0.40, 0.51);
  g.snipw = est(0.449, 0.40, 0.50);
  g.dr = est(0.461, 0.42, 0.50);
  g.dr_gain = est(0.049, 0.01, 0.09);
  g.matching = n / 3;
  g.share_clipped = 0.02;
  g.max_weight = 12.5;
  g.effective_sample_size = 41.0;
  g.agreement_with_caseworker = rate(n / 3, n, 0.25, 0.4);
  g.recommended_shares = {0.5, 0.3, 0.2};
  return g;
}

FairnessCell fairness_cell(const std::string& metric, const std::string& group, double ratio) {
  FairnessCell c;
  c.grouping = "target_group";
  c.metric = metric;
  c.kind = "proportion";
  c.higher_is_better = false;
  c.group = group;
  c.reference_group = "jobparate";
  c.reference_declared = true;
  c.n = 80;
  c.numerator = 20;
  c.denominator = 80;
  c.value = 0.25;
  c.value_ci = ConfidenceInterval{0.17, 0.35};
  c.difference = 0.03;
  c.difference_ci = ConfidenceInterval{-0.05, 0.11};
  c.newcombe_difference_ci = ConfidenceInterval{-0.06, 0.12};
  c.ratio = ratio;
  c.ratio_ci = ConfidenceInterval{0.95, 1.31};
  c.p_value = 0.21;
  c.p_adjusted = 0.42;
  c.verdict = "inconclusive";
  c.reason = "CI straddles 1.25";
  return c;
}

std::vector<FairnessCell> fairness_cells() {
  FairnessCell ref = fairness_cell("risk.fpr", "jobparate", kNaN);
  ref.is_reference = true;
  ref.verdict = "reference";
  ref.reason = "declared reference";
  FairnessCell gap = fairness_cell("risk.fpr", "aktivitetsparate", 1.12);
  FairnessCell small = fairness_cell("risk.fpr", "sygemeldte æøå", kNaN);
  small.suppressed = true;
  small.n = 3;
  small.value = 0.6667;  // would print as 66,7 % — must not appear
  small.verdict = "suppressed";
  small.reason = "too few";
  FairnessCell secondary = small;
  secondary.group = "ledige på kontanthjælp";
  secondary.n = 7;
  FairnessCell undefined = fairness_cell("recommendation.active_share", "aktivitetsparate", kNaN);
  undefined.value = kNaN;
  undefined.value_undefined = "no cases with a recommendation";
  undefined.verdict = "inconclusive";
  undefined.reason = "undefined value";
  FairnessCell unfair = fairness_cell("recommendation.active_share", "jobparate", 1.0);
  unfair.is_reference = true;
  unfair.verdict = "reference";
  return {ref, gap, small, secondary, unfair, undefined};
}

DecisionResults sample() {
  DecisionResults r;
  r.scenario_name = "risiko-og-indsats";
  r.scenario_description = "Syntetiske sager, ældre ledige";
  r.scenario_hash = "abcdef0123456789";
  r.dataset_hash = "0123456789abcdef";
  r.dataset_cases = 1000;
  r.training_cases = 700;
  r.evaluated_cases = 300;
  r.seed = 42;
  r.code_version = "0.6.0";
  r.status = "finished";
  r.interventions = {"ingen", "virksomhedspraktik", "mentor"};
  r.no_intervention = "ingen";
  r.outcome = "outcome_in_job_26w";
  r.propensity_source = "logged";
  r.bootstrap_replicates = 200;
  r.groupings = {"target_group"};
  r.fairness.correction = "holm";
  r.fairness.reference_groups = {{"target_group", "jobparate"}};
  r.suppressed_groups = {{"target_group", "sygemeldte æøå", "primary", "fewer than 5 cases"},
                         {"target_group", "ledige på kontanthjælp", "secondary",
                          "hidden so that sygemeldte æøå cannot be recovered from the total"}};
  r.run_id = 77;
  r.started_at = "2026-11-22T10:00:00Z";
  r.finished_at = "2026-11-22T10:05:00Z";
  r.database = "/tmp/secret/pilotbench.sqlite";
  for (int k = 0; k < 2; ++k) {
    DecisionSolutionResults s;
    s.id = k == 0 ? "logit" : "regel";
    s.name = k == 0 ? "Logistisk model" : "Regelbaseret";
    s.adapter = k == 0 ? "logistic 1" : "rule 1";
    s.training = k == 0 ? "logistic regression on 700 cases" : "";
    s.items_planned = 300;
    s.items_ok = k == 0 ? 300 : 298;
    s.items_failed = k == 0 ? 0 : 2;
    if (k == 1) s.failures = {{"score missing for case", 2}};
    s.has_risk = true;
    s.has_recommendation = true;
    s.has_segments = k == 1;
    s.risk = {risk_group("all", "alle", 300), risk_group("target_group", "jobparate", 180),
              risk_group("target_group", "aktivitetsparate", 110), suppressed_risk("sygemeldte æøå"),
              suppressed_risk("ledige på kontanthjælp")};
    s.risk[2].auc = undefined_estimate("only one class among the cases");
    s.parity = {{"target_group", 0.08, 0.83, kNaN, kNaN, "no negatives in a group"}};
    s.policy = {policy_group("all", "alle", 300), policy_group("target_group", "jobparate", 180),
                policy_group("target_group", "aktivitetsparate", 110)};
    PolicyGroupResult hidden = policy_group("target_group", "sygemeldte æøå", 3);
    hidden.suppressed = true;
    s.policy.push_back(hidden);
    s.policy[2].ipw = undefined_estimate("no case where the logged intervention matches");
    s.qini.points = {{0.0, 0.0}, {0.5, 6.0}, {1.0, 8.0}};
    s.qini.coefficient = est(0.071, 0.01, 0.13);
    s.qini.area = est(4.5, 3.0, 6.0);
    s.qini.treated_definition = "any intervention other than \"ingen\"";
    if (s.has_segments) {
      s.segment_labels = {"A", "B"};
      s.segments = {{"all", "alle", 300, false, {rate(120, 300, 0.35, 0.46), rate(180, 300, 0.54, 0.65)}},
                    {"target_group", "sygemeldte æøå", 3, true, {rate(1, 3, 0.06, 0.79), rate(2, 3, 0.21, 0.94)}}};
    }
    s.fairness = fairness_cells();
    r.solutions.push_back(std::move(s));
  }
  return r;
}

// The line of `html` (rows end with \n) holding `needle` after position `from`.
std::string line_with(const std::string& html, const std::string& needle, std::size_t from = 0) {
  const auto at = html.find(needle, from);
  if (at == std::string::npos) return "";
  const auto start = html.rfind('\n', at) + 1;
  return html.substr(start, html.find('\n', at) - start);
}

TEST(DecisionHtml, DanishReportHasEverySection) {
  const std::string html = render_decision_html(sample(), ReportLanguage::da, {false});
  for (const char* heading :
       {"<html lang=da>", "Hvad blev evalueret", "Risikoscorens kvalitet", "Lighed mellem grupper",
        "Politikværdi: hvad det ville give", "Målet er politikværdi, ikke enighed", "Sekundært tal: enighed med sagsbehandleren",
        "Anbefalede indsatser", "Qini-kurve", "Segmenter", "Fejl", "Fairness: virker det lige godt", "Hvad er skjult, og hvorfor",
        "Indstillinger for fairness", "Holms metode", "Metode", "outcome_in_job_26w"})
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  // 1000 cases, 700 training, 300 held out.
  EXPECT_NE(html.find("<b>1000</b> sager: <b>700</b>"), std::string::npos);
  EXPECT_NE(html.find("<b>300</b> tilbageholdte"), std::string::npos);
  // Danish numbers: AUC 0.812 → "0,812"; the DR gain 0.049 → 4,9 percentage points.
  EXPECT_NE(html.find("0,812"), std::string::npos);
  EXPECT_NE(html.find("4,9 pct.-point"), std::string::npos);
  EXPECT_EQ(html.find("/tmp/secret"), std::string::npos) << "the database path is not shown";
}

TEST(DecisionHtml, EnglishReportSaysPolicyValueNotAgreementIsTheMeasure) {
  const std::string html = render_decision_html(sample(), ReportLanguage::en, {false});
  EXPECT_NE(html.find("<html lang=en>"), std::string::npos);
  EXPECT_NE(html.find("The measure is policy value, not agreement."), std::string::npos);
  EXPECT_NE(html.find("Secondary figure: agreement with the caseworker"), std::string::npos);
  EXPECT_NE(html.find("Holm's method"), std::string::npos);
  EXPECT_NE(html.find("jobparate (declared)"), std::string::npos);
}

TEST(DecisionHtml, SuppressedGroupsShowNoNumbers) {
  const std::string html = render_decision_html(sample(), ReportLanguage::da, {false});
  std::size_t rows = 0;
  for (std::size_t at = html.find("sygemeldte æøå"); at != std::string::npos; at = html.find("sygemeldte æøå", at + 1)) {
    const std::string row = line_with(html, "sygemeldte æøå", at);
    if (row.find("<tr class=suppressed>") == std::string::npos) continue;
    ++rows;
    EXPECT_NE(row.find("&lt; 5"), std::string::npos) << row;
    // n = 3, positives 2, AUC 0.4321, value 66,7 %, policy figures 41,2 %: none may be printed.
    for (const char* figure : {"<td>3</td>", "<td>2</td>", "0,432", "66,7", "41,2", "0,812"})
      EXPECT_EQ(row.find(figure), std::string::npos) << figure << " in " << row;
  }
  // Risk and policy tables of both solutions, agreement and shares tables of both, segments of one, fairness of both.
  EXPECT_GE(rows, 10u);
  const std::string secondary = line_with(html, "<td class=l>ledige på kontanthjælp</td><td>&lt; 5</td><td colspan=10");
  EXPECT_NE(secondary.find("skjult, så en lille gruppe ikke kan regnes ud fra totalen"), std::string::npos) << secondary;
  EXPECT_EQ(secondary.find("<td>7</td>"), std::string::npos);
  // The risk table names the reason from the run's suppression list too.
  EXPECT_NE(html.find("<td class=l>ledige på kontanthjælp</td><td>&lt; 5</td><td colspan=12 class=l>skjult, så en lille "
                      "gruppe ikke kan regnes ud fra totalen</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=l>sygemeldte æøå</td><td>&lt; 5</td><td colspan=12 class=l>skjult: færre end 5 sager"),
            std::string::npos);
}

TEST(DecisionHtml, UndefinedFiguresShowADashWithTheReason) {
  const std::string html = render_decision_html(sample(), ReportLanguage::en, {false});
  EXPECT_NE(html.find("<span title=\"only one class among the cases\">–</span>"), std::string::npos);
  EXPECT_NE(html.find("<span title=\"no case where the logged intervention matches\">–</span>"), std::string::npos);
  EXPECT_NE(html.find("<span title=\"no negatives in a group\">–</span>"), std::string::npos);
  EXPECT_NE(html.find("<span title=\"no cases with a recommendation\">–</span>"), std::string::npos);
}

TEST(DecisionHtml, FairnessVerdictTableHasEveryColumn) {
  const std::string html = render_decision_html(sample(), ReportLanguage::en, {false});
  const std::string row = line_with(html, "<td class=l>aktivitetsparate</td><td>80</td>");
  // 20 / 80, value 25.0%, CI 17.0 to 35.0%, difference 3.0 pp [−5.0 to 11.0] (a true minus sign), Newcombe −6.0 to 12.0,
  // ratio 1.12 [0.95 to 1.31], p 0.210, adjusted 0.420, verdict "? inconclusive" with its reason.
  for (const char* part : {"20 / 80", "25.0%", "17.0 to 35.0%", "3.0 pp", "−5.0 to 11.0", "−6.0 to 12.0", "<b>1.12</b>",
                           "0.95 to 1.31", "0.210", "0.420", "inconclusive\">? inconclusive", "CI straddles 1.25"})
    EXPECT_NE(row.find(part), std::string::npos) << part << " in " << row;
}

TEST(DecisionHtml, ChartsAreInlineSvgWhenGnuplotIsInstalled) {
  if (!gnuplot_installed()) GTEST_SKIP() << "gnuplot is not installed; the report says so instead of drawing";
  const std::string html = render_decision_html(sample(), ReportLanguage::da, {true});
  EXPECT_NE(html.find("<div class=\"chart heatmap\"><svg"), std::string::npos);
  EXPECT_NE(html.find("Kalibreringsdiagram</h4>\n<div class=chart><svg"), std::string::npos);
  EXPECT_EQ(html.find("gnuplot er ikke installeret"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(DecisionJson, DeterministicParsesBackAndUsesNullForNaN) {
  const DecisionResults r = sample();
  const std::string a = render_decision_json(r);
  EXPECT_EQ(a, render_decision_json(r));
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a.back(), '\n');
  EXPECT_NE(a.find("\n  \"format\""), std::string::npos) << "2-space indent";
  const auto j = nlohmann::json::parse(a);
  EXPECT_EQ(j["format"], "pilotbench-decision-results");
  for (const char* key : {"run_id", "started_at", "finished_at", "database"}) EXPECT_FALSE(j.contains(key)) << key;
  EXPECT_EQ(a.find("/tmp/secret"), std::string::npos);
  const auto& s0 = j["solutions"][0];
  EXPECT_TRUE(s0["risk"][2]["auc"]["value"].is_null());
  EXPECT_TRUE(s0["risk"][2]["auc"]["ci"].is_null());
  EXPECT_EQ(s0["risk"][2]["auc"]["undefined_reason"], "only one class among the cases");
  EXPECT_EQ(s0["risk"][0]["auc"]["ci"], nlohmann::json::array({0.75, 0.87}));
  EXPECT_TRUE(s0["parity"][0]["equalised_odds_ratio"].is_null());
  EXPECT_EQ(s0["policy"][0]["recommended_shares"]["virksomhedspraktik"], 0.3);
  EXPECT_EQ(s0["policy"][0]["agreement_with_caseworker_secondary"]["numerator"], 100);
  EXPECT_EQ(s0["qini"]["points"][1], nlohmann::json::array({0.5, 6.0}));
  EXPECT_EQ(j["settings"]["fairness"]["reference_groups"]["target_group"], "jobparate");
  EXPECT_EQ(j["suppressed_groups"][1]["reason"], "secondary");
  // The reference carries its value only: no difference, ratio or p-value.
  EXPECT_TRUE(s0["fairness"][0]["is_reference"].get<bool>());
  EXPECT_FALSE(s0["fairness"][0].contains("ratio"));
}

TEST(DecisionJson, SuppressedGroupsCarryOnlyTheirNameAndWhy) {
  const auto j = decision_results_to_json(sample());
  const auto& hidden = j["solutions"][0]["risk"][3];
  EXPECT_EQ(hidden["group"], "sygemeldte æøå");
  EXPECT_EQ(hidden["suppressed"], true);
  EXPECT_EQ(hidden["reason"], "fewer than 5 cases");
  EXPECT_FALSE(hidden.contains("n"));
  EXPECT_FALSE(hidden.contains("auc"));
  EXPECT_EQ(j["solutions"][0]["risk"][4]["reason"], "hidden so that sygemeldte æøå cannot be recovered from the total");
  const auto& cell = j["solutions"][0]["fairness"][2];
  EXPECT_EQ(cell["suppressed"], true);
  EXPECT_FALSE(cell.contains("n"));
  EXPECT_FALSE(cell.contains("value"));
  EXPECT_FALSE(j["solutions"][1]["segments"][1].contains("shares"));
}

TEST(HeatMap, PaletteIsCentredAtZeroAndCellsAreLabelled) {
  HeatMap map;
  map.title = "t";
  map.rows = {"target_group: jobparate", "target_group: æøå", "target_group: x"};
  map.columns = {"FPR ↓", "Share ↑"};
  map.cells = {{{HeatCellState::reference, kNaN, "ref", ""}, {HeatCellState::ratio, 0.5, "0,50", "0,40–0,62"}},
               {{HeatCellState::suppressed, kNaN, "<5", ""}, {HeatCellState::ratio, 1.12, "1,12", "0,95–1,31"}},
               {{HeatCellState::undefined, kNaN, "–", ""}, {HeatCellState::ratio, 0.0, "0,00", ""}}};
  const std::string script = heat_map_script(map, "/tmp/x.svg");
  // Largest |log2 ratio| is |log2 0.5| = 1 (the 0.0 ratio has no logarithm and is drawn as undefined) → [−1, 1].
  EXPECT_NE(script.find("set cbrange [-1.000000:1.000000]"), std::string::npos);
  EXPECT_NE(script.find("0 '#f7f7f7'"), std::string::npos) << "white at log2 ratio 0";
  // First row on top: row 0 at y = 2. log2 0.5 = −1 at column 1; log2 1.12 = 0.163499 at (1, 1).
  EXPECT_NE(script.find("1 2 -1.000000\n"), std::string::npos);
  EXPECT_NE(script.find("1 1 0.163499\n"), std::string::npos);
  EXPECT_NE(script.find("$suppressed << EOD\n0 1\nEOD"), std::string::npos);
  EXPECT_NE(script.find("fc rgb '#bdbdbd'"), std::string::npos);
  EXPECT_NE(script.find("$undefined << EOD\n0 0\n1 0\nEOD"), std::string::npos);
  EXPECT_NE(script.find("\"<5\""), std::string::npos);
  EXPECT_NE(script.find("\"ref\""), std::string::npos);
  EXPECT_NE(script.find("1 1.130000 \"1,12\""), std::string::npos);
  EXPECT_NE(script.find("1 0.800000 \"0,95–1,31\""), std::string::npos);
  EXPECT_NE(script.find("'target_group: æøå' 1"), std::string::npos);
  // Metric labels sit above the cells (x2tics) as double-quoted strings so that long names can break.
  EXPECT_NE(script.find("set x2tics (\"FPR ↓\" 0, \"Share ↑\" 1)"), std::string::npos);
}

TEST(HeatMap, LongMetricLabelsBreakAtSpacesAndQuotesAreEscaped) {
  HeatMap map;
  map.rows = {"r"};
  map.columns = {"Andel anbefalet en indsats ↑", "say \"hi\""};
  map.cells = {{{HeatCellState::ratio, 2.0, "2,00", ""}, {HeatCellState::reference, kNaN, "ref", ""}}};
  const std::string script = heat_map_script(map, "/tmp/x.svg");
  // "Andel anbefalet" is 15 characters; adding " en" would pass 16, so the line breaks there.
  EXPECT_NE(script.find("\"Andel anbefalet\\nen indsats ↑\" 0"), std::string::npos) << script;
  EXPECT_NE(script.find("\"say \\\"hi\\\"\" 1"), std::string::npos) << script;
}

TEST(HeatMap, ColourLimitGrowsWithTheLargestGapUpToEightfold) {
  HeatMap map;
  map.rows = {"r"};
  map.columns = {"c"};
  map.cells = {{{HeatCellState::ratio, 1.1, "", ""}}};
  EXPECT_DOUBLE_EQ(heat_map_colour_limit(map), 1.0);  // |log2 1.1| = 0.14 < the minimum 1
  map.cells[0][0].ratio = 0.25;
  EXPECT_DOUBLE_EQ(heat_map_colour_limit(map), 2.0);  // |log2 0.25| = 2
  map.cells[0][0].ratio = 100.0;
  EXPECT_DOUBLE_EQ(heat_map_colour_limit(map), 3.0);  // capped at 3 (ratio 8)
  map.cells[0][0].state = HeatCellState::suppressed;
  EXPECT_DOUBLE_EQ(heat_map_colour_limit(map), 1.0);  // suppressed cells never set the scale
}

TEST(HeatMap, FairnessCellsBecomeRowsAndColumns) {
  const auto cells = fairness_cells();
  const HeatMap map = fairness_heat_map("Logistisk model", cells, FairnessSettings{}, ReportLanguage::da);
  ASSERT_EQ(map.rows.size(), 4u);
  EXPECT_EQ(map.rows[0], "target_group: jobparate");
  EXPECT_EQ(map.rows[2], "target_group: sygemeldte æøå");
  ASSERT_EQ(map.columns.size(), 2u);
  EXPECT_EQ(map.columns[0], "Falsk positiv-rate ↓");
  EXPECT_EQ(map.cells[0][0].text, "ref");
  EXPECT_EQ(map.cells[1][0].text, "1,12");
  EXPECT_EQ(map.cells[1][0].subtext, "0,95–1,31");
  EXPECT_EQ(map.cells[2][0].state, HeatCellState::suppressed);
  EXPECT_EQ(map.cells[2][0].text, "<5");
  EXPECT_EQ(map.cells[1][1].state, HeatCellState::undefined);
  EXPECT_EQ(map.cells[3][1].state, HeatCellState::undefined) << "no cell for that group and metric: left blank";
  EXPECT_TRUE(map.cells[3][1].text.empty());
}

TEST(HeatMap, RendersSvgWithGreySuppressedCells) {
  if (!gnuplot_installed()) GTEST_SKIP() << "gnuplot is not installed";
  const auto svg = render_heat_map_svg(fairness_heat_map("æøå", fairness_cells(), FairnessSettings{}, ReportLanguage::en));
  ASSERT_TRUE(svg.has_value());
  EXPECT_EQ(svg->rfind("<svg", 0), 0u);
  EXPECT_NE(svg->find("rgb(189, 189, 189)"), std::string::npos) << "#bdbdbd for the suppressed cells";
  EXPECT_NE(svg->find("ref"), std::string::npos);
}

TEST(ReliabilityChart, GroupsBecomeLinesWithWilsonBarsAndTheDiagonal) {
  const std::vector<ReliabilityPoint> all = {{50, 0.2, 0.25, ConfidenceInterval{0.14, 0.39}}, {0, 0.5, 0.5, std::nullopt},
                                             {50, 0.7, 0.66, std::nullopt}};
  const XyChart chart = reliability_diagram("t", "score", "observed", "perfect", {{"alle", &all}, {"æøå", nullptr}});
  ASSERT_EQ(chart.series.size(), 2u);
  ASSERT_EQ(chart.series[0].points.size(), 2u) << "the empty bin is skipped";
  EXPECT_TRUE(chart.series[1].points.empty());
  const std::string script = xy_chart_script(chart, "/tmp/x.svg");
  EXPECT_NE(script.find("x with lines dt 2"), std::string::npos);
  EXPECT_NE(script.find("0.200000 0.250000 0.140000 0.390000\n0.700000 0.660000 NaN NaN\n"), std::string::npos);
  EXPECT_NE(script.find("with yerrorbars"), std::string::npos);
  EXPECT_NE(script.find("set size ratio 1"), std::string::npos);
  EXPECT_EQ(script.find("$s1"), std::string::npos) << "a group without bins draws nothing";
}

TEST(ReliabilityChart, QiniRandomLineJoinsTheOriginAndTheLastPoint) {
  QiniResult q;
  q.points = {{0.0, 0.0}, {0.5, 6.0}, {1.0, 8.0}};
  const XyChart chart = qini_chart("t", "x", "y", "curve", "random", q);
  ASSERT_EQ(chart.series.size(), 2u);
  ASSERT_EQ(chart.series[1].points.size(), 2u);
  EXPECT_DOUBLE_EQ(chart.series[1].points[1].x, 1.0);
  EXPECT_DOUBLE_EQ(chart.series[1].points[1].y, 8.0);
  EXPECT_TRUE(chart.series[1].dashed);
  EXPECT_FALSE(render_xy_chart_svg(qini_chart("t", "x", "y", "c", "r", QiniResult{})).has_value());
}

TEST(FairnessBlock, RunReportSectionKeepsWorkingWithSettingsAndSuppressionList) {
  RunResults r;
  SolutionResults s;
  s.name = "Whisper";
  FairnessCell wer = fairness_cell("wer", "aktivitetsparate", 1.4);
  wer.kind = "ratio_of_sums";
  wer.verdict = "unfair";
  wer.reason = "CI above 1.25";
  s.fairness = {wer};
  r.solutions.push_back(s);
  r.fairness.correction = "benjamini-hochberg";
  std::string html;
  append_fairness_section(html, r, false);
  EXPECT_NE(html.find("<h2>Fairness: does it work as well for every group?</h2>"), std::string::npos);
  EXPECT_NE(html.find("the Benjamini–Hochberg method"), std::string::npos);
  EXPECT_NE(html.find("notmet\">✗ unfair"), std::string::npos);
  EXPECT_NE(html.find("No group was suppressed."), std::string::npos);
  EXPECT_NE(html.find("B = 1,000"), std::string::npos);
  std::string empty;
  append_fairness_section(empty, RunResults{}, false);
  EXPECT_TRUE(empty.empty());
}

}  // namespace
}  // namespace pb
