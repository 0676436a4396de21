#pragma once
// Replacing person identifiers in a CSV export with keyed pseudonyms (core/hash.h keyed_pseudonym) before the file
// reaches pilotbench, so records about one citizen can still be linked across files (a timing export and a case
// export pseudonymised with the same key give the same pseudonym) without anyone who lacks the key learning who it
// is. Everything else in the file is kept as it was, apart from quoting and line ends.
#include <string>
#include <string_view>
#include <vector>

namespace pb {

struct PseudonymisedCsv {
  std::string text;            // the rewritten CSV, same delimiter, "\n" line ends
  std::size_t rows = 0;        // data rows rewritten
  std::size_t replaced = 0;    // non-empty cells replaced
};

// `columns` names the identifier columns (case-insensitive); each must be in the header. Empty cells stay empty.
// Throws InputError (file:line: field: …) for a malformed CSV or a missing column, std::invalid_argument for a key
// shorter than 16 bytes (a short key can be guessed).
PseudonymisedCsv pseudonymise_csv(std::string_view text, const std::string& file_name_for_messages,
                                  const std::vector<std::string>& columns, std::string_view key);

}  // namespace pb
