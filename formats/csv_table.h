#pragma once
// A small RFC 4180 CSV tokenizer shared by the CSV readers in formats/ (human ratings, timing, survey). Internal to
// formats/: it knows nothing about columns or values, only how text becomes records with their line numbers.
//
// * A field in double quotes may hold the delimiter and "" for a quote; with `quoted_line_breaks` it may also hold
//   line breaks (Excel writes them for cells with Alt+Enter), otherwise an open quote at the end of a line is an
//   error.
// * Unquoted fields are trimmed of surrounding whitespace (spreadsheets pad them); quoted fields are kept verbatim.
// * Records end at "\n" or "\r\n" outside quotes. A record that is a single blank line is skipped.
// * Each record carries the physical line number (1-based) of its first line, so messages stay right after a
//   quoted field that spans lines.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats/text_input.h"

namespace pb::formats_detail {

// ',' or ';': whichever occurs first outside quotes on the first non-blank line; ',' when neither does (a file with
// one column). Danish spreadsheet programs write ';' because ',' is their decimal mark.
char detect_csv_delimiter(std::string_view text);

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;  // physical line of the record's first character
};

class CsvReader {
 public:
  // `text` must outlive the reader; strip a byte-order mark before.
  CsvReader(std::string_view text, char delimiter, bool quoted_line_breaks);

  // Reads the next non-blank record. Returns false at the end of the text. A malformed record (unterminated quote,
  // text after a closing quote) still returns true, with `error` set to what is wrong (naming the 1-based column)
  // and `record.line` to where it starts; reading resumes on the line after it. `error` is cleared otherwise.
  bool next(CsvRecord& record, std::string& error);

 private:
  std::string_view text_;
  char delimiter_;
  bool quoted_line_breaks_;
  std::size_t pos_ = 0;
  int line_ = 1;  // physical line at pos_
};

// Reads the header record of `reader` into `header`. An empty text, or a malformed header line, is thrown at once
// as InputError ("empty file; expected a header line with <expected_columns>").
void read_csv_header(CsvReader& reader, CsvRecord& header, ProblemCollector& problems,
                     std::string_view expected_columns);

// A CSV export opened for reading its rows: byte-order mark stripped, UTF-8 checked (InputError naming the position),
// delimiter detected (',' or ';'), quoted line breaks allowed, and the header read with read_csv_header. Every reader
// of a CSV export starts here. The reader views `text`, which must outlive the table.
struct CsvTable {
  char delimiter;
  CsvReader reader;
  CsvRecord header;
};
CsvTable open_csv_table(std::string_view text, const std::string& file_name, ProblemCollector& problems,
                        std::string_view expected_columns);

// The next data row with exactly `field_count` fields. A malformed record or a row with another number of fields is
// added to `problems` (with its line) and skipped; rows whose fields are all empty (";;;;", as spreadsheets export
// formatted but empty rows) are skipped like blank lines. Returns false at the end of the text.
bool next_csv_row(CsvReader& reader, std::size_t field_count, CsvRecord& record, ProblemCollector& problems);

// A plain decimal number: optional '-', digits, optionally a decimal mark and more digits. With ';' as the delimiter
// the decimal mark may be ',' (Danish spreadsheets) or '.'; with ',' only '.'. No exponents, thousands separators,
// "nan" or "inf".
std::optional<double> parse_csv_decimal(std::string_view text, char delimiter);

// true/false, ja/nej, yes/no, 1/0 (ASCII case-insensitive); nullopt for anything else.
std::optional<bool> parse_csv_yes_no(std::string_view text);

// The text as one CSV field for a writer: quoted (with "" for '"') when it holds ',', ';', '"', a line break or
// whitespace at either end (which a reader would trim), otherwise as is.
std::string csv_field(std::string_view text);

// A column a reader knows. Names are lowercase; header cells are compared case-insensitively.
struct CsvColumnSpec {
  std::string_view name;
  bool required = false;
};

// Where each known column is in the header (std::string::npos if absent), in the order of `columns`. Adds a
// problem (field "header", the header's line) for every unknown column whose name does not start with "x_" (extra
// columns a municipality keeps for itself), every column named twice, every required column missing, and an empty
// column name.
std::vector<std::size_t> map_csv_header(const CsvRecord& header, std::span<const CsvColumnSpec> columns,
                                        ProblemCollector& problems);

}  // namespace pb::formats_detail
