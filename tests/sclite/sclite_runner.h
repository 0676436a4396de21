#pragma once
// Running the real sclite and reading its reports, for the comparison tests in this folder.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "metrics/sclite_align.h"

namespace pb::sclite_test {

namespace fs = std::filesystem;

inline std::optional<std::string> find_sclite() {
  std::vector<fs::path> candidates;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');) {
      if (!dir.empty()) candidates.push_back(fs::path(dir) / "sclite");
    }
  }
  candidates.push_back("/usr/lib/sctk/bin/sclite");  // Debian's sctk keeps it off PATH
  for (const auto& p : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return std::nullopt;
}

inline std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  pclose(pipe);
  return out;
}

struct Row {
  long sentences = 0, words = 0, correct = 0, sub = 0, del = 0, ins = 0, errors = 0, sentence_errors = 0;
  bool operator==(const Row&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << "Snt " << r.sentences << " Wrd " << r.words << " C " << r.correct << " S " << r.sub << " D " << r.del
            << " I " << r.ins << " Err " << r.errors << " S.Err " << r.sentence_errors;
}

inline std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

// "-o rsum" rows: "| spk  |  Snt  Wrd |  C  S  D  I  Err  S.Err |"; "Sum" is the overall row.
inline std::map<std::string, Row> parse_rsum(const std::string& text) {
  std::map<std::string, Row> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream parts(line);
    for (std::string cell; std::getline(parts, cell, '|');) cells.push_back(cell);
    if (cells.size() < 4) continue;
    const std::string name = trim(cells[1]);
    Row r;
    std::istringstream a(cells[2]), b(cells[3]);
    if (!(a >> r.sentences >> r.words)) continue;
    if (!(b >> r.correct >> r.sub >> r.del >> r.ins >> r.errors >> r.sentence_errors)) continue;
    if (name == "Mean" || name == "S.D." || name == "Median") continue;
    rows[name] = r;
  }
  return rows;
}

inline Row row_of(const ScliteSpeakerCounts& c) {
  return {c.sentences, c.counts.ref_words, c.counts.hits, c.counts.substitutions, c.counts.deletions,
          c.counts.insertions, c.counts.errors(), c.sentence_errors};
}

// Per-segment "Scores: (#C #S #D #I)" from "-o pra", keyed "speaker-NNN" (sclite numbers each speaker's
// segments from 000 in STM order), to point at the first segment that differs.
inline std::map<std::string, std::string> parse_pra(const std::string& text) {
  std::map<std::string, std::string> scores;
  std::istringstream in(text);
  std::string id;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("id: (", 0) == 0) id = line.substr(5, line.size() - 6);
    if (line.rfind("Scores: (#C #S #D #I) ", 0) == 0) scores[id] = line.substr(22);
  }
  return scores;
}

// Base fixture: skips when sclite is not installed, gives each test binary a private scratch folder.
class ScliteFixture : public ::testing::Test {
 protected:
  explicit ScliteFixture(std::string folder_prefix) : folder_prefix_(std::move(folder_prefix)) {}
  void SetUp() override {
    sclite_ = find_sclite();
    if (!sclite_) GTEST_SKIP() << "sclite (Debian package sctk) is not installed";
    dir_ = fs::temp_directory_path() / (folder_prefix_ + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  std::optional<std::string> sclite_;
  fs::path dir_;

 private:
  std::string folder_prefix_;
};

}  // namespace pb::sclite_test
