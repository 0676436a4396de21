#include "reports/committee_html.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/cpr.h"
#include "reports/charts.h"
#include "reports/html_report.h"

namespace pb {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1200px; color: #1d1d1f; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { font-size: 1.3rem; margin-top: 2.4rem; border-bottom: 2px solid #e5e5e5; padding-bottom: .3rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
.meta { color: #555; font-size: .9rem; }
.table-wrap { max-width: 100%; overflow-x: auto; margin: .6rem 0 1rem; }
table { border-collapse: collapse; font-size: .88rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; caption-side: top; }
th, td { border: 1px solid #d9d9d9; padding: .3rem .5rem; text-align: right; vertical-align: top; }
th { background: #f4f6f8; } td.l, th.l { text-align: left; }
tr.total td, tr.total th { font-weight: 700; border-top: 2px solid #999; }
.ci { display: block; color: #555; font-size: .82rem; white-space: nowrap; }
.verdict { font-weight: 600; white-space: nowrap; }
.met { background: #e3f4e8; color: #17622f; } .not_met { background: #fbe4e6; color: #8f1422; }
.inconclusive { background: #fff4d6; color: #6b4b00; } .no_target, .no_data { color: #666; }
.headline { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.figure { flex: 1 1 220px; background: #f4f7fb; border-left: 5px solid #123f73; padding: .7rem 1rem; }
.figure .big { display: block; font-size: 1.9rem; font-weight: 700; color: #123f73; }
.badges span { display: inline-block; margin: .2rem .4rem .2rem 0; padding: .2rem .6rem; border-radius: .3rem; }
.estimated { font-style: italic; color: #7a4d00; }
.footnote { font-size: .85rem; color: #444; }
.note { background: #f7f7f9; border-left: 4px solid #123f73; padding: .6rem .9rem; font-size: .9rem; }
figure.chart { margin: 1rem 0; } figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #444; }
footer { margin-top: 3rem; border-top: 1px solid #ddd; padding-top: .6rem; color: #555; font-size: .85rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } figure { break-inside: avoid; }
  .table-wrap { overflow: visible; } table { font-size: .7rem; } }
)css";

// The dagger marks a suppressed cell; a digit would read as a value.
constexpr const char* kSuppressedMark = "–<sup>†</sup>";

class Writer {
 public:
  Writer(const BaselineReport& r, ReportLanguage lang, const CommitteeHtmlOptions& options)
      : r_(r), lang_(lang), t_(committee_text(lang)), options_(options) {}

  std::string render() {
    head();
    summary();
    measured();
    kpi_table();
    if (options_.charts) progress_charts();
    time_saved();
    edit_effort();
    method();
    footer();
    return std::move(html_);
  }

 private:
  bool da() const { return lang_ == ReportLanguage::da; }
  const char* tr(const char* danish, const char* english) const { return da() ? danish : english; }
  // Free text from the plan or the data (names of points, groups, municipality): CPR-masked, then escaped.
  static std::string esc(const std::string& text) { return html_escape(mask_cpr(text)); }
  std::string num(double v, int decimals) const { return format_number(v, decimals, lang_); }
  std::string integer(std::int64_t v) const { return num(static_cast<double>(v), 0); }
  std::string interval(const Interval& ci, int decimals, double scale = 1.0) const {
    return format_interval(ci, decimals, lang_, scale);
  }
  std::string level_text() const { return format_percent(r_.level, 0, lang_); }
  // "95 %-KI 3,1 til 5,2" under a value; nothing when there is no interval.
  std::string ci_span(const Interval& ci, int decimals, double scale = 1.0, const std::string& suffix = "") const {
    if (!std::isfinite(ci.lower) || !std::isfinite(ci.upper)) return {};
    return fmt::format("<span class=ci>{}{}{} {}{}</span>", level_text(), da() ? "-" : " ", t_.ci_short,
                       interval(ci, decimals, scale), suffix);
  }
  std::string point_label(const std::string& name) const { return esc(point_name(name, lang_)); }
  std::string kpi_label(const KpiResult& k) const { return k.label.empty() ? esc(kpi_name(k.id, lang_)) : esc(k.label); }

  // A date "2026-03-05" as "5. mar. 2026" (en "5 Mar 2026"); anything else as given.
  std::string date_text(const std::string& iso) const {
    static constexpr const char* kDa[] = {"jan.", "feb.", "mar.", "apr.", "maj", "jun.",
                                          "jul.", "aug.", "sep.", "okt.", "nov.", "dec."};
    static constexpr const char* kEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12)
      return esc(iso);
    return da() ? fmt::format("{}. {} {}", d, kDa[m - 1], y) : fmt::format("{} {} {}", d, kEn[m - 1], y);
  }

  // The value of a KPI at the point the summary speaks about: the follow-up point, or the latest one with data.
  const KpiPointValue* headline_value(const KpiResult& k) const {
    for (const auto& p : k.points)
      if (!r_.follow_up_point.empty() && p.point == r_.follow_up_point) return &p;
    for (auto it = k.points.rbegin(); it != k.points.rend(); ++it)
      if (it->verdict != KpiVerdict::no_data && it->verdict != KpiVerdict::no_target) return &*it;
    return nullptr;
  }

  void head() {
    const std::string title = std::string(t_.title) + (r_.plan_name.empty() ? "" : " – " + mask_cpr(r_.plan_name));
    html_ += fmt::format("<!DOCTYPE html>\n<html lang={}>\n<head>\n<meta charset=utf-8>\n", to_string(lang_));
    html_ += "<meta name=viewport content=\"width=device-width, initial-scale=1\">\n";
    html_ += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n", html_escape(title), kStyle);
    html_ += fmt::format("<h1>{}</h1>\n", html_escape(title));
    std::string meta;
    if (!r_.municipality.empty()) meta += esc(r_.municipality);
    if (!r_.baseline_point.empty() && !r_.follow_up_point.empty())
      meta += (meta.empty() ? "" : " · ") + std::string(tr("Sammenligning: ", "Comparison: ")) +
              point_label(r_.baseline_point) + " → " + point_label(r_.follow_up_point);
    if (!meta.empty()) html_ += "<p class=meta>" + meta + "</p>\n";
  }

  void summary() {
    html_ += fmt::format("<section aria-labelledby=sec-summary>\n<h2 id=sec-summary>{}</h2>\n", t_.summary);
    const GroupSaving& total = r_.total;
    if (r_.follow_up_point.empty()) {
      html_ += fmt::format("<p class=note>{}</p>\n", t_.no_follow_up);
    } else if (total.suppressed || !std::isfinite(total.saving_minutes)) {
      html_ += fmt::format("<p class=note>{}</p>\n",
                           total.suppressed ? fmt::format(fmt::runtime(t_.suppressed_note), r_.min_group_size)
                                            : tr("Tidsbesparelsen kunne ikke beregnes ud fra de registrerede data.",
                                                 "Time saved could not be computed from the recorded data."));
    } else {
      // With a control group the hours rest on the difference-in-differences saving, so the headline does too.
      const bool did_headline = total.gain_uses_did && std::isfinite(total.did_saving_minutes);
      html_ += "<div class=headline>\n";
      html_ += fmt::format("<div class=figure><span class=big>{}</span>{}{}{}</div>\n",
                           num(did_headline ? total.did_saving_minutes : total.saving_minutes, 1),
                           t_.minutes_saved_per_conversation,
                           did_headline ? tr(" (mod kontrolgruppen)", " (against the control group)") : "",
                           ci_span(did_headline ? total.did_ci : total.saving_ci, 1));
      if (std::isfinite(total.hours_per_year))
        html_ += fmt::format("<div class=figure><span class=big>{}</span>{}{}</div>\n", num(total.hours_per_year, 0),
                             t_.hours_per_year, ci_span(total.hours_ci, 0));
      if (std::isfinite(total.fte))
        html_ += fmt::format("<div class=figure><span class=big>{}</span>{}{}</div>\n", num(total.fte, 1),
                             t_.fte_per_year, ci_span(total.fte_ci, 1));
      if (std::isfinite(r_.hourly_cost_dkk) && std::isfinite(total.dkk))
        html_ += fmt::format("<div class=figure><span class=big>{}</span>{}{}</div>\n", num(total.dkk, 0),
                             t_.dkk_per_year, ci_span(total.dkk_ci, 0));
      html_ += "</div>\n";
      if (did_headline) {
        html_ += fmt::format("<p>{} <b>{} min</b>{}. {}</p>\n",
                             tr("Uden kontrolgruppen (før/efter) er besparelsen",
                                "Without the control group (before/after) the saving is"),
                             num(total.saving_minutes, 1), caption_ci(total.saving_ci, 1),
                             tr("Forskel-i-forskelle trækker den udvikling fra, som kontrolgruppen også havde uden AI; "
                                "timer og årsværk bygger på den.",
                                "Difference-in-differences removes the change the control group saw without AI; hours "
                                "and FTE rest on it."));
      } else if (std::isfinite(total.did_saving_minutes)) {
        html_ += fmt::format("<p>{} <b>{} min</b>{}.</p>\n",
                             tr("Sammenlignet med kontrolgruppen (forskel-i-forskelle) er besparelsen",
                                "Against the control group (difference-in-differences) the saving is"),
                             num(total.did_saving_minutes, 1), caption_ci(total.did_ci, 1));
      }
      html_ += fmt::format(fmt::runtime(da() ? "<p>Besparelsen gælder de samtaler, hvor AI-udkastet blev brugt. Timer og årsværk "
                                  "bygger på {} samtaler om året, en anvendelse på {} og {} timer pr. årsværk.</p>\n"
                                : "<p>The saving applies to conversations where the AI draft was used. Hours and FTE "
                                  "assume {} conversations a year, an adoption of {} and {} hours per FTE.</p>\n"),
                           integer_or_dash(total.annual_volume), format_percent(total.adoption, 0, lang_),
                           num(r_.hours_per_fte, 0));
    }
    std::int64_t conversations = 0;
    for (const auto& p : r_.points) conversations += p.conversations;
    html_ += fmt::format("<p>{} <b>{} {}</b> {} {} {}.</p>\n", t_.measured_on, integer(conversations), t_.conversations,
                         tr("fordelt på", "across"), r_.points.size(),
                         r_.points.size() == 1 ? tr("målepunkt", "measurement point") : tr("målepunkter", "measurement points"));
    int met = 0, not_met = 0, inconclusive = 0;
    std::string at_point;
    for (const auto& k : r_.kpis)
      if (const auto* v = headline_value(k)) {
        met += v->verdict == KpiVerdict::met;
        not_met += v->verdict == KpiVerdict::not_met;
        inconclusive += v->verdict == KpiVerdict::inconclusive;
        if (at_point.empty()) at_point = v->point;
      }
    if (!r_.kpis.empty()) {
      html_ += fmt::format("<p class=badges>{}{}: <span class=\"verdict met\">✓ {} {}</span><span class=\"verdict "
                           "not_met\">✗ {} {}</span><span class=\"verdict inconclusive\">? {} {}</span></p>\n",
                           tr("KPI'er i målbilledet", "KPIs of the target picture"),
                           at_point.empty() ? "" : std::string(tr(" ved ", " at ")) + point_label(at_point), met,
                           t_.kpis_met, not_met, t_.kpis_not_met, inconclusive, t_.kpis_inconclusive);
    }
    html_ += "</section>\n";
  }

  std::string integer_or_dash(double v) const { return std::isfinite(v) ? num(v, 0) : "–"; }

  void measured() {
    html_ += fmt::format("<section aria-labelledby=sec-measured>\n<h2 id=sec-measured>{}</h2>\n", t_.measured);
    html_ += fmt::format(
        "<p>{}</p>\n",
        tr("Ved hvert målepunkt er dokumentationstiden for en række samtaler registreret: i baseline den tid, det tog "
           "at skrive journalnotatet uden AI, og ved opfølgningerne den tid, det tog at læse og rette AI-udkastet. "
           "Tidspunkterne og antallet af samtaler ses i tabellen. Tilfredshed er målt med spørgeskemaer (skala 1–5).",
           "At each measurement point the documentation time of a set of conversations was recorded: at baseline the "
           "time to write the case note without AI, at the follow-ups the time to read and correct the AI draft. The "
           "table shows when and on how many conversations. Satisfaction was measured with surveys (scale 1–5)."));
    html_ += fmt::format("<div class=table-wrap><table>\n<caption>{}</caption>\n<thead><tr><th scope=col class=l>{}</th><th scope=col "
                         "class=l>{}</th><th scope=col class=l>{}</th><th scope=col>{}</th><th scope=col>{}</th>"
                         "<th scope=col>{}</th><th scope=col>{}</th><th scope=col class=l>{}</th></tr></thead>\n<tbody>\n",
                         tr("Målepunkter", "Measurement points"), t_.point, t_.kind, t_.period,
                         tr("Samtaler", "Conversations"), t_.ai_used, t_.estimated_minutes, t_.survey_answers, t_.source);
    for (const auto& p : r_.points) {
      std::string period = p.first_date.empty() ? "–" : date_text(p.first_date);
      if (!p.last_date.empty() && p.last_date != p.first_date) period += " – " + date_text(p.last_date);
      html_ += fmt::format("<tr><th scope=row class=l>{}</th><td class=l>{}</td><td class=l>{}</td><td>{}</td><td>{}</td>"
                           "<td>{}</td><td>{}</td><td class=l>{}</td></tr>\n",
                           point_label(p.name), esc(point_kind_text(p.kind, lang_)), period, integer(p.conversations),
                           integer(p.ai_used), p.estimated_minutes ? "<span class=estimated>" + integer(p.estimated_minutes) +
                                                                         " " + t_.estimated + "</span>"
                                                                   : integer(0),
                           integer(p.survey_answers), esc(p.data_source));
    }
    html_ += "</tbody>\n</table></div>\n</section>\n";
  }

  std::string target_cell(const KpiResult& k, double target) const {
    return std::isfinite(target) ? format_kpi_value(target, k.unit, lang_) : "–";
  }

  void kpi_table() {
    html_ += fmt::format("<section aria-labelledby=sec-kpi>\n<h2 id=sec-kpi>{}</h2>\n", t_.kpi_results);
    if (r_.kpis.empty()) {
      html_ += fmt::format("<p>{}</p>\n</section>\n", tr("Måleplanen har ingen KPI'er.", "The plan has no KPIs."));
      return;
    }
    html_ += fmt::format(
        "<p>{}</p>\n",
        tr("Hver KPI vurderes mod målbilledets forventede mål: <b>opfyldt</b> når hele konfidensintervallet ligger på "
           "den gode side af målet, <b>ikke opfyldt</b> når hele intervallet ligger på den dårlige side, og "
           "<b>uafklaret</b> når intervallet går hen over målet. Baseline er udgangspunktet og vurderes ikke.",
           "Each KPI is judged against the target picture's likely target: <b>met</b> when the whole confidence "
           "interval is on the good side of the target, <b>not met</b> when it is all on the bad side, and "
           "<b>inconclusive</b> when the interval straddles the target. The baseline is the starting point and is not "
           "judged."));
    html_ += fmt::format(
        "<div class=table-wrap><table>\n<caption>{}</caption>\n<thead><tr><th scope=col class=l>{}</th><th scope=col class=l>{}</th>"
        "<th scope=col>n</th><th scope=col>{}</th><th scope=col>{} {}</th><th scope=col>{}</th><th scope=col>{}</th>"
        "<th scope=col>{}</th><th scope=col class=l>{}</th><th scope=col class=l>{}</th></tr></thead>\n",
        tr("KPI'er pr. målepunkt mod målbilledet", "KPIs per measurement point against the target picture"), t_.kpi,
        t_.point, t_.value, level_text(), t_.ci, t_.target_likely, t_.pessimistic, t_.optimistic, t_.verdict, t_.scenario);
    bool any_suppressed = false, any_estimated = false;
    for (const auto& k : r_.kpis) {
      html_ += "<tbody>\n";
      const std::size_t rows = std::max<std::size_t>(1, k.points.size());
      const std::string head = fmt::format(
          "<th scope=rowgroup rowspan={} class=l>{}<span class=ci>{}</span></th>", rows, kpi_label(k),
          k.lower_is_better ? t_.lower_is_better : t_.higher_is_better);
      if (k.points.empty()) {
        html_ += fmt::format("<tr>{}<td colspan=9 class=l>{}</td></tr>\n", head, verdict_text(KpiVerdict::no_data, lang_));
      }
      for (std::size_t i = 0; i < k.points.size(); ++i) {
        const auto& p = k.points[i];
        html_ += "<tr>" + (i == 0 ? head : std::string()) + "<th scope=row class=l>" + point_label(p.point) + "</th>";
        if (p.suppressed) {
          any_suppressed = true;
          html_ += fmt::format("<td>{0}</td><td>{0}</td><td>{0}</td>", kSuppressedMark);
        } else {
          any_estimated = any_estimated || p.estimated;
          html_ += fmt::format("<td>{}</td><td>{}{}</td><td>{}</td>", integer(p.n), format_kpi_value(p.value, k.unit, lang_),
                               p.estimated ? std::string(" <span class=estimated>(") + t_.estimated + ")</span>" : "",
                               format_kpi_interval(p.ci, k.unit, lang_));
        }
        html_ += fmt::format("<td>{}</td><td>{}</td><td>{}</td>", target_cell(k, k.target.likely),
                             target_cell(k, k.target.pessimistic), target_cell(k, k.target.optimistic));
        const KpiVerdict verdict = p.suppressed ? KpiVerdict::no_data : p.verdict;
        html_ += fmt::format("<td class=\"l verdict {}\">{}{}</td><td class=l>{}</td></tr>\n", to_string(verdict),
                             verdict_symbol(verdict), verdict_text(verdict, lang_),
                             p.suppressed ? "–" : esc(scenario_text(p.scenario_reached, lang_)));
      }
      html_ += "</tbody>\n";
    }
    html_ += "</table></div>\n";
    if (any_estimated)
      html_ += fmt::format("<p class=footnote>{}</p>\n",
                           tr("(estimeret): en del af minutterne er beregnet med redigeringstidsmodellen, fordi tiden "
                              "ikke var logget. Se afsnittet om redigering.",
                              "(estimated): part of the minutes were computed with the edit-time model because the time "
                              "was not logged. See the section on editing."));
    if (any_suppressed) suppressed_footnote();
    html_ += "</section>\n";
  }

  static const char* verdict_symbol(KpiVerdict v) {
    switch (v) {
      case KpiVerdict::met: return "✓ ";
      case KpiVerdict::not_met: return "✗ ";
      case KpiVerdict::inconclusive: return "? ";
      default: return "";
    }
  }

  void suppressed_footnote() {
    html_ += fmt::format("<p class=footnote>† {}</p>\n", fmt::format(fmt::runtime(t_.suppressed_note), r_.min_group_size));
  }

  std::string chart_unit_label(const KpiResult& k) const {
    if (k.unit == "minutes") return tr("minutter", "minutes");
    if (is_share_unit(k.unit)) return "%";
    return unit_text(k.unit, lang_);
  }

  void progress_charts() {
    html_ += fmt::format("<section aria-labelledby=sec-progress>\n<h2 id=sec-progress>{}</h2>\n", t_.progress);
    html_ += fmt::format("<p>{}</p>\n",
                         tr("Linjen viser den målte værdi ved hvert målepunkt med konfidensinterval (lodrette streger). "
                            "De vandrette linjer er målbilledets pessimistiske, forventede og optimistiske mål.",
                            "The line shows the measured value at each point with its confidence interval (vertical "
                            "bars). The horizontal lines are the pessimistic, likely and optimistic targets."));
    bool drawn_any = false, missing = false;
    for (const auto& k : r_.kpis) {
      const double scale = is_share_unit(k.unit) ? 100.0 : 1.0;
      LineChart chart;
      chart.title = mask_cpr(k.label.empty() ? kpi_name(k.id, lang_) : k.label);
      chart.y_label = chart_unit_label(k);
      chart.decimal_sign = da() ? ',' : '.';
      chart.y_from_zero = k.unit == "minutes" || is_share_unit(k.unit);
      LineSeries measured{tr("Målt", "Measured"), {}, {}, {}};
      bool any_value = false;
      std::string caption;
      for (const auto& p : k.points) {
        chart.x_labels.push_back(mask_cpr(point_name(p.point, lang_)));
        const bool show = !p.suppressed && std::isfinite(p.value);
        any_value = any_value || show;
        measured.values.push_back(show ? scale * p.value : kNoValue);
        measured.lower.push_back(show && std::isfinite(p.ci.lower) ? scale * p.ci.lower : kNoValue);
        measured.upper.push_back(show && std::isfinite(p.ci.upper) ? scale * p.ci.upper : kNoValue);
        caption += (caption.empty() ? "" : "; ") + point_label(p.point) + ": " +
                   (p.suppressed ? std::string("–") : format_kpi_value(p.value, k.unit, lang_));
      }
      if (!any_value) continue;
      chart.series.push_back(std::move(measured));
      const auto target_label = [&](const char* name, double v) {
        return fmt::format("{} ({})", name, format_kpi_value(v, k.unit, lang_));
      };
      if (std::isfinite(k.target.pessimistic))
        chart.target_lines.push_back({target_label(t_.pessimistic, k.target.pessimistic), scale * k.target.pessimistic,
                                      "#b00020", 3});
      if (std::isfinite(k.target.likely))
        chart.target_lines.push_back({target_label(tr("Forventet", "Likely"), k.target.likely), scale * k.target.likely,
                                      "#333333", 2});
      if (std::isfinite(k.target.optimistic))
        chart.target_lines.push_back({target_label(t_.optimistic, k.target.optimistic), scale * k.target.optimistic,
                                      "#17622f", 4});
      if (auto svg = render_line_chart_svg(chart)) {
        drawn_any = true;
        if (std::isfinite(k.target.likely))
          caption += fmt::format("; {}: {}", t_.target_likely, format_kpi_value(k.target.likely, k.unit, lang_));
        html_ += fmt::format("<figure class=chart role=group aria-label=\"{}\">{}<figcaption>{}: {}</figcaption></figure>\n",
                             kpi_label(k), *svg, kpi_label(k), caption);
      } else {
        missing = true;
      }
    }
    if (missing && !drawn_any) html_ += fmt::format("<p class=note>{}</p>\n", t_.chart_missing);
    html_ += "</section>\n";
  }

  // A value with its CI underneath; "–†" when suppressed.
  std::string value_cell(bool suppressed, double v, int decimals, const Interval* ci = nullptr, double scale = 1.0,
                         const std::string& suffix = "") const {
    if (suppressed) return std::string("<td>") + kSuppressedMark + "</td>";
    if (!std::isfinite(v)) return "<td>–</td>";
    return "<td>" + num(scale * v, decimals) + suffix + (ci ? ci_span(*ci, decimals, scale, suffix) : std::string()) +
           "</td>";
  }

  void saving_row(const GroupSaving& g, bool total, bool did, bool dkk, bool gain = true) {
    const bool s = g.suppressed;
    const std::string pct = da() ? " %" : "%";
    html_ += fmt::format("<tr{}><th scope=row class=l>{}</th>", total ? " class=total" : "",
                         total ? std::string(t_.all_groups) : esc(g.target_group));
    html_ += s ? fmt::format("<td>{0}</td><td>{0}</td>", kSuppressedMark)
               : fmt::format("<td>{}</td><td>{}</td>", integer(g.n_baseline), integer(g.n_assisted));
    html_ += value_cell(s, g.baseline_minutes, 1) + value_cell(s, g.assisted_minutes, 1) +
             value_cell(s, g.saving_minutes, 1, &g.saving_ci);
    if (did) html_ += value_cell(s, g.did_saving_minutes, 1, &g.did_ci);
    html_ += value_cell(s, g.adoption, 0, &g.adoption_ci, 100.0, pct);
    if (!gain) {
      html_ += "</tr>\n";
      return;
    }
    html_ += std::isfinite(g.annual_volume) ? "<td>" + num(g.annual_volume, 0) + "</td>" : "<td>–</td>";
    html_ += value_cell(s, g.hours_per_year, 0, &g.hours_ci) + value_cell(s, g.fte, 2, &g.fte_ci);
    if (dkk) html_ += value_cell(s, g.dkk, 0, &g.dkk_ci);
    html_ += "</tr>\n";
  }

  void time_saved() {
    html_ += fmt::format("<section aria-labelledby=sec-saved>\n<h2 id=sec-saved>{}</h2>\n", t_.time_saved);
    if (r_.follow_up_point.empty() || r_.savings.empty()) {
      html_ += fmt::format("<p class=note>{}</p>\n</section>\n", t_.no_follow_up);
      return;
    }
    const bool did = std::isfinite(r_.total.did_saving_minutes) ||
                     std::any_of(r_.savings.begin(), r_.savings.end(),
                                 [](const GroupSaving& g) { return std::isfinite(g.did_saving_minutes); });
    const bool dkk = std::isfinite(r_.hourly_cost_dkk);
    html_ += fmt::format(
        "<p>{} {} → {}. {}</p>\n",
        tr("Dokumentationstid pr. samtale før og med AI-udkast, pr. målgruppe:", "Documentation time per conversation "
                                                                                "before and with an AI draft, per target "
                                                                                "group:"),
        point_label(r_.baseline_point), point_label(r_.follow_up_point),
        tr("Timer om året = besparelse pr. samtale × anvendelse × samtaler om året ÷ 60, med forskel-i-forskelle-"
           "besparelsen for de målgrupper, der har en kontrolgruppe.",
           "Hours a year = saving per conversation × adoption × conversations a year ÷ 60, using the "
           "difference-in-differences saving for target groups with a control group."));
    html_ += fmt::format("<div class=table-wrap><table>\n<caption>{} ({} {}-{} {})</caption>\n<thead><tr><th scope=col class=l>{}</th>"
                         "<th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th>"
                         "<th scope=col>{}</th>",
                         t_.time_saved, tr("med", "with"), level_text(), t_.ci_short, tr("under tallet", "below each value"),
                         t_.target_group, t_.n_baseline, t_.n_assisted, t_.minutes_before, t_.minutes_with_ai,
                         t_.saving_per_use);
    if (did) html_ += fmt::format("<th scope=col>{}</th>", t_.did);
    html_ += fmt::format("<th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th>", t_.adoption,
                         t_.annual_volume, t_.hours, t_.fte);
    if (dkk) html_ += fmt::format("<th scope=col>{}</th>", t_.dkk);
    html_ += "</tr></thead>\n<tbody>\n";
    bool any_suppressed = r_.total.suppressed;
    for (const auto& g : r_.savings) {
      any_suppressed = any_suppressed || g.suppressed;
      saving_row(g, false, did, dkk);
    }
    html_ += "</tbody>\n<tfoot>\n";
    saving_row(r_.total, true, did, dkk);
    html_ += "</tfoot>\n</table></div>\n";
    if (any_suppressed) suppressed_footnote();
    if (options_.charts) saving_charts(did);
    meeting_type_table(did);
    saving_fairness_table();
    html_ += "</section>\n";
  }

  // The fairness layer's reasons in the report's language; unknown reasons as given.
  std::string fairness_reason(const std::string& reason) const {
    if (da()) {
      static constexpr std::pair<const char*, const char*> kDanish[] = {
          {"too few", "for få"},
          {"CI inside band", "KI inden for båndet"},
          {"CI below ", "KI under "},
          {"CI above ", "KI over "},
          {"CI straddles ", "KI går hen over "},
          {"reference saving is not positive", "referencegruppens besparelse er ikke positiv"},
          {"reference saving undefined: ", "referencegruppens besparelse kan ikke beregnes: "},
          {"saving undefined: ", "besparelsen kan ikke beregnes: "},
          {"no baseline minutes", "ingen minutter fra baseline"},
          {"no assisted minutes", "ingen minutter med AI-udkast"},
          {"non-finite value", "ugyldig værdi"},
          {"reference group", "referencegruppe"},
          {" is suppressed", " er skjult"},
          {" not found", " findes ikke"},
          {"; not significant after Holm", "; ikke signifikant efter Holm"},
          {"; not significant after Benjamini–Hochberg", "; ikke signifikant efter Benjamini–Hochberg"},
      };
      std::string text = reason;
      for (const auto& [english, danish] : kDanish)
        if (const auto at = text.find(english); at != std::string::npos) text.replace(at, std::string(english).size(), danish);
      // Band edges in the reason are numbers: write them with a decimal comma.
      for (std::size_t i = 1; i + 1 < text.size(); ++i)
        if (text[i] == '.' && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
            std::isdigit(static_cast<unsigned char>(text[i + 1])))
          text[i] = ',';
      return esc(text);
    }
    return esc(reason);
  }

  static std::string fairness_css(const std::string& verdict) {
    if (verdict == "fair") return "met";
    if (verdict == "unfair") return "not_met";
    if (verdict == "inconclusive") return "inconclusive";
    return "no_data";
  }

  std::string fairness_verdict_text(const std::string& verdict) const {
    if (verdict == "fair") return tr("✓ fair", "✓ fair");
    if (verdict == "unfair") return tr("✗ ufair", "✗ unfair");
    if (verdict == "inconclusive") return tr("? uafklaret", "? inconclusive");
    if (verdict == "reference") return tr("reference", "reference");
    if (verdict == "suppressed") return tr("skjult", "suppressed");
    return esc(verdict);
  }

  std::string optional_ci(const std::optional<ConfidenceInterval>& ci, int decimals) const {
    if (!ci) return {};
    return ci_span({ci->lower, ci->upper, r_.level}, decimals);
  }

  // Time saved through the fairness layer: is each target group's saving within the band of the reference's?
  void saving_fairness_table() {
    if (r_.saving_fairness.empty()) return;
    const FairnessSettings& settings = r_.saving_fairness_settings;
    const std::string title = tr("Tidsbesparelse på tværs af målgrupper", "Time saved across target groups");
    html_ += fmt::format("<h3>{}</h3>\n", title);
    std::string reference;
    bool declared = false;
    int tested = 0;
    for (const auto& c : r_.saving_fairness) {
      if (reference.empty() && !c.reference_group.empty()) reference = c.reference_group, declared = c.reference_declared;
      tested += std::isfinite(c.p_value) ? 1 : 0;
    }
    const std::string band = num(settings.ratio_lower, 2) + "–" + num(settings.ratio_upper, 2);
    const std::string correction = settings.correction == "benjamini-hochberg" ? "Benjamini–Hochberg" : "Holm";
    const std::string alpha = format_percent(1.0 - settings.confidence_level, 0, lang_);
    const std::string reference_text =
        reference.empty() ? std::string(tr("ingen referencegruppe", "no reference group"))
                          : "<b>" + esc(reference) + "</b> (" +
                                tr(declared ? "angivet i måleplanen" : "målgruppen med flest samtaler",
                                   declared ? "declared in the plan" : "the target group with the most conversations") +
                                ")";
    html_ += fmt::format(fmt::runtime(da()
        ? "<p>Hver målgruppes besparelse pr. samtale sammenlignes med referencegruppen {0}: forholdet skal ligge i "
          "båndet {1}. En målgruppe er <b>fair</b>, når hele konfidensintervallet for forholdet ligger i båndet, "
          "<b>ufair</b>, når det ligger helt uden for, og ellers <b>uafklaret</b>; p-værdierne er justeret med {2} "
          "over {3} {5}, og en målgruppe kaldes kun ufair, når den justerede p-værdi er under {4}.</p>\n"
        : "<p>Each target group's saving per conversation is compared with the reference group {0}: the ratio should "
          "lie in the band {1}. A group is <b>fair</b> when the whole confidence interval of the ratio lies in the "
          "band, <b>unfair</b> when it lies wholly outside, and <b>inconclusive</b> otherwise; p-values are adjusted "
          "with {2} across {3} {5}, and a group is only called unfair when its adjusted p-value is below "
          "{4}.</p>\n"),
        reference_text, band, correction, tested, alpha,
        tested == 1 ? tr("målgruppe", "target group") : tr("målgrupper", "target groups"));
    html_ += fmt::format("<div class=table-wrap><table>\n<caption>{} ({} {}-{} {})</caption>\n<thead><tr>"
                         "<th scope=col class=l>{}</th><th scope=col>n</th><th scope=col>{}</th><th scope=col>{}</th>"
                         "<th scope=col class=l>{}</th><th scope=col>{}</th></tr></thead>\n<tbody>\n",
                         title, tr("med", "with"), level_text(), t_.ci_short, tr("under tallet", "below each value"),
                         t_.target_group, t_.saving_per_use, tr("Forhold til reference", "Ratio to reference"),
                         t_.verdict, tr("Justeret p", "Adjusted p"));
    bool any_suppressed = false;
    for (const auto& c : r_.saving_fairness) {
      html_ += fmt::format("<tr><th scope=row class=l>{}</th>", esc(c.group));
      if (c.suppressed) {
        any_suppressed = true;
        html_ += fmt::format("<td>&lt; {0}</td><td>{1}</td><td>{1}</td><td class=\"l verdict no_data\">{2}</td>"
                             "<td>{1}</td></tr>\n",
                             settings.min_cell_size, kSuppressedMark, tr("skjult", "suppressed"));
        continue;
      }
      const std::string value = std::isfinite(c.value) ? num(c.value, 1) + optional_ci(c.value_ci, 1) : "–";
      const std::string ratio = std::isfinite(c.ratio) ? num(c.ratio, 2) + optional_ci(c.ratio_ci, 2) : "–";
      const std::string p = !std::isfinite(c.p_adjusted) ? "–"
                            : c.p_adjusted < 0.001       ? "&lt; " + num(0.001, 3)
                                                         : num(c.p_adjusted, 3);
      html_ += fmt::format("<td>{}</td><td>{}</td><td>{}</td><td class=\"l verdict {}\">{}<span class=ci>{}</span></td>"
                           "<td>{}</td></tr>\n",
                           integer(c.n), value, ratio, fairness_css(c.verdict), fairness_verdict_text(c.verdict),
                           fairness_reason(c.reason), p);
    }
    html_ += "</tbody>\n</table></div>\n";
    if (any_suppressed) suppressed_footnote();
  }

  // Saving and adoption per conversation type; the plan gives no yearly volumes per type, so no hours here.
  void meeting_type_table(bool did) {
    if (r_.savings_by_meeting_type.empty()) return;
    html_ += fmt::format("<h3>{}</h3>\n<div class=table-wrap><table>\n<caption>{} ({} {}-{} {})</caption>\n<thead><tr>"
                         "<th scope=col class=l>{}</th><th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th>"
                         "<th scope=col>{}</th><th scope=col>{}</th>",
                         tr("Tidsbesparelse pr. samtaletype", "Time saved per conversation type"),
                         tr("Tidsbesparelse pr. samtaletype", "Time saved per conversation type"), tr("med", "with"),
                         level_text(), t_.ci_short, tr("under tallet", "below each value"),
                         tr("Samtaletype", "Conversation type"), t_.n_baseline, t_.n_assisted, t_.minutes_before,
                         t_.minutes_with_ai, t_.saving_per_use);
    if (did) html_ += fmt::format("<th scope=col>{}</th>", t_.did);
    html_ += fmt::format("<th scope=col>{}</th></tr></thead>\n<tbody>\n", t_.adoption);
    bool any_suppressed = false;
    for (const auto& g : r_.savings_by_meeting_type) {
      any_suppressed = any_suppressed || g.suppressed;
      saving_row(g, false, did, false, false);
    }
    html_ += "</tbody>\n</table></div>\n";
    if (any_suppressed) suppressed_footnote();
  }

  void saving_charts(bool did) {
    // Suppressed groups are left out of the charts altogether: an empty slot next to a name invites guessing.
    std::vector<const GroupSaving*> shown;
    for (const auto& g : r_.savings)
      if (!g.suppressed && std::isfinite(g.saving_minutes)) shown.push_back(&g);
    if (shown.empty()) return;
    BarChart minutes;
    minutes.title = tr("Minutter sparet pr. samtale med AI-udkast (95 %-KI; undertrykte grupper udeladt)",
                       "Minutes saved per conversation with an AI draft (95% CI; suppressed groups left out)");
    minutes.y_label = tr("minutter pr. samtale", "minutes per conversation");
    minutes.decimal_sign = da() ? ',' : '.';
    minutes.y_from_zero = false;  // a negative saving must show as a negative bar
    for (const auto* g : shown) minutes.categories.push_back(mask_cpr(g->target_group));
    BarChart hours = minutes;
    hours.title = tr("Timer sparet om året pr. målgruppe (95 %-KI; undertrykte grupper udeladt)",
                     "Hours saved a year per target group (95% CI; suppressed groups left out)");
    hours.y_label = tr("timer om året", "hours a year");
    const auto bar = [&](double GroupSaving::*value, Interval GroupSaving::*ci) {
      return [&, value, ci](const std::string& category) {
        BarValue v;
        for (const auto* g : shown)
          if (mask_cpr(g->target_group) == category && std::isfinite(g->*value)) {
            v.value = g->*value;
            const Interval& i = g->*ci;
            v.lower = std::isfinite(i.lower) ? i.lower : v.value;
            v.upper = std::isfinite(i.upper) ? i.upper : v.value;
          }
        return v;
      };
    };
    add_series(minutes, tr("Før/efter", "Before/after"), bar(&GroupSaving::saving_minutes, &GroupSaving::saving_ci));
    if (did) add_series(minutes, t_.did, bar(&GroupSaving::did_saving_minutes, &GroupSaving::did_ci));
    add_series(hours, t_.hours, bar(&GroupSaving::hours_per_year, &GroupSaving::hours_ci));
    // The same numbers in words, for screen readers and for readers who cannot tell the colours apart.
    std::string minutes_caption, hours_caption;
    for (const auto* g : shown) {
      minutes_caption += (minutes_caption.empty() ? "" : "; ") + esc(g->target_group) + ": " +
                         num(g->saving_minutes, 1) + " min" + caption_ci(g->saving_ci, 1);
      hours_caption += (hours_caption.empty() ? "" : "; ") + esc(g->target_group) + ": " + num(g->hours_per_year, 0) +
                       caption_ci(g->hours_ci, 0);
    }
    bool drawn = false;
    for (const auto& [chart, caption] : {std::pair{&minutes, minutes_caption}, std::pair{&hours, hours_caption}}) {
      if (auto svg = render_bar_chart_svg(*chart)) {
        drawn = true;
        html_ += fmt::format("<figure class=chart role=group aria-label=\"{}\">{}<figcaption>{}</figcaption></figure>\n",
                             html_escape(chart->title), *svg, caption);
      }
    }
    if (!drawn) html_ += fmt::format("<p class=note>{}</p>\n", t_.chart_missing);
  }

  // " (95 %-KI 8,2 til 11,4)" for a figure caption; empty without an interval.
  std::string caption_ci(const Interval& ci, int decimals) const {
    if (!std::isfinite(ci.lower) || !std::isfinite(ci.upper)) return {};
    return fmt::format(" ({}{}{} {})", level_text(), da() ? "-" : " ", t_.ci_short, interval(ci, decimals));
  }

  // Constants of the edit-time model with three significant digits: 0,0031 min per character, 1,42 min.
  std::string significant(double v) const {
    if (!std::isfinite(v)) return "–";
    if (v == 0.0) return num(0.0, 0);
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    return num(v, std::clamp(2 - magnitude, 0, 6));
  }

  void edit_effort() {
    html_ += fmt::format("<section aria-labelledby=sec-edit>\n<h2 id=sec-edit>{}</h2>\n", t_.edit_effort);
    const auto& e = r_.edit;
    if (e.pairs == 0) {
      html_ += fmt::format("<p>{}</p>\n", tr("Der er ingen par af AI-udkast og journalført notat at sammenligne.",
                                             "There are no pairs of AI draft and filed note to compare."));
    } else {
      html_ += fmt::format(
          "<p>{}</p>\n",
          tr("Hvor meget medarbejderne retter i AI-udkastet, før notatet journalføres. <b>HTER</b> er antallet af "
             "ordrettelser (indsatte, slettede, udskiftede og flyttede ord) delt med antallet af ord i det "
             "journalførte notat: 0 % betyder, at udkastet blev brugt uændret.",
             "How much caseworkers change the AI draft before the note is filed. <b>HTER</b> is the number of word "
             "edits (inserted, deleted, substituted and moved words) divided by the words of the filed note: 0% means "
             "the draft was filed unchanged."));
      html_ += fmt::format("<div class=table-wrap><table>\n<caption>{}</caption>\n<thead><tr><th scope=col>{}</th><th scope=col>HTER</th>"
                           "<th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th></tr>"
                           "</thead>\n<tbody><tr><td>{}</td>{}{}<td>{}</td><td>{}</td><td>{}</td></tr></tbody>\n</table></div>\n",
                           tr("Redigering af AI-udkast", "Editing of AI drafts"),
                           tr("Udkast sammenlignet", "Drafts compared"), tr("Udkastets ord bevaret", "Draft words kept"),
                           tr("Indsatte ord pr. notat", "Inserted words per note"),
                           tr("Slettede ord pr. notat", "Deleted words per note"),
                           tr("Rettede steder pr. notat", "Places edited per note"), integer(e.pairs),
                           value_cell(false, e.hter, 1, &e.hter_ci, 100.0, da() ? " %" : "%"),
                           value_cell(false, e.kept_share, 1, nullptr, 100.0, da() ? " %" : "%"),
                           num(e.inserted_words, 1), num(e.deleted_words, 1), num(e.edit_spans, 1));
    }
    const auto& m = r_.model;
    html_ += fmt::format("<h3>{}</h3>\n<p>{}</p>\n", tr("Redigeringstidsmodel", "Edit-time model"),
                         tr("Modellen forklarer minutterne til at læse og rette et udkast: minutter = fast tid + a × ord "
                            "i udkastet + b × indsatte tegn + c × rettede steder (læsning, indtastning og den tid det "
                            "tager at finde og rette hvert sted). Konstanterne er tilpasset de loggede minutter med "
                            "mindste kvadraters metode.",
                            "The model explains the minutes spent reading and correcting a draft: minutes = fixed time + "
                            "a × draft words + b × inserted characters + c × places edited (reading, typing, and the "
                            "time to find and fix each place). The constants are fitted to the logged minutes by least "
                            "squares."));
    if (!m.fitted) {
      html_ += fmt::format("<p class=note>{}{}</p>\n", tr("Modellen er ikke tilpasset. ", "The model was not fitted. "),
                           esc(m.note));
    } else {
      html_ += fmt::format("<div class=table-wrap><table>\n<caption>{}</caption>\n<thead><tr><th scope=col class=l>{}</th><th scope=col>{}</th>"
                           "<th scope=col>{}</th></tr></thead>\n<tbody>\n",
                           tr("Modellens konstanter", "Model constants"), tr("Konstant", "Constant"),
                           tr("Estimat", "Estimate"), tr("Standardfejl", "Standard error"));
      const auto row = [&](const char* name, double v, double se) {
        html_ += fmt::format("<tr><th scope=row class=l>{}</th><td>{}</td><td>{}</td></tr>\n", name, significant(v),
                             significant(se));
      };
      row(tr("Fast tid (min)", "Fixed time (min)"), m.intercept, m.se_intercept);
      row(tr("a: min pr. ord i udkastet", "a: min per draft word"), m.per_draft_word, m.se_per_draft_word);
      row(tr("b: min pr. indsat tegn", "b: min per inserted character"), m.per_inserted_char, m.se_per_inserted_char);
      row(tr("c: min pr. rettet sted", "c: min per place edited"), m.per_edit_span, m.se_per_edit_span);
      html_ += "</tbody>\n</table></div>\n";
      html_ += fmt::format("<p>{} n = {}, R² = {}, {} = {} min.{}</p>\n",
                           tr("Tilpasset på", "Fitted on"), integer(m.n), num(m.r_squared, 2),
                           tr("typisk afvigelse (RMSE)", "typical error (RMSE)"), num(m.rmse_minutes, 1),
                           m.note.empty() ? std::string() : " " + esc(m.note));
    }
    if (m.estimated > 0)
      html_ += fmt::format("<p class=estimated>{} <b>{}</b> {}</p>\n",
                           tr("Minutterne er estimeret med modellen for", "The minutes were estimated with the model for"),
                           integer(m.estimated),
                           tr("samtaler, hvor tiden ikke var logget. De er markeret „estimeret“ i rapporten.",
                              "conversations whose time was not logged. They are labelled “estimated” in the report."));
    html_ += "</section>\n";
  }

  void method() {
    html_ += fmt::format("<section aria-labelledby=sec-method>\n<h2 id=sec-method>{}</h2>\n<ul>\n", t_.method);
    for (const auto& item : method_items(r_, lang_))
      html_ += fmt::format("<li><b>{}.</b> {}</li>\n", html_escape(item.heading), esc(item.text));
    for (const auto& limit : r_.limits) html_ += "<li>" + esc(limit) + "</li>\n";
    html_ += "</ul>\n</section>\n";
  }

  void footer() {
    html_ += "</main>\n<footer>\n";
    html_ += fmt::format("{}: {}", t_.plan, r_.plan_name.empty() ? "–" : esc(r_.plan_name));
    if (!r_.municipality.empty()) html_ += fmt::format(" · {}: {}", t_.municipality, esc(r_.municipality));
    html_ += fmt::format(" · {}: {} · {}: {} · bootstrap: {}", t_.code_version,
                         r_.code_version.empty() ? "–" : esc(r_.code_version), t_.seed, r_.seed, integer(r_.replicates));
    if (!r_.generated_at.empty()) html_ += fmt::format(" · {}: {}", t_.generated, esc(r_.generated_at));
    html_ += "\n</footer>\n</body>\n</html>\n";
  }

  const BaselineReport& r_;
  ReportLanguage lang_;
  const CommitteeText& t_;
  CommitteeHtmlOptions options_;
  std::string html_;
};

}  // namespace

std::string committee_html(const BaselineReport& report, ReportLanguage lang, const CommitteeHtmlOptions& options) {
  return Writer(report, lang, options).render();
}

}  // namespace pb
