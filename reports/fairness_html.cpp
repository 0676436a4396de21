#include "reports/fairness_html.h"

#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reports/html_report.h"

namespace pb {
namespace {

const char* tr(ReportLanguage lang, const char* en, const char* da) { return lang == ReportLanguage::da ? da : en; }

bool any_cells(const FairnessCellsBySolution& per_solution) {
  for (const auto& [name, cells] : per_solution)
    if (cells && !cells->empty()) return true;
  return false;
}

bool any_cells(const RunResults& r) {
  for (const auto& s : r.solutions)
    if (!s.fairness.empty()) return true;
  return false;
}

// Rates (proportions and ratios of sums) and share-valued means are shown as percentages, other means as numbers.
bool shown_as_percent(const FairnessCell& c) { return c.kind != "mean" || is_share_metric(c.metric); }

std::string value_text(const FairnessCell& c, double v, ReportLanguage lang) {
  if (!std::isfinite(v)) return "–";
  return shown_as_percent(c) ? format_percent(v, 1, lang) : format_number(v, 3, lang);
}

std::string interval_text(const std::optional<ConfidenceInterval>& ci, int decimals, ReportLanguage lang,
                          double scale = 1.0) {
  if (!ci || !std::isfinite(ci->lower) || !std::isfinite(ci->upper)) return "–";
  return fmt::format("{} {} {}", format_number(scale * ci->lower, decimals, lang), tr(lang, "to", "til"),
                     format_number(scale * ci->upper, decimals, lang));
}

std::string value_ci_text(const FairnessCell& c, ReportLanguage lang) {
  if (!c.value_ci) return "–";
  return shown_as_percent(c) ? interval_text(c.value_ci, 1, lang, 100.0) + (lang == ReportLanguage::da ? " %" : "%")
                             : interval_text(c.value_ci, 3, lang);
}

std::string difference_text(const FairnessCell& c, double d, ReportLanguage lang) {
  if (!std::isfinite(d)) return "–";
  return shown_as_percent(c) ? format_number(100.0 * d, 1, lang) + tr(lang, " pp", " pct.-point")
                             : format_number(d, 3, lang);
}

std::string difference_ci_text(const FairnessCell& c, const std::optional<ConfidenceInterval>& ci, ReportLanguage lang) {
  return shown_as_percent(c) ? interval_text(ci, 1, lang, 100.0) : interval_text(ci, 3, lang);
}

std::string count_text(double v, ReportLanguage lang) {
  if (!std::isfinite(v)) return "–";
  return format_number(v, std::abs(v - std::round(v)) < 1e-9 ? 0 : 2, lang);
}

std::string p_text(double p, ReportLanguage lang) {
  if (!std::isfinite(p)) return "–";
  if (p < 0.001) return "&lt; " + format_number(0.001, 3, lang);
  return format_number(p, 3, lang);
}

std::string verdict_word(const std::string& verdict, ReportLanguage lang) {
  if (verdict == "fair") return tr(lang, "fair", "fair");
  if (verdict == "unfair") return tr(lang, "unfair", "ufair");
  if (verdict == "inconclusive") return tr(lang, "inconclusive", "uafklaret");
  if (verdict == "reference") return tr(lang, "reference", "reference");
  if (verdict == "suppressed") return tr(lang, "suppressed", "skjult");
  return verdict;
}

// Word, colour (CSS class) and symbol, so the verdict reads without colour vision too.
std::string verdict_cell(const FairnessCell& c, ReportLanguage lang) {
  const char* css = c.verdict == "fair"           ? "met"
                    : c.verdict == "unfair"       ? "notmet"
                    : c.verdict == "inconclusive" ? "inconclusive"
                                                  : "na";
  const char* mark = c.verdict == "fair"           ? "✓ "
                     : c.verdict == "unfair"       ? "✗ "
                     : c.verdict == "inconclusive" ? "? "
                                                   : "";
  return fmt::format("<td class=\"l {}\">{}{}</td><td class=l>{}</td>", css, mark,
                     html_escape(verdict_word(c.verdict, lang)), c.reason.empty() ? "" : html_escape(c.reason));
}

const SuppressedGroup* find_suppressed(const std::vector<SuppressedGroup>& suppressed, const FairnessCell& c) {
  for (const auto& s : suppressed)
    if (s.group == c.group && (s.table == c.grouping || s.table == "fairness: " + c.grouping)) return &s;
  return nullptr;
}

std::string suppressed_reason_word(const std::string& reason, ReportLanguage lang) {
  if (reason == "primary") return tr(lang, "too few", "for få");
  if (reason == "secondary") return tr(lang, "secondary (protects a small group)", "sekundær (beskytter en lille gruppe)");
  return reason;
}

void verdict_table(std::string& html, const std::vector<FairnessCell>& cells, const FairnessSettings& settings,
                   const std::vector<SuppressedGroup>& suppressed, ReportLanguage lang) {
  html += fmt::format(
      "<table><tr><th class=l>{}</th><th class=l>{}</th><th class=l>{}</th><th>n</th><th>{}</th><th>{}</th>"
      "<th>{} {:.0f} % CI</th><th>{}</th><th>{} CI</th><th>Newcombe CI</th><th>Ratio</th><th>{} CI</th><th>p</th>"
      "<th>{}</th><th class=l>{}</th><th class=l>{}</th></tr>\n",
      tr(lang, "Grouping", "Opdeling"), tr(lang, "Metric", "Mål"), tr(lang, "Group", "Gruppe"),
      tr(lang, "Numerator / denominator", "Tæller / nævner"), tr(lang, "Value", "Værdi"), tr(lang, "Value", "Værdi"),
      100.0 * settings.confidence_level, tr(lang, "Difference", "Forskel"), tr(lang, "Difference", "Forskel"),
      tr(lang, "Ratio", "Ratio"), tr(lang, "p (adjusted)", "p (korrigeret)"), tr(lang, "Verdict", "Vurdering"),
      tr(lang, "Reason", "Begrundelse"));
  for (const auto& c : cells) {
    html += fmt::format("<tr{}><td class=l>{}</td><td class=l>{}</td><td class=l>{}{}</td>",
                        c.suppressed ? " class=suppressed" : "", html_escape(c.grouping),
                        html_escape(fairness_metric_label(c.metric, lang)), html_escape(c.group),
                        c.is_reference ? tr(lang, " (reference)", " (reference)") : "");
    if (c.suppressed) {
      // No figure at all: not n, not the value, not the interval (they could identify citizens).
      const SuppressedGroup* why = find_suppressed(suppressed, c);
      html += fmt::format("<td>&lt; {}</td><td colspan=10 class=l>{}</td><td class=\"l na\">{}</td><td class=l>{}</td>"
                          "</tr>\n",
                          settings.min_cell_size,
                          why && why->reason == "secondary"
                              ? tr(lang, "suppressed so that a small group cannot be recovered from the total",
                                   "skjult, så en lille gruppe ikke kan regnes ud fra totalen")
                              : tr(lang, "suppressed: too few to show", "skjult: for få til at vise"),
                          html_escape(verdict_word("suppressed", lang)),
                          why ? html_escape(why->explanation) : html_escape(c.reason));
      continue;
    }
    const std::string value = std::isfinite(c.value) || c.value_undefined.empty()
                                  ? value_text(c, c.value, lang)
                                  : fmt::format("<span title=\"{}\">–</span>", html_escape(c.value_undefined));
    const std::string counts = c.kind == "mean" ? "–" : count_text(c.numerator, lang) + " / " + count_text(c.denominator, lang);
    html += fmt::format("<td>{}</td><td>{}</td><td>{}</td><td>{}</td>", c.n, counts, value, value_ci_text(c, lang));
    if (c.is_reference) {
      html += fmt::format("<td colspan=7 class=l>{}</td><td class=\"l na\">{}</td><td class=l>{}</td></tr>\n",
                          tr(lang, "reference group: the others are compared with it",
                             "referencegruppe: de andre sammenlignes med den"),
                          html_escape(verdict_word("reference", lang)), html_escape(c.reason));
      continue;
    }
    html += fmt::format("<td>{}</td><td>{}</td><td>{}</td><td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td>",
                        difference_text(c, c.difference, lang), difference_ci_text(c, c.difference_ci, lang),
                        c.kind == "proportion" ? difference_ci_text(c, c.newcombe_difference_ci, lang) : "–",
                        std::isfinite(c.ratio) ? format_number(c.ratio, 2, lang) : "–",
                        interval_text(c.ratio_ci, 2, lang), p_text(c.p_value, lang), p_text(c.p_adjusted, lang));
    html += verdict_cell(c, lang) + "</tr>\n";
  }
  html += "</table>\n";
}

void settings_list(std::string& html, const FairnessCellsBySolution& per_solution, const FairnessSettings& settings,
                   ReportLanguage lang) {
  // The reference of each grouping as the cells name it; declared ones are said to be declared.
  std::map<std::string, std::pair<std::string, bool>> references;
  for (const auto& [name, cells] : per_solution)
    if (cells)
      for (const auto& c : *cells)
        if (!c.reference_group.empty()) references.emplace(c.grouping, std::make_pair(c.reference_group, c.reference_declared));
  for (const auto& [grouping, group] : settings.reference_groups) references[grouping] = {group, true};
  html += fmt::format("<ul class=settings><li>{}: {}–{}</li>\n", tr(lang, "Tolerance band on the ratio", "Tolerancebånd for ratioen"),
                      format_number(settings.ratio_lower, 2, lang), format_number(settings.ratio_upper, 2, lang));
  html += fmt::format("<li>{}: {}</li>\n", tr(lang, "Multiple-testing correction", "Korrektion for mange test"),
                      correction_name(settings.correction, lang));
  html += fmt::format("<li>{}: ", tr(lang, "Reference groups", "Referencegrupper"));
  if (references.empty()) html += tr(lang, "the largest group of each grouping", "den største gruppe i hver opdeling");
  bool first = true;
  for (const auto& [grouping, ref] : references) {
    html += fmt::format("{}{} → {} ({})", first ? "" : "; ", html_escape(grouping), html_escape(ref.first),
                        ref.second ? tr(lang, "declared", "angivet") : tr(lang, "largest group", "største gruppe"));
    first = false;
  }
  html += "</li>\n";
  html += fmt::format("<li>{}: B = {}</li>\n", tr(lang, "Bootstrap replicates", "Bootstrap-gentagelser"),
                      format_number(settings.bootstrap_replicates, 0, lang));
  html += fmt::format("<li>{}: {}</li>\n", tr(lang, "Confidence level", "Konfidensniveau"),
                      format_percent(settings.confidence_level, 0, lang));
  html += fmt::format("<li>{}: {}</li></ul>\n", tr(lang, "Minimum cell size", "Mindste gruppestørrelse"),
                      settings.min_cell_size);
}

void suppressed_list(std::string& html, const std::vector<SuppressedGroup>& suppressed, const FairnessSettings& settings,
                     ReportLanguage lang, const std::string& sub) {
  html += fmt::format("<{0}>{1}</{0}>\n", sub, tr(lang, "What was suppressed and why", "Hvad er skjult, og hvorfor"));
  html += fmt::format(
      fmt::runtime(tr(lang,
         "<p>Groups with fewer than {} cases are suppressed (primary), and where one group of a table is suppressed "
         "one more is hidden (secondary) so that it cannot be recovered by subtracting the shown groups from the "
         "total. Suppressed groups are shown without figures and are not compared.</p>\n",
         "<p>Grupper med færre end {} sager skjules (primært), og når én gruppe i en tabel er skjult, skjules én "
         "til (sekundært), så den ikke kan regnes ud ved at trække de viste grupper fra totalen. Skjulte grupper vises "
         "uden tal og sammenlignes ikke.</p>\n")),
      settings.min_cell_size);
  if (suppressed.empty()) {
    html += fmt::format("<p>{}</p>\n", tr(lang, "No group was suppressed.", "Ingen grupper er skjult."));
    return;
  }
  html += fmt::format("<table><tr><th class=l>{}</th><th class=l>{}</th><th class=l>{}</th><th class=l>{}</th></tr>\n",
                      tr(lang, "Table", "Tabel"), tr(lang, "Group", "Gruppe"), tr(lang, "Why", "Hvorfor"),
                      tr(lang, "Explanation", "Forklaring"));
  for (const auto& s : suppressed)
    html += fmt::format("<tr><td class=l>{}</td><td class=l>{}</td><td class=l>{}</td><td class=l>{}</td></tr>\n",
                        html_escape(s.table), html_escape(s.group), html_escape(suppressed_reason_word(s.reason, lang)),
                        html_escape(s.explanation));
  html += "</table>\n";
}

std::string sub_heading(const std::string& level) {
  if (level.size() == 2 && level[0] == 'h' && level[1] >= '1' && level[1] <= '5')
    return std::string("h") + static_cast<char>(level[1] + 1);
  return "h3";
}

}  // namespace

std::string fairness_metric_label(const std::string& metric, ReportLanguage lang) {
  static const char* kLabels[][3] = {
      {"wer", "WER", "WER"},
      {"cer", "CER", "CER"},
      {"summary.key_fact_recall", "Key-fact recall", "Nøglefakta med"},
      {"risk.tpr", "True positive rate", "Sand positiv-rate"},
      {"risk.fpr", "False positive rate", "Falsk positiv-rate"},
      {"risk.fnr", "False negative rate", "Falsk negativ-rate"},
      {"risk.false_omission", "False omission rate", "Falsk udeladelsesrate"},
      {"risk.ppv", "Precision (PPV)", "Præcision (PPV)"},
      {"risk.selection_rate", "Selection rate", "Andel udpeget"},
      {"recommendation.active_share", "Share recommended an intervention", "Andel anbefalet en indsats"},
      {"recommendation.agreement", "Agreement with caseworker (secondary)", "Enighed med sagsbehandler (sekundær)"},
      {"time_saved.minutes", "Time saved (minutes)", "Tidsbesparelse (minutter)"},
  };
  for (const auto& row : kLabels)
    if (metric == row[0]) return lang == ReportLanguage::da ? row[2] : row[1];
  return metric;
}

std::string correction_name(const std::string& correction, ReportLanguage lang) {
  if (correction == "holm") return tr(lang, "Holm's method", "Holms metode");
  if (correction == "benjamini-hochberg" || correction == "bh")
    return tr(lang, "the Benjamini–Hochberg method", "Benjamini–Hochberg-metoden");
  return correction;
}

HeatMap fairness_heat_map(const std::string& title, const std::vector<FairnessCell>& cells,
                          const FairnessSettings& settings, ReportLanguage lang) {
  HeatMap map;
  map.title = title;
  map.colour_label = tr(lang, "log2(ratio to reference)", "log2(ratio til reference)");
  map.decimal_sign = lang == ReportLanguage::da ? ',' : '.';
  std::map<std::string, std::size_t> row_of, column_of;
  for (const auto& c : cells) {
    const std::string row = c.grouping + ": " + c.group;
    if (row_of.emplace(row, map.rows.size()).second) map.rows.push_back(row);
    if (column_of.emplace(c.metric, map.columns.size()).second) {
      // The arrow tells which direction is better, since the colour only says higher or lower than the reference.
      map.columns.push_back(fairness_metric_label(c.metric, lang) + (c.higher_is_better ? " ↑" : " ↓"));
    }
  }
  map.cells.assign(map.rows.size(), std::vector<HeatMapCell>(map.columns.size()));
  for (const auto& c : cells) {
    HeatMapCell& cell = map.cells[row_of[c.grouping + ": " + c.group]][column_of[c.metric]];
    if (c.suppressed) {
      cell.state = HeatCellState::suppressed;
      cell.text = fmt::format("<{}", settings.min_cell_size);
    } else if (c.is_reference) {
      cell.state = HeatCellState::reference;
      cell.text = "ref";
    } else if (std::isfinite(c.ratio) && c.ratio > 0.0) {
      cell.state = HeatCellState::ratio;
      cell.ratio = c.ratio;
      cell.text = format_number(c.ratio, 2, lang);
      if (c.ratio_ci && std::isfinite(c.ratio_ci->lower) && std::isfinite(c.ratio_ci->upper))
        cell.subtext = format_number(c.ratio_ci->lower, 2, lang) + "–" + format_number(c.ratio_ci->upper, 2, lang);
    } else {
      cell.state = HeatCellState::undefined;
      cell.text = "–";
    }
  }
  return map;
}

void append_fairness_block(std::string& html, const FairnessCellsBySolution& per_solution,
                           const FairnessSettings& settings, const std::vector<SuppressedGroup>& suppressed,
                           const FairnessBlockOptions& options) {
  if (!any_cells(per_solution)) return;
  const ReportLanguage lang = options.language;
  const std::string& h = options.heading_level;
  const std::string sub = sub_heading(h);
  html += fmt::format("<{0}>{1}</{0}>\n", h,
                      tr(lang, "Fairness: does it work as well for every group?",
                         "Fairness: virker det lige godt for alle grupper?"));
  html += fmt::format(
      fmt::runtime(tr(lang,
         "<p>Each group is compared with its grouping's <b>reference group</b> (declared by the scenario, else the "
         "largest) as a ratio of the metric. A group is <b>fair</b> when the whole {0} confidence interval of the "
         "ratio lies within {1}–{2}, <b>unfair</b> when it lies wholly outside, and <b>inconclusive</b> when it "
         "straddles an edge or the group is too small to tell. The p-values test “no difference” and are corrected "
         "with {3} across every group × metric of the solution. In the heat-map the colour is log2 of the ratio: "
         "white is equal to the reference, orange higher and blue lower; the arrow by each metric says whether "
         "higher (↑) or lower (↓) is better. Grey cells are suppressed (“&lt;{4}”), “ref” marks the reference group.</p>\n",
         "<p>Hver gruppe sammenlignes med sin opdelings <b>referencegruppe</b> (angivet i scenariet, ellers den "
         "største) som en ratio af målet. En gruppe vurderes <b>fair</b>, når hele {0}-konfidensintervallet for ratioen "
         "ligger inden for {1}–{2}, <b>ufair</b>, når det ligger helt uden for, og <b>uafklaret</b>, når det "
         "krydser en grænse, eller gruppen er for lille til at afgøre det. p-værdierne tester “ingen forskel” og er "
         "korrigeret med {3} over alle grupper × mål for løsningen. I varmekortet er farven log2 af ratioen: hvid "
         "er lig med referencen, orange højere og blå lavere; pilen ved hvert mål siger, om højere (↑) eller lavere "
         "(↓) er bedre. Grå celler er skjulte (“&lt;{4}”), “ref” markerer referencegruppen.</p>\n")),
      format_percent(settings.confidence_level, 0, lang), format_number(settings.ratio_lower, 2, lang),
      format_number(settings.ratio_upper, 2, lang), correction_name(settings.correction, lang), settings.min_cell_size);
  for (const auto& [name, cells] : per_solution) {
    if (!cells || cells->empty()) continue;
    html += fmt::format("<{0}>{1}</{0}>\n", sub, html_escape(name));
    if (options.charts) {
      const HeatMap map = fairness_heat_map(name, *cells, settings, lang);
      if (auto svg = render_heat_map_svg(map))
        html += "<div class=\"chart heatmap\">" + *svg + "</div>\n";
      else
        html += fmt::format("<p class=note>{}</p>\n",
                            tr(lang, "Heat-map not drawn: gnuplot is not installed (scripts/install-deps installs it).",
                               "Varmekortet er ikke tegnet: gnuplot er ikke installeret (scripts/install-deps "
                               "installerer det)."));
    }
    verdict_table(html, *cells, settings, suppressed, lang);
  }
  suppressed_list(html, suppressed, settings, lang, sub);
  html += fmt::format("<{0}>{1}</{0}>\n", sub, tr(lang, "Fairness settings", "Indstillinger for fairness"));
  settings_list(html, per_solution, settings, lang);
}

void append_fairness_section(std::string& html, const RunResults& r) { append_fairness_section(html, r, true); }

void append_fairness_section(std::string& html, const RunResults& r, bool charts) {
  FairnessCellsBySolution per_solution;
  for (const auto& s : r.solutions) per_solution.emplace_back(s.name, &s.fairness);
  FairnessBlockOptions options;
  options.charts = charts;
  append_fairness_block(html, per_solution, r.fairness, r.suppressed_groups, options);
}

std::string fairness_method_item(const RunResults& r) {
  if (!any_cells(r)) return "";
  return fmt::format(
      "<li><b>Fairness</b>: per grouping and metric (WER as Σ errors / Σ reference words, key-fact recall as Σ facts "
      "found / Σ facts), each group's value, difference and ratio to the reference group with percentile-bootstrap "
      "intervals stratified by group ({} replicates); tolerance band {:.2f}–{:.2f} on the ratio; two-sided bootstrap "
      "p-values for a difference, corrected with {}; groups under {} conversations are suppressed and not compared "
      "(docs/fairness-metrics.md).</li>\n",
      r.fairness.bootstrap_replicates, r.fairness.ratio_lower, r.fairness.ratio_upper,
      correction_name(r.fairness.correction, ReportLanguage::en), r.fairness.min_cell_size);
}

}  // namespace pb
