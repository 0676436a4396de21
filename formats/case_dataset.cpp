#include "formats/case_dataset.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/cpr.h"
#include "core/error.h"
#include "core/files.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "formats/csv_table.h"
#include "formats/text_input.h"

namespace pb {
namespace {

using formats_detail::csv_field;
using formats_detail::CsvColumnSpec;
using formats_detail::ProblemCollector;

enum Column : std::size_t {
  kId,
  kTargetGroup,
  kIntervention,
  kSplit,
  kPropensity,
  kWeeks,
  kCensored,
  kInJob26w,
  kCaseworkerChoice,
  kRiskLabel,
  kColumnCount
};

constexpr std::array<CsvColumnSpec, kColumnCount> kColumns = {{
    {"id", true},
    {"target_group", true},
    {"intervention", true},
    {"split", false},
    {"propensity", false},
    {"outcome_weeks_to_self_support", false},
    {"censored", false},
    {"outcome_in_job_26w", false},
    {"caseworker_choice", false},
    {"risk_label", false},
}};

constexpr std::string_view kAttributePrefix = "attr_";
constexpr std::string_view kFeaturePrefix = "f_";
// Ten years; more is almost certainly days or a date typed into the weeks column.
constexpr double kMaxWeeks = 520.0;

// A value as shown in a message: CPR-shaped numbers masked first, so no message ever prints one.
std::string masked_quote(std::string_view text) {
  return formats_detail::quote_for_message(mask_cpr(text));
}
std::string described(const nlohmann::json& value) {
  return mask_cpr(describe_json(value));
}

bool valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Shortest fixed-point text that reads back to the same double (the CSV reader refuses exponents).
std::string format_number(double value) {
  std::array<char, 400> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  if (ec != std::errc()) throw std::invalid_argument(fmt::format("case dataset: cannot write the number {}", value));
  return std::string(buffer.data(), end);
}

// One record's problems, shared by the CSV and JSONL readers so both apply the same rules with the same words.
class RecordChecker {
 public:
  RecordChecker(ProblemCollector& problems, int line) : problems_(problems), line_(line) {}
  bool ok() const { return ok_; }
  void problem(const std::string& field, std::string message) {
    problems_.add(line_, field, std::move(message));
    ok_ = false;
  }

  // `shown` is how the value appears in the file, for the message.
  void id(const std::string& value, std::unordered_map<std::string, int>& first_line_of_id) {
    if (value.empty()) return problem("id", "missing value");
    if (looks_like_cpr(value) || mask_cpr(value) != value)
      return problem("id", "expected a pseudonym (ids must be pseudonyms, never CPR numbers), got " + masked_quote(value));
    const auto [it, inserted] = first_line_of_id.emplace(value, line_);
    if (!inserted)
      problem("id", fmt::format("expected a unique id, got {} again (first on line {})", masked_quote(value), it->second));
  }
  void split(const std::string& value, std::string& out) {
    const std::string lower = formats_detail::lowercase_ascii(value);
    if (lower.empty() || lower == "train" || lower == "test")
      out = lower;
    else
      problem("split", "expected train, test or an empty value, got " + masked_quote(value));
  }
  void non_empty_name(const std::string& field, const std::string& value, std::string& out) {
    if (value.empty()) return problem(field, "missing value");
    out = to_nfc(value);
  }
  void propensity(double value, const std::string& shown, std::optional<double>& out) {
    if (value > 0.0 && value <= 1.0)
      out = value;
    else
      problem("propensity", "expected a probability 0 < p <= 1, got " + shown);
  }
  void weeks(double value, const std::string& shown, std::optional<double>& out) {
    if (value >= 0.0 && value <= kMaxWeeks)
      out = value;
    else
      problem("outcome_weeks_to_self_support", "expected weeks 0 <= w <= 520, got " + shown);
  }
  void zero_one(const std::string& field, double value, const std::string& shown, std::optional<int>& out) {
    if (value == 0.0 || value == 1.0)
      out = static_cast<int>(value);
    else
      problem(field, "expected 0 or 1, got " + shown);
  }
  // After all fields: rules between fields.
  void finish(const CaseRecord& record, const std::string& censored_shown) {
    if (record.censored && !record.outcome_weeks_to_self_support)
      problem("censored",
              "expected false when outcome_weeks_to_self_support is missing (censored at which week?), got " +
                  censored_shown);
  }

 private:
  ProblemCollector& problems_;
  int line_;
  bool ok_ = true;
};

std::vector<std::string> sorted_names(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

// ---------------------------------------------------------------------------------------------------------- CSV

struct CsvLayout {
  std::vector<std::size_t> index;  // per Column, npos when absent
  std::vector<std::pair<std::string, std::size_t>> attributes;  // name → field position
  std::vector<std::pair<std::string, std::size_t>> features;
};

// The known columns go through the shared header mapping; attr_/f_ columns are taken out first (the mapping
// would call them unknown) and checked here.
CsvLayout map_header(const formats_detail::CsvRecord& header, ProblemCollector& problems) {
  CsvLayout layout;
  formats_detail::CsvRecord known;
  known.line = header.line;
  std::vector<std::size_t> position_of_known;
  std::set<std::string> seen_attributes, seen_features;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = formats_detail::lowercase_ascii(header.fields[i]);
    const bool attribute = name.starts_with(kAttributePrefix);
    const bool feature = name.starts_with(kFeaturePrefix);
    if (!attribute && !feature) {
      // Empty and unknown names are reported here, with the true column number and the attr_/f_ hint.
      if (name.empty()) {
        problems.add(header.line, "header", fmt::format("column {} has no name", i + 1));
        continue;
      }
      const bool own = name.starts_with("x_");
      const bool listed = std::any_of(kColumns.begin(), kColumns.end(), [&](const auto& c) { return c.name == name; });
      if (!own && !listed) {
        std::string expected;
        for (const auto& column : kColumns) expected += std::string(column.name) + ", ";
        problems.add(header.line, "header",
                     "unknown column " + masked_quote(header.fields[i]) + " (expected " + expected +
                         "attr_<name> or f_<name>; extra columns must start with x_)");
        continue;
      }
      known.fields.push_back(header.fields[i]);
      position_of_known.push_back(i);
      continue;
    }
    const std::string bare = name.substr(attribute ? kAttributePrefix.size() : kFeaturePrefix.size());
    if (!valid_name(bare)) {
      problems.add(header.line, "header",
                   fmt::format("expected {}<name> with a name of a-z, 0-9 and _, got {}",
                               attribute ? kAttributePrefix : kFeaturePrefix, masked_quote(header.fields[i])));
      continue;
    }
    auto& seen = attribute ? seen_attributes : seen_features;
    if (!seen.insert(bare).second) {
      problems.add(header.line, "header", "column \"" + name + "\" appears twice");
      continue;
    }
    (attribute ? layout.attributes : layout.features).emplace_back(bare, i);
  }
  layout.index = formats_detail::map_csv_header(known, kColumns, problems);
  for (auto& i : layout.index)
    if (i != std::string::npos) i = position_of_known[i];
  std::sort(layout.attributes.begin(), layout.attributes.end());
  std::sort(layout.features.begin(), layout.features.end());
  return layout;
}

}  // namespace

CaseDataset parse_case_csv(std::string_view text, const std::string& file_name_for_messages) {
  const std::string& file = file_name_for_messages;
  ProblemCollector problems(file);
  auto table = formats_detail::open_csv_table(text, file, problems, "id, target_group and intervention");
  auto& reader = table.reader;
  const char delimiter = table.delimiter;
  formats_detail::CsvRecord& record = table.header;
  const std::size_t field_count = record.fields.size();
  const CsvLayout layout = map_header(record, problems);
  problems.throw_if_any();

  CaseDataset dataset;
  for (const auto& [name, _] : layout.attributes) dataset.attribute_names.push_back(name);
  for (const auto& [name, _] : layout.features) dataset.feature_names.push_back(name);

  std::unordered_map<std::string, int> first_line_of_id;
  while (formats_detail::next_csv_row(reader, field_count, record, problems)) {
    const int line = record.line;
    RecordChecker check(problems, line);
    auto cell = [&](Column column) -> std::string {
      const std::size_t i = layout.index[column];
      return i < record.fields.size() ? record.fields[i] : std::string();
    };
    auto number = [&](Column column, std::optional<double>& out, const char* what) -> bool {
      const std::string value = cell(column);
      if (value.empty()) return false;
      out = formats_detail::parse_csv_decimal(value, delimiter);
      if (!out) {
        const std::string mark = delimiter == ';' ? "decimal comma or point" : "decimal point";
        check.problem(std::string(kColumns[column].name),
                      fmt::format("expected {} ({}), got {}", what, mark, masked_quote(value)));
      }
      return out.has_value();
    };

    CaseRecord c;
    c.source = fmt::format("{}:{}", file, line);
    c.id = cell(kId);
    check.id(c.id, first_line_of_id);
    check.split(cell(kSplit), c.split);
    check.non_empty_name("target_group", cell(kTargetGroup), c.target_group);
    check.non_empty_name("intervention", cell(kIntervention), c.intervention);
    for (const auto& [name, i] : layout.attributes) {
      std::string value;
      check.non_empty_name(std::string(kAttributePrefix) + name, record.fields[i], value);
      c.attributes.emplace(name, std::move(value));
    }
    for (const auto& [name, i] : layout.features) {
      const std::string& value = record.fields[i];
      const std::string field = std::string(kFeaturePrefix) + name;
      if (value.empty()) {
        check.problem(field, "missing value (every case needs every feature)");
        continue;
      }
      const auto parsed = formats_detail::parse_csv_decimal(value, delimiter);
      if (!parsed)
        check.problem(field, fmt::format("expected a number ({}), got {}",
                                         delimiter == ';' ? "decimal comma or point" : "decimal point",
                                         masked_quote(value)));
      else
        c.features.emplace(name, *parsed);
    }
    std::optional<double> value;
    if (number(kPropensity, value, "a probability")) check.propensity(*value, masked_quote(cell(kPropensity)), c.propensity);
    if (number(kWeeks, value, "a number of weeks"))
      check.weeks(*value, masked_quote(cell(kWeeks)), c.outcome_weeks_to_self_support);
    for (Column column : {kInJob26w, kRiskLabel}) {
      const std::string text01 = cell(column);
      if (text01.empty()) continue;
      auto& out = column == kInJob26w ? c.outcome_in_job_26w : c.risk_label;
      if (text01 == "0" || text01 == "1")
        out = text01 == "1" ? 1 : 0;
      else
        check.problem(std::string(kColumns[column].name), "expected 0 or 1, got " + masked_quote(text01));
    }
    const std::string censored = cell(kCensored);
    if (!censored.empty()) {
      const auto parsed = formats_detail::parse_csv_yes_no(censored);
      if (!parsed)
        check.problem("censored", "expected true/false, ja/nej, yes/no or 1/0, got " + masked_quote(censored));
      else
        c.censored = *parsed;
    }
    const std::string choice = cell(kCaseworkerChoice);
    if (!choice.empty()) c.caseworker_choice = to_nfc(choice);
    check.finish(c, masked_quote(censored));
    if (check.ok()) dataset.cases.push_back(std::move(c));
  }
  problems.throw_if_any();
  return dataset;
}

// --------------------------------------------------------------------------------------------------------- JSONL

namespace {

const std::set<std::string, std::less<>>& jsonl_keys() {
  static const std::set<std::string, std::less<>> keys = {
      "id",         "split",      "target_group", "attributes",         "features",          "intervention",
      "propensity", "censored",   "risk_label",   "outcome_in_job_26w", "caseworker_choice",
      "outcome_weeks_to_self_support"};
  return keys;
}

// The names of an object's keys (attributes or features), sorted; empty when the key is absent or not an object.
std::vector<std::string> object_keys(const nlohmann::json& object, const char* key) {
  std::vector<std::string> names;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_object()) return names;
  for (const auto& [name, _] : it->items()) names.push_back(name);
  return sorted_names(std::move(names));
}

}  // namespace

CaseDataset parse_case_jsonl(std::string_view text, const std::string& file_name_for_messages) {
  using nlohmann::json;
  const std::string& file = file_name_for_messages;
  text = formats_detail::strip_bom(text);
  formats_detail::require_utf8(text, file);
  ProblemCollector problems(file);
  formats_detail::LineReader lines(text);
  std::string_view line_text;
  CaseDataset dataset;
  bool names_known = false;
  bool any_line = false;
  std::unordered_map<std::string, int> first_line_of_id;
  while (lines.next(line_text)) {
    if (formats_detail::is_blank(line_text)) continue;
    const int line = lines.line_number();
    any_line = true;
    json object;
    try {
      object = json::parse(line_text);
    } catch (const json::parse_error& e) {
      problems.add(line, "", "expected one JSON object per line: " + mask_cpr(parse_error_message(e)));
      continue;
    }
    if (!object.is_object()) {
      problems.add(line, "", "expected a JSON object, got " + described(object));
      continue;
    }
    RecordChecker check(problems, line);
    for (const auto& [key, _] : object.items())
      if (!jsonl_keys().contains(key) && !key.starts_with("x_"))
        check.problem(key, "unknown key (keys of your own must start with \"x_\")");

    // A string field; nullopt when absent or null (or wrong: then a problem is added).
    auto string_field = [&](const char* key) -> std::optional<std::string> {
      const auto it = object.find(key);
      if (it == object.end() || it->is_null()) return std::nullopt;
      if (!it->is_string()) {
        check.problem(key, "expected a string, got " + described(*it));
        return std::nullopt;
      }
      return it->get<std::string>();
    };
    auto number_field = [&](const char* key) -> std::optional<double> {
      const auto it = object.find(key);
      if (it == object.end() || it->is_null()) return std::nullopt;
      if (!it->is_number() || !std::isfinite(it->get<double>())) {
        check.problem(key, "expected a number, got " + described(*it));
        return std::nullopt;
      }
      return it->get<double>();
    };

    CaseRecord c;
    c.source = fmt::format("{}:{}", file, line);
    c.id = string_field("id").value_or("");
    check.id(c.id, first_line_of_id);
    if (const auto split = string_field("split")) check.split(*split, c.split);
    check.non_empty_name("target_group", string_field("target_group").value_or(""), c.target_group);
    check.non_empty_name("intervention", string_field("intervention").value_or(""), c.intervention);
    if (const auto choice = string_field("caseworker_choice")) {
      if (choice->empty())
        check.problem("caseworker_choice", "expected a non-empty intervention name or null, got \"\"");
      else
        c.caseworker_choice = to_nfc(*choice);
    }

    // The first case fixes the attribute and feature names; every later case must have the same.
    if (!names_known) {
      dataset.attribute_names = object_keys(object, "attributes");
      dataset.feature_names = object_keys(object, "features");
      names_known = true;
    }
    for (const char* key : {"attributes", "features"}) {
      const bool attributes = std::string_view(key) == "attributes";
      const auto& expected = attributes ? dataset.attribute_names : dataset.feature_names;
      const auto it = object.find(key);
      if (it == object.end() || it->is_null()) {
        if (!expected.empty()) check.problem(key, "missing (the first case has " + std::string(key) + ")");
        continue;
      }
      if (!it->is_object()) {
        check.problem(key, "expected an object, got " + described(*it));
        continue;
      }
      for (const auto& [name, value] : it->items()) {
        const std::string field = std::string(key) + "." + name;
        if (!valid_name(name)) {
          check.problem(field, "expected a name of a-z, 0-9 and _, got " + masked_quote(name));
          continue;
        }
        if (!std::binary_search(expected.begin(), expected.end(), name)) {
          check.problem(field, "unexpected name (the first case has no " + masked_quote(name) +
                                   "; every case must have the same names)");
          continue;
        }
        if (attributes) {
          if (!value.is_string()) {
            check.problem(field, "expected a string, got " + described(value));
            continue;
          }
          std::string text_value;
          check.non_empty_name(field, value.get<std::string>(), text_value);
          c.attributes.emplace(name, std::move(text_value));
        } else {
          if (!value.is_number() || !std::isfinite(value.get<double>())) {
            check.problem(field, "expected a number, got " + described(value));
            continue;
          }
          c.features.emplace(name, value.get<double>());
        }
      }
      for (const auto& name : expected)
        if (!it->contains(name))
          check.problem(std::string(key) + "." + name, "missing (every case needs the same names as the first)");
    }

    if (const auto p = number_field("propensity")) check.propensity(*p, described(object["propensity"]), c.propensity);
    if (const auto w = number_field("outcome_weeks_to_self_support"))
      check.weeks(*w, described(object["outcome_weeks_to_self_support"]), c.outcome_weeks_to_self_support);
    for (const char* key : {"outcome_in_job_26w", "risk_label"}) {
      const auto it = object.find(key);
      if (it == object.end() || it->is_null()) continue;
      auto& out = std::string_view(key) == "risk_label" ? c.risk_label : c.outcome_in_job_26w;
      if (it->is_boolean())
        out = it->get<bool>() ? 1 : 0;
      else if (it->is_number())
        check.zero_one(key, it->get<double>(), described(*it), out);
      else
        check.problem(key, "expected 0 or 1, got " + described(*it));
    }
    std::string censored_shown = "\"\"";
    if (const auto it = object.find("censored"); it != object.end() && !it->is_null()) {
      censored_shown = described(*it);
      if (it->is_boolean())
        c.censored = it->get<bool>();
      else
        check.problem("censored", "expected true or false, got " + censored_shown);
    }
    check.finish(c, censored_shown);
    if (check.ok()) dataset.cases.push_back(std::move(c));
  }
  if (!any_line) problems.add(0, "", "empty file; expected one JSON object per case");
  problems.throw_if_any();
  return dataset;
}

CaseDataset read_case_dataset(const std::filesystem::path& file) {
  const std::string extension = formats_detail::lowercase_ascii(file.extension().string());
  if (extension == ".csv") return parse_case_csv(read_file(file), file.string());
  if (extension == ".jsonl") return parse_case_jsonl(read_file(file), file.string());
  throw InputError(Problem{file.string(), 0, "", "expected a .csv or .jsonl case dataset, got " +
                                                     masked_quote(file.extension().string())});
}

// -------------------------------------------------------------------------------------------------------- writers

namespace {

// The rules a reader would apply, so that a writer never prints what cannot be read back (or a CPR number).
void check_for_writing(const CaseDataset& dataset) {
  const auto fail = [](const std::string& why) { throw std::invalid_argument("case dataset: " + why); };
  for (const auto* names : {&dataset.attribute_names, &dataset.feature_names}) {
    if (!std::is_sorted(names->begin(), names->end()) ||
        std::adjacent_find(names->begin(), names->end()) != names->end())
      fail("attribute and feature names must be sorted and unique");
    for (const auto& name : *names)
      if (!valid_name(name)) fail("names must match [a-z0-9_]+, got " + masked_quote(name));
  }
  std::set<std::string> ids;
  for (const auto& c : dataset.cases) {
    if (c.id.empty() || looks_like_cpr(c.id) || mask_cpr(c.id) != c.id)
      fail("ids must be non-empty pseudonyms, got " + masked_quote(c.id));
    if (!ids.insert(c.id).second) fail("ids must be unique, " + masked_quote(c.id) + " repeats");
    if (c.target_group.empty() || c.intervention.empty()) fail("target_group and intervention must be non-empty");
    if (!c.split.empty() && c.split != "train" && c.split != "test") fail("split must be train, test or empty");
    if (c.attributes.size() != dataset.attribute_names.size() || c.features.size() != dataset.feature_names.size())
      fail("case " + masked_quote(c.id) + " must have exactly the dataset's attribute and feature names");
    for (const auto& name : dataset.attribute_names) {
      const auto it = c.attributes.find(name);
      if (it == c.attributes.end() || it->second.empty())
        fail("case " + masked_quote(c.id) + " needs a non-empty attribute " + name);
    }
    for (const auto& name : dataset.feature_names) {
      const auto it = c.features.find(name);
      if (it == c.features.end() || !std::isfinite(it->second))
        fail("case " + masked_quote(c.id) + " needs a finite feature " + name);
    }
    if (c.propensity && !(*c.propensity > 0.0 && *c.propensity <= 1.0)) fail("propensity must be in (0, 1]");
    if (c.outcome_weeks_to_self_support &&
        !(*c.outcome_weeks_to_self_support >= 0.0 && *c.outcome_weeks_to_self_support <= kMaxWeeks))
      fail("outcome_weeks_to_self_support must be in [0, 520]");
    if (c.censored && !c.outcome_weeks_to_self_support) fail("censored needs outcome_weeks_to_self_support");
    for (const auto& v : {c.outcome_in_job_26w, c.risk_label})
      if (v && *v != 0 && *v != 1) fail("outcome_in_job_26w and risk_label must be 0 or 1");
    if (c.caseworker_choice && c.caseworker_choice->empty()) fail("caseworker_choice must be non-empty when given");
  }
}

}  // namespace

void write_case_csv(std::ostream& out, const CaseDataset& dataset) {
  check_for_writing(dataset);
  out << "id,split,target_group";
  for (const auto& name : dataset.attribute_names) out << ',' << kAttributePrefix << name;
  for (const auto& name : dataset.feature_names) out << ',' << kFeaturePrefix << name;
  out << ",intervention,propensity,outcome_weeks_to_self_support,censored,outcome_in_job_26w,caseworker_choice,"
         "risk_label\n";
  const auto optional_number = [](const std::optional<double>& v) { return v ? format_number(*v) : std::string(); };
  const auto optional_int = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
  for (const auto& c : dataset.cases) {
    out << csv_field(c.id) << ',' << csv_field(c.split) << ',' << csv_field(c.target_group);
    for (const auto& name : dataset.attribute_names) out << ',' << csv_field(c.attributes.at(name));
    for (const auto& name : dataset.feature_names) out << ',' << format_number(c.features.at(name));
    out << ',' << csv_field(c.intervention) << ',' << optional_number(c.propensity) << ','
        << optional_number(c.outcome_weeks_to_self_support) << ',' << (c.censored ? "true" : "false") << ','
        << optional_int(c.outcome_in_job_26w) << ',' << csv_field(c.caseworker_choice.value_or("")) << ','
        << optional_int(c.risk_label) << '\n';
  }
}

void write_case_jsonl(std::ostream& out, const CaseDataset& dataset) {
  using nlohmann::json;
  check_for_writing(dataset);
  for (const auto& c : dataset.cases) {
    json object = {{"id", c.id},
                   {"target_group", c.target_group},
                   {"intervention", c.intervention},
                   {"censored", c.censored},
                   {"attributes", json::object()},
                   {"features", json::object()}};
    if (!c.split.empty()) object["split"] = c.split;
    for (const auto& [name, value] : c.attributes) object["attributes"][name] = value;
    for (const auto& [name, value] : c.features) object["features"][name] = value;
    if (c.propensity) object["propensity"] = *c.propensity;
    if (c.outcome_weeks_to_self_support) object["outcome_weeks_to_self_support"] = *c.outcome_weeks_to_self_support;
    if (c.outcome_in_job_26w) object["outcome_in_job_26w"] = *c.outcome_in_job_26w;
    if (c.caseworker_choice) object["caseworker_choice"] = *c.caseworker_choice;
    if (c.risk_label) object["risk_label"] = *c.risk_label;
    out << object.dump() << '\n';
  }
}

}  // namespace pb
