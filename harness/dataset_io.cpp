#include "harness/dataset_io.h"

#include <set>

#include <fmt/format.h>

#include "core/files.h"
#include "core/hash.h"
#include "core/utf8.h"
#include "harness/json_fields.h"

namespace pb {
namespace {

const std::set<std::string> kRoles = {kRoleCaseworker, kRoleCitizen, kRoleInterpreter, kRoleRelative};
const std::set<std::string> kFactTypes = {"date",        "time",         "amount",      "number",    "duration",
                                          "job_title",   "obligation",   "agreement",   "intervention", "name",
                                          "place",       "organisation", "next_meeting", "health",   "cpr"};

std::filesystem::path manifest_path(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path)) return path / kManifestName;
  return path;
}

std::string fact_types_list() {
  std::string list;
  for (const auto& t : kFactTypes) list += (list.empty() ? "" : ", ") + t;
  return list;
}

void read_segments(const nlohmann::json& array, const std::string& path, JsonFields& fields,
                   std::vector<Segment>& out) {
  std::optional<double> previous_start;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto item_path = fmt::format("{}[{}]", path, i);
    const auto& item = array[i];
    if (!item.is_object()) {
      fields.problem(item_path, "expected a segment object, got " + describe_json(item));
      continue;
    }
    fields.reject_unknown_keys(item, item_path, {"speaker", "role", "start", "end", "text"});
    Segment segment;
    segment.speaker = fields.string(item, "speaker", item_path, true).value_or("");
    segment.role = fields.string(item, "role", item_path, false).value_or("");
    if (!segment.role.empty() && !kRoles.count(segment.role))
      fields.problem(item_path + ".role",
                     "expected one of caseworker, citizen, interpreter, relative, got \"" + segment.role + "\"");
    segment.start = fields.number(item, "start", item_path, false, 0.0);
    segment.end = fields.number(item, "end", item_path, false, 0.0);
    if (segment.start && segment.end && *segment.end < *segment.start)
      fields.problem(item_path + ".end", fmt::format("expected end >= start ({}), got {}", *segment.start, *segment.end));
    if (segment.start && previous_start && *segment.start < *previous_start)
      fields.problem(item_path + ".start", fmt::format("segments must be in time order; starts before the previous "
                                                       "segment ({} < {})",
                                                       *segment.start, *previous_start));
    if (segment.start) previous_start = segment.start;
    segment.text = fields.string(item, "text", item_path, true).value_or("");
    out.push_back(std::move(segment));
  }
}

}  // namespace

bool is_valid_item_id(const std::string& id) {
  if (id.empty() || id.size() > 128 || id[0] == '.') return false;
  for (unsigned char c : id)
    if (!(std::isalnum(c) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

Conversation conversation_from_json(const nlohmann::json& object, const std::string& file, int line,
                                    ProblemList& problems) {
  JsonFields fields(file, line, problems);
  Conversation c;
  if (!object.is_object()) {
    fields.problem("", "expected a JSON object (one conversation per line), got " + describe_json(object));
    return c;
  }
  fields.reject_unknown_keys(object, "",
                             {"id", "audio", "language", "target_group", "attributes", "meeting_type", "segments",
                              "reference_note", "key_facts", "timing"});
  c.id = fields.string(object, "id", "", true).value_or("");
  if (!c.id.empty() && !is_valid_item_id(c.id))
    fields.problem("id", "expected 1-128 characters from A-Z a-z 0-9 . _ - (not starting with '.'), got \"" + c.id + "\"");
  c.audio = fields.string(object, "audio", "", false);
  c.language = fields.string(object, "language", "", false).value_or("da");
  c.target_group = fields.string(object, "target_group", "", true).value_or("");
  if (object.contains("target_group") && object["target_group"].is_string() && c.target_group.empty())
    fields.problem("target_group", "expected a non-empty string");
  c.meeting_type = fields.string(object, "meeting_type", "", false).value_or("");

  if (const auto* attributes = fields.object(object, "attributes", "", false)) {
    for (auto it = attributes->begin(); it != attributes->end(); ++it) {
      if (auto value = fields.string(*attributes, it.key(), "attributes", true)) c.attributes[it.key()] = *value;
    }
  }
  if (const auto* segments = fields.array(object, "segments", "", true)) {
    read_segments(*segments, "segments", fields, c.segments);
    if (segments->empty()) fields.problem("segments", "expected at least one reference segment");
  }
  if (const auto* note = fields.object(object, "reference_note", "", false)) {
    fields.reject_unknown_keys(*note, "reference_note", {"kind", "sections"});
    c.reference_note.kind = fields.string(*note, "kind", "reference_note", false).value_or("journalnotat");
    if (c.reference_note.kind != "journalnotat" && c.reference_note.kind != "referat")
      fields.problem("reference_note.kind", "expected \"journalnotat\" or \"referat\", got \"" + c.reference_note.kind + "\"");
    if (const auto* sections = fields.array(*note, "sections", "reference_note", true)) {
      for (std::size_t i = 0; i < sections->size(); ++i) {
        const auto path = fmt::format("reference_note.sections[{}]", i);
        const auto& s = (*sections)[i];
        if (!s.is_object()) {
          fields.problem(path, "expected an object with title and text, got " + describe_json(s));
          continue;
        }
        fields.reject_unknown_keys(s, path, {"title", "text"});
        c.reference_note.sections.push_back(
            {fields.string(s, "title", path, true).value_or(""), fields.string(s, "text", path, true).value_or("")});
      }
    }
  }
  if (const auto* facts = fields.array(object, "key_facts", "", false)) {
    for (std::size_t i = 0; i < facts->size(); ++i) {
      const auto path = fmt::format("key_facts[{}]", i);
      const auto& f = (*facts)[i];
      if (!f.is_object()) {
        fields.problem(path, "expected an object with type, value and text, got " + describe_json(f));
        continue;
      }
      fields.reject_unknown_keys(f, path, {"type", "value", "text", "label"});
      KeyFact fact;
      fact.type = fields.string(f, "type", path, true).value_or("");
      if (!fact.type.empty() && !kFactTypes.count(fact.type))
        fields.problem(path + ".type", "expected one of " + fact_types_list() + ", got \"" + fact.type + "\"");
      fact.value = fields.string(f, "value", path, true).value_or("");
      fact.text = fields.string(f, "text", path, true).value_or("");
      fact.label = fields.string(f, "label", path, false).value_or("");
      c.key_facts.push_back(std::move(fact));
    }
  }
  if (const auto* timing = fields.object(object, "timing", "", false)) {
    fields.reject_unknown_keys(*timing, "timing",
                               {"conversation_minutes", "documentation_minutes_manual", "documentation_minutes_assisted",
                                "ai_used", "after_hours_minutes", "period"});
    // Upper bounds catch unit mix-ups (seconds entered as minutes): no meeting or note takes over 8 hours.
    constexpr double kMaxMinutes = 480.0;
    c.timing.conversation_minutes = fields.number(*timing, "conversation_minutes", "timing", true, 0.0, kMaxMinutes).value_or(0.0);
    c.timing.documentation_minutes_manual = fields.number(*timing, "documentation_minutes_manual", "timing", false, 0.0, kMaxMinutes);
    c.timing.documentation_minutes_assisted = fields.number(*timing, "documentation_minutes_assisted", "timing", false, 0.0, kMaxMinutes);
    c.timing.ai_used = fields.boolean(*timing, "ai_used", "timing", false);
    c.timing.after_hours_minutes = fields.number(*timing, "after_hours_minutes", "timing", false, 0.0, kMaxMinutes);
    c.timing.period = fields.string(*timing, "period", "timing", false).value_or("");
    if (!c.timing.period.empty() && c.timing.period != "baseline" && c.timing.period != "assisted")
      fields.problem("timing.period", "expected \"baseline\" or \"assisted\", got \"" + c.timing.period + "\"");
  }
  return c;
}

nlohmann::ordered_json conversation_to_json(const Conversation& c) {
  nlohmann::ordered_json j;
  j["id"] = c.id;
  if (c.audio) j["audio"] = *c.audio;
  j["language"] = c.language;
  j["target_group"] = c.target_group;
  j["attributes"] = nlohmann::ordered_json::object();
  for (const auto& [k, v] : c.attributes) j["attributes"][k] = v;
  j["meeting_type"] = c.meeting_type;
  auto& segments = j["segments"] = nlohmann::ordered_json::array();
  for (const auto& s : c.segments) {
    nlohmann::ordered_json seg;
    seg["speaker"] = s.speaker;
    if (!s.role.empty()) seg["role"] = s.role;
    if (s.start) seg["start"] = *s.start;
    if (s.end) seg["end"] = *s.end;
    seg["text"] = s.text;
    segments.push_back(std::move(seg));
  }
  j["reference_note"]["kind"] = c.reference_note.kind;
  j["reference_note"]["sections"] = nlohmann::ordered_json::array();
  for (const auto& s : c.reference_note.sections)
    j["reference_note"]["sections"].push_back({{"title", s.title}, {"text", s.text}});
  auto& facts = j["key_facts"] = nlohmann::ordered_json::array();
  for (const auto& f : c.key_facts) {
    nlohmann::ordered_json fact;
    fact["type"] = f.type;
    fact["value"] = f.value;
    fact["text"] = f.text;
    if (!f.label.empty()) fact["label"] = f.label;
    facts.push_back(std::move(fact));
  }
  auto& t = j["timing"];
  t["conversation_minutes"] = c.timing.conversation_minutes;
  if (c.timing.documentation_minutes_manual) t["documentation_minutes_manual"] = *c.timing.documentation_minutes_manual;
  if (c.timing.documentation_minutes_assisted)
    t["documentation_minutes_assisted"] = *c.timing.documentation_minutes_assisted;
  if (c.timing.ai_used) t["ai_used"] = *c.timing.ai_used;
  if (c.timing.after_hours_minutes) t["after_hours_minutes"] = *c.timing.after_hours_minutes;
  if (!c.timing.period.empty()) t["period"] = c.timing.period;
  return j;
}

namespace {
// Parses manifest text into conversations, recording every problem.
std::vector<Conversation> parse_manifest(const std::string& content, const std::string& file, ProblemList& problems) {
  std::vector<Conversation> conversations;
  std::set<std::string> seen_ids;
  std::size_t pos = 0;
  int line_number = 0;
  while (pos < content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string::npos) end = content.size();
    std::string_view line(content.data() + pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (auto bad = find_invalid_utf8(line)) {
      problems.add(file, line_number, "", fmt::format("invalid UTF-8 at column {}", *bad + 1));
      continue;
    }
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      problems.add(file, line_number, "",
                   fmt::format("expected one JSON object per line; column {}: {}", e.byte, parse_error_message(e)));
      continue;
    }
    Conversation c = conversation_from_json(object, file, line_number, problems);
    if (!c.id.empty() && !seen_ids.insert(c.id).second)
      problems.add(file, line_number, "id", "duplicate id \"" + c.id + "\" (ids must be unique)");
    conversations.push_back(std::move(c));
  }
  if (conversations.empty() && problems.empty()) problems.add(file, 0, "", "no conversations (the manifest is empty)");
  return conversations;
}
}  // namespace

std::vector<Problem> validate_dataset(const std::filesystem::path& path) {
  ProblemList problems;
  const auto manifest = manifest_path(path);
  std::string content;
  try {
    content = read_file(manifest);
  } catch (const InputError& e) {
    return e.problems();
  }
  parse_manifest(content, manifest.string(), problems);
  return problems.items();
}

Dataset load_dataset(const std::filesystem::path& path) {
  const auto manifest = manifest_path(path);
  const std::string content = read_file(manifest);
  ProblemList problems;
  Dataset dataset;
  dataset.conversations = parse_manifest(content, manifest.string(), problems);
  problems.throw_if_any();
  dataset.root = manifest.parent_path().string();
  dataset.hash = sha256_hex(content);
  return dataset;
}

void write_dataset(const std::filesystem::path& dir, const std::vector<Conversation>& conversations) {
  std::string content;
  for (const auto& c : conversations) {
    content += conversation_to_json(c).dump();
    content += '\n';
  }
  write_private_file(dir / kManifestName, content);
}

}  // namespace pb
