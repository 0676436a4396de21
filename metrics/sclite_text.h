#pragma once
// The text side of NIST sclite compatibility: how sclite (SCTK 2.10, as run by
// `sclite -r REF trn -h HYP trn -i rm -D -o rsum stdout`) turns trn utterance texts and ids into
// words, speakers and a reference word network. Found by black-box experiment with the real binary;
// docs/sclite-compatibility.md has the evidence and the worked examples.
//
//  * Words are separated by spaces and tabs. Comparison is case-insensitive for ASCII letters only:
//    sclite folds A-Z but not Æ/Ø/Å (or any non-ASCII letter), even with `-e utf-8 generic`, so
//    "ÆBLE" vs "æble" is a substitution in sclite mode. `-s` (ScliteOptions::case_sensitive) turns
//    the folding off.
//  * Reference markup: "{ a / b c / @ }" is a set of alternatives (nesting allowed; braces may be
//    attached to words, "{a / b}"); "@" is "no word". A "(word)" token is optionally deletable when
//    -D is given (ScliteOptions::optional_deletable, our default): it matches "word", and deleting it
//    counts as correct. Without -D, "(word)" is an ordinary word, parentheses included. A lone "/"
//    outside braces is an ordinary word.
//  * Hypothesis markup: sclite interprets the same markup in the hypothesis (a "(word)" inserted by a
//    hypothesis counts as correct under -D). Recogniser output never means that, so sclite mode
//    rejects a hypothesis containing "{", "}", "@" or (with -D) a "(word)" token instead of guessing.
//  * Speaker of an utterance id under `-i rm`: ASCII-lowercased (unless -s), then the part before the
//    first '-' if there is one, otherwise before the first '_'. So "a_b-c" -> "a_b" and "SPK-1" -> "spk".
//    Utterance ids pair up between the files with the same case rule.
//    An id with neither separator makes sclite print "can't locate RM id" and mis-file the
//    utterance, so it is an input error here.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

// The sclite command-line switches sclite mode mirrors. Defaults reproduce
// `sclite -r REF trn -h HYP trn -i rm -D` (no -s).
struct ScliteOptions {
  bool case_sensitive = false;     // sclite -s
  bool optional_deletable = true;  // sclite -D
  // Worker threads for score_trn_sclite (>= 1). Results do not depend on it.
  int threads = 1;
};

// ASCII-only lower-casing, as sclite does for words, utterance ids and speakers.
std::string sclite_ascii_lower(std::string_view text);

// Speaker of an utterance id under `-i rm` (see above); nullopt when the id has no '-' or '_'.
std::optional<std::string> sclite_speaker_of(std::string_view utterance_id, bool case_sensitive = false);

// Interns words (case-folded per the options) to dense ids 0, 1, 2, ...; equal words get equal ids.
// Not thread-safe: give each thread its own. Ids from different lexicons are not comparable.
class ScliteLexicon {
 public:
  explicit ScliteLexicon(bool case_sensitive) : case_sensitive_(case_sensitive) {}
  std::int32_t intern(std::string_view word);
  std::size_t size() const { return entries_.size(); }
  // Forgets every word (ids restart at 0) but keeps the memory. Ids only need to agree within one
  // reference/hypothesis pair, and clearing between pairs keeps the table small enough to stay in
  // the L1 cache, which a lexicon of a whole corpus does not.
  void clear();

 private:
  void grow();

  // Words are stored folded and zero-padded to whole 8-byte chunks, so a lookup compares a few
  // integers instead of calling memcmp. The slot holds the first chunk and the length, which settle
  // most lookups without touching anything else.
  struct Entry {
    std::uint32_t first_chunk;
    std::uint32_t length;
    std::uint32_t slot;
  };
  struct Slot {
    std::uint64_t chunk0 = 0;
    std::uint32_t length = 0;
    std::int32_t id = -1;  // -1: empty
  };
  bool case_sensitive_;
  std::vector<std::uint64_t> chunks_;   // every distinct word, folded, back to back
  std::vector<Entry> entries_;          // word id -> its chunks
  std::vector<std::uint64_t> scratch_;  // the word being looked up, folded
  std::vector<Slot> slots_;             // open addressing, size a power of two
};

// A reference as a directed acyclic word graph. Node 0 is the start and node_count - 1 the end; every
// arc goes from a lower to a higher node number, and arcs are sorted by `to` keeping the order in which
// the text lists them (that order breaks ties between equally good alternatives, as in sclite).
struct ScliteArc {
  std::int32_t from = 0;
  std::int32_t to = 0;
  std::int32_t word = -1;  // lexicon id; -1 for a null arc ("@", an empty alternative)
  bool optional = false;   // "(word)" under -D
};

struct ScliteNetwork {
  std::int32_t node_count = 1;
  std::vector<ScliteArc> arcs;
  std::vector<std::int32_t> first_arc;  // arcs into node v are [first_arc[v], first_arc[v + 1])
  bool linear = true;                   // no alternatives: arc k goes from node k to k + 1
};

// The tokens of a trn text as sclite splits it: separated by spaces, tabs, CR, LF, VT and FF, with '{'
// and '}' tokens of their own even when attached to a word. `out` is cleared first; the views point
// into `text`.
void split_sclite_tokens(std::string_view text, std::vector<std::string_view>& out);

// Builds `out` (its buffers are reused) from reference text. Text without '{' or '}' (the usual case) is
// tokenised straight into a chain without building a tree. Returns an empty string on success,
// otherwise what is wrong ("unbalanced '{'" etc.) for the caller to report with file and line.
std::string parse_sclite_reference(std::string_view text, const ScliteOptions& options, ScliteLexicon& lexicon,
                                   ScliteNetwork& out);

// Hypothesis words into `out` (cleared first). Returns an empty string on success, otherwise why the
// text was rejected (markup that only a reference may hold, see above).
std::string parse_sclite_hypothesis(std::string_view text, const ScliteOptions& options, ScliteLexicon& lexicon,
                                    std::vector<std::int32_t>& out);

// The same two from tokens (split_sclite_tokens), for callers that look at the tokens first and reuse
// the token buffers.
std::string parse_sclite_reference_tokens(std::span<const std::string_view> tokens, const ScliteOptions& options,
                                          ScliteLexicon& lexicon, ScliteNetwork& out);
std::string parse_sclite_hypothesis_tokens(std::span<const std::string_view> tokens, const ScliteOptions& options,
                                           ScliteLexicon& lexicon, std::vector<std::int32_t>& out);

}  // namespace pb
