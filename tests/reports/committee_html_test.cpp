#include "reports/committee_html.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "reports/charts.h"
#include "reports/committee_text.h"
#include "tests/reports/committee_fixture.h"

namespace pb {
namespace {

using committee_fixture::realistic_report;

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

// The <tr>…</tr> whose text contains `marker`.
std::string row_with(const std::string& html, const std::string& marker) {
  const auto at = html.find(marker);
  if (at == std::string::npos) return {};
  const auto start = html.rfind("<tr", at);
  const auto end = html.find("</tr>", at);
  return html.substr(start, end - start);
}

std::string without_tags(const std::string& html) { return std::regex_replace(html, std::regex("<[^>]*>"), ""); }

CommitteeHtmlOptions no_charts() { return CommitteeHtmlOptions{false}; }

TEST(CommitteeText, DanishAndEnglishNumbers) {
  EXPECT_EQ(format_number(1234.5, 1, ReportLanguage::da), "1.234,5");
  EXPECT_EQ(format_number(1234.5, 1, ReportLanguage::en), "1,234.5");
  EXPECT_EQ(format_number(1234567.891, 2, ReportLanguage::da), "1.234.567,89");
  EXPECT_EQ(format_number(999.96, 1, ReportLanguage::da), "1.000,0");  // grouping after rounding
  EXPECT_EQ(format_number(-3.25, 1, ReportLanguage::da), "\u22123,2");  // 3.25 is exact in binary: half to even
  EXPECT_EQ(format_number(-1234.0, 0, ReportLanguage::en), "\u22121,234");
  EXPECT_EQ(format_number(-0.04, 1, ReportLanguage::da), "0,0");  // no "−0,0"
  EXPECT_EQ(format_number(12.0, 0, ReportLanguage::da), "12");
  EXPECT_EQ(format_number(100.0, 0, ReportLanguage::da), "100");
  EXPECT_EQ(format_number(std::nan(""), 1, ReportLanguage::da), "–");
  EXPECT_EQ(format_number(INFINITY, 1, ReportLanguage::en), "–");
  EXPECT_EQ(format_percent(0.4521, 1, ReportLanguage::da), "45,2 %");
  EXPECT_EQ(format_percent(0.4521, 1, ReportLanguage::en), "45.2%");
  EXPECT_EQ(format_interval(Interval{3.1, 5.25, 0.95}, 1, ReportLanguage::da), "3,1 til 5,2");
  EXPECT_EQ(format_interval(Interval{-1.0, 2.0, 0.95}, 1, ReportLanguage::en), "\u22121.0 to 2.0");
  EXPECT_EQ(format_interval(Interval{std::nan(""), 2.0, 0.95}, 1, ReportLanguage::en), "–");
  EXPECT_EQ(format_kpi_value(0.8, "share", ReportLanguage::da), "80,0 %");
  EXPECT_EQ(format_kpi_value(16.25, "minutes", ReportLanguage::en), "16.2 min");
  EXPECT_EQ(format_kpi_value(3.9, "score_1_5", ReportLanguage::da), "3,90");
}

TEST(CommitteeText, WordsAndLanguages) {
  EXPECT_STREQ(verdict_text(KpiVerdict::met, ReportLanguage::da), "opfyldt");
  EXPECT_STREQ(verdict_text(KpiVerdict::not_met, ReportLanguage::da), "ikke opfyldt");
  EXPECT_STREQ(verdict_text(KpiVerdict::inconclusive, ReportLanguage::da), "uafklaret");
  EXPECT_STREQ(verdict_text(KpiVerdict::inconclusive, ReportLanguage::en), "inconclusive");
  EXPECT_EQ(scenario_text("below_pessimistic", ReportLanguage::da), "under pessimistisk");
  EXPECT_EQ(kpi_name("documentation_minutes", ReportLanguage::da), "Dokumentationstid pr. samtale");
  EXPECT_EQ(kpi_name("custom_kpi", ReportLanguage::da), "custom_kpi");
  EXPECT_EQ(point_name("midway", ReportLanguage::da), "Midtvejsmåling");
  EXPECT_EQ(parse_report_language("en"), ReportLanguage::en);
  EXPECT_EQ(parse_report_language("da"), ReportLanguage::da);
  EXPECT_THROW(parse_report_language("de"), std::invalid_argument);
  EXPECT_EQ(method_items(realistic_report(), ReportLanguage::da).size(), 9u);  // with time saved across groups
}

TEST(CommitteeHtml, DanishReportHasAllSectionsAndAccessibleTables) {
  const std::string html = committee_html(realistic_report(), ReportLanguage::da, no_charts());
  EXPECT_NE(html.find("<html lang=da>"), std::string::npos);
  for (const char* heading : {"Baseline og målbillede", "Sammenfatning", "Hvad er målt, og hvordan",
                              "Resultater pr. KPI og målepunkt", "Tidsbesparelse pr. målgruppe", "Redigering af AI-udkast",
                              "Metode og begrænsninger"})
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  // Measurement points, KPIs, time saved per group, per conversation type and across groups (fairness), edit
  // effort, model constants: seven tables, each with a caption.
  EXPECT_EQ(count(html, "<table>"), 7u);
  EXPECT_EQ(count(html, "<caption>"), 7u);
  EXPECT_GT(count(html, "<th scope=col"), 30u);
  EXPECT_NE(html.find("Målt på <b>680 samtaler</b>"), std::string::npos);  // 240 + 210 + 230
  EXPECT_NE(html.find("årsværk"), std::string::npos);
  EXPECT_NE(html.find("timer om året"), std::string::npos);
  // Headline: total saving 8,5 min with its CI, 3.278 hours (3278.13), 1,7 FTE (3278.13 / 1924 = 1.704),
  // 1.475.160 kr. (3278.1333 × 450).
  EXPECT_NE(html.find("<span class=big>8,5</span>minutter sparet pr. samtale<span class=ci>95 %-KI 7,3 til 9,7"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=big>3.278</span>timer om året"), std::string::npos);
  EXPECT_NE(html.find("<span class=big>1,7</span>årsværk om året"), std::string::npos);
  EXPECT_NE(html.find("<span class=big>1.475.160</span>kr. om året"), std::string::npos);
  // Verdicts at the final point: adoption and staff satisfaction met, minutes and after-hours inconclusive.
  EXPECT_NE(html.find("✓ 2 opfyldt"), std::string::npos);
  EXPECT_NE(html.find("✗ 0 ikke opfyldt"), std::string::npos);
  EXPECT_NE(html.find("? 2 uafklaret"), std::string::npos);
  // Verdict cells carry colour (class) and words.
  EXPECT_NE(html.find("<td class=\"l verdict met\">✓ opfyldt</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"l verdict not_met\">✗ ikke opfyldt</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"l verdict inconclusive\">? uafklaret</td>"), std::string::npos);
  EXPECT_NE(html.find("(estimeret)"), std::string::npos);
  EXPECT_NE(html.find("Forskel-i-forskelle"), std::string::npos);
  EXPECT_NE(html.find("19.000"), std::string::npos);       // annual volume, Danish thousands separator
  EXPECT_NE(html.find("2.514"), std::string::npos);        // 9.8 × 0.81 × 19000 / 60 = 2513.7 hours
  EXPECT_NE(html.find("1.131.165"), std::string::npos);    // 2513.7 × 450 DKK
  EXPECT_NE(html.find("0,0031"), std::string::npos);       // model constant, three significant digits
  EXPECT_NE(html.find("sæsonudsving kan påvirke tiden"), std::string::npos);  // the plan's own limits
  EXPECT_NE(html.find("Seed: 20260105"), std::string::npos);
  EXPECT_NE(html.find("0.9.0-test"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // no external resources
  EXPECT_FALSE(std::regex_search(without_tags(html), std::regex("\\b(nan|inf)\\b", std::regex::icase)));
}

TEST(CommitteeHtml, EnglishReportUsesEnglishWordsAndNumbers) {
  const std::string html = committee_html(realistic_report(), ReportLanguage::en, no_charts());
  EXPECT_NE(html.find("<html lang=en>"), std::string::npos);
  for (const char* heading : {"Baseline and target picture", "Summary", "What was measured, and how",
                              "Time saved per target group", "Method and limits"})
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  EXPECT_EQ(html.find("Tidsbesparelse"), std::string::npos);
  EXPECT_EQ(html.find("opfyldt"), std::string::npos);
  EXPECT_NE(html.find("19,000"), std::string::npos);
  EXPECT_NE(html.find("<span class=big>3,278</span>hours a year"), std::string::npos);
  EXPECT_NE(html.find("95% CI 7.3 to 9.7"), std::string::npos);
  EXPECT_NE(html.find("✓ met"), std::string::npos);
  EXPECT_NE(html.find("(estimated)"), std::string::npos);
}

TEST(CommitteeHtml, SuppressedCellsShowNoNumbers) {
  const std::string html = committee_html(realistic_report(), ReportLanguage::da, no_charts());
  // The suppressed group's row: name, "–†" cells and the plan's annual volume (an input, 1.200) only.
  const std::string row = row_with(html, "ressourceforløb");
  ASSERT_FALSE(row.empty());
  EXPECT_GE(count(row, "–<sup>†</sup>"), 8u);
  std::string rest = without_tags(row);
  rest.erase(rest.find("1.200"), 5);
  EXPECT_FALSE(std::regex_search(rest, std::regex("[0-9]"))) << rest;
  // None of its numbers, nor the suppressed KPI value, appear anywhere.
  for (const char* hidden : {"77,7", "88,8", "11,1", "66,6", "99,9", "6,66", "5,55", "7,77", "55,5"})
    EXPECT_EQ(html.find(hidden), std::string::npos) << hidden;
  EXPECT_NE(html.find("† Undertrykt: færre end 10 samtaler"), std::string::npos);
}

// The fairness layer's table for time saved: the part after its heading.
std::string fairness_part(const std::string& html, const std::string& heading) {
  const auto at = html.find(heading);
  return at == std::string::npos ? std::string() : html.substr(at, html.find("</table>", at) - at);
}

TEST(CommitteeHtml, SavingFairnessTableInDanish) {
  const std::string html = committee_html(realistic_report(), ReportLanguage::da, no_charts());
  const std::string part = fairness_part(html, "<h3>Tidsbesparelse på tværs af målgrupper</h3>");
  ASSERT_FALSE(part.empty());
  // One sentence names the band, the reference and the correction.
  EXPECT_NE(part.find("referencegruppen <b>dagpengemodtagere</b> (målgruppen med flest samtaler)"), std::string::npos)
      << part;
  EXPECT_NE(part.find("båndet 0,80–1,25"), std::string::npos) << part;
  EXPECT_NE(part.find("justeret med Holm over 1 målgruppe"), std::string::npos) << part;
  EXPECT_NE(part.find("under 5 %"), std::string::npos) << part;
  // jobparate: n 166, saving 7,1 (5,2 to 9,0), ratio 7,1 / 9,8 = 0,72 (0,52 to 0,93), uafklaret, adjusted p 0,027.
  const std::string job = row_with(part, "jobparate");
  EXPECT_NE(job.find("<td>166</td>"), std::string::npos) << job;
  EXPECT_NE(job.find("7,1<span class=ci>95 %-KI 5,2 til 9,0</span>"), std::string::npos) << job;
  EXPECT_NE(job.find("0,72<span class=ci>95 %-KI 0,52 til 0,93</span>"), std::string::npos) << job;
  EXPECT_NE(job.find("<td class=\"l verdict inconclusive\">? uafklaret<span class=ci>KI går hen over 0,8</span>"),
            std::string::npos) << job;
  EXPECT_NE(job.find("<td>0,027</td>"), std::string::npos) << job;
  const std::string reference = row_with(part, "dagpengemodtagere</th>");
  EXPECT_NE(reference.find("verdict no_data\">reference"), std::string::npos) << reference;
  // The suppressed group: "< 10" and nothing else.
  const std::string hidden = row_with(part, "ressourceforløb");
  ASSERT_FALSE(hidden.empty());
  EXPECT_NE(hidden.find("<td>&lt; 10</td>"), std::string::npos) << hidden;
  std::string rest = without_tags(hidden);
  rest.erase(rest.find("&lt; 10"), 7);
  EXPECT_FALSE(std::regex_search(rest, std::regex("[0-9]"))) << rest;
}

TEST(CommitteeHtml, SavingFairnessTableInEnglishAndVerdictColours) {
  auto r = realistic_report();
  r.saving_fairness[1].verdict = "unfair";
  r.saving_fairness[1].reason = "CI below 0.8";
  r.saving_fairness[1].ratio_ci = ConfidenceInterval{0.52, 0.78};
  r.saving_fairness[0].reference_declared = r.saving_fairness[1].reference_declared = true;
  r.saving_fairness_settings.correction = "benjamini-hochberg";
  const std::string html = committee_html(r, ReportLanguage::en, no_charts());
  const std::string part = fairness_part(html, "<h3>Time saved across target groups</h3>");
  ASSERT_FALSE(part.empty());
  EXPECT_NE(part.find("<b>dagpengemodtagere</b> (declared in the plan)"), std::string::npos) << part;
  EXPECT_NE(part.find("band 0.80–1.25"), std::string::npos) << part;
  EXPECT_NE(part.find("with Benjamini–Hochberg across 1 target group"), std::string::npos) << part;
  EXPECT_NE(part.find("<td class=\"l verdict not_met\">✗ unfair<span class=ci>CI below 0.8</span>"), std::string::npos)
      << part;
  r.saving_fairness[1].verdict = "fair";
  r.saving_fairness[1].reason = "CI inside band";
  const std::string fair = committee_html(r, ReportLanguage::da, no_charts());
  EXPECT_NE(fair.find("<td class=\"l verdict met\">✓ fair<span class=ci>KI inden for båndet</span>"), std::string::npos);
  // Without cells (no follow-up yet) there is no table.
  r.saving_fairness.clear();
  EXPECT_EQ(committee_html(r, ReportLanguage::da, no_charts()).find("på tværs af målgrupper"), std::string::npos);
}

TEST(CommitteeHtml, WithAControlGroupTheHeadlineIsTheDifferenceInDifferences) {
  auto r = realistic_report();
  r.total.gain_uses_did = true;
  const std::string html = committee_html(r, ReportLanguage::da, no_charts());
  const auto headline = html.substr(html.find("<div class=headline>"), 400);
  EXPECT_NE(headline.find(">7,8<"), std::string::npos) << headline;  // the DiD saving, not the 8,5 before/after
  EXPECT_NE(headline.find("(mod kontrolgruppen)"), std::string::npos) << headline;
  EXPECT_NE(html.find("Uden kontrolgruppen (før/efter) er besparelsen <b>8,5 min</b>"), std::string::npos);
  r.total.gain_uses_did = false;
  const std::string plain = committee_html(r, ReportLanguage::da, no_charts());
  EXPECT_NE(plain.substr(plain.find("<div class=headline>"), 400).find(">8,5<"), std::string::npos);
}

TEST(CommitteeHtml, TimeSavedPerConversationTypeHasNoHours) {
  const std::string html = committee_html(realistic_report(), ReportLanguage::da, no_charts());
  EXPECT_NE(html.find("Tidsbesparelse pr. samtaletype"), std::string::npos);
  const std::string row = row_with(html, "første samtale");
  ASSERT_FALSE(row.empty());
  EXPECT_NE(row.find("11,3"), std::string::npos) << row;  // saving
  EXPECT_NE(row.find("80 %"), std::string::npos) << row;  // adoption
  EXPECT_EQ(count(row, "<td"), 7u) << row;  // n before, n with AI, before, with AI, saving, DiD (–), adoption
  const std::string rare = row_with(html, "rundbordssamtale");
  ASSERT_FALSE(rare.empty());
  EXPECT_GE(count(rare, "–<sup>†</sup>"), 6u);
}

TEST(CommitteeHtml, MasksCprAndEscapesPlanText) {
  auto r = realistic_report();
  r.plan_name = "<script>alert('x')</script> plan";
  r.municipality = "Vestby 120385-1234";
  r.points[1].name = "midt 0101901234";
  r.kpis[0].points[1].point = "midt 0101901234";
  r.savings[0].target_group = "gruppe 120385 1234 & co";
  r.limits.push_back("Borger 3112992345 nævnt i planen");
  const std::string html = committee_html(r, ReportLanguage::da, no_charts());
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; plan"), std::string::npos);
  for (const char* cpr : {"120385-1234", "0101901234", "120385 1234", "3112992345"})
    EXPECT_EQ(html.find(cpr), std::string::npos) << cpr;
  EXPECT_GE(count(html, "XXXXXX-XXXX"), 5u);
  EXPECT_NE(html.find("gruppe XXXXXX-XXXX &amp; co"), std::string::npos);
}

TEST(CommitteeHtml, WithoutFollowUpOrData) {
  auto r = realistic_report();
  r.follow_up_point.clear();
  const std::string html = committee_html(r, ReportLanguage::da, no_charts());
  EXPECT_NE(html.find("endnu ikke registreret et opfølgende målepunkt"), std::string::npos);
  EXPECT_EQ(html.find("<span class=big>"), std::string::npos);

  const std::string empty = committee_html(BaselineReport{}, ReportLanguage::en);
  EXPECT_NE(empty.find("The plan has no KPIs."), std::string::npos);
  EXPECT_NE(empty.find("Measured on <b>0 conversations</b>"), std::string::npos);
  EXPECT_EQ(empty.find("<svg"), std::string::npos);
  EXPECT_FALSE(std::regex_search(without_tags(empty), std::regex("\\b(nan|inf)\\b", std::regex::icase)));

  auto suppressed_total = realistic_report();
  suppressed_total.total.suppressed = true;
  const std::string html2 = committee_html(suppressed_total, ReportLanguage::da, no_charts());
  EXPECT_EQ(html2.find("<span class=big>"), std::string::npos);
  EXPECT_EQ(html2.find("3.278"), std::string::npos);
}

TEST(CommitteeHtml, ModelNotFittedSaysWhy) {
  auto r = realistic_report();
  r.model = EditTimeModelSummary{};
  r.model.note = "færre end 20 par med loggede minutter";
  r.edit = EditEffortSummary{};
  const std::string html = committee_html(r, ReportLanguage::da, no_charts());
  EXPECT_NE(html.find("Modellen er ikke tilpasset. færre end 20 par med loggede minutter"), std::string::npos);
  EXPECT_NE(html.find("ingen par af AI-udkast"), std::string::npos);
}

TEST(LineChart, ScriptHasPointsBandsAndTargets) {
  LineChart chart;
  chart.title = "Dokumentationstid";
  chart.y_label = "minutter";
  chart.x_labels = {"Baseline", "Midtvejs", "Slut's"};
  chart.series.push_back({"Målt", {24.6, kNoValue, 16.2}, {23.4, kNoValue, 15.1}, {25.9, kNoValue, 17.4}});
  chart.target_lines = {{"Forventet (17,00)", 17.0, "#333333", 2}, {"Ikke tegnet", kNoValue, "#000000", 1}};
  chart.decimal_sign = ',';
  const std::string script = line_chart_script(chart, "/tmp/x.svg");
  EXPECT_NE(script.find("set decimalsign ','"), std::string::npos);
  EXPECT_NE(script.find("set xrange [-0.5:2.500000]"), std::string::npos);
  EXPECT_NE(script.find("set xtics ('Baseline' 0, 'Midtvejs' 1, 'Slut''s' 2)"), std::string::npos);
  EXPECT_NE(script.find("\n1 NaN NaN NaN\n"), std::string::npos);  // the suppressed middle point
  EXPECT_NE(script.find("0 24.600000 23.400000 25.900000"), std::string::npos);
  EXPECT_NE(script.find("with yerrorbars"), std::string::npos);
  EXPECT_NE(script.find("17.000000 with lines dt 2"), std::string::npos);
  EXPECT_EQ(script.find("Ikke tegnet"), std::string::npos);  // NaN target lines are left out
  chart.ci_style = CiStyle::band;
  EXPECT_NE(line_chart_script(chart, "/tmp/x.svg").find("filledcurves"), std::string::npos);
  chart.ci_style = CiStyle::none;
  EXPECT_EQ(line_chart_script(chart, "/tmp/x.svg").find("yerrorbars"), std::string::npos);
  EXPECT_FALSE(render_line_chart_svg(LineChart{}).has_value());
}

TEST(BarChart, AxisKeepsZeroAndRoomForNegativeBars) {
  BarChart chart;
  chart.categories = {"a", "b"};
  add_series(chart, "s", [](const std::string& c) { return c == "a" ? BarValue{-2.0, -4.0, 0.0} : BarValue{6.0, 4.0, 8.0}; });
  EXPECT_NE(bar_chart_script(chart, "/tmp/x.svg").find("set yrange [0:*]"), std::string::npos);  // the default
  chart.y_from_zero = false;
  chart.decimal_sign = ',';
  const std::string script = bar_chart_script(chart, "/tmp/x.svg");
  // Lowest -4, highest 8: padding 5 % of 12 = 0.6 below → -4.6.
  EXPECT_NE(script.find("set yrange [-4.600000:*]"), std::string::npos) << script;
  EXPECT_NE(script.find("set xzeroaxis"), std::string::npos);
  EXPECT_NE(script.find("set decimalsign ','"), std::string::npos);
  chart.values = {{1.0, 2.0}};
  chart.lower = {{0.5, 1.0}};
  chart.upper = {{1.5, 3.0}};
  EXPECT_NE(bar_chart_script(chart, "/tmp/x.svg").find("set yrange [0.000000:*]"), std::string::npos);
  chart.values = {{-1.0, -2.0}};
  chart.lower = {{-1.5, -3.0}};
  chart.upper = {{-0.5, -1.0}};
  EXPECT_NE(bar_chart_script(chart, "/tmp/x.svg").find("set yrange [-3.150000:0]"), std::string::npos);  // 5 % of 3
}

TEST(CommitteeHtml, ChartsAreInlineSvg) {
  BarChart probe;
  probe.categories = {"a"};
  add_series(probe, "s", [](const std::string&) { return BarValue{1.0, 0.5, 1.5}; });
  if (!render_bar_chart_svg(probe)) GTEST_SKIP() << "gnuplot is not installed: charts cannot be drawn";
  const std::string html = committee_html(realistic_report(), ReportLanguage::da);
  // Four KPI progress charts and two bar charts (minutes and hours saved per target group).
  EXPECT_EQ(count(html, "<svg"), 6u);
  EXPECT_EQ(count(html, "<figure class=chart"), 6u);
  EXPECT_NE(html.find("Forventet (17,0 min)"), std::string::npos);  // a target line's legend, Danish decimal comma
  EXPECT_NE(html.find("Optimistisk (90,0 %)"), std::string::npos);  // adoption's optimistic target, a share
  // Bar-chart captions give the numbers in words; the suppressed group is not in any chart.
  EXPECT_NE(html.find("<figcaption>dagpengemodtagere: 9,8 min (95 %-KI 8,2 til 11,4); jobparate: 7,1 min"),
            std::string::npos);
  const auto bar_charts = html.find("<figure", html.find("id=sec-saved"));
  ASSERT_NE(bar_charts, std::string::npos);
  // (The fairness table after the charts lists it as suppressed, without numbers.)
  const std::string charts = html.substr(bar_charts, html.find("<h3>", bar_charts) - bar_charts);
  EXPECT_EQ(charts.find("ressourceforløb"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace pb
