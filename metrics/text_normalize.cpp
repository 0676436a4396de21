#include "metrics/text_normalize.h"

#include <utf8proc.h>

#include <cstdint>

#include "core/utf8.h"
#include "metrics/danish_normalize.h"

namespace pb {

namespace {

// Category Cf, but it marks a word boundary (used in some scripts and web text instead of a space), so
// basic treats it as one rather than deleting it like the other format characters.
constexpr std::int32_t kZeroWidthSpace = 0x200B;

// The Unicode White_Space property (PropList.txt). utf8proc exposes categories but not this
// property, and it is not a category: tab, line feed etc. are Cc, U+0085 is Cc.
bool is_white_space(std::int32_t cp) {
  if (cp == 0x20 || (cp >= 0x09 && cp <= 0x0D)) return true;
  if (cp < 0x85) return false;
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

std::vector<std::int32_t> decode(std::string_view text) {
  std::vector<std::int32_t> out;
  out.reserve(text.size());
  append_code_points(text, out);  // invalid bytes become U+FFFD, as everywhere else
  return out;
}

void append_utf8(std::int32_t cp, std::string& out) {
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::string encode(const std::vector<std::int32_t>& cps) {
  std::string out;
  out.reserve(cps.size());
  for (const auto cp : cps) append_utf8(cp, out);
  return out;
}

std::string valid_utf8(std::string_view text) {
  return is_valid_utf8(text) ? std::string(text) : sanitize_utf8(text);
}

std::vector<std::string> split_white_space(std::string_view valid_text) {
  std::vector<std::string> words;
  std::string current;
  for (const auto cp : decode(valid_text)) {
    if (is_white_space(cp)) {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      append_utf8(cp, current);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// utf8proc_category with the ASCII range answered inline (most of any Danish transcript). ASCII
// punctuation and symbols are all reported as PO: callers only ask about the P*/S* range as a whole.
utf8proc_category_t category(std::int32_t cp) {
  if (cp >= 0x80) return utf8proc_category(cp);
  if (cp >= 'a' && cp <= 'z') return UTF8PROC_CATEGORY_LL;
  if (cp >= 'A' && cp <= 'Z') return UTF8PROC_CATEGORY_LU;
  if (cp >= '0' && cp <= '9') return UTF8PROC_CATEGORY_ND;
  if (cp == ' ') return UTF8PROC_CATEGORY_ZS;
  if (cp < 0x20 || cp == 0x7F) return UTF8PROC_CATEGORY_CC;
  return UTF8PROC_CATEGORY_PO;
}

bool is_category(std::int32_t cp, utf8proc_category_t first, utf8proc_category_t last) {
  const auto c = category(cp);
  return c >= first && c <= last;
}

// Letters, marks and numbers: the things a word-internal hyphen or apostrophe may sit between. Marks
// count so that a combining accent left uncomposed by NFC does not break the rule.
bool is_alnum(std::int32_t cp) { return is_category(cp, UTF8PROC_CATEGORY_LU, UTF8PROC_CATEGORY_NO); }
bool is_digit(std::int32_t cp) { return category(cp) == UTF8PROC_CATEGORY_ND; }
bool is_punct_or_symbol(std::int32_t cp) { return is_category(cp, UTF8PROC_CATEGORY_PC, UTF8PROC_CATEGORY_SO); }
bool is_hyphen(std::int32_t cp) { return cp == 0x2D || cp == 0x2010 || cp == 0x2011; }
bool is_apostrophe(std::int32_t cp) { return cp == 0x27 || cp == 0x2019; }

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// casefold() applied chunk by chunk between ASCII white space, with all-ASCII chunks lowered directly:
// utf8proc's decompose/compose pass dominates the cost otherwise. The result is identical because
// ASCII white space is a starter that composes with nothing, so neither canonical reordering nor
// composition crosses it, and folding is a per-character mapping.
std::string fold_case(std::string_view valid) {
  std::string out;
  out.reserve(valid.size());
  std::size_t pos = 0;
  while (pos < valid.size()) {
    if (is_ascii_space(valid[pos])) {
      out.push_back(valid[pos++]);
      continue;
    }
    std::size_t end = pos;
    bool ascii = true;
    while (end < valid.size() && !is_ascii_space(valid[end])) {
      ascii = ascii && static_cast<unsigned char>(valid[end]) < 0x80;
      ++end;
    }
    const std::string_view chunk = valid.substr(pos, end - pos);
    if (ascii) {
      for (const char c : chunk) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else {
      out += casefold(chunk);
    }
    pos = end;
  }
  return out;
}

// Format characters are invisible; removing them must not split a word. Removing one can leave a
// base letter and a combining mark adjacent, so the result is recomposed.
std::vector<std::int32_t> drop_format_characters(std::vector<std::int32_t> cps) {
  std::vector<std::int32_t> kept;
  kept.reserve(cps.size());
  for (const auto cp : cps) {
    if (cp == kZeroWidthSpace || category(cp) != UTF8PROC_CATEGORY_CF) kept.push_back(cp);
  }
  if (kept.size() == cps.size()) return cps;
  return decode(to_nfc(encode(kept)));
}

bool is_break(std::int32_t cp) {
  return is_white_space(cp) || cp == kZeroWidthSpace || category(cp) == UTF8PROC_CATEGORY_CC;
}

// What basic keeps of the punctuation or symbol at cps[k]: the character to write inside the word, or
// 0 for a word break. `digit_separators` lists what else (beyond '.' and ',') stays between two digits.
std::int32_t kept_punctuation(const std::vector<std::int32_t>& cps, std::size_t k, std::u32string_view digit_separators) {
  const std::int32_t cp = cps[k];
  if (k == 0 || k + 1 >= cps.size()) return 0;
  const std::int32_t before = cps[k - 1];
  const std::int32_t after = cps[k + 1];
  if (is_hyphen(cp) && is_alnum(before) && is_alnum(after)) return '-';
  if (is_apostrophe(cp) && is_alnum(before) && is_alnum(after)) return '\'';
  const bool separator = cp == '.' || cp == ',' || digit_separators.find(static_cast<char32_t>(cp)) != std::u32string_view::npos;
  if (separator && is_digit(before) && is_digit(after)) return cp;
  return 0;
}

std::vector<std::string> normalize_basic(std::string_view text) {
  const std::string folded = fold_case(valid_utf8(text));
  const std::vector<std::int32_t> cps = drop_format_characters(decode(folded));

  std::string out;
  out.reserve(folded.size());
  for (std::size_t k = 0; k < cps.size(); ++k) {
    const std::int32_t cp = cps[k];
    if (is_break(cp)) {
      out.push_back(' ');
    } else if (!is_punct_or_symbol(cp)) {
      append_utf8(cp, out);
    } else if (const auto kept = kept_punctuation(cps, k, U""); kept != 0) {
      append_utf8(kept, out);
    } else {
      out.push_back(' ');
    }
  }

  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < out.size()) {
    const std::size_t space = out.find(' ', start);
    const std::size_t end = space == std::string::npos ? out.size() : space;
    if (end > start) words.emplace_back(out, start, end - start);
    start = end + 1;
  }
  return words;
}

bool has_non_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

std::vector<std::string> basic_rules() {
  return {"invalid UTF-8 bytes become U+FFFD",
          "Unicode NFC, then full Unicode case folding; diacritics are kept (æ, ø, å, é stay as they are)",
          "format characters (Cf: soft hyphen, zero-width joiners, BOM) are removed without splitting; zero-width space (U+200B) becomes a space",
          "a hyphen (- U+2010 U+2011) between two letters/digits is kept as '-'",
          "an apostrophe (' U+2019) between two letters/digits is kept as '''",
          "'.' and ',' between two digits are kept (4.500, 10,5)",
          "all other punctuation (P*) and symbols (S*, including U+FFFD), and control characters, become a space",
          "split on Unicode White_Space"};
}

}  // namespace

std::vector<MarkedWord> basic_marked_words(std::string_view text) {
  std::string valid = valid_utf8(text);
  if (has_non_ascii(valid)) valid = to_nfc(valid);
  const std::vector<std::int32_t> cps = drop_format_characters(decode(valid));

  // Words are cut from the unfolded text so that capitalisation can be recorded, then folded one by
  // one (folding is per character; NFC was applied to the whole text above).
  std::vector<MarkedWord> words;
  std::string current;
  bool capitalised = false;
  auto finish = [&](bool period) {
    if (current.empty()) return;
    words.push_back(MarkedWord{fold_case(current), period, capitalised});
    current.clear();
  };
  for (std::size_t k = 0; k < cps.size(); ++k) {
    const std::int32_t cp = cps[k];
    if (is_break(cp)) {
      finish(false);
    } else if (!is_punct_or_symbol(cp)) {
      if (current.empty()) {
        const auto c = category(cp);
        capitalised = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
      }
      append_utf8(cp, current);
    } else if (const auto kept = kept_punctuation(cps, k, U":/"); kept != 0) {
      append_utf8(kept, current);
    } else if (cp == '%') {
      finish(false);
      words.push_back(MarkedWord{"%", false, false});
    } else {
      finish(cp == '.');
    }
  }
  finish(false);
  return words;
}

std::optional<NormalizerKind> normalizer_from_name(std::string_view name) {
  if (name == "none") return NormalizerKind::none;
  if (name == "basic") return NormalizerKind::basic;
  if (name == "da") return NormalizerKind::da;
  return std::nullopt;
}

std::optional<NormalizerChoice> parse_normalizer(std::string_view name) {
  const std::size_t plus = name.find('+');
  const auto kind = normalizer_from_name(name.substr(0, plus));
  if (!kind) return std::nullopt;
  NormalizerChoice choice{*kind, {}};
  if (plus == std::string_view::npos) return choice;
  if (*kind != NormalizerKind::da) return std::nullopt;
  bool keep_fillers = false;
  bool no_compounds = false;
  std::string_view rest = name.substr(plus + 1);
  while (true) {
    const std::size_t next = rest.find('+');
    const std::string_view option = rest.substr(0, next);
    if (option == "keep-fillers" && !keep_fillers) {
      keep_fillers = true;
    } else if (option == "no-compounds" && !no_compounds) {
      no_compounds = true;
    } else {
      return std::nullopt;
    }
    if (next == std::string_view::npos) break;
    rest = rest.substr(next + 1);
  }
  choice.options.remove_fillers = !keep_fillers;
  choice.options.join_compounds = !no_compounds;
  return choice;
}

Normalizer describe_normalizer(NormalizerKind kind) { return describe_normalizer(kind, NormalizerOptions{}); }

Normalizer describe_normalizer(NormalizerKind kind, const NormalizerOptions& options) {
  switch (kind) {
    case NormalizerKind::none:
      return {"none",
              "1",
              {"invalid UTF-8 bytes become U+FFFD",
               "split on Unicode White_Space; tokens otherwise unchanged (no NFC, no case folding)"}};
    case NormalizerKind::basic:
      return {"basic", "1", basic_rules()};
    case NormalizerKind::da:
      return describe_danish_normalizer(basic_rules(), options);
  }
  return {};
}

std::vector<std::string> normalize_to_words(std::string_view text, NormalizerKind kind) {
  return normalize_to_words(text, kind, NormalizerOptions{});
}

std::vector<std::string> normalize_to_words(std::string_view text, NormalizerKind kind,
                                            const NormalizerOptions& options) {
  switch (kind) {
    case NormalizerKind::none:
      return split_white_space(valid_utf8(text));
    case NormalizerKind::basic:
      return normalize_basic(text);
    case NormalizerKind::da:
      return normalize_danish(text, options.remove_fillers);
  }
  return {};
}

NormalizedPair normalize_pair(std::string_view ref, std::string_view hyp, NormalizerKind kind,
                              const NormalizerOptions& options) {
  NormalizedPair pair{normalize_to_words(ref, kind, options), normalize_to_words(hyp, kind, options)};
  if (kind == NormalizerKind::da && options.join_compounds) pair = align_compounds(pair.ref, pair.hyp);
  return pair;
}

}  // namespace pb
