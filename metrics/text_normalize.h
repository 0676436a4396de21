#pragma once
// Named, versioned text normalisation pipelines that turn a transcript into the tokens WER and CER are
// computed over. Every report states the normaliser's name, version and rules, because WER depends on
// them as much as on the solution: bump the version whenever a rule changes what a text normalises to.
//
// Pipelines (the rule strings returned by describe_normalizer() are the user-facing version of this):
//
//  none (v1)   Split on Unicode White_Space; tokens are kept byte for byte otherwise (no NFC, no
//              case folding). Invalid UTF-8 bytes become U+FFFD.
//
//  basic (v1)  1. Invalid UTF-8 bytes become U+FFFD.
//              2. Unicode NFC, then full Unicode case folding ("ÆBLE" → "æble", "Straße" → "strasse").
//                 Letters keep their diacritics: æ, ø, å, é, ü are never reduced to a, o, e, u.
//              3. Format characters (category Cf: soft hyphen, zero-width joiners, BOM) are removed
//                 without splitting the word ("arbejds\u00ADløs" → "arbejdsløs"). The exception is
//                 U+200B ZERO WIDTH SPACE, which marks a word boundary and becomes a space.
//              4. Punctuation (P*) and symbols (S*) become a space, except when the character sits
//                 directly between two alphanumerics (letter, digit or combining mark), in which case:
//                   - a hyphen (U+002D, U+2010, U+2011) is kept as "-"       ("e-boks", "010190-1234");
//                   - an apostrophe (U+0027, U+2019) is kept as "'"          ("3f's", "o'brien");
//                   - "." or "," between two digits (Nd) is kept as is       ("4.500", "10,5", "14.30").
//                 So "kl. 10.30, ca. 4.500 kr." → kl 10.30 ca 4.500 kr.
//              5. Control characters (Cc) become a space. U+FFFD (from invalid bytes) is a symbol, so
//                 an invalid byte inside a word splits it.
//              6. Split on Unicode White_Space; empty tokens are dropped.
//              Letters, digits, marks and anything unassigned or private-use are kept unchanged.
//
//  da (v1)     basic, then Danish rules: numbers, ordinals, clock times and dates to one canonical
//              form, common abbreviations to one form, a hyphen policy, filler words removed, and a
//              word list for old "aa" spellings of place names. With normalize_pair, words that
//              differ from the other side only by a space are joined ("job centret" / "jobcentret").
//              The rules are listed in describe_normalizer() and explained with examples in
//              docs/normalisation.md; the Danish steps live in metrics/danish_normalize.h.
//
// Options change a pipeline's name, never silently its output: "da" is the default pipeline,
// "da+keep-fillers" keeps filler words, "da+no-compounds" does not join split compounds. A report
// prints the name, so it always says which variant produced its numbers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

struct Normalizer {
  std::string name;
  std::string version;
  std::vector<std::string> rules;  // human-readable, in application order, for reports
};

// New kinds are appended; names are stable identifiers used in scenario files and reports.
enum class NormalizerKind { none, basic, da };

// Settings of the da pipeline (none and basic have none; they ignore these). The defaults are the
// documented "da" pipeline; every other combination has its own name (see describe_normalizer).
struct NormalizerOptions {
  bool remove_fillers = true;  // drop øh, hm, mhm ... ("+keep-fillers" when false)
  bool join_compounds = true;  // normalize_pair joins split compounds ("+no-compounds" when false)
  bool operator==(const NormalizerOptions&) const = default;
};

struct NormalizerChoice {
  NormalizerKind kind = NormalizerKind::basic;
  NormalizerOptions options;
  bool operator==(const NormalizerChoice&) const = default;
};

// "none", "basic" or "da" (exact, case-sensitive); nullopt for anything else, including option
// suffixes ("da+keep-fillers"), which only parse_normalizer understands.
std::optional<NormalizerKind> normalizer_from_name(std::string_view name);
// A full name: "none", "basic", "da", or "da" followed by options, each once, in any order:
// "+keep-fillers", "+no-compounds". nullopt for anything else (unknown or repeated options, options on
// none/basic). describe_normalizer(kind, options).name gives the canonical spelling back.
std::optional<NormalizerChoice> parse_normalizer(std::string_view name);

Normalizer describe_normalizer(NormalizerKind kind);
Normalizer describe_normalizer(NormalizerKind kind, const NormalizerOptions& options);

// One text on its own. For da this applies every rule except compound joining, which needs the
// other side; use normalize_pair when scoring a hypothesis against a reference.
std::vector<std::string> normalize_to_words(std::string_view text, NormalizerKind kind);
std::vector<std::string> normalize_to_words(std::string_view text, NormalizerKind kind,
                                            const NormalizerOptions& options);

struct NormalizedPair {
  std::vector<std::string> ref;
  std::vector<std::string> hyp;
  bool operator==(const NormalizedPair&) const = default;
};

// Reference and hypothesis normalised together: normalize_to_words on each, then (da with
// join_compounds) align_compounds from danish_normalize.h. Symmetric: swapping ref and hyp swaps the
// result. Deterministic and pure.
NormalizedPair normalize_pair(std::string_view ref, std::string_view hyp, NormalizerKind kind,
                              const NormalizerOptions& options = {});

// Building block for pipelines layered on basic (da). Words as basic makes them, with three
// differences that keep what the Danish rules need to see: ':' and '/' between two digits are kept
// ("10:30", "14/3"); '%' is a word of its own; and each word records whether a '.' directly followed
// it and whether it began with an upper-case letter before folding (to tell "14. marts" from a
// sentence ending in "14."). Text is NFC and case-folded per word.
struct MarkedWord {
  std::string text;
  bool period_after = false;
  bool capitalised = false;
};
std::vector<MarkedWord> basic_marked_words(std::string_view text);

}  // namespace pb
