#pragma once
// Reading Danish number words, for the `da` normaliser (see text_normalize.h). Pure functions over
// case-folded words as basic produces them; no state.
//
// Scope (documented in docs/normalisation.md):
//   cardinals  0 – 999 999 999 999: nul … nitten, the vigesimal tens in short and long form (tyve,
//              tredive, fyrre/fyrretyve, halvtreds/halvtredsindstyve, tres/tresindstyve,
//              halvfjerds/halvfjerdsindstyve, firs/firsindstyve, halvfems/halvfemsindstyve), unit + "og" +
//              tens ("to og tyve" = 22), hundrede (with a multiplier 1–99: "nitten hundrede og firs" =
//              1980), tusind(e), million(er), milliard(er), with or without "og" before the last part.
//              A digit string may be the multiplier of a scale word ("2 millioner").
//   ordinals   1.–99.: første … nittende, tyvende, tredivte (tredivende), fyrretyvende (fyrrende),
//              halvtredsindstyvende, tresindstyvende, halvfjerdsindstyvende, firsindstyvende,
//              halvfemsindstyvende, and unit + "og" + tens ordinal ("enogtyvende" = 21.). An ordinal
//              may also end a larger phrase ("hundrede og femte" = 105.).
//   not read   fractions (halv, halvanden, kvart — clock times are handled by the normaliser), "en halv
//              million", plural hundreder/tusinder, years read in pairs ("nitten firs").
// Word-level ambiguity ("en" article vs one, "anden" other vs second) is the caller's business: the
// reader reports what a phrase could mean, the normaliser decides from the context.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

struct DanishNumber {
  std::uint64_t value = 0;
  bool ordinal = false;  // the phrase ends in an ordinal word ("fjortende", "enogtyvende")
  std::size_t end = 0;   // one past the last word read
};

// The longest number phrase starting at words[start], reading one word per morpheme ("to", "og",
// "tyve"; split compounds first with split_danish_number_word). nullopt when words[start] does not
// begin one. A digit string is read only as the multiplier of a following scale word. A trailing "og"
// is never consumed ("to og" reads 2, ending before "og"). Precondition: start <= words.size().
std::optional<DanishNumber> read_danish_number(std::span<const std::string> words, std::size_t start);

// A single word written as several number morphemes: "toogtyve" → {"to", "og", "tyve"},
// "tohundrede" → {"to", "hundrede"}, "enogtyvende" → {"en", "og", "tyvende"}. nullopt unless the word
// splits into at least two morphemes that read_danish_number reads as exactly one phrase ("tien" =
// "ti"+"en" is two numbers, so it stays a word). Plain single number words ("tyve") also give nullopt.
std::optional<std::vector<std::string>> split_danish_number_word(std::string_view word);

// Danish month name (januar … december, case-folded) → 1–12; 0 for anything else.
int danish_month_number(std::string_view word);
// 1–12 → "januar" … "december". Precondition: 1 <= month <= 12.
std::string_view danish_month_name(int month);

}  // namespace pb
