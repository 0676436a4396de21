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
// A richer Danish pipeline (numbers, abbreviations, spelling variants) will be added as a new kind.
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
enum class NormalizerKind { none, basic };

// "none" or "basic" (exact, case-sensitive); nullopt for anything else.
std::optional<NormalizerKind> normalizer_from_name(std::string_view name);
Normalizer describe_normalizer(NormalizerKind kind);

std::vector<std::string> normalize_to_words(std::string_view text, NormalizerKind kind);

}  // namespace pb
