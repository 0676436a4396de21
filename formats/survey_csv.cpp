#include "formats/survey_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "core/error.h"
#include "core/files.h"
#include "core/utf8.h"
#include "formats/csv_table.h"
#include "formats/text_input.h"

namespace pb {
namespace {

using formats_detail::csv_field;
using formats_detail::CsvColumnSpec;
using formats_detail::quote_for_message;

enum Column : std::size_t { kRespondent, kPopulation, kQuestion, kScore, kScaleMax, kColumnCount };

constexpr std::array<CsvColumnSpec, kColumnCount> kColumns = {{
    {"respondent", true},
    {"population", true},
    {"question", true},
    {"score", true},
    {"scale_max", false},
}};

constexpr int kDefaultScaleMax = 5;

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<SurveyResponse> parse_survey_csv(std::string_view text, const std::string& file_name_for_messages) {
  const std::string& file = file_name_for_messages;
  formats_detail::ProblemCollector problems(file);
  auto table = formats_detail::open_csv_table(text, file, problems, "respondent, population, question, score");
  auto& reader = table.reader;
  formats_detail::CsvRecord& record = table.header;
  const std::size_t field_count = record.fields.size();
  const std::vector<std::size_t> index = formats_detail::map_csv_header(record, kColumns, problems);
  problems.throw_if_any();

  std::vector<SurveyResponse> responses;
  std::map<std::pair<std::string, std::string>, int> first_line_of_answer;
  while (formats_detail::next_csv_row(reader, field_count, record, problems)) {
    const int line = record.line;
    bool ok = true;
    auto problem = [&](Column column, std::string message) {
      problems.add(line, std::string(kColumns[column].name), std::move(message));
      ok = false;
    };
    auto cell = [&](Column column) {
      const std::size_t i = index[column];
      return i < record.fields.size() ? record.fields[i] : std::string();
    };
    auto required = [&](Column column) {
      std::string value = cell(column);
      if (value.empty()) problem(column, "missing value");
      return value;
    };

    SurveyResponse response;
    response.source = fmt::format("{}:{}", file, line);
    response.respondent = required(kRespondent);
    response.question = to_nfc(required(kQuestion));
    const std::string population = required(kPopulation);
    if (!population.empty()) {
      const std::string folded = casefold(population);
      if (folded == "staff" || folded == "medarbejder" || folded == "medarbejdere")
        response.population = "staff";
      else if (folded == "citizen" || folded == "borger" || folded == "borgere")
        response.population = "citizen";
      else
        problem(kPopulation, "expected staff, citizen, medarbejder or borger, got " + quote_for_message(population));
    }
    const std::string scale_max = cell(kScaleMax);
    bool scale_ok = true;
    response.scale_max = kDefaultScaleMax;
    if (!scale_max.empty()) {
      const auto value = parse_int(scale_max);
      if (!value || *value < 2 || *value > 11) {
        problem(kScaleMax, "expected an integer 2-11, got " + quote_for_message(scale_max));
        scale_ok = false;
      } else {
        response.scale_max = *value;
      }
    }
    const std::string score = required(kScore);
    if (!score.empty()) {
      const auto value = parse_int(score);
      if (!value || *value < 1 || (scale_ok && *value > response.scale_max))
        problem(kScore,
                fmt::format("expected an integer 1-{}, got {}",
                            scale_ok ? std::to_string(response.scale_max) : "scale_max", quote_for_message(score)));
      else
        response.score = *value;
    }
    if (!response.respondent.empty() && !response.question.empty()) {
      const auto [it, inserted] = first_line_of_answer.emplace(std::pair{response.respondent, response.question}, line);
      if (!inserted)
        problem(kQuestion,
                fmt::format("expected one answer per respondent and question; {} answered {} already on "
                            "line {}",
                            quote_for_message(response.respondent), quote_for_message(response.question), it->second));
    }
    if (ok) responses.push_back(std::move(response));
  }
  problems.throw_if_any();
  return responses;
}

std::vector<SurveyResponse> read_survey_csv(const std::filesystem::path& file) {
  return parse_survey_csv(read_file(file), file.string());
}

void write_survey_csv(std::ostream& out, std::span<const SurveyResponse> responses) {
  out << "respondent,population,question,score,scale_max\n";
  for (const auto& response : responses)
    out << csv_field(response.respondent) << ',' << csv_field(response.population) << ','
        << csv_field(response.question) << ',' << response.score << ',' << response.scale_max << '\n';
}

}  // namespace pb
