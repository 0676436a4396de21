#include "adapters/adapter_config.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pb {

bool is_common_adapter_key(std::string_view key) {
  return std::find(kCommonAdapterKeys.begin(), kCommonAdapterKeys.end(), key) != kCommonAdapterKeys.end();
}

bool is_safe_file_stem(std::string_view id) {
  if (id.empty() || id == "." || id == "..") return false;
  return id.find('/') == std::string_view::npos && id.find('\0') == std::string_view::npos;
}

AdapterConfigReader::AdapterConfigReader(const AdapterSpec& spec, ProblemList& problems)
    : spec_(spec), problems_(problems), problems_at_start_(problems.size()) {
  if (!spec.config.is_object() && !spec.config.is_null())
    problem(spec.json_path, "expected an object, got " + describe_json(spec.config));
}

std::string AdapterConfigReader::path(std::string_view key) const {
  return spec_.json_path.empty() ? std::string(key) : spec_.json_path + "." + std::string(key);
}

void AdapterConfigReader::problem(std::string field, std::string message) {
  problems_.add(spec_.scenario_file, 0, std::move(field), std::move(message));
}

void AdapterConfigReader::check_keys(std::initializer_list<std::string_view> kind_keys) {
  if (!spec_.config.is_object()) return;
  for (const auto& [key, value] : spec_.config.items()) {
    if (is_common_adapter_key(key)) continue;
    if (std::find(kind_keys.begin(), kind_keys.end(), key) != kind_keys.end()) continue;
    std::string known;
    for (std::string_view k : kind_keys) known += (known.empty() ? "" : ", ") + std::string(k);
    for (std::string_view k : kCommonAdapterKeys) known += (known.empty() ? "" : ", ") + std::string(k);
    problem(path(key), fmt::format("unknown key for adapter kind '{}' (known: {})", spec_.kind, known));
  }
}

const nlohmann::json* AdapterConfigReader::find(std::string_view key) const {
  if (!spec_.config.is_object()) return nullptr;
  auto it = spec_.config.find(std::string(key));
  return it == spec_.config.end() ? nullptr : &*it;
}

double AdapterConfigReader::number(std::string_view key, double fallback, double min, double max) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  if (!value->is_number() || !std::isfinite(value->get<double>()) || value->get<double>() < min ||
      value->get<double>() > max) {
    problem(path(key), fmt::format("expected a number from {} to {}, got {}", min, max, describe_json(*value)));
    return fallback;
  }
  return value->get<double>();
}

std::int64_t AdapterConfigReader::integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                                          std::int64_t max) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  bool in_range = false;
  std::int64_t result = 0;
  if (value->is_number_unsigned()) {
    const auto u = value->get<std::uint64_t>();
    in_range = u <= static_cast<std::uint64_t>(max) && static_cast<std::int64_t>(u) >= min;
    result = static_cast<std::int64_t>(u);
  } else if (value->is_number_integer()) {
    result = value->get<std::int64_t>();
    in_range = result >= min && result <= max;
  }
  if (!in_range) {
    problem(path(key), fmt::format("expected an integer from {} to {}, got {}", min, max, describe_json(*value)));
    return fallback;
  }
  return result;
}

bool AdapterConfigReader::boolean(std::string_view key, bool fallback) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  if (!value->is_boolean()) {
    problem(path(key), "expected true or false, got " + describe_json(*value));
    return fallback;
  }
  return value->get<bool>();
}

std::optional<std::string> AdapterConfigReader::string(std::string_view key) {
  const nlohmann::json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
    problem(path(key), "expected a non-empty string, got " + describe_json(*value));
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::string AdapterConfigReader::choice(std::string_view key, std::string fallback,
                                        const std::vector<std::string>& allowed) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  if (value->is_string() &&
      std::find(allowed.begin(), allowed.end(), value->get_ref<const std::string&>()) != allowed.end())
    return value->get<std::string>();
  problem(path(key), fmt::format("expected one of {}, got {}", fmt::join(allowed, "|"), describe_json(*value)));
  return fallback;
}

std::filesystem::path AdapterConfigReader::existing_folder(std::string_view key, std::string_view holds) {
  const auto relative = string(key);
  if (!relative) {
    if (!find(key)) problem(path(key), "missing (the folder holding " + std::string(holds) + ")");
    return {};
  }
  const auto dir = std::filesystem::path(spec_.base_dir) / *relative;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    problem(path(key), "folder not found: " + dir.string());
    return {};
  }
  return dir;
}

}  // namespace pb
