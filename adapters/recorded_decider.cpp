#include "adapters/recorded_decider.h"

#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "adapters/adapter_config.h"
#include "adapters/decision_registry.h"
#include "adapters/openai_chat.h"
#include "core/cpr.h"
#include "core/files.h"
#include "core/hash.h"
#include "core/json_text.h"
#include "formats/csv_table.h"
#include "formats/text_input.h"

namespace pb {
namespace {

using formats_detail::ProblemCollector;
using nlohmann::json;

std::string masked_quote(std::string_view text) { return formats_detail::quote_for_message(mask_cpr(text)); }

// A plain decimal as in every pilotbench CSV, or — since programs print small scores that way ("1.2e-05") —
// a finite number in exponent notation with '.' as its decimal mark.
std::optional<double> parse_number_cell(std::string_view text, char delimiter) {
  if (auto plain = formats_detail::parse_csv_decimal(text, delimiter)) return plain;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// What every row must satisfy whatever the interventions of the run (those are checked per request).
void check_parts(const Decision& decision, int line, ProblemCollector& problems) {
  if (decision.risk_score && !(*decision.risk_score >= 0.0 && *decision.risk_score <= 1.0))
    problems.add(line, "risk_score", "expected a probability in [0, 1], got " +
                                         shortest_number(*decision.risk_score));
  if (!decision.risk_score && !decision.recommendation && !decision.recommendation_score && !decision.segment)
    problems.add(line, "", "expected at least one of risk_score, recommendation, recommendation_score, segment");
}

// Records a case's decision; a second row for the same case is an error naming the first.
void add_decision(std::map<std::string, Decision>& decisions, std::map<std::string, int>& first_line,
                  const std::string& case_id, Decision decision, int line, ProblemCollector& problems) {
  const auto [it, inserted] = first_line.emplace(case_id, line);
  if (!inserted) {
    problems.add(line, "case_id", "expected each case once, but " + masked_quote(case_id) + " is also on line " +
                                      std::to_string(it->second));
    return;
  }
  decisions.emplace(case_id, std::move(decision));
}

constexpr std::array<formats_detail::CsvColumnSpec, 5> kColumns = {{{"case_id", true},
                                                                    {"risk_score", false},
                                                                    {"recommendation", false},
                                                                    {"recommendation_score", false},
                                                                    {"segment", false}}};
enum Column { kCaseId, kRisk, kRecommendation, kRecommendationScore, kSegment };

}  // namespace

std::map<std::string, Decision> parse_recorded_decisions_csv(std::string_view text, const std::string& file_name) {
  ProblemCollector problems(file_name);
  auto table = formats_detail::open_csv_table(text, file_name, problems, "case_id");
  auto& reader = table.reader;
  const char delimiter = table.delimiter;
  formats_detail::CsvRecord& record = table.header;
  const std::size_t field_count = record.fields.size();
  const std::vector<std::size_t> index = formats_detail::map_csv_header(record, kColumns, problems);
  problems.throw_if_any();

  std::map<std::string, Decision> decisions;
  std::map<std::string, int> first_line;
  while (formats_detail::next_csv_row(reader, field_count, record, problems)) {
    const int line = record.line;
    auto cell = [&](Column column) -> std::string {
      const std::size_t i = index[column];
      return i < record.fields.size() ? record.fields[i] : std::string();
    };
    auto number = [&](Column column) -> std::optional<double> {
      const std::string value = cell(column);
      if (value.empty()) return std::nullopt;
      const auto parsed = parse_number_cell(value, delimiter);
      if (!parsed)
        problems.add(line, std::string(kColumns[column].name),
                     std::string("expected a number (") + (delimiter == ';' ? "decimal comma or point" : "decimal point") +
                         "), got " + masked_quote(value));
      return parsed;
    };
    auto text_cell = [&](Column column) -> std::optional<std::string> {
      std::string value = cell(column);
      if (value.empty()) return std::nullopt;
      return value;
    };
    const std::string case_id = cell(kCaseId);
    if (case_id.empty()) {
      problems.add(line, "case_id", "expected a case id, got an empty cell");
      continue;
    }
    Decision decision{number(kRisk), text_cell(kRecommendation), number(kRecommendationScore), text_cell(kSegment)};
    // A cell that failed to parse is reported above; do not also call the row empty.
    const bool bad_number = (!cell(kRisk).empty() && !decision.risk_score) ||
                            (!cell(kRecommendationScore).empty() && !decision.recommendation_score);
    if (!bad_number) check_parts(decision, line, problems);
    add_decision(decisions, first_line, case_id, std::move(decision), line, problems);
  }
  problems.throw_if_any();
  return decisions;
}

std::map<std::string, Decision> parse_recorded_decisions_jsonl(std::string_view text, const std::string& file_name) {
  text = formats_detail::strip_bom(text);
  formats_detail::require_utf8(text, file_name);
  ProblemCollector problems(file_name);
  formats_detail::LineReader lines(text);
  std::string_view line_text;
  std::map<std::string, Decision> decisions;
  std::map<std::string, int> first_line;
  while (lines.next(line_text)) {
    if (formats_detail::is_blank(line_text)) continue;
    const int line = lines.line_number();
    json object;
    try {
      object = json::parse(line_text);
    } catch (const json::parse_error& error) {
      problems.add(line, "", "expected one JSON object per line: " + mask_cpr(parse_error_message(error)));
      continue;
    }
    if (!object.is_object()) {
      problems.add(line, "", "expected a JSON object, got " + describe_json(object));
      continue;
    }
    Decision decision;
    std::optional<std::string> case_id;
    bool bad_value = false;
    for (const auto& [key, value] : object.items()) {
      if (key.starts_with("x_") || value.is_null()) continue;
      if (key == "case_id" || key == "recommendation" || key == "segment") {
        if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
          problems.add(line, key, "expected a non-empty string, got " + mask_cpr(describe_json(value)));
          bad_value = true;
          continue;
        }
        const std::string& text_value = value.get_ref<const std::string&>();
        if (key == "case_id") case_id = text_value;
        else (key == "recommendation" ? decision.recommendation : decision.segment) = text_value;
      } else if (key == "risk_score" || key == "recommendation_score") {
        if (!value.is_number()) {
          problems.add(line, key, "expected a number, got " + mask_cpr(describe_json(value)));
          bad_value = true;
          continue;
        }
        (key == "risk_score" ? decision.risk_score : decision.recommendation_score) = value.get<double>();
      } else {
        problems.add(line, key, "unknown key (expected case_id, risk_score, recommendation, recommendation_score, "
                                "segment; keys of your own must start with \"x_\")");
      }
    }
    if (!case_id) {
      if (!object.contains("case_id") || object["case_id"].is_null())
        problems.add(line, "case_id", "expected a case id (a non-empty string)");
      continue;
    }
    if (!bad_value) check_parts(decision, line, problems);
    add_decision(decisions, first_line, *case_id, std::move(decision), line, problems);
  }
  problems.throw_if_any();
  return decisions;
}

RecordedDecider::RecordedDecider(std::map<std::string, Decision> decisions, std::string content_sha256)
    : decisions_(std::move(decisions)), content_sha256_(std::move(content_sha256)) {}

ComponentId RecordedDecider::id() const { return {"recorded", "1;sha256=" + content_sha256_.substr(0, 12)}; }

Outcome<TrainingSummary> RecordedDecider::train(std::span<const CaseRecord>, const std::vector<std::string>&) {
  return Outcome<TrainingSummary>::success({0, "recorded decisions (no training)"});
}

Outcome<Decision> RecordedDecider::decide(const DecisionRequest& request) {
  const auto it = decisions_.find(request.case_record.id);
  if (it == decisions_.end())
    return Outcome<Decision>::failure("no recorded decision for case " + mask_cpr(request.case_record.id));
  return validate_decision(it->second, request.interventions);
}

DecisionAdapterPtr make_recorded_decider(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"path"});
  reject_unused_common_keys(config, {});
  const std::optional<std::string> relative = config.string("path");
  if (!relative && !config.find("path"))
    config.problem(config.path("path"), "required: the recorded decisions file (.csv or .jsonl)");
  else if (!relative)
    config.problem(config.path("path"), "expected a file name, got " + describe_json(*config.find("path")));
  if (!config.ok()) return nullptr;

  const std::filesystem::path path = std::filesystem::path(spec.base_dir) / *relative;
  const std::string extension = formats_detail::lowercase_ascii(path.extension().string());
  if (extension != ".csv" && extension != ".jsonl") {
    config.problem(config.path("path"), "expected a .csv or .jsonl file, got \"" + *relative + "\"");
    return nullptr;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    config.problem(config.path("path"), "file not found: " + path.string());
    return nullptr;
  }
  try {
    const std::string content = read_file(path);
    auto decisions = extension == ".csv" ? parse_recorded_decisions_csv(content, path.string())
                                         : parse_recorded_decisions_jsonl(content, path.string());
    return std::make_unique<RecordedDecider>(std::move(decisions), sha256_hex(content));
  } catch (const InputError& error) {
    for (const Problem& problem : error.problems()) problems.add(problem);
    return nullptr;
  }
}

}  // namespace pb
