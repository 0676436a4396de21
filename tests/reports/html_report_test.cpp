#include "reports/html_report.h"

#include <gtest/gtest.h>

#include "reports/charts.h"
#include "reports/json_report.h"

namespace pb {
namespace {

RunResults sample() {
  RunResults r;
  r.scenario_name = "Demo <æøå>";
  r.status = "finished";
  r.run_id = 4;
  r.min_cell_size = 5;
  r.bootstrap_replicates = 100;
  r.normalizer = "basic";
  r.normalizer_version = "1";
  r.normalizer_rules = {"NFC", "case folding"};
  SolutionResults s;
  s.id = "a";
  s.name = "Løsning A";
  s.adapter = "simulated-asr 1";
  s.items_planned = 12;
  s.items_ok = 11;
  s.items_failed = 1;
  GroupCell all;
  all.group = "all";
  all.n = 11;
  all.wer = 0.125;
  all.wer_ci = ConfidenceInterval{0.1, 0.15};
  all.mean_wer = 0.13;
  all.cer = 0.05;
  all.ref_words = 800;
  s.breakdowns.push_back({"all", {all}});
  GroupCell big = all;
  big.group = "jobparate";
  big.n = 9;
  GroupCell small;
  small.group = "ressourceforløb";
  small.n = 2;
  small.suppressed = true;
  s.breakdowns.push_back({"target_group", {big, small}});
  s.failures.push_back({"timed out after 100 ms", 1});
  r.solutions.push_back(s);
  TargetResult t;
  t.solution_id = "a";
  t.metric = "wer";
  t.grouping = "target_group";
  t.group = "jobparate";
  t.comparison = "<=";
  t.threshold = 0.15;
  t.value = 0.125;
  t.ci = ConfidenceInterval{0.1, 0.15};
  t.verdict = "met";
  r.targets.push_back(t);
  return r;
}

TEST(HtmlReport, HasTablesVerdictsFailuresAndMethod) {
  const std::string html = render_html_report(sample(), HtmlOptions{false});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("Demo &lt;æøå&gt;"), std::string::npos);  // escaped, UTF-8 kept
  EXPECT_NE(html.find("<b>12.5 %</b>"), std::string::npos);
  EXPECT_NE(html.find("10.0 – 15.0 %"), std::string::npos);
  EXPECT_NE(html.find("class=\"l met\">met"), std::string::npos);
  EXPECT_NE(html.find("timed out after 100 ms"), std::string::npos);
  EXPECT_NE(html.find("Løsning A — by target_group"), std::string::npos);
  EXPECT_NE(html.find("case folding"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);  // self-contained: no external resources
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST(HtmlReport, SuppressedCellsShowNoFigures) {
  const std::string html = render_html_report(sample(), HtmlOptions{false});
  const auto row = html.find("<td class=l>ressourceforløb</td>");
  ASSERT_NE(row, std::string::npos);
  const auto end = html.find("</tr>", row);
  const std::string line = html.substr(row, end - row);
  EXPECT_NE(line.find("&lt; 5"), std::string::npos) << line;
  EXPECT_NE(line.find("suppressed"), std::string::npos);
  EXPECT_EQ(line.find('%'), std::string::npos) << line;
}

TEST(HtmlReport, UnfinishedRunIsFlagged) {
  auto r = sample();
  r.status = "interrupted";
  const std::string html = render_html_report(r, HtmlOptions{false});
  EXPECT_NE(html.find("pilotbench run --resume 4"), std::string::npos);
}

TEST(HtmlReport, EscapesEverythingItPrints) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape(""), "");
}

TEST(JsonReport, SuppressedCellHasOnlyGroupAndReason) {
  const auto j = results_to_json(sample());
  const auto& cell = j["solutions"][0]["breakdowns"][1]["cells"][1];
  EXPECT_EQ(cell["group"], "ressourceforløb");
  EXPECT_EQ(cell["suppressed"], true);
  EXPECT_FALSE(cell.contains("n"));
  EXPECT_FALSE(cell.contains("wer"));
  EXPECT_EQ(j["target_picture"][0]["target"], "<= 0.15");
  EXPECT_EQ(j["solutions"][0]["breakdowns"][0]["cells"][0]["wer_ci"], nlohmann::json::array({0.1, 0.15}));
}

TEST(JsonReport, UndefinedNumbersAreNull) {
  auto r = sample();
  r.solutions[0].breakdowns[0].cells[0].wer = NAN;
  const auto j = results_to_json(r);
  EXPECT_TRUE(j["solutions"][0]["breakdowns"][0]["cells"][0]["wer"].is_null());
}

TEST(Charts, ScriptHasOneColumnTripletPerSeriesAndMissingValues) {
  BarChart chart;
  chart.title = "WER by target_group";
  chart.y_label = "WER (%)";
  chart.categories = {"jobparate", "o'brien \"x\""};
  chart.series = {"A", "B"};
  chart.values = {{10.0, NAN}, {12.0, 14.0}};
  chart.lower = {{9.0, NAN}, {11.0, 13.0}};
  chart.upper = {{11.0, NAN}, {13.0, 15.0}};
  chart.reference_line = 15.0;
  const std::string script = bar_chart_script(chart, "/tmp/x.svg");
  EXPECT_NE(script.find("set output '/tmp/x.svg'"), std::string::npos);
  EXPECT_NE(script.find("\"jobparate\" 10.000000 9.000000 11.000000 12.000000 11.000000 13.000000"), std::string::npos)
      << script;
  EXPECT_NE(script.find("\"o'brien x\" NaN NaN NaN 14.000000"), std::string::npos) << script;
  EXPECT_NE(script.find("using 5:6:7:xtic(1) title 'B'"), std::string::npos) << script;
  EXPECT_NE(script.find("noenhanced"), std::string::npos);
  EXPECT_NE(script.find("first 15.000000"), std::string::npos);
}

TEST(Charts, RendersSvgWhenGnuplotIsInstalled) {
  BarChart chart;
  chart.title = "t";
  chart.y_label = "y";
  chart.categories = {"a", "b"};
  chart.series = {"A"};
  chart.values = {{1.0, 2.0}};
  const auto svg = render_bar_chart_svg(chart);
  if (!svg) GTEST_SKIP() << "gnuplot not installed";
  EXPECT_EQ(svg->rfind("<svg", 0), 0u);
  EXPECT_NE(svg->find("</svg>"), std::string::npos);
}

}  // namespace
}  // namespace pb
