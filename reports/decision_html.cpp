#include "reports/decision_html.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reports/fairness_html.h"
#include "reports/html_report.h"
#include "reports/reliability_chart.h"

namespace pb {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1200px; color: #1d1d1f; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 2px solid #e5e5e5; padding-bottom: .3rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; } h4 { font-size: .98rem; margin-top: 1.1rem; }
.meta { color: #555; font-size: .9rem; } .meta code { font-size: .85rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; display: block; max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid #d9d9d9; padding: .3rem .6rem; text-align: right; white-space: nowrap; }
th { background: #f4f6f8; white-space: normal; } td.l, th.l { text-align: left; white-space: normal; }
tr.suppressed td { color: #888; font-style: italic; } tr.all td { font-weight: 600; }
.met { background: #e3f4e8; color: #17622f; font-weight: 600; } .notmet { background: #fbe4e6; color: #8f1422; font-weight: 600; }
.inconclusive { background: #fff4d6; color: #7a5600; font-weight: 600; } .na { color: #888; }
.note { background: #f7f7f9; border-left: 4px solid #1f5fa8; padding: .6rem .9rem; font-size: .9rem; }
.secondary { background: #fafafa; border-left: 4px solid #aaa; padding: .2rem .9rem; }
.chart svg { max-width: 100%; height: auto; }
)css";

class Writer {
 public:
  Writer(const DecisionResults& r, ReportLanguage lang, const DecisionHtmlOptions& options)
      : r_(r), lang_(lang), options_(options) {}

  std::string render() {
    head();
    headline();
    for (const auto& s : r_.solutions) solution(s);
    fairness();
    method();
    html_ += "</body>\n</html>\n";
    return std::move(html_);
  }

 private:
  const DecisionResults& r_;
  ReportLanguage lang_;
  DecisionHtmlOptions options_;
  std::string html_;

  bool da() const { return lang_ == ReportLanguage::da; }
  const char* t(const char* en, const char* da_text) const { return da() ? da_text : en; }

  // --- number formatting -----------------------------------------------------------------------------------------

  std::string num(double v, int decimals) const { return format_number(v, decimals, lang_); }
  std::string pct(double v) const { return format_percent(v, 1, lang_); }
  std::string range(const std::optional<ConfidenceInterval>& ci, bool percent, int decimals) const {
    if (!ci || !std::isfinite(ci->lower) || !std::isfinite(ci->upper)) return "";
    const double scale = percent ? 100.0 : 1.0;
    return fmt::format("{} {} {}{}", num(scale * ci->lower, decimals), t("to", "til"), num(scale * ci->upper, decimals),
                       percent ? (da() ? " %" : "%") : "");
  }
  std::string undefined(const std::string& reason) const {
    return reason.empty() ? "–" : fmt::format("<span title=\"{}\">–</span>", html_escape(reason));
  }
  // Value, then its interval in brackets on the same cell; "–" with the reason as tooltip when undefined.
  std::string estimate(const Estimate& e, bool percent, int decimals) const {
    if (!std::isfinite(e.value)) return undefined(e.undefined_reason.empty() ? t("undefined", "udefineret") : e.undefined_reason);
    std::string text = percent ? format_percent(e.value, decimals, lang_) : num(e.value, decimals);
    const std::string ci = range(e.ci, percent, decimals);
    if (!ci.empty()) text += " <small>[" + ci + "]</small>";
    return text;
  }
  // Percentage points for a difference of shares.
  std::string gain(const Estimate& e, bool percent) const {
    if (!percent) return estimate(e, false, 3);
    if (!std::isfinite(e.value)) return undefined(e.undefined_reason.empty() ? t("undefined", "udefineret") : e.undefined_reason);
    std::string text = num(100.0 * e.value, 1) + t(" pp", " pct.-point");
    if (e.ci && std::isfinite(e.ci->lower) && std::isfinite(e.ci->upper))
      text += fmt::format(" <small>[{} {} {}]</small>", num(100.0 * e.ci->lower, 1), t("to", "til"), num(100.0 * e.ci->upper, 1));
    return text;
  }
  std::string rate(const RateFigure& f) const {
    if (!std::isfinite(f.value))
      return undefined(fmt::format("{} ({} / {})", t("undefined: no cases in the denominator", "udefineret: ingen sager i nævneren"),
                                   f.numerator, f.denominator));
    const std::string ci = range(f.ci, true, 1);
    return fmt::format("<span title=\"{} / {}{}{}\">{}</span>", f.numerator, f.denominator, ci.empty() ? "" : "; CI ",
                       ci, pct(f.value));
  }

  std::string group_cells(const std::string& grouping, const std::string& group) const {
    return fmt::format("<td class=l>{}</td><td class=l>{}</td>", html_escape(grouping == "all" ? t("all", "alle") : grouping),
                       html_escape(group));
  }
  // The run's suppression entry for a group of a breakdown: its table is the grouping itself or "<what>: grouping".
  const SuppressedGroup* suppression_of(const std::string& grouping, const std::string& group) const {
    const std::string suffix = ": " + grouping;
    for (const auto& s : r_.suppressed_groups) {
      const bool same_table = s.table == grouping || (s.table.size() > suffix.size() &&
                                                      s.table.compare(s.table.size() - suffix.size(), suffix.size(), suffix) == 0);
      if (same_table && s.group == group) return &s;
    }
    return nullptr;
  }

  // The row of a suppressed group: its name and "< min", nothing else; why, when the run's suppression list says.
  void suppressed_row(const std::string& grouping, const std::string& group, int columns) {
    const SuppressedGroup* why = suppression_of(grouping, group);
    const std::string text =
        why && why->reason == "secondary"
            ? t("suppressed so that a small group cannot be recovered from the total",
                "skjult, så en lille gruppe ikke kan regnes ud fra totalen")
        : why ? fmt::format(fmt::runtime(t("suppressed: fewer than {} cases", "skjult: færre end {} sager")), r_.min_cell_size)
              : fmt::format(fmt::runtime(t("suppressed (fewer than {} cases, or hidden to protect a small group)",
                                           "skjult (færre end {} sager, eller skjult for at beskytte en lille gruppe)")),
                            r_.min_cell_size);
    html_ += fmt::format("<tr class=suppressed>{}<td>&lt; {}</td><td colspan={} class=l>{}</td></tr>\n",
                         group_cells(grouping, group), r_.min_cell_size, columns, text);
  }

  // --- sections --------------------------------------------------------------------------------------------------

  void head() {
    html_ += fmt::format("<!DOCTYPE html>\n<html lang={}>\n<head>\n<meta charset=utf-8>\n", to_string(lang_));
    html_ += fmt::format("<title>{}: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                         t("Decision support", "Beslutningsstøtte"), html_escape(r_.scenario_name), kStyle);
    html_ += fmt::format("<h1>{}: {}</h1>\n", t("Decision support", "Beslutningsstøtte"), html_escape(r_.scenario_name));
    if (!r_.scenario_description.empty()) html_ += "<p>" + html_escape(r_.scenario_description) + "</p>\n";
    html_ += fmt::format(
        "<p class=meta>{} {} · {} {} – {} · {} <code>{}</code> · {} <code>{}</code> · {} <code>{}</code> · "
        "{} {} · {} <code>{}</code></p>\n",
        t("Run", "Kørsel"), r_.run_id, t("time", "tid"), html_escape(r_.started_at), html_escape(r_.finished_at),
        t("scenario", "scenarie"), html_escape(r_.scenario_hash.substr(0, 12)), t("dataset", "datasæt"),
        html_escape(r_.dataset_hash.substr(0, 12)), t("code", "kode"), html_escape(r_.code_version), t("seed", "frø"),
        r_.seed, t("status", "status"), html_escape(r_.status));
  }

  void headline() {
    html_ += fmt::format("<h2>{}</h2>\n", t("What was evaluated", "Hvad blev evalueret"));
    html_ += fmt::format(
        fmt::runtime(t("<p>The dataset has <b>{}</b> cases: <b>{}</b> were used to train the solutions that learn, and "
                       "<b>{}</b> held-out cases were decided on by every solution and are the basis of every figure "
                       "below. {} solution(s) were evaluated.</p>\n",
                       "<p>Datasættet har <b>{}</b> sager: <b>{}</b> blev brugt til at træne de løsninger, der lærer, og "
                       "<b>{}</b> tilbageholdte sager blev afgjort af hver løsning og er grundlaget for alle tal "
                       "nedenfor. {} løsning(er) blev evalueret.</p>\n")),
        r_.dataset_cases, r_.training_cases, r_.evaluated_cases, r_.solutions.size());
    html_ += fmt::format("<table><tr><th class=l>{}</th><th class=l>Adapter</th><th class=l>{}</th><th class=l>{}</th>"
                         "<th>{}</th><th>{}</th><th>{}</th></tr>\n",
                         t("Solution", "Løsning"), t("Training", "Træning"), t("Decides", "Afgør"), t("Planned", "Planlagt"),
                         t("Decided", "Afgjort"), t("Failed", "Fejlet"));
    for (const auto& s : r_.solutions) {
      std::string decides;
      if (s.has_risk) decides += t("risk score", "risikoscore");
      if (s.has_recommendation) decides += std::string(decides.empty() ? "" : ", ") + t("intervention", "indsats");
      if (s.has_segments) decides += std::string(decides.empty() ? "" : ", ") + t("segment", "segment");
      html_ += fmt::format("<tr><td class=l>{}</td><td class=l>{}</td><td class=l>{}</td><td class=l>{}</td><td>{}</td>"
                           "<td>{}</td><td>{}</td></tr>\n",
                           html_escape(s.name), html_escape(s.adapter),
                           s.training.empty() ? t("does not learn", "lærer ikke") : html_escape(s.training), decides,
                           s.items_planned, s.items_ok, s.items_failed);
    }
    html_ += "</table>\n";
  }

  void solution(const DecisionSolutionResults& s) {
    html_ += fmt::format("<h2>{}</h2>\n", html_escape(s.name));
    if (s.has_risk) risk(s);
    if (s.has_recommendation) policy(s);
    if (s.has_segments) segments(s);
    failures(s);
  }

  void risk(const DecisionSolutionResults& s) {
    html_ += fmt::format("<h3>{}</h3>\n", t("Risk-score quality", "Risikoscorens kvalitet"));
    html_ += fmt::format(
        fmt::runtime(t("<p>AUC: how well the score ranks cases that reach the risk (1 = perfect, 0.5 = chance). Brier "
                       "and ECE: how far the scores are from the observed rates (lower is better). A calibration slope "
                       "of 1 and intercept of 0 mean calibrated scores. Rates are at the threshold {}: a case is "
                       "flagged when its score is at least the threshold.</p>\n",
                       "<p>AUC: hvor godt scoren rangerer sager, hvor risikoen indtræffer (1 = perfekt, 0,5 = tilfældigt). "
                       "Brier og ECE: hvor langt scorerne er fra de observerede andele (lavere er bedre). Hældning 1 og "
                       "skæring 0 betyder kalibrerede scorer. Andelene er ved tærsklen {}: en sag udpeges, når dens "
                       "score er mindst tærsklen.</p>\n")),
        num(r_.risk_threshold, 2));
    html_ += fmt::format(
        "<table><tr><th class=l>{}</th><th class=l>{}</th><th>n</th><th>{}</th><th>AUC</th><th>Brier</th><th>ECE</th>"
        "<th>{}</th><th>{}</th><th>TPR</th><th>FPR</th><th>FNR</th><th>FOR</th><th>PPV</th><th>{}</th></tr>\n",
        t("Grouping", "Opdeling"), t("Group", "Gruppe"), t("Positives", "Positive"),
        t("Calibration slope", "Kalibreringshældning"), t("Calibration intercept", "Kalibreringsskæring"),
        t("Selection rate", "Andel udpeget"));
    for (const auto& g : s.risk) {
      if (g.suppressed) {
        suppressed_row(g.grouping, g.group, 12);
        continue;
      }
      html_ += fmt::format("<tr{}>{}<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                           g.grouping == "all" ? " class=all" : "", group_cells(g.grouping, g.group), g.n, g.positives,
                           estimate(g.auc, false, 3), estimate(g.brier, false, 3), estimate(g.ece, false, 3),
                           estimate(g.calibration_slope, false, 2), estimate(g.calibration_intercept, false, 2));
      html_ += fmt::format("<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", rate(g.tpr),
                           rate(g.fpr), rate(g.fnr), rate(g.false_omission), rate(g.ppv), rate(g.selection_rate));
    }
    html_ += "</table>\n";
    if (!s.parity.empty()) {
      html_ += fmt::format("<h4>{}</h4>\n<p>{}</p>\n", t("Parity between groups", "Lighed mellem grupper"),
                           t("Demographic parity compares the selection rates of the shown groups, equalised odds their "
                             "true and false positive rates: difference = largest − smallest (0 is equal), ratio = "
                             "smallest / largest (1 is equal).",
                             "Demografisk paritet sammenligner de viste gruppers andel udpeget, equalised odds deres sand "
                             "og falsk positiv-rater: forskel = største − mindste (0 er lige), ratio = mindste / største "
                             "(1 er lige)."));
      html_ += fmt::format("<table><tr><th class=l>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                           t("Grouping", "Opdeling"), t("Demographic parity difference", "Demografisk paritet, forskel"),
                           t("Demographic parity ratio", "Demografisk paritet, ratio"),
                           t("Equalised odds difference", "Equalised odds, forskel"),
                           t("Equalised odds ratio", "Equalised odds, ratio"));
      for (const auto& p : s.parity) {
        const auto figure = [&](double v) { return std::isfinite(v) ? num(v, 3) : undefined(p.undefined_reason); };
        html_ += fmt::format("<tr><td class=l>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                             html_escape(p.grouping), figure(p.demographic_parity_difference),
                             figure(p.demographic_parity_ratio), figure(p.equalised_odds_difference),
                             figure(p.equalised_odds_ratio));
      }
      html_ += "</table>\n";
    }
    reliability(s);
  }

  // One chart per solution: "alle" and the shown groups of the first grouping.
  void reliability(const DecisionSolutionResults& s) {
    if (!options_.charts) return;
    std::vector<std::pair<std::string, const std::vector<ReliabilityPoint>*>> groups;
    const std::string first_grouping = r_.groupings.empty() ? "" : r_.groupings.front();
    for (const auto& g : s.risk) {
      if (g.suppressed || g.reliability.empty()) continue;
      if (g.grouping == "all") groups.emplace_back(t("all", "alle"), &g.reliability);
      else if (g.grouping == first_grouping) groups.emplace_back(g.group, &g.reliability);
    }
    if (groups.empty()) return;
    html_ += fmt::format("<h4>{}</h4>\n", t("Reliability diagram", "Kalibreringsdiagram"));
    XyChart chart = reliability_diagram(
        fmt::format("{}: {}", s.name, t("observed rate per score bin", "observeret andel pr. scoreinterval")),
        t("Mean score in bin", "Gennemsnitlig score i intervallet"), t("Observed rate", "Observeret andel"),
        t("perfect calibration", "perfekt kalibrering"), groups);
    chart.decimal_sign = da() ? ',' : '.';
    chart_or_note(render_xy_chart_svg(chart));
  }

  void chart_or_note(const std::optional<std::string>& svg) {
    if (svg)
      html_ += "<div class=chart>" + *svg + "</div>\n";
    else
      html_ += fmt::format("<p class=note>{}</p>\n", t("Chart not drawn: gnuplot is not installed (scripts/install-deps "
                                                       "installs it).",
                                                       "Diagrammet er ikke tegnet: gnuplot er ikke installeret "
                                                       "(scripts/install-deps installerer det)."));
  }

  // Policy values are shown as percentages when every defined one lies in 0–1 (a share such as "in job after 26
  // weeks"); otherwise as plain numbers.
  static bool policy_in_unit_interval(const DecisionSolutionResults& s) {
    for (const auto& g : s.policy)
      for (const Estimate* e : {&g.current_practice, &g.ipw, &g.snipw, &g.dr})
        if (std::isfinite(e->value) && (e->value < 0.0 || e->value > 1.0)) return false;
    return true;
  }

  void policy(const DecisionSolutionResults& s) {
    const bool percent = policy_in_unit_interval(s);
    html_ += fmt::format("<h3>{}</h3>\n", t("Policy value: what following the recommendations would achieve",
                                            "Politikværdi: hvad det ville give at følge anbefalingerne"));
    html_ += fmt::format(
        fmt::runtime(t("<p class=note><b>The measure is policy value, not agreement.</b> Policy value estimates the mean "
                       "outcome (<code>{}</code>) if every case got the recommended intervention, from what happened "
                       "under current practice (off-policy evaluation). A recommender that copies the caseworker would "
                       "agree fully and gain nothing. DR (doubly robust) is the main estimate; IPW and SNIPW reweight the "
                       "matching cases by the inverse propensity and agree with DR when the propensities are good. The "
                       "gain is DR − current practice with a paired bootstrap interval.</p>\n",
                       "<p class=note><b>Målet er politikværdi, ikke enighed.</b> Politikværdien anslår det gennemsnitlige "
                       "udfald (<code>{}</code>), hvis hver sag fik den anbefalede indsats, ud fra hvad der skete med den "
                       "nuværende praksis (off-policy-evaluering). En anbefaler, der kopierer sagsbehandleren, ville "
                       "være helt enig og intet vinde. DR (dobbelt robust) er hovedestimatet; IPW og SNIPW vægter de "
                       "sager, hvor indsatsen stemmer, med den inverse propensitet og er tæt på DR, når propensiteterne "
                       "er gode. Gevinsten er DR − nuværende praksis med et parret bootstrap-interval.</p>\n")),
        html_escape(r_.outcome));
    html_ += fmt::format(
        "<table><tr><th class=l>{}</th><th class=l>{}</th><th>n</th><th>{}</th><th>IPW</th><th>SNIPW</th><th>DR</th>"
        "<th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>ESS</th><th class=l>{}</th></tr>\n",
        t("Grouping", "Opdeling"), t("Group", "Gruppe"), t("Current practice", "Nuværende praksis"),
        t("DR gain", "DR-gevinst"), t("Matching", "Stemmer overens"), t("Share clipped", "Andel klippet"),
        t("Max weight", "Største vægt"), t("Reason", "Begrundelse"));
    for (const auto& g : s.policy) {
      if (g.suppressed) {
        suppressed_row(g.grouping, g.group, 11);
        continue;
      }
      html_ += fmt::format("<tr{}>{}<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><b>{}</b></td><td>{}</td>"
                           "<td>{}</td><td>{}</td><td>{}</td><td class=l>{}</td></tr>\n",
                           g.grouping == "all" ? " class=all" : "", group_cells(g.grouping, g.group), g.n,
                           estimate(g.current_practice, percent, 1), estimate(g.ipw, percent, 1),
                           estimate(g.snipw, percent, 1), estimate(g.dr, percent, 1), gain(g.dr_gain, percent),
                           g.matching, pct(g.share_clipped), num(g.max_weight, 1), num(g.effective_sample_size, 1),
                           html_escape(g.reason));
    }
    html_ += "</table>\n";

    html_ += fmt::format("<div class=secondary><h4>{}</h4>\n<p>{}</p>\n",
                         t("Secondary figure: agreement with the caseworker", "Sekundært tal: enighed med sagsbehandleren"),
                         t("The share of cases where the recommendation equals the caseworker's own choice. It is shown "
                           "for context only: high agreement is not evidence of a good recommendation.",
                           "Andelen af sager, hvor anbefalingen er den samme som sagsbehandlerens eget valg. Den vises kun "
                           "som baggrund: høj enighed er ikke bevis for en god anbefaling."));
    html_ += fmt::format("<table><tr><th class=l>{}</th><th class=l>{}</th><th>n</th><th>{}</th><th>{}</th></tr>\n",
                         t("Grouping", "Opdeling"), t("Group", "Gruppe"), t("Agree / with a choice", "Enige / med et valg"),
                         t("Agreement (secondary)", "Enighed (sekundær)"));
    for (const auto& g : s.policy) {
      if (g.suppressed) {
        suppressed_row(g.grouping, g.group, 2);
        continue;
      }
      const RateFigure& a = g.agreement_with_caseworker;
      html_ += fmt::format("<tr>{}<td>{}</td><td>{} / {}</td><td>{}</td></tr>\n", group_cells(g.grouping, g.group), g.n,
                           a.numerator, a.denominator, rate(a));
    }
    html_ += "</table></div>\n";

    if (!r_.interventions.empty()) {
      html_ += fmt::format("<h4>{}</h4>\n<table><tr><th class=l>{}</th><th class=l>{}</th><th>n</th>",
                           t("Recommended interventions", "Anbefalede indsatser"), t("Grouping", "Opdeling"),
                           t("Group", "Gruppe"));
      for (const auto& i : r_.interventions)
        html_ += "<th>" + html_escape(i) + (i == r_.no_intervention ? t(" (no intervention)", " (ingen indsats)") : "") +
                 "</th>";
      html_ += "</tr>\n";
      for (const auto& g : s.policy) {
        if (g.suppressed) {
          suppressed_row(g.grouping, g.group, static_cast<int>(r_.interventions.size()));
          continue;
        }
        html_ += fmt::format("<tr>{}<td>{}</td>", group_cells(g.grouping, g.group), g.n);
        for (std::size_t i = 0; i < r_.interventions.size(); ++i)
          html_ += "<td>" + (i < g.recommended_shares.size() ? pct(g.recommended_shares[i]) : std::string("–")) + "</td>";
        html_ += "</tr>\n";
      }
      html_ += "</table>\n";
    }
    qini(s);
  }

  void qini(const DecisionSolutionResults& s) {
    const QiniResult& q = s.qini;
    // Nothing to say when the builder filled no Qini result (no uplift ranking for this solution).
    if (q.points.empty() && q.treated_definition.empty() && q.coefficient.undefined_reason.empty()) return;
    html_ += fmt::format("<h4>{}</h4>\n", t("Qini curve (uplift ranking)", "Qini-kurve (uplift-rangering)"));
    html_ += fmt::format(
        fmt::runtime(t("<p>Cases ranked by the solution's expected gain from treatment; the curve is the cumulative "
                       "incremental outcome of treating the top share, and the dashed line is random targeting. "
                       "Treated means {}. Qini coefficient: {}; area under the curve: {}.</p>\n",
                       "<p>Sagerne rangeret efter løsningens forventede gevinst af en indsats; kurven er det "
                       "akkumulerede ekstra udfald ved at give indsats til den øverste andel, og den stiplede linje er "
                       "tilfældig udvælgelse. Behandlet betyder {}. Qini-koefficient: {}; areal under kurven: {}.</p>\n")),
        html_escape(q.treated_definition), estimate(q.coefficient, false, 3), estimate(q.area, false, 3));
    if (!options_.charts || q.points.empty()) return;
    XyChart chart = qini_chart(fmt::format("{}: Qini", s.name), t("Share targeted", "Andel udvalgt"),
                               t("Incremental gain", "Ekstra udfald"), t("solution's ranking", "løsningens rangering"),
                               t("random targeting", "tilfældig udvælgelse"), q);
    chart.decimal_sign = da() ? ',' : '.';
    chart_or_note(render_xy_chart_svg(chart));
  }

  void segments(const DecisionSolutionResults& s) {
    html_ += fmt::format("<h3>{}</h3>\n<table><tr><th class=l>{}</th><th class=l>{}</th><th>n</th>",
                         t("Segments", "Segmenter"), t("Grouping", "Opdeling"), t("Group", "Gruppe"));
    for (const auto& label : s.segment_labels) html_ += "<th>" + html_escape(label) + "</th>";
    html_ += "</tr>\n";
    for (const auto& g : s.segments) {
      if (g.suppressed) {
        suppressed_row(g.grouping, g.group, static_cast<int>(s.segment_labels.size()));
        continue;
      }
      html_ += fmt::format("<tr{}>{}<td>{}</td>", g.grouping == "all" ? " class=all" : "", group_cells(g.grouping, g.group), g.n);
      for (std::size_t i = 0; i < s.segment_labels.size(); ++i)
        html_ += "<td>" + (i < g.segments.size() ? rate(g.segments[i]) : std::string("–")) + "</td>";
      html_ += "</tr>\n";
    }
    html_ += "</table>\n";
  }

  void failures(const DecisionSolutionResults& s) {
    if (s.failures.empty()) return;
    html_ += fmt::format("<h3>{}</h3>\n<table><tr><th class=l>{}</th><th>{}</th></tr>\n", t("Failures", "Fejl"),
                         t("Reason", "Årsag"), t("Cases", "Sager"));
    for (const auto& [reason, count] : s.failures)
      html_ += fmt::format("<tr><td class=l>{}</td><td>{}</td></tr>\n", html_escape(reason), count);
    html_ += "</table>\n";
  }

  void fairness() {
    FairnessCellsBySolution per_solution;
    for (const auto& s : r_.solutions) per_solution.emplace_back(s.name, &s.fairness);
    FairnessBlockOptions options;
    options.language = lang_;
    options.charts = options_.charts;
    append_fairness_block(html_, per_solution, r_.fairness, r_.suppressed_groups, options);
  }

  void method() {
    html_ += fmt::format("<h2>{}</h2>\n<ul>\n", t("Method", "Metode"));
    const auto item = [&](const char* heading, const std::string& text) {
      html_ += fmt::format("<li><b>{}</b>: {}</li>\n", heading, text);
    };
    item(t("Threshold", "Tærskel"),
         fmt::format(fmt::runtime(t("a case is flagged when its risk score is at least {}.",
                                    "en sag udpeges, når dens risikoscore er mindst {}.")),
                     num(r_.risk_threshold, 2)));
    item(t("Calibration", "Kalibrering"),
         fmt::format(fmt::runtime(t("{} equal-mass bins (each holds about the same number of cases); ECE is the "
                                    "case-weighted mean gap between mean score and observed rate; Wilson intervals for "
                                    "the observed rates; slope and intercept from a logistic regression of the outcome "
                                    "on the logit of the score.",
                                    "{} intervaller med lige mange sager; ECE er det sagsvægtede gennemsnit af afstanden "
                                    "mellem gennemsnitlig score og observeret andel; Wilson-intervaller for de "
                                    "observerede andele; hældning og skæring fra en logistisk regression af udfaldet på "
                                    "scorens logit.")),
                     r_.calibration_bins));
    item(t("Propensity", "Propensitet"),
         fmt::format(fmt::runtime(t("{}; propensities below {} are clipped to it (the share clipped is reported).",
                                    "{}; propensiteter under {} klippes til den (andelen klippet vises).")),
                     html_escape(r_.propensity_source), num(r_.propensity_floor, 3)));
    item(t("Outcome model", "Udfaldsmodel"),
         fmt::format(fmt::runtime(t("cross-fitted over {} folds, so no case's prediction uses its own outcome.",
                                    "krydstilpasset over {} fold, så ingen sags forudsigelse bruger dens eget udfald.")),
                     r_.cross_fit_folds));
    item(t("Outcome", "Udfald"),
         fmt::format(fmt::runtime(t("<code>{}</code>; interventions {} (no intervention: <code>{}</code>).",
                                    "<code>{}</code>; indsatser {} (ingen indsats: <code>{}</code>).")),
                     html_escape(r_.outcome), html_escape(fmt::format("{}", fmt::join(r_.interventions, ", "))),
                     html_escape(r_.no_intervention)));
    item(t("Uncertainty", "Usikkerhed"),
         fmt::format(fmt::runtime(t("{} confidence intervals; {} bootstrap replicates; DeLong intervals for AUC.",
                                    "{}-konfidensintervaller; {} bootstrap-gentagelser; DeLong-intervaller for AUC.")),
                     format_percent(r_.confidence_level, 0, lang_), r_.bootstrap_replicates));
    item(t("Suppression", "Diskretion"),
         fmt::format(fmt::runtime(t("groups with fewer than {} cases are shown as “&lt; {}” without figures, and one "
                                    "more group is hidden where needed so that a small group cannot be recovered from "
                                    "the total.",
                                    "grupper med færre end {} sager vises som “&lt; {}” uden tal, og en gruppe mere "
                                    "skjules, hvor det er nødvendigt, så en lille gruppe ikke kan regnes ud fra "
                                    "totalen.")),
                     r_.min_cell_size, r_.min_cell_size));
    html_ += "</ul>\n";
  }
};

}  // namespace

std::string render_decision_html(const DecisionResults& results, ReportLanguage language,
                                 const DecisionHtmlOptions& options) {
  return Writer(results, language, options).render();
}

}  // namespace pb
