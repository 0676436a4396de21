#pragma once
// Reading, validating and writing conversation datasets (a folder with manifest.jsonl; see
// docs/dataset-format.md and docs/dataset.schema.json).
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "harness/dataset.h"

namespace pb {

inline constexpr const char* kManifestName = "manifest.jsonl";

// `path` is a dataset folder or a manifest file. Throws InputError listing every problem found.
Dataset load_dataset(const std::filesystem::path& path);

// Every problem in a dataset, none thrown. An empty list means the dataset is valid.
std::vector<Problem> validate_dataset(const std::filesystem::path& path);

// Writes manifest.jsonl (one conversation per line, keys in a fixed order) privately into `dir`.
void write_dataset(const std::filesystem::path& dir, const std::vector<Conversation>& conversations);

nlohmann::ordered_json conversation_to_json(const Conversation& conversation);
// Reads one manifest line's object. Problems are recorded against (file, line) with JSON paths.
Conversation conversation_from_json(const nlohmann::json& object, const std::string& file, int line,
                                    ProblemList& problems);

// Ids become file names (recorded outputs, caches), so they are restricted to [A-Za-z0-9._-], 1–128 chars,
// not starting with '.'.
bool is_valid_item_id(const std::string& id);

}  // namespace pb
