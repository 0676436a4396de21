#pragma once
// The Danish steps of the `da` normaliser (text_normalize.h selects it; docs/normalisation.md explains
// every rule with examples). Pure functions, no state; callers normally go through
// normalize_to_words / normalize_pair rather than calling these directly.
#include <string>
#include <string_view>
#include <vector>

#include "metrics/text_normalize.h"

namespace pb {

// The da pipeline on one text: basic_marked_words, then hyphens, the aa word list, fillers (when
// remove_fillers), abbreviations, numbers, ordinals, dates and clock times. Compound joining needs
// the other side and is align_compounds' job.
std::vector<std::string> normalize_danish(std::string_view text, bool remove_fillers);

// Joins split compounds against the other side: a run of 2–4 adjacent words on one side, none of
// them starting with a digit, becomes one word when their concatenation is a word of the other side
// and the run itself does not occur (as adjacent words) on the other side. Runs are taken left to
// right, longest first. Each side is matched against the other side's words as given (not as
// already joined), so the function is symmetric: align_compounds(b, a) == {result.hyp, result.ref}.
NormalizedPair align_compounds(const std::vector<std::string>& ref, const std::vector<std::string>& hyp);

// Name ("da", "da+keep-fillers", "da+no-compounds", "da+keep-fillers+no-compounds"), version and
// rules of the da pipeline: `basic_rules` first, then the Danish ones in application order.
Normalizer describe_danish_normalizer(std::vector<std::string> basic_rules, const NormalizerOptions& options);

}  // namespace pb
