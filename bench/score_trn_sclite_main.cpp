// Stand-in for `pilotbench score wer --sclite --json` until the CLI flag is wired: scores two trn files
// with score_trn_files_sclite (2 threads, the files read in parallel) and prints the overall counts as
// one JSON line. Used by bench/score_trn_vs_sclite.sh (--driver).
#include <cstdio>
#include <exception>

#include "core/error.h"
#include "harness/file_scoring.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s REF.trn HYP.trn\n", argv[0]);
    return 2;
  }
  try {
    pb::ScliteOptions options;
    options.threads = 2;
    const auto c = pb::score_trn_files_sclite(argv[1], argv[2], options);
    const auto& o = c.overall;
    std::printf(
        "{\"sentences\": %lld, \"ref_words\": %lld, \"hits\": %lld, \"substitutions\": %lld, \"deletions\": %lld, "
        "\"insertions\": %lld, \"sentence_errors\": %lld, \"speakers\": %zu}\n",
        static_cast<long long>(o.sentences), static_cast<long long>(o.counts.ref_words),
        static_cast<long long>(o.counts.hits), static_cast<long long>(o.counts.substitutions),
        static_cast<long long>(o.counts.deletions), static_cast<long long>(o.counts.insertions),
        static_cast<long long>(o.sentence_errors), c.speakers.size());
    return 0;
  } catch (const pb::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
