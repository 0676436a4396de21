#include "reports/committee_text.h"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace pb {
namespace {

constexpr CommitteeText kDanish{
    .title = "Baseline og målbillede",
    .summary = "Sammenfatning",
    .measured = "Hvad er målt, og hvordan",
    .kpi_results = "Resultater pr. KPI og målepunkt",
    .progress = "Udvikling over målepunkterne",
    .time_saved = "Tidsbesparelse pr. målgruppe",
    .edit_effort = "Redigering af AI-udkast",
    .method = "Metode og begrænsninger",
    .minutes_saved_per_conversation = "minutter sparet pr. samtale",
    .hours_per_year = "timer om året",
    .fte_per_year = "årsværk om året",
    .dkk_per_year = "kr. om året",
    .measured_on = "Målt på",
    .conversations = "samtaler",
    .kpis_met = "opfyldt",
    .kpis_not_met = "ikke opfyldt",
    .kpis_inconclusive = "uafklaret",
    .ci = "konfidensinterval",
    .ci_short = "KI",
    .point = "Målepunkt",
    .kind = "Type",
    .period = "Periode",
    .ai_used = "Med AI-udkast",
    .estimated_minutes = "Estimerede minutter",
    .survey_answers = "Svar i spørgeskema",
    .source = "Datakilde",
    .kpi = "KPI",
    .value = "Værdi",
    .target_likely = "Mål (forventet)",
    .pessimistic = "Pessimistisk",
    .optimistic = "Optimistisk",
    .verdict = "Vurdering",
    .scenario = "Scenarie nået",
    .lower_is_better = "lavere er bedre",
    .higher_is_better = "højere er bedre",
    .target_group = "Målgruppe",
    .all_groups = "Alle målgrupper",
    .n_baseline = "Samtaler før",
    .n_assisted = "Samtaler med AI",
    .minutes_before = "Minutter før",
    .minutes_with_ai = "Minutter med AI",
    .saving_per_use = "Besparelse pr. samtale (min)",
    .did = "Forskel-i-forskelle (min)",
    .adoption = "Anvendelse",
    .annual_volume = "Samtaler om året",
    .hours = "Timer om året",
    .fte = "Årsværk",
    .dkk = "Kr. om året",
    .estimated = "estimeret",
    .suppressed_note = "Undertrykt: færre end {} samtaler i gruppen. Små grupper vises ikke, så ingen borger eller "
                       "medarbejder kan genkendes.",
    .yes = "ja",
    .no = "nej",
    .chart_missing = "Diagrammet er ikke tegnet, fordi gnuplot ikke er installeret (scripts/install-deps installerer det).",
    .no_follow_up = "Der er endnu ikke registreret et opfølgende målepunkt, så tidsbesparelsen kan ikke beregnes.",
    .generated = "Dannet",
    .code_version = "pilotbench-version",
    .seed = "Seed",
    .plan = "Måleplan",
    .municipality = "Kommune",
    .note = "Bemærkning",
};

constexpr CommitteeText kEnglish{
    .title = "Baseline and target picture",
    .summary = "Summary",
    .measured = "What was measured, and how",
    .kpi_results = "Results per KPI and measurement point",
    .progress = "Progress across measurement points",
    .time_saved = "Time saved per target group",
    .edit_effort = "Editing of AI drafts",
    .method = "Method and limits",
    .minutes_saved_per_conversation = "minutes saved per conversation",
    .hours_per_year = "hours a year",
    .fte_per_year = "full-time equivalents a year",
    .dkk_per_year = "DKK a year",
    .measured_on = "Measured on",
    .conversations = "conversations",
    .kpis_met = "met",
    .kpis_not_met = "not met",
    .kpis_inconclusive = "inconclusive",
    .ci = "confidence interval",
    .ci_short = "CI",
    .point = "Measurement point",
    .kind = "Kind",
    .period = "Period",
    .ai_used = "With AI draft",
    .estimated_minutes = "Estimated minutes",
    .survey_answers = "Survey answers",
    .source = "Data source",
    .kpi = "KPI",
    .value = "Value",
    .target_likely = "Target (likely)",
    .pessimistic = "Pessimistic",
    .optimistic = "Optimistic",
    .verdict = "Verdict",
    .scenario = "Scenario reached",
    .lower_is_better = "lower is better",
    .higher_is_better = "higher is better",
    .target_group = "Target group",
    .all_groups = "All target groups",
    .n_baseline = "Conversations before",
    .n_assisted = "Conversations with AI",
    .minutes_before = "Minutes before",
    .minutes_with_ai = "Minutes with AI",
    .saving_per_use = "Saving per conversation (min)",
    .did = "Difference-in-differences (min)",
    .adoption = "Adoption",
    .annual_volume = "Conversations a year",
    .hours = "Hours a year",
    .fte = "FTE",
    .dkk = "DKK a year",
    .estimated = "estimated",
    .suppressed_note = "Suppressed: fewer than {} conversations in the group. Small groups are not shown so that no "
                       "citizen or caseworker can be recognised.",
    .yes = "yes",
    .no = "no",
    .chart_missing = "Chart not drawn: gnuplot is not installed (scripts/install-deps installs it).",
    .no_follow_up = "No follow-up measurement point has been recorded yet, so time saved cannot be computed.",
    .generated = "Generated",
    .code_version = "pilotbench version",
    .seed = "Seed",
    .plan = "Measurement plan",
    .municipality = "Municipality",
    .note = "Note",
};

bool is_da(ReportLanguage lang) { return lang == ReportLanguage::da; }

// Inserts a thousands separator into the integer digits of a plain fixed-point number ("-1234.5").
std::string group_thousands(const std::string& fixed, char thousands, char decimal) {
  std::size_t start = fixed[0] == '-' ? 1 : 0;
  std::size_t point = fixed.find('.');
  if (point == std::string::npos) point = fixed.size();
  std::string out;
  const std::size_t digits = point - start;
  for (std::size_t i = start; i < point; ++i) {
    if (i > start && (digits - (i - start)) % 3 == 0) out += thousands;
    out += fixed[i];
  }
  if (point < fixed.size()) out += decimal + fixed.substr(point + 1);
  return out;
}

}  // namespace

const char* to_string(ReportLanguage lang) { return is_da(lang) ? "da" : "en"; }

ReportLanguage parse_report_language(std::string_view text) {
  if (text == "da" || text == "dansk" || text == "danish") return ReportLanguage::da;
  if (text == "en" || text == "english" || text == "engelsk") return ReportLanguage::en;
  throw std::invalid_argument("report language must be \"da\" or \"en\", got \"" + std::string(text) + "\"");
}

const CommitteeText& committee_text(ReportLanguage lang) { return is_da(lang) ? kDanish : kEnglish; }

const char* verdict_text(KpiVerdict verdict, ReportLanguage lang) {
  switch (verdict) {
    case KpiVerdict::met: return is_da(lang) ? "opfyldt" : "met";
    case KpiVerdict::not_met: return is_da(lang) ? "ikke opfyldt" : "not met";
    case KpiVerdict::inconclusive: return is_da(lang) ? "uafklaret" : "inconclusive";
    case KpiVerdict::no_target: return is_da(lang) ? "intet mål" : "no target";
    case KpiVerdict::no_data: break;
  }
  return is_da(lang) ? "ingen data" : "no data";
}

std::string scenario_text(const std::string& scenario, ReportLanguage lang) {
  if (scenario == "optimistic") return is_da(lang) ? "optimistisk" : "optimistic";
  if (scenario == "likely") return is_da(lang) ? "forventet" : "likely";
  if (scenario == "pessimistic") return is_da(lang) ? "pessimistisk" : "pessimistic";
  if (scenario == "below_pessimistic") return is_da(lang) ? "under pessimistisk" : "below pessimistic";
  return scenario.empty() ? "–" : scenario;
}

std::string kpi_name(const std::string& id, ReportLanguage lang) {
  struct Name {
    const char* id;
    const char* da;
    const char* en;
  };
  static constexpr Name kNames[] = {
      {"documentation_minutes", "Dokumentationstid pr. samtale", "Documentation time per conversation"},
      {"after_hours_minutes", "Dokumentation uden for arbejdstid pr. samtale", "After-hours documentation per conversation"},
      {"adoption_rate", "Andel samtaler med AI-udkast", "Share of conversations with an AI draft"},
      {"time_saved_minutes", "Sparet tid pr. samtale med AI-udkast", "Time saved per conversation with an AI draft"},
      {"note_quality", "Notatkvalitet", "Note quality"},
      {"key_fact_recall", "Nøglefakta gengivet i notatet", "Key facts stated in the note"},
      {"wer", "Ordfejlrate i transskriptionen (WER)", "Transcription word error rate (WER)"},
      {"hter", "Redigering af udkast (HTER)", "Editing of drafts (HTER)"},
      {"staff_satisfaction", "Medarbejdertilfredshed", "Staff satisfaction"},
      {"citizen_satisfaction", "Borgertilfredshed", "Citizen satisfaction"},
  };
  for (const auto& n : kNames)
    if (id == n.id) return is_da(lang) ? n.da : n.en;
  return id;
}

std::string point_name(const std::string& name, ReportLanguage lang) {
  if (name == "baseline") return "Baseline";
  if (name == "midway") return is_da(lang) ? "Midtvejsmåling" : "Midway";
  if (name == "final") return is_da(lang) ? "Slutmåling" : "Final";
  return name;
}

std::string point_kind_text(const std::string& kind, ReportLanguage lang) {
  if (kind == "baseline") return is_da(lang) ? "Baseline (før AI)" : "Baseline (before AI)";
  if (kind == "follow_up") return is_da(lang) ? "Opfølgning (med AI)" : "Follow-up (with AI)";
  return kind;
}

std::string unit_text(const std::string& unit, ReportLanguage lang) {
  if (unit == "minutes") return "min";
  if (is_share_unit(unit)) return "%";
  if (unit.rfind("score_1_", 0) == 0) return is_da(lang) ? "(skala 1–" + unit.substr(8) + ")" : "(scale 1–" + unit.substr(8) + ")";
  return unit;
}

bool is_share_unit(const std::string& unit) { return unit == "share" || unit == "wer"; }

std::string format_number(double value, int decimals, ReportLanguage lang) {
  if (!std::isfinite(value)) return "–";
  std::string fixed = fmt::format("{:.{}f}", value, decimals);
  // A value that rounds to zero prints without a sign: "−0,0" reads like a loss that is not there.
  if (fixed[0] == '-' && fixed.find_first_not_of("-0.") == std::string::npos) fixed.erase(0, 1);
  const bool negative = fixed[0] == '-';
  std::string grouped = is_da(lang) ? group_thousands(fixed, '.', ',') : group_thousands(fixed, ',', '.');
  return negative ? "\u2212" + grouped : grouped;
}

std::string format_percent(double share, int decimals, ReportLanguage lang) {
  if (!std::isfinite(share)) return "–";
  return format_number(100.0 * share, decimals, lang) + (is_da(lang) ? " %" : "%");
}

std::string format_interval(const Interval& ci, int decimals, ReportLanguage lang, double scale) {
  if (!std::isfinite(ci.lower) || !std::isfinite(ci.upper)) return "–";
  return format_number(scale * ci.lower, decimals, lang) + (is_da(lang) ? " til " : " to ") + format_number(scale * ci.upper, decimals, lang);
}

std::string format_kpi_value(double value, const std::string& unit, ReportLanguage lang) {
  if (is_share_unit(unit)) return format_percent(value, 1, lang);
  if (unit == "minutes") return format_number(value, 1, lang) + " min";
  return format_number(value, 2, lang);
}

std::string format_kpi_interval(const Interval& ci, const std::string& unit, ReportLanguage lang) {
  if (!std::isfinite(ci.lower) || !std::isfinite(ci.upper)) return "–";
  if (is_share_unit(unit)) return format_interval(ci, 1, lang, 100.0) + (is_da(lang) ? " %" : "%");
  if (unit == "minutes") return format_interval(ci, 1, lang) + " min";
  return format_interval(ci, 2, lang);
}

std::vector<MethodItem> method_items(const BaselineReport& r, ReportLanguage lang) {
  const std::string level = format_percent(r.level, 0, lang);
  const std::string replicates = format_number(r.replicates, 0, lang);
  const std::string hours_per_fte = format_number(r.hours_per_fte, 0, lang);
  const bool cost = std::isfinite(r.hourly_cost_dkk);
  std::vector<MethodItem> items;
  if (is_da(lang)) {
    items.push_back({"Konfidensinterval",
                     fmt::format("Resultaterne bygger på de samtaler, der blev målt. Et {0}-konfidensinterval viser, "
                                 "hvor meget resultatet kunne svinge, hvis man havde målt på andre samtaler af samme "
                                 "slags. Det er beregnet ved bootstrap: samtalerne trækkes tilfældigt om {1} gange, og "
                                 "intervallet er de midterste {0} af resultaterne.",
                                 level, replicates)});
    items.push_back({"Vurdering mod målbilledet",
                     "Opfyldt, ikke opfyldt eller uafklaret afhænger af, hvor hele intervallet ligger i forhold til "
                     "det forventede mål. Uafklaret betyder, at målingen ikke kan afgøre det – flere samtaler gør "
                     "intervallet smallere. „Scenarie nået“ viser, hvilket af de tre niveauer (pessimistisk, "
                     "forventet, optimistisk) den målte værdi når."});
    items.push_back({"Tidsbesparelse",
                     "Den gennemsnitlige dokumentationstid i baseline minus den gennemsnitlige tid i de samtaler, hvor "
                     "AI-udkastet blev brugt (læsning og retning af udkastet)."});
    items.push_back({"Forskel-i-forskelle",
                     "Er en kontrolgruppe uden AI målt i begge perioder, trækkes kontrolgruppens ændring fra, så en "
                     "udvikling der ville være sket alligevel (nye arbejdsgange, sæsonudsving) ikke regnes med som "
                     "gevinst."});
    items.push_back({"Timer, årsværk og kroner",
                     fmt::format("Timer om året = besparelse pr. samtale × andel samtaler med AI-udkast × samtaler om "
                                 "året ÷ 60. Årsværk = timer ÷ {} timer pr. årsværk.{} Samtaler om året er kommunens "
                                 "egne tal. Gevinsten er frigjort tid, ikke nødvendigvis en besparelse på budgettet.",
                                 hours_per_fte,
                                 cost ? fmt::format(" Kroner = timer × {} kr. pr. time.",
                                                    format_number(r.hourly_cost_dkk, 0, lang))
                                      : std::string())});
    items.push_back({"Estimerede minutter",
                     "Hvor tiden ikke var logget, er den beregnet med redigeringstidsmodellen ud fra, hvor meget "
                     "udkastet blev rettet. Den slags tal er markeret „estimeret“ og er mere usikre end loggede "
                     "minutter."});
    items.push_back({"Små grupper",
                     fmt::format("Grupper med færre end {} samtaler vises ikke (–†), af hensyn til privatlivet og fordi "
                                 "tal fra så få samtaler er meget usikre.",
                                 r.min_group_size)});
    items.push_back({"Privatliv",
                     "Rapporten indeholder ingen tekst fra samtaler eller notater, og CPR-numre maskeres."});
  } else {
    items.push_back({"Confidence interval",
                     fmt::format("The results rest on the conversations that were measured. A {0} confidence interval "
                                 "shows how much the result could vary had other conversations of the same kind been "
                                 "measured. It is computed by bootstrap: the conversations are resampled {1} times and "
                                 "the interval holds the middle {0} of the results.",
                                 level, replicates)});
    items.push_back({"Verdict against the target picture",
                     "Met, not met or inconclusive depends on where the whole interval lies relative to the likely "
                     "target. Inconclusive means the measurement cannot tell – more conversations narrow the interval. "
                     "“Scenario reached” shows which of the three levels (pessimistic, likely, optimistic) the measured "
                     "value reaches."});
    items.push_back({"Time saved",
                     "The mean documentation time at baseline minus the mean time in conversations where the AI draft "
                     "was used (reading and correcting the draft)."});
    items.push_back({"Difference-in-differences",
                     "When a control group without AI was measured in both periods, its change is subtracted, so a "
                     "trend that would have happened anyway (new routines, seasons) is not counted as gain."});
    items.push_back({"Hours, FTE and DKK",
                     fmt::format("Hours a year = saving per conversation × share of conversations with an AI draft × "
                                 "conversations a year ÷ 60. FTE = hours ÷ {} hours per FTE.{} Conversations a year are "
                                 "the municipality's own figures. The gain is time freed, not necessarily a budget "
                                 "saving.",
                                 hours_per_fte,
                                 cost ? fmt::format(" DKK = hours × {} DKK per hour.",
                                                    format_number(r.hourly_cost_dkk, 0, lang))
                                      : std::string())});
    items.push_back({"Estimated minutes",
                     "Where the time was not logged it is computed with the edit-time model from how much the draft "
                     "was changed. Such figures are labelled “estimated” and are less certain than logged minutes."});
    items.push_back({"Small groups",
                     fmt::format("Groups with fewer than {} conversations are not shown (–†), for privacy and because "
                                 "figures from so few conversations are very uncertain.",
                                 r.min_group_size)});
    items.push_back({"Privacy", "The report holds no text from conversations or notes, and CPR numbers are masked."});
  }
  if (!r.saving_fairness.empty()) {
    const FairnessSettings& f = r.saving_fairness_settings;
    const std::string lower = format_number(f.ratio_lower, 2, lang), upper = format_number(f.ratio_upper, 2, lang);
    const char* correction = f.correction == "benjamini-hochberg" ? "Benjamini–Hochberg" : "Holm";
    if (is_da(lang))
      items.push_back({"Tidsbesparelse på tværs af målgrupper",
                       fmt::format("Hver målgruppes besparelse divideres med referencegruppens. Forholdet og dets "
                                   "interval er beregnet ved bootstrap, hvor hver målgruppes baseline- og AI-samtaler "
                                   "trækkes om hver for sig. Fair: hele intervallet ligger mellem {0} og {1}; ufair: "
                                   "hele intervallet ligger udenfor, og p-værdien er under {2} efter {3}-korrektion; "
                                   "ellers uafklaret. Er referencegruppens besparelse ikke positiv, kan forholdet ikke "
                                   "beregnes.",
                                   lower, upper, format_percent(1.0 - f.confidence_level, 0, lang), correction)});
    else
      items.push_back({"Time saved across target groups",
                       fmt::format("Each target group's saving is divided by the reference group's. The ratio and its "
                                   "interval come from a bootstrap that resamples each group's baseline and AI "
                                   "conversations separately. Fair: the whole interval lies between {0} and {1}; "
                                   "unfair: it lies wholly outside and the p-value is below {2} after the {3} "
                                   "correction; otherwise inconclusive. When the reference group's saving is not "
                                   "positive, the ratio cannot be computed.",
                                   lower, upper, format_percent(1.0 - f.confidence_level, 0, lang), correction)});
  }
  return items;
}

}  // namespace pb
