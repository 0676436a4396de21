#include "reports/html_report.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "reports/charts.h"
#include "reports/fairness_html.h"
#include "reports/summary_html.h"

namespace pb {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1100px; color: #1d1d1f; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 2px solid #e5e5e5; padding-bottom: .3rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
.meta { color: #555; font-size: .9rem; } .meta code { font-size: .85rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .92rem; display: block; max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid #d9d9d9; padding: .3rem .6rem; text-align: right; white-space: nowrap; }
th { background: #f4f6f8; white-space: normal; } td.l, th.l { text-align: left; white-space: normal; }
tr.suppressed td { color: #888; font-style: italic; }
.met { background: #e3f4e8; color: #17622f; font-weight: 600; } .notmet { background: #fbe4e6; color: #8f1422; font-weight: 600; }
.inconclusive { background: #fff4d6; color: #7a5600; font-weight: 600; } .na { color: #888; }
.note { background: #f7f7f9; border-left: 4px solid #1f5fa8; padding: .6rem .9rem; font-size: .9rem; }
.chart svg { max-width: 100%; height: auto; }
)css";

std::string pct(double v, int decimals = 1) {
  if (!std::isfinite(v)) return "–";
  return fmt::format("{:.{}f} %", 100.0 * v, decimals);
}

std::string ci_text(const std::optional<ConfidenceInterval>& ci) {
  if (!ci || !std::isfinite(ci->lower) || !std::isfinite(ci->upper)) return "–";
  return fmt::format("{:.1f} – {:.1f} %", 100.0 * ci->lower, 100.0 * ci->upper);
}

std::string verdict_class(const std::string& verdict) {
  if (verdict == "met") return "met";
  if (verdict == "not met") return "notmet";
  if (verdict == "inconclusive") return "inconclusive";
  return "na";
}

std::string value_text(const std::string& metric, double v) {
  return is_share_metric(metric) ? pct(v) : fmt::format("{:.3f}", v);
}

// Speaker roles whose WER is shown as extra columns, in this order, when any cell has them.
constexpr const char* kRoleColumns[][2] = {{"wer.caseworker", "Caseworker WER"},
                                           {"wer.citizen", "Citizen WER"},
                                           {"wer.interpreter", "Interpreter WER"},
                                           {"wer.relative", "Relative WER"}};

void cell_table(std::string& html, const Breakdown& breakdown, int min_cell_size) {
  std::vector<std::pair<std::string, std::string>> roles;
  for (const auto& role : kRoleColumns) {
    for (const auto& c : breakdown.cells)
      if (c.metric(role[0])) {
        roles.emplace_back(role[0], role[1]);
        break;
      }
  }
  html += "<table><tr><th class=l>Group</th><th>Conversations</th><th>WER</th><th>95 % CI</th><th>Mean WER</th>";
  for (const auto& [name, title] : roles) html += "<th>" + title + "</th>";
  html += "<th>CER</th><th>Substitutions</th><th>Deletions</th><th>Insertions</th><th>Reference words</th>"
          "<th>Failed items</th></tr>\n";
  for (const auto& c : breakdown.cells) {
    if (c.suppressed) {
      html += fmt::format("<tr class=suppressed><td class=l>{}</td><td>&lt; {}</td><td colspan={} class=l>suppressed "
                          "(fewer than {} conversations)</td></tr>\n",
                          html_escape(c.group), min_cell_size, 9 + roles.size(), min_cell_size);
      continue;
    }
    html += fmt::format("<tr><td class=l>{}</td><td>{}</td><td><b>{}</b></td><td>{}</td><td>{}</td>",
                        html_escape(c.group), c.n, pct(c.wer), ci_text(c.wer_ci), pct(c.mean_wer));
    for (const auto& role : roles) {
      const CellMetric* m = c.metric(role.first);
      html += m ? fmt::format("<td title=\"95 % CI {}\">{}</td>", ci_text(m->ci), pct(m->value)) : "<td>–</td>";
    }
    html += fmt::format("<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", pct(c.cer),
                        c.substitutions, c.deletions, c.insertions, c.ref_words, c.failed);
  }
  html += "</table>\n";
}

std::string metric_text(const GroupCell& c, const std::string& name, bool per_thousand = false) {
  const CellMetric* m = c.metric(name);
  if (!m || !std::isfinite(m->value)) return "–";
  if (per_thousand) return fmt::format("{:.1f}", m->value);
  return fmt::format("<span title=\"95 % CI {}\">{}</span>", ci_text(m->ci), pct(m->value));
}

// Speaker attribution and key terms: one table per solution, over the "all" cell and the first grouping.
void speaker_and_key_term_tables(std::string& html, const RunResults& r) {
  static const char* kKeyTypes[][2] = {{"date", "Dates"},       {"time", "Times"},     {"amount", "Amounts"},
                                       {"number", "Numbers"},   {"name", "Names"},     {"negation", "Negations"},
                                       {"next_meeting", "Next meeting"}};
  html += "<h2>Speakers and key terms</h2>\n<p><b>cpWER</b> maps the solution's speaker labels to the reference "
          "speakers (the assignment with fewest errors) and scores each speaker's words; it exceeds WER by what wrong "
          "speaker labels cost. <b>tcpWER</b> also requires matched words to be close in time (collar). "
          "<b>Key-term miss rate</b> is the share of fact-bearing words (dates, times, amounts, numbers, names, "
          "negations, the dataset's key facts) not recognised exactly; the weighted rate counts dates, times, amounts, "
          "CPR numbers and negations 5×, numbers, names and places 3×. <b>Hallucinations</b> are key terms in the "
          "transcript that the speaker never said, per 1,000 transcript words.</p>\n";
  for (const auto& s : r.solutions) {
    std::vector<const Breakdown*> breakdowns;
    for (const auto& b : s.breakdowns)
      if (breakdowns.size() < 2) breakdowns.push_back(&b);
    std::vector<std::pair<std::string, std::string>> types;
    for (const auto& type : kKeyTypes)
      for (const auto* b : breakdowns)
        if (!b->cells.empty() && b->cells[0].metric(std::string("keyterm.") + type[0] + ".miss_rate")) {
          types.emplace_back(type[0], type[1]);
          break;
        }
    bool has_orc = false, has_tcp = false;
    for (const auto* b : breakdowns)
      for (const auto& c : b->cells) {
        has_orc = has_orc || c.metric("orcwer");
        has_tcp = has_tcp || c.metric("tcpwer");
      }
    html += fmt::format("<h3>{}</h3>\n<table><tr><th class=l>Group</th><th>WER</th><th>cpWER</th>", html_escape(s.name));
    if (has_tcp) html += "<th>tcpWER</th>";
    if (has_orc) html += "<th>ORC-WER</th><th>Speaker-label errors</th>";
    html += "<th>Key-term miss rate</th><th>Weighted</th><th>Facts recognised</th><th>Hallucinations / 1,000 words</th>";
    for (const auto& [type, title] : types) html += "<th>" + title + " missed</th>";
    html += "</tr>\n";
    for (const auto* b : breakdowns) {
      for (const auto& c : b->cells) {
        if (c.suppressed) continue;
        html += fmt::format("<tr><td class=l>{}</td><td>{}</td><td>{}</td>", html_escape(c.group), pct(c.wer),
                            metric_text(c, "cpwer"));
        if (has_tcp) html += "<td>" + metric_text(c, "tcpwer") + "</td>";
        if (has_orc) html += "<td>" + metric_text(c, "orcwer") + "</td><td>" + metric_text(c, "speaker_label_error") + "</td>";
        html += "<td>" + metric_text(c, "keyterm.miss_rate") + "</td><td>" + metric_text(c, "keyterm.weighted_miss_rate") +
                "</td><td>" + metric_text(c, "keyterm.fact_recall") + "</td><td>" +
                metric_text(c, "keyterm.hallucinations_per_1k_words", true) + "</td>";
        for (const auto& type : types) html += "<td>" + metric_text(c, "keyterm." + type.first + ".miss_rate") + "</td>";
        html += "</tr>\n";
      }
    }
    html += "</table>\n";
  }
}

void comparison_table(std::string& html, const RunResults& r) {
  if (r.comparisons.empty()) return;
  std::map<std::string, std::string> names;
  for (const auto& s : r.solutions) names[s.id] = s.name;
  html += "<h2>Comparisons</h2>\n";
  html += "<p>Each pair of solutions on the same conversations. The difference in WER has a "
          "paired bootstrap interval; p-values from the paired bootstrap (also Holm-adjusted over all comparisons "
          "in this report), NIST's matched-pair test (MAPSSWE, conversations as segments) and the sign test.</p>\n";
  html += "<table><tr><th class=l>Group</th><th class=l>A</th><th class=l>B</th><th>n</th><th>WER A</th><th>WER B</th>"
          "<th>A − B</th><th>95 % CI</th><th>p (bootstrap)</th><th>p (Holm)</th><th>p (MAPSSWE)</th><th>p (sign)</th>"
          "</tr>\n";
  auto p_text = [](double p) {
    if (!std::isfinite(p)) return std::string("–");
    return p < 0.001 ? std::string("&lt; 0.001") : fmt::format("{:.3f}", p);
  };
  for (const auto& c : r.comparisons) {
    html += fmt::format(
        "<tr><td class=l>{}</td><td class=l>{}</td><td class=l>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        html_escape(c.group), html_escape(names[c.solution_a]), html_escape(names[c.solution_b]), c.n, pct(c.wer_a),
        pct(c.wer_b), std::isfinite(c.difference) ? fmt::format("{:+.1f} pt", 100.0 * c.difference) : "–",
        c.ci ? fmt::format("{:+.1f} to {:+.1f} pt", 100.0 * c.ci->lower, 100.0 * c.ci->upper) : "–",
        p_text(c.p_bootstrap), p_text(c.p_bootstrap_holm), p_text(c.p_mapsswe), p_text(c.p_sign));
  }
  html += "</table>\n<ul>\n";
  for (const auto& c : r.comparisons)
    if (c.grouping == "all") html += "<li>" + html_escape(c.verdict) + "</li>\n";
  html += "</ul>\n";
}

// WER per group of the first non-"all" breakdown, one series per solution.
std::optional<BarChart> group_chart(const RunResults& r) {
  if (r.solutions.empty() || r.solutions[0].breakdowns.size() < 2) return std::nullopt;
  BarChart chart;
  const std::string grouping = r.solutions[0].breakdowns[1].grouping;
  chart.title = "Corpus WER by " + grouping + " (95 % CI; suppressed groups left out)";
  chart.y_label = "WER (%)";
  for (const auto& c : r.solutions[0].breakdowns[1].cells) chart.categories.push_back(c.group);
  for (const auto& s : r.solutions)
    add_series(chart, s.name, [&](const std::string& category) {
      BarValue v;
      for (const auto& b : s.breakdowns)
        for (const auto& c : b.cells)
          if (b.grouping == grouping && c.group == category && !c.suppressed) {
            v.value = 100.0 * c.wer;
            v.lower = c.wer_ci ? 100.0 * c.wer_ci->lower : v.value;
            v.upper = c.wer_ci ? 100.0 * c.wer_ci->upper : v.value;
          }
      return v;
    });
  for (const auto& t : r.targets)
    if (t.metric == "wer" && t.comparison == "<=") chart.reference_line = 100.0 * t.threshold;
  return chart;
}

}  // namespace

bool is_share_metric(const std::string& metric) {
  return metric == "wer" || metric == "cer" || metric == "mean_wer" || metric.rfind("wer.", 0) == 0 ||
         metric.find("recall") != std::string::npos || metric.find("rate") != std::string::npos ||
         metric.rfind("summary.rouge", 0) == 0 || metric == "summary.notes_with_critical_errors" ||
         metric == "summary.coverage" || metric == "judge.claim_support";
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_html_report(const RunResults& r, const HtmlOptions& options) {
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n";
  html += "<meta name=viewport content=\"width=device-width, initial-scale=1\">\n";
  html += fmt::format("<title>pilotbench – {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                      html_escape(r.scenario_name), kStyle);
  html += fmt::format("<h1>{}</h1>\n", html_escape(r.scenario_name));
  if (!r.scenario_description.empty()) html += fmt::format("<p>{}</p>\n", html_escape(r.scenario_description));
  html += fmt::format(
      "<p class=meta>Run {} · status <b>{}</b> · started {} · finished {} · {} conversations · seed {} · "
      "pilotbench {}<br>dataset <code>{}</code> · scenario <code>{}</code></p>\n",
      r.run_id, html_escape(r.status), html_escape(r.started_at), r.finished_at.empty() ? "–" : html_escape(r.finished_at),
      r.dataset_conversations, r.seed, html_escape(r.code_version), html_escape(r.dataset_hash.substr(0, 16)),
      html_escape(r.scenario_hash.substr(0, 16)));
  if (r.status != "finished")
    html += "<p class=note><b>This run is not finished.</b> The figures cover only the items completed so far; "
            "resume it with <code>pilotbench run --resume " + std::to_string(r.run_id) + "</code>.</p>\n";

  // Summary
  html += "<h2>Summary</h2>\n<table><tr><th class=l>Solution</th><th class=l>Adapter</th><th>Items</th><th>Failed</th>"
          "<th>WER</th><th>95 % CI</th><th>Mean WER</th><th>CER</th><th>Median latency</th><th>Real-time factor</th></tr>\n";
  for (const auto& s : r.solutions) {
    const GroupCell* all = (!s.breakdowns.empty() && !s.breakdowns[0].cells.empty()) ? &s.breakdowns[0].cells[0] : nullptr;
    const bool show = all && !all->suppressed;
    html += fmt::format("<tr><td class=l><b>{}</b></td><td class=l>{}</td><td>{}</td><td>{}</td><td><b>{}</b></td><td>{}</td>"
                        "<td>{}</td><td>{}</td><td>{:.0f} ms</td><td>{}</td></tr>\n",
                        html_escape(s.name), html_escape(s.adapter), s.items_planned, s.items_failed,
                        show ? pct(all->wer) : "–", show ? ci_text(all->wer_ci) : "–", show ? pct(all->mean_wer) : "–",
                        show ? pct(all->cer) : "–", s.latency_median_ms,
                        std::isfinite(s.real_time_factor_median) ? fmt::format("{:.2g}", s.real_time_factor_median)
                                                                 : std::string("–"));
  }
  html += "</table>\n";

  if (options.charts) {
    if (auto chart = group_chart(r)) {
      if (auto svg = render_bar_chart_svg(*chart))
        html += "<div class=chart>" + *svg + "</div>\n";
      else
        html += "<p class=note>Chart not drawn: gnuplot is not installed (scripts/install-deps installs it).</p>\n";
    }
  }

  // Target picture
  html += "<h2>Target picture (målbillede)</h2>\n";
  if (r.targets.empty()) {
    html += "<p>The scenario sets no targets.</p>\n";
  } else {
    html += "<p>A target is <b>met</b> when the whole 95 % confidence interval is on the right side of it, <b>not met</b> "
            "when the whole interval is on the wrong side, and <b>inconclusive</b> when the interval straddles it "
            "(more conversations are needed to tell). A <b>hard gate</b> is judged on the observed value alone.</p>\n";
    html += "<table><tr><th class=l>Solution</th><th class=l>Metric</th><th class=l>Group</th><th>Target</th>"
            "<th>Value</th><th>95 % CI</th><th class=l>Verdict</th></tr>\n";
    std::map<std::string, std::string> names;
    for (const auto& s : r.solutions) names[s.id] = s.name;
    for (const auto& t : r.targets) {
      html += fmt::format("<tr><td class=l>{}</td><td class=l>{}</td><td class=l>{}{}</td><td>{} {}</td><td>{}</td>"
                          "<td>{}</td><td class=\"l {}\">{}</td></tr>\n",
                          html_escape(names[t.solution_id]), html_escape(t.metric),
                          t.grouping == "all" ? "" : html_escape(t.grouping) + ": ", html_escape(t.group),
                          html_escape(t.comparison), value_text(t.metric, t.threshold) + (t.gate ? " (hard gate)" : ""),
                          t.value ? value_text(t.metric, *t.value) : "–",
                          t.ci ? value_text(t.metric, t.ci->lower) + " – " + value_text(t.metric, t.ci->upper) : "–",
                          verdict_class(t.verdict),
                          html_escape(t.verdict));
    }
    html += "</table>\n";
  }

  comparison_table(html, r);

  append_fairness_section(html, r, options.charts);

  // Breakdowns: one table per solution × grouping
  html += "<h2>Results by group</h2>\n";
  for (const auto& s : r.solutions) {
    for (const auto& b : s.breakdowns) {
      html += fmt::format("<h3>{} — {}</h3>\n", html_escape(s.name), b.grouping == "all" ? "all conversations"
                                                                                           : "by " + html_escape(b.grouping));
      cell_table(html, b, r.min_cell_size);
    }
  }

  speaker_and_key_term_tables(html, r);

  append_summary_section(html, r, options.charts);

  // Failures
  html += "<h2>Failed items</h2>\n";
  bool any_failures = false;
  for (const auto& s : r.solutions) {
    if (s.failures.empty()) continue;
    any_failures = true;
    html += fmt::format("<h3>{}</h3>\n<table><tr><th class=l>Reason</th><th>Items</th></tr>\n", html_escape(s.name));
    for (const auto& f : s.failures)
      html += fmt::format("<tr><td class=l>{}</td><td>{}</td></tr>\n", html_escape(f.reason), f.count);
    html += "</table>\n";
  }
  if (!any_failures) html += "<p>No item failed.</p>\n";

  // Method
  html += "<h2>Method</h2>\n<ul>\n";
  html += "<li><b>Word error rate</b> WER = (S + D + I) / N, where S, D and I are the substitutions, deletions and "
          "insertions of a minimum-edit-distance word alignment and N the number of reference words. The corpus WER "
          "sums errors and reference words over all conversations in a group (long conversations weigh more); the mean "
          "WER averages per-conversation WERs (every conversation weighs the same).</li>\n";
  html += "<li><b>WER by speaker role</b> (caseworker, citizen, interpreter, relative) attributes each error of the "
          "speaker-agnostic alignment to the role of the reference word it concerns (an insertion to the word before "
          "it), so it does not depend on the solution's speaker labels.</li>\n";
  html += "<li><b>CER</b> is the same over characters (Unicode code points) of the normalised words, spaces excluded.</li>\n";
  html += fmt::format("<li><b>Confidence intervals</b>: percentile bootstrap over conversations, {} replicates, level "
                      "{:.0f} %, seeded from the scenario seed.</li>\n",
                      r.bootstrap_replicates, 100.0 * r.confidence_level);
  html += fmt::format("<li><b>Text normalisation</b> “{}” version {} applied to reference and hypothesis:<ul>",
                      html_escape(r.normalizer), html_escape(r.normalizer_version));
  for (const auto& rule : r.normalizer_rules) html += "<li>" + html_escape(rule) + "</li>";
  html += "</ul></li>\n";
  html += summary_method_items(r);
  html += fairness_method_item(r);
  html += fmt::format("<li><b>Privacy</b>: no transcript text is shown. Groups with fewer than {} conversations are "
                      "suppressed. CPR numbers never appear in reports.</li>\n",
                      r.min_cell_size);
  html += "</ul>\n</body>\n</html>\n";
  return html;
}

}  // namespace pb
