#include "reports/committee_xlsx.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "core/cpr.h"
#include "core/files.h"

namespace pb {
namespace {

bool da(ReportLanguage lang) { return lang == ReportLanguage::da; }
const char* tr(ReportLanguage lang, const char* danish, const char* english) { return da(lang) ? danish : english; }

// "2026-03-05T10:00:00Z" (or a date alone) as a UTC time_t; nullopt when it does not parse.
std::optional<std::time_t> parse_utc(const std::string& iso) {
  std::tm tm{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  const int fields = std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s);
  if (fields != 3 && fields < 5) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return ::timegm(&tm);
}

// The workbook's creation time must not come from the clock, or two runs on the same data differ in their bytes.
std::time_t document_time(const BaselineReport& r) {
  std::optional<std::time_t> latest;
  for (const auto& p : r.points)
    if (auto t = parse_utc(p.recorded_at); t && (!latest || *t > *latest)) latest = t;
  return latest ? *latest : std::time_t{946684800};  // 2000-01-01T00:00:00Z
}

struct Formats {
  lxw_format* header;
  lxw_format* text;
  lxw_format* wrap;
  lxw_format* bold;
  lxw_format* integer;
  lxw_format* minutes;   // 0.0
  lxw_format* score;     // 0.00
  lxw_format* percent;   // 0.0%
  lxw_format* fte;       // 0.00
  lxw_format* constant;  // 0.0000
  lxw_format* date;
  lxw_format* total_text;
};

Formats make_formats(lxw_workbook* wb) {
  const auto numeric = [&](const char* code, bool bold = false) {
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, code);
    if (bold) format_set_bold(f);
    return f;
  };
  Formats f{};
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_bg_color(f.header, 0xDCE6F1);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  f.text = workbook_add_format(wb);
  f.wrap = workbook_add_format(wb);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);
  f.integer = numeric("#,##0");
  f.minutes = numeric("#,##0.0");
  f.score = numeric("0.00");
  f.percent = numeric("0.0%");
  f.fte = numeric("#,##0.00");
  f.constant = numeric("0.0000");
  f.date = numeric("yyyy-mm-dd");
  f.total_text = f.bold;
  return f;
}

// One worksheet with a frozen header row; writes blanks for NaN so suppressed and undefined cells stay empty.
class Sheet {
 public:
  Sheet(lxw_workbook* wb, const char* name, const Formats& f) : ws_(workbook_add_worksheet(wb, name)), f_(f) {
    if (!ws_) throw std::runtime_error(std::string("cannot add worksheet ") + name);
  }

  void header(const std::vector<std::pair<std::string, double>>& columns) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      worksheet_write_string(ws_, 0, col(c), columns[c].first.c_str(), f_.header);
      worksheet_set_column(ws_, col(c), col(c), columns[c].second, nullptr);
    }
    worksheet_freeze_panes(ws_, 1, 0);
    row_ = 1;
  }

  void text(std::size_t c, const std::string& value, lxw_format* format = nullptr) {
    if (!value.empty()) worksheet_write_string(ws_, row_, col(c), mask_cpr(value).c_str(), format);
  }
  void number(std::size_t c, double value, lxw_format* format) {
    if (std::isfinite(value)) worksheet_write_number(ws_, row_, col(c), value, format);
  }
  void interval(std::size_t c, const Interval& ci, lxw_format* format) {
    number(c, ci.lower, format);
    number(c + 1, ci.upper, format);
  }
  // An ISO date as an Excel date; other text as given.
  void date(std::size_t c, const std::string& iso) {
    int y = 0, m = 0, d = 0;
    if (iso.size() == 10 && std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3) {
      lxw_datetime dt{y, m, d, 0, 0, 0.0};
      worksheet_write_datetime(ws_, row_, col(c), &dt, f_.date);
    } else {
      text(c, iso);
    }
  }
  // An Excel note on a cell (suppressed values say why).
  void comment(std::size_t c, const std::string& note) { worksheet_write_comment(ws_, row_, col(c), note.c_str()); }
  void next_row() { ++row_; }
  lxw_worksheet* raw() const { return ws_; }

 private:
  static lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }
  lxw_worksheet* ws_;
  const Formats& f_;
  lxw_row_t row_ = 0;
};

std::string suppressed_text(const BaselineReport& r, ReportLanguage lang) {
  return fmt::format(fmt::runtime(da(lang) ? "Undertrykt: færre end {} samtaler" : "Suppressed: fewer than {} conversations"),
                     r.min_group_size);
}

lxw_format* unit_format(const Formats& f, const std::string& unit) {
  if (is_share_unit(unit)) return f.percent;
  if (unit == "minutes") return f.minutes;
  return f.score;
}

std::string lower_ci(ReportLanguage lang) { return da(lang) ? "KI nedre" : "CI lower"; }
std::string upper_ci(ReportLanguage lang) { return da(lang) ? "KI øvre" : "CI upper"; }

const KpiPointValue* headline_value(const BaselineReport& r, const KpiResult& k) {
  for (const auto& p : k.points)
    if (!r.follow_up_point.empty() && p.point == r.follow_up_point) return &p;
  for (auto it = k.points.rbegin(); it != k.points.rend(); ++it)
    if (it->verdict != KpiVerdict::no_data && it->verdict != KpiVerdict::no_target) return &*it;
  return nullptr;
}

void summary_sheet(lxw_workbook* wb, const Formats& f, const BaselineReport& r, ReportLanguage lang) {
  const CommitteeText& t = committee_text(lang);
  Sheet s(wb, tr(lang, "Oversigt", "Summary"), f);
  s.header({{tr(lang, "Emne", "Item"), 44}, {t.value, 16}, {lower_ci(lang), 14}, {upper_ci(lang), 14},
            {tr(lang, "Enhed", "Unit"), 22}});
  const auto text_row = [&](const std::string& label, const std::string& value) {
    s.text(0, label, f.bold);
    s.text(1, value);
    s.next_row();
  };
  const auto number_row = [&](const std::string& label, double value, lxw_format* format, const Interval* ci,
                              const std::string& unit) {
    s.text(0, label, f.bold);
    s.number(1, value, format);
    if (ci) s.interval(2, *ci, format);
    s.text(4, unit);
    s.next_row();
  };
  text_row(t.plan, r.plan_name);
  text_row(t.municipality, r.municipality);
  text_row(tr(lang, "Sammenligning", "Comparison"),
           r.follow_up_point.empty() ? std::string()
                                     : point_name(r.baseline_point, lang) + " → " + point_name(r.follow_up_point, lang));
  const GroupSaving& total = r.total;
  if (total.suppressed) {
    text_row(t.saving_per_use, suppressed_text(r, lang));
  } else {
    number_row(t.saving_per_use, total.saving_minutes, f.minutes, &total.saving_ci, "min");
    number_row(t.did, total.did_saving_minutes, f.minutes, &total.did_ci, "min");
    number_row(t.adoption, total.adoption, f.percent, &total.adoption_ci, "%");
    number_row(t.annual_volume, total.annual_volume, f.integer, nullptr, t.conversations);
    text_row(tr(lang, "Timer bygger på", "Hours rest on"),
             total.gain_uses_did ? tr(lang, "forskel-i-forskelle (mod kontrolgruppen)",
                                      "difference-in-differences (against the control group)")
                                 : tr(lang, "før/efter-besparelsen", "the before/after saving"));
    number_row(t.hours, total.hours_per_year, f.integer, &total.hours_ci, tr(lang, "timer", "hours"));
    number_row(t.fte, total.fte, f.fte, &total.fte_ci, tr(lang, "årsværk", "FTE"));
    number_row(t.dkk, total.dkk, f.integer, &total.dkk_ci, tr(lang, "kr.", "DKK"));
  }
  std::int64_t conversations = 0;
  for (const auto& p : r.points) conversations += p.conversations;
  number_row(tr(lang, "Samtaler målt i alt", "Conversations measured"), static_cast<double>(conversations), f.integer,
             nullptr, t.conversations);
  int met = 0, not_met = 0, inconclusive = 0;
  for (const auto& k : r.kpis)
    if (const auto* v = headline_value(r, k)) {
      met += v->verdict == KpiVerdict::met;
      not_met += v->verdict == KpiVerdict::not_met;
      inconclusive += v->verdict == KpiVerdict::inconclusive;
    }
  number_row(tr(lang, "KPI'er opfyldt", "KPIs met"), met, f.integer, nullptr, "KPI");
  number_row(tr(lang, "KPI'er ikke opfyldt", "KPIs not met"), not_met, f.integer, nullptr, "KPI");
  number_row(tr(lang, "KPI'er uafklaret", "KPIs inconclusive"), inconclusive, f.integer, nullptr, "KPI");
  number_row(tr(lang, "Konfidensniveau", "Confidence level"), r.level, f.percent, nullptr, "");
  number_row(tr(lang, "Bootstrap-gentagelser", "Bootstrap replicates"), r.replicates, f.integer, nullptr, "");
  number_row(tr(lang, "Timer pr. årsværk", "Hours per FTE"), r.hours_per_fte, f.integer, nullptr,
             tr(lang, "timer", "hours"));
  number_row(tr(lang, "Timepris", "Hourly cost"), r.hourly_cost_dkk, f.integer, nullptr, tr(lang, "kr.", "DKK"));
  number_row(tr(lang, "Mindste gruppestørrelse", "Minimum group size"), r.min_group_size, f.integer, nullptr,
             t.conversations);
  text_row(t.code_version, r.code_version);
  text_row(t.seed, std::to_string(r.seed));  // text: a 64-bit seed does not fit a spreadsheet number exactly
}

void kpi_sheet(lxw_workbook* wb, const Formats& f, const BaselineReport& r, ReportLanguage lang) {
  const CommitteeText& t = committee_text(lang);
  Sheet s(wb, "KPI", f);
  s.header({{tr(lang, "KPI-id", "KPI id"), 22}, {t.kpi, 34}, {tr(lang, "Enhed", "Unit"), 10},
            {tr(lang, "Retning", "Direction"), 16}, {t.point, 16}, {"n", 8}, {t.value, 11}, {lower_ci(lang), 11},
            {upper_ci(lang), 11}, {t.pessimistic, 12}, {t.target_likely, 12}, {t.optimistic, 12}, {t.verdict, 14},
            {tr(lang, "Vurdering (kode)", "Verdict (code)"), 14}, {t.scenario, 18}, {t.estimated, 10}, {t.note, 36}});
  for (const auto& k : r.kpis) {
    lxw_format* format = unit_format(f, k.unit);
    for (const auto& p : k.points) {
      s.text(0, k.id);
      s.text(1, k.label.empty() ? kpi_name(k.id, lang) : k.label);
      s.text(2, unit_text(k.unit, lang));
      s.text(3, k.lower_is_better ? t.lower_is_better : t.higher_is_better);
      s.text(4, point_name(p.point, lang));
      const KpiVerdict verdict = p.suppressed ? KpiVerdict::no_data : p.verdict;
      if (p.suppressed) {
        s.comment(6, suppressed_text(r, lang));
        s.text(16, suppressed_text(r, lang));
      } else {
        s.number(5, static_cast<double>(p.n), f.integer);
        s.number(6, p.value, format);
        s.interval(7, p.ci, format);
        s.text(14, p.scenario_reached.empty() ? std::string() : scenario_text(p.scenario_reached, lang));
        s.text(15, p.estimated ? t.yes : t.no);
      }
      s.number(9, k.target.pessimistic, format);
      s.number(10, k.target.likely, format);
      s.number(11, k.target.optimistic, format);
      s.text(12, verdict_text(verdict, lang));
      s.text(13, to_string(verdict));
      s.next_row();
    }
  }
}

// One row per group (target groups, or conversation types) and, when given, the "all groups" row.
void saving_sheet(lxw_workbook* wb, const Formats& f, const BaselineReport& r, ReportLanguage lang,
                  const std::string& sheet_name, const std::string& group_header, const std::vector<GroupSaving>& groups,
                  const GroupSaving* total) {
  const CommitteeText& t = committee_text(lang);
  Sheet s(wb, sheet_name.c_str(), f);
  const std::string lo = lower_ci(lang), hi = upper_ci(lang);
  s.header({{group_header, 24}, {t.n_baseline, 11}, {t.n_assisted, 11}, {t.minutes_before, 11},
            {t.minutes_with_ai, 11}, {t.saving_per_use, 13}, {lo, 10}, {hi, 10}, {t.did, 13}, {lo, 10}, {hi, 10},
            {t.adoption, 11}, {lo, 10}, {hi, 10}, {t.annual_volume, 12}, {t.hours, 12}, {lo, 11}, {hi, 11}, {t.fte, 10},
            {lo, 10}, {hi, 10}, {t.dkk, 14}, {lo, 14}, {hi, 14}, {t.note, 36}});
  const auto row = [&](const GroupSaving& g, bool total) {
    s.text(0, total ? std::string(t.all_groups) : g.target_group, total ? f.total_text : nullptr);
    s.number(14, g.annual_volume, f.integer);  // a plan input, not a measurement: kept when suppressed
    if (g.suppressed) {
      s.comment(5, suppressed_text(r, lang));
      s.text(24, suppressed_text(r, lang));
      s.next_row();
      return;
    }
    s.number(1, static_cast<double>(g.n_baseline), f.integer);
    s.number(2, static_cast<double>(g.n_assisted), f.integer);
    s.number(3, g.baseline_minutes, f.minutes);
    s.number(4, g.assisted_minutes, f.minutes);
    s.number(5, g.saving_minutes, f.minutes);
    s.interval(6, g.saving_ci, f.minutes);
    s.number(8, g.did_saving_minutes, f.minutes);
    s.interval(9, g.did_ci, f.minutes);
    s.number(11, g.adoption, f.percent);
    s.interval(12, g.adoption_ci, f.percent);
    s.number(15, g.hours_per_year, f.integer);
    s.interval(16, g.hours_ci, f.integer);
    s.number(18, g.fte, f.fte);
    s.interval(19, g.fte_ci, f.fte);
    s.number(21, g.dkk, f.integer);
    s.interval(22, g.dkk_ci, f.integer);
    s.next_row();
  };
  for (const auto& g : groups) row(g, false);
  if (total) row(*total, true);
}

std::string fairness_verdict_word(const std::string& verdict, ReportLanguage lang) {
  if (verdict == "unfair") return tr(lang, "ufair", "unfair");
  if (verdict == "inconclusive") return tr(lang, "uafklaret", "inconclusive");
  if (verdict == "suppressed") return tr(lang, "skjult", "suppressed");
  return verdict;  // "fair" and "reference" read the same in both languages
}

// Time saved through the fairness layer: the same numbers as the HTML table, one row per target group.
void fairness_sheet(lxw_workbook* wb, const Formats& f, const BaselineReport& r, ReportLanguage lang) {
  const CommitteeText& t = committee_text(lang);
  Sheet s(wb, "Fairness", f);
  const std::string lo = lower_ci(lang), hi = upper_ci(lang);
  s.header({{t.target_group, 24}, {tr(lang, "Referencegruppe", "Reference group"), 22}, {"n", 8},
            {t.saving_per_use, 13}, {lo, 10}, {hi, 10}, {tr(lang, "Forskel (min)", "Difference (min)"), 13}, {lo, 10},
            {hi, 10}, {tr(lang, "Forhold til reference", "Ratio to reference"), 13}, {lo, 10}, {hi, 10}, {"p", 10},
            {tr(lang, "Justeret p", "Adjusted p"), 11}, {t.verdict, 14}, {t.note, 40}});
  const auto interval = [&](std::size_t c, const std::optional<ConfidenceInterval>& ci, lxw_format* format) {
    if (ci) s.interval(c, {ci->lower, ci->upper, r.level}, format);
  };
  for (const auto& c : r.saving_fairness) {
    s.text(0, c.group);
    s.text(1, c.reference_group);
    s.text(14, fairness_verdict_word(c.verdict, lang));
    if (c.suppressed) {
      s.text(15, suppressed_text(r, lang));
      s.next_row();
      continue;
    }
    s.text(15, c.reason);
    s.number(2, static_cast<double>(c.n), f.integer);
    s.number(3, c.value, f.minutes);
    interval(4, c.value_ci, f.minutes);
    s.number(6, c.difference, f.minutes);
    interval(7, c.difference_ci, f.minutes);
    s.number(9, c.ratio, f.score);
    interval(10, c.ratio_ci, f.score);
    s.number(12, c.p_value, f.constant);
    s.number(13, c.p_adjusted, f.constant);
    s.next_row();
  }
  const FairnessSettings& settings = r.saving_fairness_settings;
  s.next_row();
  s.text(0, tr(lang, "Bånd for forholdet", "Band for the ratio"));
  s.number(1, settings.ratio_lower, f.score);
  s.number(2, settings.ratio_upper, f.score);
  s.next_row();
  s.text(0, tr(lang, "Korrektion for mange tests", "Multiple-testing correction"));
  s.text(1, settings.correction == "benjamini-hochberg" ? "Benjamini–Hochberg" : "Holm");
  s.next_row();
  s.text(0, tr(lang, "Mindste gruppestørrelse", "Minimum group size"));
  s.number(1, static_cast<double>(settings.min_cell_size), f.integer);
}

void points_sheet(lxw_workbook* wb, const Formats& f, const BaselineReport& r, ReportLanguage lang) {
  const CommitteeText& t = committee_text(lang);
  Sheet s(wb, tr(lang, "Målepunkter", "Measurement points"), f);
  s.header({{t.point, 18}, {tr(lang, "Navn i måleplanen", "Name in the plan"), 16}, {t.kind, 22},
            {tr(lang, "Første dato", "First date"), 12}, {tr(lang, "Sidste dato", "Last date"), 12},
            {tr(lang, "Samtaler", "Conversations"), 11}, {t.ai_used, 11}, {t.estimated_minutes, 12},
            {t.survey_answers, 12}, {tr(lang, "Registreret", "Recorded"), 22}, {t.source, 30}, {"SHA-256", 20},
            {tr(lang, "Kørsel", "Run"), 8}});
  for (const auto& p : r.points) {
    s.text(0, point_name(p.name, lang));
    s.text(1, p.name);
    s.text(2, point_kind_text(p.kind, lang));
    s.date(3, p.first_date);
    s.date(4, p.last_date);
    s.number(5, static_cast<double>(p.conversations), f.integer);
    s.number(6, static_cast<double>(p.ai_used), f.integer);
    s.number(7, static_cast<double>(p.estimated_minutes), f.integer);
    s.number(8, static_cast<double>(p.survey_answers), f.integer);
    s.text(9, p.recorded_at);
    s.text(10, p.data_source);
    s.text(11, p.data_hash);
    if (p.run_id) s.number(12, static_cast<double>(*p.run_id), f.integer);
    s.next_row();
  }
}

void method_sheet(lxw_workbook* wb, const Formats& f, const BaselineReport& r, ReportLanguage lang) {
  Sheet s(wb, tr(lang, "Metode", "Method"), f);
  s.header({{tr(lang, "Emne", "Item"), 46}, {committee_text(lang).value, 12}, {lower_ci(lang), 11},
            {upper_ci(lang), 11}, {tr(lang, "Standardfejl", "Standard error"), 13}, {tr(lang, "Enhed", "Unit"), 16}});
  const auto row = [&](const char* label, double value, lxw_format* format, const Interval* ci, double se,
                       const std::string& unit) {
    s.text(0, label, f.bold);
    s.number(1, value, format);
    if (ci) s.interval(2, *ci, format);
    s.number(4, se, format);
    s.text(5, unit);
    s.next_row();
  };
  const auto& e = r.edit;
  const double none = kNoValue;
  row(tr(lang, "AI-udkast sammenlignet med journalført notat", "AI drafts compared with the filed note"),
      static_cast<double>(e.pairs), f.integer, nullptr, none, tr(lang, "par", "pairs"));
  row("HTER", e.hter, f.percent, &e.hter_ci, none, "%");
  row(tr(lang, "Udkastets ord bevaret", "Draft words kept"), e.kept_share, f.percent, nullptr, none, "%");
  row(tr(lang, "Indsatte ord pr. notat", "Inserted words per note"), e.inserted_words, f.minutes, nullptr, none,
      tr(lang, "ord", "words"));
  row(tr(lang, "Slettede ord pr. notat", "Deleted words per note"), e.deleted_words, f.minutes, nullptr, none,
      tr(lang, "ord", "words"));
  row(tr(lang, "Rettede steder pr. notat", "Places edited per note"), e.edit_spans, f.minutes, nullptr, none,
      tr(lang, "steder", "places"));
  const auto& m = r.model;
  s.text(0, tr(lang, "Redigeringstidsmodel tilpasset", "Edit-time model fitted"), f.bold);
  s.text(1, m.fitted ? committee_text(lang).yes : committee_text(lang).no);
  s.text(5, m.note);
  s.next_row();
  row(tr(lang, "Fast tid", "Fixed time"), m.intercept, f.constant, nullptr, m.se_intercept, "min");
  row(tr(lang, "a: pr. ord i udkastet", "a: per draft word"), m.per_draft_word, f.constant, nullptr,
      m.se_per_draft_word, tr(lang, "min pr. ord", "min per word"));
  row(tr(lang, "b: pr. indsat tegn", "b: per inserted character"), m.per_inserted_char, f.constant, nullptr,
      m.se_per_inserted_char, tr(lang, "min pr. tegn", "min per character"));
  row(tr(lang, "c: pr. rettet sted", "c: per place edited"), m.per_edit_span, f.constant, nullptr, m.se_per_edit_span,
      tr(lang, "min pr. sted", "min per place"));
  row("R²", m.r_squared, f.score, nullptr, none, "");
  row("RMSE", m.rmse_minutes, f.score, nullptr, none, "min");
  row(tr(lang, "Samtaler i tilpasningen", "Conversations in the fit"), static_cast<double>(m.n), f.integer, nullptr,
      none, committee_text(lang).conversations);
  row(tr(lang, "Samtaler med estimerede minutter", "Conversations with estimated minutes"),
      static_cast<double>(m.estimated), f.integer, nullptr, none, committee_text(lang).conversations);
  s.next_row();
  s.text(0, committee_text(lang).method, f.bold);
  s.next_row();
  for (const auto& item : method_items(r, lang)) {
    s.text(0, item.heading, f.bold);
    s.next_row();
    s.text(0, item.text, f.wrap);
    s.next_row();
  }
  for (const auto& limit : r.limits) {
    s.text(0, limit, f.wrap);
    s.next_row();
  }
}

// A temporary file next to the target, created 0600 so the workbook is never readable by others, even briefly.
std::string private_temp_next_to(const std::filesystem::path& file) {
  std::string name = (file.has_parent_path() ? file.parent_path() / ("." + file.filename().string())
                                             : std::filesystem::path("." + file.filename().string()))
                         .string() +
                     ".XXXXXX";
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for " + file.string() + ": " + std::strerror(errno));
  ::fchmod(fd, 0600);
  ::close(fd);
  return name;
}

}  // namespace

void write_committee_xlsx(const BaselineReport& report, const std::filesystem::path& file, ReportLanguage lang) {
  if (file.has_parent_path()) create_private_directories(file.parent_path());
  const std::string temp = private_temp_next_to(file);
  lxw_workbook* wb = workbook_new(temp.c_str());
  if (!wb) {
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + file.string() + ": libxlsxwriter could not create the workbook");
  }
  const std::string title = std::string(committee_text(lang).title) +
                            (report.plan_name.empty() ? "" : " – " + mask_cpr(report.plan_name));
  const std::string company = mask_cpr(report.municipality);
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>(title.c_str());  // libxlsxwriter copies the strings; it only lacks const
  properties.company = const_cast<char*>(company.c_str());
  properties.author = const_cast<char*>("pilotbench");
  properties.created = document_time(report);
  workbook_set_properties(wb, &properties);
  try {
    const Formats formats = make_formats(wb);
    summary_sheet(wb, formats, report, lang);
    kpi_sheet(wb, formats, report, lang);
    const CommitteeText& text = committee_text(lang);
    saving_sheet(wb, formats, report, lang, tr(lang, "Tidsbesparelse", "Time saved"), text.target_group, report.savings,
                 &report.total);
    saving_sheet(wb, formats, report, lang, tr(lang, "Samtaletyper", "Conversation types"),
                 tr(lang, "Samtaletype", "Conversation type"), report.savings_by_meeting_type, nullptr);
    if (!report.saving_fairness.empty()) fairness_sheet(wb, formats, report, lang);
    points_sheet(wb, formats, report, lang);
    method_sheet(wb, formats, report, lang);
  } catch (...) {
    workbook_close(wb);
    ::unlink(temp.c_str());
    throw;
  }
  const lxw_error error = workbook_close(wb);
  if (error != LXW_NO_ERROR) {
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + file.string() + ": " + lxw_strerror(error));
  }
  ::chmod(temp.c_str(), 0600);  // in case the library replaced the file rather than truncating it
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + file.string() + ": " + reason);
  }
}

}  // namespace pb
