#include "reports/summary_html.h"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "reports/charts.h"
#include "reports/html_report.h"

namespace pb {
namespace {

bool any_summary(const RunResults& r) {
  for (const auto& s : r.solutions)
    if (s.summary.present) return true;
  return false;
}

std::string ci_suffix(const CellMetric& m, bool percent) {
  if (!m.ci || !std::isfinite(m.ci->lower) || !std::isfinite(m.ci->upper)) return {};
  return percent ? fmt::format("95 % CI {:.1f} – {:.1f} %", 100 * m.ci->lower, 100 * m.ci->upper)
                 : fmt::format("95 % CI {:.2f} – {:.2f}", m.ci->lower, m.ci->upper);
}

std::string value_cell(const SummaryCell& cell, const std::string& name) {
  const CellMetric* m = cell.metric(name);
  if (!m || !std::isfinite(m->value)) return "<td>–</td>";
  const bool percent = is_share_metric(name);
  const std::string text = percent ? fmt::format("{:.1f} %", 100 * m->value)
                           : name.rfind("summary.chrf", 0) == 0 ? fmt::format("{:.1f}", m->value)
                                                                 : fmt::format("{:.2f}", m->value);
  const auto title = ci_suffix(*m, percent);
  return title.empty() ? "<td>" + text + "</td>" : fmt::format("<td title=\"{}\">{}</td>", title, text);
}

struct Column {
  const char* metric;
  const char* title;
};

constexpr Column kOverviewColumns[] = {
    {"summary.key_fact_recall", "Key-fact recall"},
    {"summary.critical_errors_per_note", "Critical errors per note"},
    {"summary.notes_with_critical_errors", "Notes with a critical error"},
    {"summary.unsupported_rate", "Unsupported atoms"},
    {"summary.negation_flips_per_note", "Negation flips per note"},
    {"summary.obligations_unsupported_rate", "Unsupported obligations"},
    {"summary.rougeL", "ROUGE-L F1"},
    {"summary.rougeLsum", "ROUGE-Lsum F1"},
    {"summary.chrfpp", "chrF++"},
    {"summary.structure_pass_rate", "Template passed"},
    {"summary.novel_bigram_rate", "Novel bigrams"},
    {"judge.mean_score", "Judge score (1–5)"},
    {"judge.claim_support", "Judge: claims supported"},
    {"judge.failure_rate", "Judge failed"},
};

const SummaryCell* all_cell(const SolutionSummaryResults& s) {
  if (s.breakdowns.empty() || s.breakdowns[0].cells.empty()) return nullptr;
  return &s.breakdowns[0].cells[0];
}

// Columns that at least one solution has a value for, so a run without a judge shows no judge columns.
std::vector<Column> present_columns(const RunResults& r) {
  std::vector<Column> columns;
  for (const auto& column : kOverviewColumns) {
    bool present = false;
    for (const auto& s : r.solutions)
      for (const auto& b : s.summary.breakdowns)
        for (const auto& c : b.cells) present = present || c.metric(column.metric) != nullptr;
    if (present) columns.push_back(column);
  }
  return columns;
}

void breakdown_table(std::string& html, const SummaryBreakdown& b, const std::vector<Column>& columns, int min_cell_size) {
  html += "<table><tr><th class=l>Group</th><th>Notes</th>";
  for (const auto& c : columns) html += std::string("<th>") + c.title + "</th>";
  html += "<th>Failed</th></tr>\n";
  for (const auto& cell : b.cells) {
    if (cell.suppressed) {
      html += fmt::format("<tr class=suppressed><td class=l>{}</td><td>&lt; {}</td><td colspan={} class=l>suppressed "
                          "(fewer than {} notes)</td></tr>\n",
                          html_escape(cell.group), min_cell_size, columns.size() + 1, min_cell_size);
      continue;
    }
    html += fmt::format("<tr><td class=l>{}</td><td>{}</td>", html_escape(cell.group), cell.n);
    for (const auto& c : columns) html += value_cell(cell, c.metric);
    html += fmt::format("<td>{}</td></tr>\n", cell.failed);
  }
  html += "</table>\n";
}

// Rows "summary.key_fact_recall.<type>" (or unsupported_rate) of the overall cell, one column per solution.
void by_type_table(std::string& html, const RunResults& r, const std::string& prefix, const char* heading) {
  std::set<std::string> types;
  for (const auto& s : r.solutions)
    if (const auto* cell = all_cell(s.summary); cell && !cell->suppressed)
      for (const auto& m : cell->metrics)
        if (m.name.rfind(prefix, 0) == 0) types.insert(m.name.substr(prefix.size()));
  if (types.empty()) return;
  html += fmt::format("<h3>{}</h3>\n<table><tr><th class=l>Type</th>", heading);
  for (const auto& s : r.solutions)
    if (s.summary.present) html += "<th>" + html_escape(s.name) + "</th>";
  html += "</tr>\n";
  for (const auto& type : types) {
    html += "<tr><td class=l>" + html_escape(type) + "</td>";
    for (const auto& s : r.solutions) {
      if (!s.summary.present) continue;
      const auto* cell = all_cell(s.summary);
      html += cell && !cell->suppressed ? value_cell(*cell, prefix + type) : "<td>–</td>";
    }
    html += "</tr>\n";
  }
  html += "</table>\n";
}

std::optional<BarChart> recall_chart(const RunResults& r) {
  const SolutionSummaryResults* first = nullptr;
  for (const auto& s : r.solutions)
    if (s.summary.present && s.summary.breakdowns.size() > 1) {
      first = &s.summary;
      break;
    }
  if (!first) return std::nullopt;
  BarChart chart;
  const std::string grouping = first->breakdowns[1].grouping;
  chart.title = "Key-fact recall of drafted notes by " + grouping + " (95 % CI; suppressed groups left out)";
  chart.y_label = "Key-fact recall (%)";
  for (const auto& c : first->breakdowns[1].cells) chart.categories.push_back(c.group);
  for (const auto& s : r.solutions) {
    if (!s.summary.present) continue;
    add_series(chart, s.name, [&](const std::string& category) {
      BarValue v;
      for (const auto& b : s.summary.breakdowns)
        for (const auto& c : b.cells)
          if (b.grouping == grouping && c.group == category && !c.suppressed)
            if (const CellMetric* m = c.metric("summary.key_fact_recall")) {
              v.value = 100 * m->value;
              v.lower = m->ci ? 100 * m->ci->lower : v.value;
              v.upper = m->ci ? 100 * m->ci->upper : v.value;
            }
      return v;
    });
  }
  for (const auto& t : r.targets)
    if (t.metric == "summary.key_fact_recall" && t.comparison == ">=") chart.reference_line = 100 * t.threshold;
  return chart;
}

std::string list_cell(const std::vector<std::string>& entries) {
  if (entries.empty()) return "<td class=l>–</td>";
  std::string out = "<td class=l>";
  for (std::size_t i = 0; i < entries.size(); ++i) out += (i ? "<br>" : "") + html_escape(entries[i]);
  return out + "</td>";
}

}  // namespace

void append_summary_section(std::string& html, const RunResults& r, bool charts) {
  if (!any_summary(r)) return;
  const auto columns = present_columns(r);
  html += "<h2>Drafted notes (referat / journalnotat)</h2>\n";
  html += "<p>How faithful and complete each solution's drafted notes are. <b>Critical errors</b> are dates, times, "
          "amounts and obligations in the note that the conversation does not support, and obligations whose "
          "polarity is flipped (“du skal ikke søge” for “du skal søge”). <b>Key-fact recall</b> is the share of the "
          "annotated facts of each conversation that the note states correctly. Hover a value for its 95 % "
          "confidence interval.</p>\n";
  html += "<table><tr><th class=l>Solution</th><th class=l>Drafting</th><th class=l>Drafts from</th><th>Notes</th>"
          "<th>Failed</th>";
  for (const auto& c : columns) html += std::string("<th>") + c.title + "</th>";
  html += "</tr>\n";
  for (const auto& s : r.solutions) {
    if (!s.summary.present) continue;
    const auto* cell = all_cell(s.summary);
    html += fmt::format("<tr><td class=l><b>{}</b></td><td class=l>{}</td><td class=l>{}</td><td>{}</td><td>{}</td>",
                        html_escape(s.name), html_escape(s.summary.adapter),
                        s.summary.source == "transcription" ? "its own transcript" : "the reference transcript",
                        s.summary.items_planned, s.summary.items_failed);
    for (const auto& c : columns)
      html += cell && !cell->suppressed ? value_cell(*cell, c.metric) : std::string("<td>–</td>");
    html += "</tr>\n";
  }
  html += "</table>\n";
  if (charts) {
    if (auto chart = recall_chart(r)) {
      if (auto svg = render_bar_chart_svg(*chart)) html += "<div class=chart>" + *svg + "</div>\n";
    }
  }
  by_type_table(html, r, "summary.key_fact_recall.", "Key-fact recall by fact type");
  by_type_table(html, r, "summary.unsupported_rate.", "Unsupported atoms by type (share of the note's atoms of that type)");

  for (const auto& s : r.solutions) {
    if (!s.summary.present) continue;
    for (const auto& b : s.summary.breakdowns) {
      if (b.grouping == "all") continue;
      html += fmt::format("<h3>{} — notes by {}</h3>\n", html_escape(s.name), html_escape(b.grouping));
      breakdown_table(html, b, columns, r.min_cell_size);
    }
    if (!s.summary.failures.empty()) {
      html += fmt::format("<h3>{} — failed drafts</h3>\n<table><tr><th class=l>Reason</th><th>Notes</th></tr>\n",
                          html_escape(s.name));
      for (const auto& f : s.summary.failures)
        html += fmt::format("<tr><td class=l>{}</td><td>{}</td></tr>\n", html_escape(f.reason), f.count);
      html += "</table>\n";
    }
  }

  if (!r.judge_agreement.empty()) {
    html += "<h3>LLM judge against human raters</h3>\n<table><tr><th class=l>Criterion</th><th>Notes</th><th>Raters</th>"
            "<th>Weighted κ (judge vs humans)</th><th>α humans</th><th>α humans + judge</th></tr>\n";
    auto number = [](const std::optional<double>& v) {
      return v && std::isfinite(*v) ? fmt::format("{:.2f}", *v) : std::string("–");
    };
    for (const auto& a : r.judge_agreement)
      html += fmt::format("<tr><td class=l>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                          html_escape(a.criterion), a.items, a.raters, number(a.kappa), number(a.alpha_humans),
                          number(a.alpha_with_judge));
    html += "</table>\n";
  }

  if (r.include_items) {
    for (const auto& s : r.solutions) {
      if (!s.summary.present) continue;
      html += fmt::format("<h3>{} — findings per note</h3>\n<table><tr><th class=l>Conversation</th><th>Key-fact recall</th>"
                          "<th>Critical errors</th><th>Negation flips</th><th class=l>Wrong facts</th>"
                          "<th class=l>Missed facts</th><th class=l>Template</th></tr>\n",
                          html_escape(s.name));
      for (const auto& item : s.summary.items) {
        if (item.status != "ok") {
          html += fmt::format("<tr><td class=l>{}</td><td colspan=6 class=l>failed: {}</td></tr>\n", html_escape(item.id),
                              html_escape(item.error.substr(0, item.error.find('\n'))));
          continue;
        }
        html += fmt::format("<tr><td class=l>{}</td><td>{}</td><td>{}</td><td>{}</td>{}{}{}</tr>\n", html_escape(item.id),
                            std::isfinite(item.key_fact_recall) ? fmt::format("{:.0f} %", 100 * item.key_fact_recall) : "–",
                            item.critical_errors, item.negation_flips, list_cell(item.wrong_facts),
                            list_cell(item.missed_facts), list_cell(item.structure_problems));
      }
      html += "</table>\n";
    }
  }
}

std::string summary_method_items(const RunResults& r) {
  if (!any_summary(r)) return {};
  std::string out;
  out += "<li><b>Key-fact recall</b> = facts found / annotated facts. Dates, times, amounts and numbers are compared as "
         "canonical values (“den fjortende marts” = “14. marts” = 03-14); agreements, obligations and other facts by the "
         "share of their stemmed content words found in one sentence of the note (docs/summary-metrics.md).</li>\n";
  out += "<li><b>Unsupported atoms</b>: the note's numbers, dates, times, amounts, names, places, job titles and "
         "interventions that the reference transcript does not contain after normalisation, as a share of all such atoms. "
         "<b>Critical errors</b> count unsupported dates, times, amounts and obligations and negation flips of "
         "obligations.</li>\n";
  out += "<li><b>ROUGE</b> F1 (google-research rouge-score definitions; Danish tokeniser with Snowball stemming unless "
         "the scenario says otherwise) and <b>chrF++</b> (sacrebleu definitions, β = 2) against the reference note, "
         "averaged over notes.</li>\n";
  out += "<li>Per-note values are pooled per group as Σ numerator / Σ denominator with a percentile bootstrap over "
         "notes.</li>\n";
  return out;
}

}  // namespace pb
