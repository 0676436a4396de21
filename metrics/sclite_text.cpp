#include "metrics/sclite_text.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstring>
#include <limits>

namespace pb {

namespace {

// Byte classes for the tokeniser: one table load per byte instead of eight comparisons.
enum : std::uint8_t { kWordByte = 0, kSpaceByte = 1, kBraceByte = 2 };
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> table{};
  for (const char c : {' ', '\t', '\n', '\r', '\v', '\f'}) table[static_cast<unsigned char>(c)] = kSpaceByte;
  table[static_cast<unsigned char>('{')] = kBraceByte;
  table[static_cast<unsigned char>('}')] = kBraceByte;
  return table;
}();

std::uint8_t byte_class(char c) {
  return kByteClass[static_cast<unsigned char>(c)];
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Calls emit(token) for each word of `text`; '{' and '}' are tokens of their own even when attached
// to a word, because sclite reads "{a / b}" like "{ a / b }". Spaces are space, tab, CR, LF, VT, FF.
// emit returns false to stop early.
template <typename Emit>
void for_each_token(std::string_view text, Emit&& emit) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  const char* const data = text.data();
  while (i < n) {
    const std::uint8_t kind = byte_class(data[i]);
    if (kind == kSpaceByte) {
      ++i;
      continue;
    }
    if (kind == kBraceByte) {
      if (!emit(text.substr(i, 1))) return;
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < n && byte_class(data[i]) == kWordByte) ++i;
    if (!emit(text.substr(start, i - start))) return;
  }
}

bool is_optional_form(std::string_view token) {
  return token.size() >= 2 && token.front() == '(' && token.back() == ')';
}

// One reference word or a set of alternatives, before it becomes arcs.
struct Item {
  std::int32_t word = -1;  // -1 marks a set of alternatives
  bool optional = false;
  std::vector<std::vector<Item>> alternatives;
};

class ReferenceBuilder {
 public:
  ReferenceBuilder(const ScliteOptions& options, ScliteLexicon& lexicon) : options_(options), lexicon_(lexicon) {}

  std::string parse(std::span<const std::string_view> tokens, ScliteNetwork& out) {
    std::size_t pos = 0;
    std::vector<Item> top;
    std::string error = parse_sequence(tokens, pos, 0, top);
    if (!error.empty()) return error;
    if (pos != tokens.size()) return "'}' without a matching '{'";

    out.arcs.clear();
    out.linear = false;
    node_count_ = 2;  // 0 = start, 1 = end until renumbered
    build_sequence(top, 0, 1, out.arcs);
    renumber(out);
    return {};
  }

 private:
  // Reads items up to the end, or (inside braces) up to the next "/" or "}" which it leaves unread.
  std::string parse_sequence(std::span<const std::string_view> tokens, std::size_t& pos, int depth,
                             std::vector<Item>& items) {
    while (pos < tokens.size()) {
      const std::string_view t = tokens[pos];
      if (t == "}") {
        if (depth == 0) return "'}' without a matching '{'";
        return {};
      }
      if (t == "/" && depth > 0) return {};
      ++pos;
      if (t == "@") continue;
      if (t == "{") {
        Item set;
        for (;;) {
          set.alternatives.emplace_back();
          std::string error = parse_sequence(tokens, pos, depth + 1, set.alternatives.back());
          if (!error.empty()) return error;
          if (pos == tokens.size()) return "'{' without a matching '}'";
          if (tokens[pos++] == "}") break;  // otherwise it was "/"
        }
        items.push_back(std::move(set));
        continue;
      }
      Item word;
      word.optional = options_.optional_deletable && is_optional_form(t);
      word.word = lexicon_.intern(word.optional ? t.substr(1, t.size() - 2) : t);
      items.push_back(std::move(word));
    }
    if (depth > 0) return "'{' without a matching '}'";
    return {};
  }

  void build_sequence(const std::vector<Item>& items, std::int32_t from, std::int32_t to,
                      std::vector<ScliteArc>& arcs) {
    if (items.empty()) {
      arcs.push_back({from, to, -1, false});
      return;
    }
    std::int32_t current = from;
    for (std::size_t k = 0; k < items.size(); ++k) {
      const std::int32_t target = k + 1 == items.size() ? to : node_count_++;
      const Item& item = items[k];
      if (item.word >= 0) {
        arcs.push_back({current, target, item.word, item.optional});
      } else {
        for (const auto& alternative : item.alternatives) build_sequence(alternative, current, target, arcs);
      }
      current = target;
    }
  }

  // Nodes were numbered as they were created, so the end node (1) precedes inner ones. The aligner
  // wants a topological numbering with arcs grouped by target in their original order.
  void renumber(ScliteNetwork& out) const {
    const auto n = static_cast<std::size_t>(node_count_);
    std::vector<std::int32_t> indegree(n, 0);
    std::vector<std::vector<std::int32_t>> successors(n);
    for (const auto& a : out.arcs) {
      ++indegree[static_cast<std::size_t>(a.to)];
      successors[static_cast<std::size_t>(a.from)].push_back(a.to);
    }
    std::vector<std::int32_t> order;
    order.reserve(n);
    order.push_back(0);
    for (std::size_t k = 0; k < order.size(); ++k) {
      for (const std::int32_t next : successors[static_cast<std::size_t>(order[k])]) {
        if (--indegree[static_cast<std::size_t>(next)] == 0) order.push_back(next);
      }
    }
    assert(order.size() == n);  // every node is reachable from the start by construction
    std::vector<std::int32_t> new_id(n);
    for (std::size_t k = 0; k < n; ++k) new_id[static_cast<std::size_t>(order[k])] = static_cast<std::int32_t>(k);
    for (auto& a : out.arcs) {
      a.from = new_id[static_cast<std::size_t>(a.from)];
      a.to = new_id[static_cast<std::size_t>(a.to)];
    }
    std::stable_sort(out.arcs.begin(), out.arcs.end(),
                     [](const ScliteArc& x, const ScliteArc& y) { return x.to < y.to; });
    out.node_count = node_count_;
    out.first_arc.assign(n + 1, 0);
    for (const auto& a : out.arcs) ++out.first_arc[static_cast<std::size_t>(a.to) + 1];
    for (std::size_t v = 0; v < n; ++v) out.first_arc[v + 1] += out.first_arc[v];
  }

  const ScliteOptions& options_;
  ScliteLexicon& lexicon_;
  std::int32_t node_count_ = 2;
};

}  // namespace

std::string sclite_ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::optional<std::string> sclite_speaker_of(std::string_view utterance_id, bool case_sensitive) {
  auto end = utterance_id.find('-');
  if (end == std::string_view::npos) end = utterance_id.find('_');
  if (end == std::string_view::npos) return std::nullopt;
  const auto speaker = utterance_id.substr(0, end);
  return case_sensitive ? std::string(speaker) : sclite_ascii_lower(speaker);
}

namespace {

// Eight bytes at a time: A-Z become a-z, every other byte (including UTF-8 bytes >= 0x80) is unchanged.
std::uint64_t ascii_lower8(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const std::uint64_t seven_bits = x & ~kHigh;
  const std::uint64_t at_least_a = seven_bits + (0x80 - 'A') * kOnes;   // high bit set where byte >= 'A'
  const std::uint64_t above_z = seven_bits + (0x80 - 'Z' - 1) * kOnes;  // high bit set where byte > 'Z'
  const std::uint64_t upper = at_least_a & ~above_z & ~x & kHigh;
  return x | (upper >> 2);
}

std::uint64_t mix(std::uint64_t h, std::uint64_t x) {
  h = (h ^ x) * 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}

// The last 1..8 bytes of a word as the low bytes of a zero-padded chunk (memory order on little-endian
// machines), loaded without a variable-length memcpy: overlapping fixed-size loads inside the word.
std::uint64_t load_tail(const char* p, std::size_t r) {
  std::uint64_t x = 0;
  if constexpr (std::endian::native == std::endian::little) {
    if (r == 8) {
      std::memcpy(&x, p, 8);
    } else if (r >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + r - 4, 4);
      x = lo | (std::uint64_t{hi} << (8 * (r - 4)));  // the overlapping bytes are the same in both
    } else if (r >= 2) {
      std::uint16_t lo, hi;
      std::memcpy(&lo, p, 2);
      std::memcpy(&hi, p + r - 2, 2);
      x = lo | (std::uint64_t{hi} << (8 * (r - 2)));
    } else {
      x = static_cast<unsigned char>(*p);
    }
  } else {
    std::memcpy(&x, p, r);
  }
  return x;
}

std::size_t slot_of(std::uint64_t hash, std::size_t mask) {
  return (hash ^ (hash >> 32)) & mask;
}

std::uint64_t word_hash(const std::uint64_t* chunks, std::size_t chunk_count, std::size_t length) {
  std::uint64_t hash = 0x243F6A8885A308D3ULL ^ length;
  for (std::size_t k = 0; k < chunk_count; ++k) hash = mix(hash, chunks[k]);
  return hash;
}

}  // namespace

std::int32_t ScliteLexicon::intern(std::string_view word) {
  // Fold into 8-byte chunks, then hash; tokens are short, so this is most of the cost.
  const std::size_t n = word.size();
  const std::size_t chunk_count = (n + 7) / 8;
  if (scratch_.size() < chunk_count + 1) scratch_.resize(chunk_count + 1);
  std::uint64_t* const folded = scratch_.data();
  folded[0] = 0;  // the empty word's first chunk
  for (std::size_t k = 0; k < chunk_count; ++k) {
    const std::size_t at = 8 * k;
    const std::uint64_t x = load_tail(word.data() + at, std::min<std::size_t>(8, n - at));
    folded[k] = case_sensitive_ ? x : ascii_lower8(x);
  }
  const std::uint64_t hash = word_hash(folded, chunk_count, n);
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = slot_of(hash, mask);; slot = (slot + 1) & mask) {
    const Slot s = slots_[slot];
    if (s.id < 0) {
      const auto new_id = static_cast<std::int32_t>(entries_.size());
      assert(chunks_.size() + chunk_count < std::numeric_limits<std::uint32_t>::max());
      entries_.push_back({static_cast<std::uint32_t>(chunks_.size()), static_cast<std::uint32_t>(n),
                          static_cast<std::uint32_t>(slot)});
      chunks_.insert(chunks_.end(), folded, folded + chunk_count);
      slots_[slot] = {folded[0], static_cast<std::uint32_t>(n), new_id};
      return new_id;
    }
    if (s.chunk0 != folded[0] || s.length != n) continue;
    const std::uint64_t* stored = chunks_.data() + entries_[static_cast<std::size_t>(s.id)].first_chunk;
    std::size_t k = 1;
    while (k < chunk_count && stored[k] == folded[k]) ++k;
    if (k >= chunk_count) return s.id;
  }
}

void ScliteLexicon::clear() {
  for (const Entry& e : entries_) slots_[e.slot] = Slot{};
  entries_.clear();
  chunks_.clear();
}

void ScliteLexicon::grow() {
  // 256 slots (4 KiB) hold an utterance pair's words with room to spare.
  const std::size_t size = slots_.empty() ? 256 : slots_.size() * 2;
  slots_.assign(size, Slot{});
  const std::size_t mask = size - 1;
  for (std::size_t id = 0; id < entries_.size(); ++id) {
    // Rehash from the stored chunks, exactly as intern() hashed them.
    Entry& e = entries_[id];
    const std::uint64_t* chunks = chunks_.data() + e.first_chunk;
    const std::size_t chunk_count = (e.length + 7) / 8;
    std::size_t slot = slot_of(word_hash(chunks, chunk_count, e.length), mask);
    while (slots_[slot].id >= 0) slot = (slot + 1) & mask;
    slots_[slot] = {chunk_count > 0 ? chunks[0] : 0, e.length, static_cast<std::int32_t>(id)};
    e.slot = static_cast<std::uint32_t>(slot);
  }
}

void split_sclite_tokens(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  for_each_token(text, [&out](std::string_view t) {
    out.push_back(t);
    return true;
  });
}

std::string parse_sclite_reference(std::string_view text, const ScliteOptions& options, ScliteLexicon& lexicon,
                                   ScliteNetwork& out) {
  std::vector<std::string_view> tokens;
  split_sclite_tokens(text, tokens);
  return parse_sclite_reference_tokens(tokens, options, lexicon, out);
}

std::string parse_sclite_hypothesis(std::string_view text, const ScliteOptions& options, ScliteLexicon& lexicon,
                                    std::vector<std::int32_t>& out) {
  std::vector<std::string_view> tokens;
  split_sclite_tokens(text, tokens);
  return parse_sclite_hypothesis_tokens(tokens, options, lexicon, out);
}

std::string parse_sclite_reference_tokens(std::span<const std::string_view> tokens, const ScliteOptions& options,
                                          ScliteLexicon& lexicon, ScliteNetwork& out) {
  const auto is_brace = [](std::string_view t) { return t.size() == 1 && (t[0] == '{' || t[0] == '}'); };
  if (std::any_of(tokens.begin(), tokens.end(), is_brace)) return ReferenceBuilder(options, lexicon).parse(tokens, out);

  // The common case, a plain word sequence, goes straight into a chain without building a tree.
  out.arcs.clear();
  out.linear = true;
  std::int32_t node = 0;
  for (const std::string_view t : tokens) {
    if (t.size() == 1 && t[0] == '@') continue;
    const bool optional = options.optional_deletable && is_optional_form(t);
    out.arcs.push_back({node, node + 1, lexicon.intern(optional ? t.substr(1, t.size() - 2) : t), optional});
    ++node;
  }
  out.node_count = node + 1;
  out.first_arc.resize(static_cast<std::size_t>(node) + 2);
  out.first_arc[0] = 0;
  for (std::int32_t v = 0; v <= node; ++v) out.first_arc[static_cast<std::size_t>(v) + 1] = v;
  return {};
}

std::string parse_sclite_hypothesis_tokens(std::span<const std::string_view> tokens, const ScliteOptions& options,
                                           ScliteLexicon& lexicon, std::vector<std::int32_t>& out) {
  out.clear();
  for (const std::string_view t : tokens) {
    if (t.size() == 1 && (t[0] == '{' || t[0] == '}' || t[0] == '@')) {
      return "the hypothesis contains \"" + std::string(t) +
             "\", which sclite reads as alternatives markup; only a reference may hold it";
    }
    if (options.optional_deletable && is_optional_form(t)) {
      return "the hypothesis contains \"" + std::string(t) +
             "\", which sclite -D reads as an optionally deletable word; only a reference may hold it";
    }
    out.push_back(lexicon.intern(t));
  }
  return {};
}

}  // namespace pb
