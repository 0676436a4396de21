#include "formats/timing_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "core/error.h"
#include "core/files.h"
#include "core/utf8.h"
#include "formats/csv_table.h"
#include "formats/note_text.h"
#include "formats/text_input.h"

namespace pb {
namespace {

using formats_detail::csv_field;
using formats_detail::CsvColumnSpec;
using formats_detail::ProblemCollector;
using formats_detail::quote_for_message;

enum Column : std::size_t {
  kId,
  kTargetGroup,
  kPeriod,
  kDate,
  kMeetingType,
  kArm,
  kUnit,
  kConversationMinutes,
  kConversationStart,
  kConversationEnd,
  kDocumentationMinutes,
  kAiUsed,
  kAfterHoursMinutes,
  kDraftFile,
  kFiledNoteFile,
  kColumnCount
};

constexpr std::array<CsvColumnSpec, kColumnCount> kColumns = {{
    {"id", true},
    {"target_group", true},
    {"period", true},
    {"date", false},
    {"meeting_type", false},
    {"arm", false},
    {"unit", false},
    {"conversation_minutes", false},
    {"conversation_start", false},
    {"conversation_end", false},
    {"documentation_minutes", false},
    {"ai_used", false},
    {"after_hours_minutes", false},
    {"draft_file", false},
    {"filed_note_file", false},
}};

// A working day; more than this is almost always seconds typed into a minutes column.
constexpr double kMaxMinutes = 480.0;

bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return !text.empty();
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// YYYY-MM-DD that exists in the calendar.
std::optional<std::chrono::sys_days> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!all_digits(text.substr(0, 4)) || !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2)))
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{to_int(text.substr(0, 4))},
                                         std::chrono::month{static_cast<unsigned>(to_int(text.substr(5, 2)))},
                                         std::chrono::day{static_cast<unsigned>(to_int(text.substr(8, 2)))}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date};
}

// "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM" as minutes since 1970 (local time; only differences are used).
std::optional<std::int64_t> parse_date_time(std::string_view text) {
  if (text.size() != 16 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':') return std::nullopt;
  const auto day = parse_date(text.substr(0, 10));
  if (!day || !all_digits(text.substr(11, 2)) || !all_digits(text.substr(14, 2))) return std::nullopt;
  const int hour = to_int(text.substr(11, 2)), minute = to_int(text.substr(14, 2));
  if (hour > 23 || minute > 59) return std::nullopt;
  return static_cast<std::int64_t>(day->time_since_epoch().count()) * 1440 + hour * 60 + minute;
}

std::string format_minutes(double minutes) {
  // Shortest fixed-point text that reads back to the same double (no exponent, which the reader rejects).
  std::array<char, 400> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), minutes, std::chars_format::fixed);
  if (ec != std::errc()) return fmt::format("{}", minutes);
  return std::string(buffer.data(), end);
}

class RowReader {
 public:
  RowReader(ProblemCollector& problems, const std::vector<std::string>& fields, const std::vector<std::size_t>& index,
            int line, char delimiter)
      : problems_(problems), fields_(fields), index_(index), line_(line), delimiter_(delimiter) {}

  bool ok() const { return ok_; }

  // The cell's text, empty when the column is absent or the cell is empty.
  std::string text(Column column) const {
    const std::size_t i = index_[column];
    return i < fields_.size() ? fields_[i] : std::string();
  }

  void problem(Column column, std::string message) {
    problems_.add(line_, std::string(kColumns[column].name), std::move(message));
    ok_ = false;
  }

  std::string required_text(Column column) {
    std::string value = text(column);
    if (value.empty()) problem(column, "missing value");
    return value;
  }

  // nullopt when empty (or wrong: then a problem is added).
  std::optional<double> minutes(Column column, bool zero_allowed) {
    const std::string value = text(column);
    if (value.empty()) return std::nullopt;
    const auto number = formats_detail::parse_csv_decimal(value, delimiter_);
    const std::string range = zero_allowed ? "0 <= minutes <= 480" : "0 < minutes <= 480";
    if (!number) {
      const std::string mark = delimiter_ == ';' ? "decimal comma or point" : "decimal point";
      problem(column, "expected a number of minutes (" + mark + "), " + range + ", got " + quote_for_message(value));
      return std::nullopt;
    }
    if (*number < 0.0 || (*number == 0.0 && !zero_allowed)) {
      problem(column, "expected " + range + ", got " + quote_for_message(value));
      return std::nullopt;
    }
    if (*number > kMaxMinutes) {
      problem(column,
              "expected " + range + " (8 hours; were seconds entered as minutes?), got " + quote_for_message(value));
      return std::nullopt;
    }
    return number;
  }

  std::optional<std::int64_t> date_time(Column column) {
    const std::string value = text(column);
    if (value.empty()) return std::nullopt;
    const auto parsed = parse_date_time(value);
    if (!parsed) problem(column, "expected a date and time YYYY-MM-DDTHH:MM, got " + quote_for_message(value));
    return parsed;
  }

 private:
  ProblemCollector& problems_;
  const std::vector<std::string>& fields_;
  const std::vector<std::size_t>& index_;
  int line_;
  char delimiter_;
  bool ok_ = true;
};

void read_note(RowReader& row, Column column, const std::filesystem::path& base_dir,
               std::optional<std::string>& text_out) {
  const std::string relative = row.text(column);
  if (relative.empty()) return;
  const std::filesystem::path path = base_dir / std::filesystem::path(relative);
  const std::string extension = formats_detail::lowercase_ascii(path.extension().string());
  if (extension != ".txt" && extension != ".md" && extension != ".json") {
    row.problem(column, "expected a .txt, .md or .json note file, got " + quote_for_message(relative));
    return;
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    row.problem(column, "expected an existing note file (relative to the CSV's folder), got " +
                            quote_for_message(relative) + " (" + path.string() + " not found)");
    return;
  }
  try {
    text_out = read_note_file_and_text(path, default_note_titles()).text;
  } catch (const InputError& e) {
    const std::string first = e.problems().empty() ? e.what() : e.problems().front().to_string();
    row.problem(column, "cannot read the note file: " + first);
  }
}

}  // namespace

std::vector<TimingObservation> parse_timing_csv(std::string_view text, const std::string& file_name_for_messages,
                                                const std::filesystem::path& base_dir) {
  const std::string& file = file_name_for_messages;
  ProblemCollector problems(file);
  auto table = formats_detail::open_csv_table(text, file, problems, "id, target_group, period and the minutes columns");
  auto& reader = table.reader;
  const char delimiter = table.delimiter;
  formats_detail::CsvRecord& record = table.header;
  const std::size_t field_count = record.fields.size();
  const std::vector<std::size_t> index = formats_detail::map_csv_header(record, kColumns, problems);
  auto has = [&](Column column) { return index[column] != std::string::npos; };
  if (!has(kConversationMinutes) && !(has(kConversationStart) && has(kConversationEnd)))
    problems.add(record.line, "header",
                 "missing column \"conversation_minutes\" (or both \"conversation_start\" and \"conversation_end\")");
  problems.throw_if_any();

  std::vector<TimingObservation> rows;
  std::unordered_map<std::string, int> first_line_of_id;
  while (formats_detail::next_csv_row(reader, field_count, record, problems)) {
    const int line = record.line;
    RowReader row(problems, record.fields, index, line, delimiter);
    TimingObservation obs;
    obs.source = fmt::format("{}:{}", file, line);

    obs.id = row.required_text(kId);
    if (!obs.id.empty()) {
      const auto [it, inserted] = first_line_of_id.emplace(obs.id, line);
      if (!inserted)
        row.problem(kId, fmt::format("expected a unique id, got {} again (first on line {})", quote_for_message(obs.id),
                                     it->second));
    }
    // NFC so that "å" typed as a + ring and as one character is the same target group.
    obs.target_group = to_nfc(row.required_text(kTargetGroup));
    obs.meeting_type = to_nfc(row.text(kMeetingType));
    obs.unit = to_nfc(row.text(kUnit));

    const std::string period = row.required_text(kPeriod);
    if (!period.empty()) {
      obs.period = formats_detail::lowercase_ascii(period);
      if (obs.period != "baseline" && obs.period != "assisted")
        row.problem(kPeriod, "expected baseline or assisted, got " + quote_for_message(period));
    }
    const std::string arm = row.text(kArm);
    if (!arm.empty()) {
      obs.arm = formats_detail::lowercase_ascii(arm);
      if (obs.arm != "pilot" && obs.arm != "control")
        row.problem(kArm, "expected pilot or control, got " + quote_for_message(arm));
    }
    const std::string date = row.text(kDate);
    if (!date.empty()) {
      if (parse_date(date))
        obs.date = date;
      else
        row.problem(kDate, "expected a calendar date YYYY-MM-DD, got " + quote_for_message(date));
    }

    // Conversation length: logged minutes, or the difference of start and end.
    const auto logged = row.minutes(kConversationMinutes, /*zero_allowed=*/false);
    const bool logged_given = !row.text(kConversationMinutes).empty();
    const auto start = row.date_time(kConversationStart);
    const auto end = row.date_time(kConversationEnd);
    const bool start_given = !row.text(kConversationStart).empty(), end_given = !row.text(kConversationEnd).empty();
    if (start_given != end_given)
      row.problem(start_given ? kConversationEnd : kConversationStart,
                  std::string("missing value (") + (start_given ? "conversation_start" : "conversation_end") +
                      " is given; both or neither)");
    if (!logged_given && !start_given && !end_given)
      row.problem(has(kConversationMinutes) ? kConversationMinutes : kConversationStart,
                  "missing value (give conversation_minutes or conversation_start and conversation_end)");
    if (start && end) {
      const auto derived = static_cast<double>(*end - *start);
      if (*end < *start) {
        row.problem(kConversationEnd, "expected a time not before conversation_start " +
                                          quote_for_message(row.text(kConversationStart)) + ", got " +
                                          quote_for_message(row.text(kConversationEnd)));
      } else if (logged) {
        if (std::abs(*logged - derived) > 1.0)
          row.problem(kConversationMinutes,
                      fmt::format("expected to agree within 1 minute with conversation_end - conversation_start = {} "
                                  "minutes, got {}",
                                  format_minutes(derived), quote_for_message(row.text(kConversationMinutes))));
      } else if (!logged_given) {
        if (derived <= 0.0 || derived > kMaxMinutes)
          row.problem(kConversationEnd,
                      fmt::format("expected a conversation of 0 < minutes <= 480 after conversation_start, got {} "
                                  "minutes",
                                  format_minutes(derived)));
        else
          obs.conversation_minutes = derived;
      }
      if (obs.date.empty() && date.empty()) obs.date = row.text(kConversationStart).substr(0, 10);
    }
    if (logged) obs.conversation_minutes = *logged;

    obs.documentation_minutes = row.minutes(kDocumentationMinutes, /*zero_allowed=*/true);
    obs.after_hours_minutes = row.minutes(kAfterHoursMinutes, /*zero_allowed=*/true);
    if (obs.after_hours_minutes && obs.documentation_minutes && *obs.after_hours_minutes > *obs.documentation_minutes)
      row.problem(kAfterHoursMinutes, fmt::format("expected at most documentation_minutes ({}), got {}",
                                                  format_minutes(*obs.documentation_minutes),
                                                  quote_for_message(row.text(kAfterHoursMinutes))));

    const std::string ai_used = row.text(kAiUsed);
    if (!ai_used.empty()) {
      const auto value = formats_detail::parse_csv_yes_no(ai_used);
      if (!value) {
        row.problem(kAiUsed, "expected true/false, ja/nej, yes/no or 1/0, got " + quote_for_message(ai_used));
      } else {
        obs.ai_used = *value;
        if (obs.ai_used && obs.period == "baseline")
          row.problem(kAiUsed, "expected false in the baseline period (no AI before the pilot), got " +
                                   quote_for_message(ai_used));
        else if (obs.ai_used && obs.arm == "control")
          row.problem(kAiUsed, "expected false in the control arm (control units never get AI), got " +
                                   quote_for_message(ai_used));
      }
    }

    read_note(row, kDraftFile, base_dir, obs.draft_text);
    read_note(row, kFiledNoteFile, base_dir, obs.filed_note_text);

    if (row.ok()) rows.push_back(std::move(obs));
  }
  problems.throw_if_any();
  return rows;
}

std::vector<TimingObservation> read_timing_csv(const std::filesystem::path& file) {
  return parse_timing_csv(read_file(file), file.string(), file.parent_path());
}

void write_timing_csv(std::ostream& out, std::span<const TimingObservation> rows, const TimingNoteFiles& note_files) {
  out << "id,date,target_group,meeting_type,period,arm,unit,conversation_minutes,documentation_minutes,ai_used,"
         "after_hours_minutes";
  if (note_files) out << ",draft_file,filed_note_file";
  out << '\n';
  for (const auto& row : rows) {
    out << csv_field(row.id) << ',' << csv_field(row.date) << ',' << csv_field(row.target_group) << ','
        << csv_field(row.meeting_type) << ',' << csv_field(row.period) << ',' << csv_field(row.arm) << ','
        << csv_field(row.unit) << ',' << format_minutes(row.conversation_minutes) << ','
        << (row.documentation_minutes ? format_minutes(*row.documentation_minutes) : "") << ','
        << (row.ai_used ? "true" : "false") << ','
        << (row.after_hours_minutes ? format_minutes(*row.after_hours_minutes) : "");
    if (note_files) {
      const auto [draft, filed] = note_files(row);
      out << ',' << csv_field(draft) << ',' << csv_field(filed);
    }
    out << '\n';
  }
}

}  // namespace pb
