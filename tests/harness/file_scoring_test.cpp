#include "harness/file_scoring.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/error.h"
#include "formats/trn.h"

namespace pb {
namespace {

TEST(ScoreTrnFilesSclite, FilesGiveTheSameCountsAsParsedUtterances) {
  const std::string ref_text = "jeg søger job (anne-1)\ntak for { i dag / idag } (anne-2)\nhvad så (BO_1)\n";
  const std::string hyp_text = "hvad så (bo_1)\njeg søgte job (anne-1)\ntak for idag (anne-2)\n";
  const auto expected = score_trn_sclite(parse_trn(ref_text, "r"), parse_trn(hyp_text, "h"));
  const auto dir = std::filesystem::temp_directory_path();
  const auto ref_path = dir / ("pb-sclite-ref-" + std::to_string(::getpid()) + ".trn");
  const auto hyp_path = dir / ("pb-sclite-hyp-" + std::to_string(::getpid()) + ".trn");
  std::ofstream(ref_path, std::ios::binary) << ref_text;
  std::ofstream(hyp_path, std::ios::binary) << hyp_text;
  for (const int threads : {1, 2}) {
    ScliteOptions options;
    options.threads = threads;
    const auto files = score_trn_files_sclite(ref_path, hyp_path, options);
    EXPECT_EQ(files.overall.counts, expected.overall.counts);
    EXPECT_EQ(files.overall.sentence_errors, expected.overall.sentence_errors);
    ASSERT_EQ(files.speakers.size(), 2u);
    EXPECT_EQ(files.speakers[1].counts, expected.speakers[1].counts);
  }
  // Problems name the files.
  std::ofstream(hyp_path, std::ios::binary) << "hej (bo_9)\n";
  try {
    score_trn_files_sclite(ref_path, hyp_path, {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(hyp_path.string() + ":1"), std::string::npos) << e.what();
  }
  std::filesystem::remove(ref_path);
  std::filesystem::remove(hyp_path);
  ScliteOptions two;
  two.threads = 2;
  try {
    score_trn_files_sclite(ref_path, hyp_path, two);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(ref_path.string()), std::string::npos) << e.what();  // the reference first
  }
}

}  // namespace
}  // namespace pb
