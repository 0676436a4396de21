#pragma once
// Helpers shared by the adapter tests: hand-built conversations, scratch folders, word-level edit distance.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/component.h"
#include "harness/dataset.h"

namespace pb::test {

inline Conversation make_conversation(std::string id, std::vector<Segment> segments = {}) {
  Conversation conversation;
  conversation.id = std::move(id);
  if (segments.empty()) {
    segments = {{"SB", "caseworker", 0.0, 4.5, "Velkommen til jobcentret. Hvad kan jeg hjælpe dig med i dag?"},
                {"B", "citizen", 4.5, 9.0, "Jeg er blevet ledig den 14. marts og vil gerne søge job som tømrer."},
                {"SB", "caseworker", 9.0, 12.0, "Godt. Du skal søge mindst to stillinger om ugen, Mette Pedersen."}};
  }
  conversation.segments = std::move(segments);
  return conversation;
}

// A fresh folder under the system temp dir, removed when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("pb-adapters-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline AdapterSpec make_spec(std::string kind, nlohmann::json config, std::string base_dir = ".") {
  config["kind"] = kind;
  return AdapterSpec{std::move(kind), std::move(config), "solutions[0].transcription", "scenario.json",
                     std::move(base_dir)};
}

inline std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// Minimum number of word substitutions, deletions and insertions turning `reference` into `hypothesis`.
inline std::size_t word_edit_distance(const std::vector<std::string>& reference,
                                      const std::vector<std::string>& hypothesis) {
  std::vector<std::size_t> previous(hypothesis.size() + 1), current(hypothesis.size() + 1);
  for (std::size_t j = 0; j <= hypothesis.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= reference.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= hypothesis.size(); ++j) {
      const std::size_t substitute = previous[j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
      current[j] = std::min({substitute, previous[j] + 1, current[j - 1] + 1});
    }
    std::swap(previous, current);
  }
  return previous[hypothesis.size()];
}

}  // namespace pb::test
