#include "formats/pseudonymise_csv.h"

#include <stdexcept>

#include "core/hash.h"
#include "formats/csv_table.h"
#include "formats/text_input.h"

namespace pb {

PseudonymisedCsv pseudonymise_csv(std::string_view text, const std::string& file_name,
                                  const std::vector<std::string>& columns, std::string_view key) {
  if (key.size() < 16) throw std::invalid_argument("the pseudonymisation key must be at least 16 bytes");
  formats_detail::ProblemCollector problems(file_name);
  auto table = formats_detail::open_csv_table(text, file_name, problems, "a header line naming the identifier columns");
  auto& reader = table.reader;
  const char delimiter = table.delimiter;
  formats_detail::CsvRecord& header = table.header;
  std::vector<bool> replace(header.fields.size(), false);
  for (const auto& wanted : columns) {
    bool found = false;
    for (std::size_t i = 0; i < header.fields.size(); ++i)
      if (formats_detail::lowercase_ascii(header.fields[i]) == formats_detail::lowercase_ascii(wanted))
        replace[i] = found = true;
    if (!found) problems.add(header.line, "header", "expected a column named \"" + wanted + "\"");
  }
  problems.throw_if_any();

  PseudonymisedCsv out;
  const auto write_record = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out.text += delimiter;
      out.text += formats_detail::csv_field(fields[i]);
    }
    out.text += '\n';
  };
  write_record(header.fields);
  formats_detail::CsvRecord row;
  while (formats_detail::next_csv_row(reader, header.fields.size(), row, problems)) {
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      if (!replace[i] || row.fields[i].empty()) continue;
      row.fields[i] = keyed_pseudonym(key, row.fields[i]);
      ++out.replaced;
    }
    write_record(row.fields);
    ++out.rows;
  }
  problems.throw_if_any();
  return out;
}

}  // namespace pb
