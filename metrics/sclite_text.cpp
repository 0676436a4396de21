#include "metrics/sclite_text.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>

namespace pb {

namespace {

bool is_sclite_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Calls emit(token) for each word of `text`; '{' and '}' are tokens of their own even when attached
// to a word, because sclite reads "{a / b}" like "{ a / b }".
template <typename Emit>
void for_each_token(std::string_view text, Emit&& emit) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (is_sclite_space(c)) {
      ++i;
      continue;
    }
    if (c == '{' || c == '}') {
      emit(text.substr(i, 1));
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < n && !is_sclite_space(text[i]) && text[i] != '{' && text[i] != '}') ++i;
    emit(text.substr(start, i - start));
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

  std::string parse(std::string_view text, ScliteNetwork& out) {
    std::vector<std::string_view> tokens;
    for_each_token(text, [&tokens](std::string_view t) { tokens.push_back(t); });
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
  std::string parse_sequence(const std::vector<std::string_view>& tokens, std::size_t& pos, int depth,
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
  const std::uint64_t at_least_a = seven_bits + (0x80 - 'A') * kOnes;  // high bit set where byte >= 'A'
  const std::uint64_t above_z = seven_bits + (0x80 - 'Z' - 1) * kOnes;  // high bit set where byte > 'Z'
  const std::uint64_t upper = at_least_a & ~above_z & ~x & kHigh;
  return x | (upper >> 2);
}

std::uint64_t mix(std::uint64_t h, std::uint64_t x) {
  h = (h ^ x) * 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}

}  // namespace

std::int32_t ScliteLexicon::intern(std::string_view word) {
  // Fold and hash in one pass over 8-byte chunks; tokens are short, so this is most of the cost.
  const std::size_t n = word.size();
  folded_.resize(n);
  char* out = folded_.data();
  std::uint64_t hash = 0x243F6A8885A308D3ULL ^ n;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, word.data() + i, 8);
    if (!case_sensitive_) x = ascii_lower8(x);
    std::memcpy(out + i, &x, 8);
    hash = mix(hash, x);
  }
  if (i < n) {
    std::uint64_t x = 0;
    std::memcpy(&x, word.data() + i, n - i);
    if (!case_sensitive_) x = ascii_lower8(x);
    std::memcpy(out + i, &x, n - i);
    hash = mix(hash, x);
  }
  if ((offsets_.size() + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = (hash ^ (hash >> 32)) & mask;; slot = (slot + 1) & mask) {
    const std::int32_t id = slots_[slot];
    if (id < 0) {
      const auto new_id = static_cast<std::int32_t>(offsets_.size());
      assert(arena_.size() + n < std::numeric_limits<std::uint32_t>::max());
      offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
      lengths_.push_back(static_cast<std::uint32_t>(n));
      hashes_.push_back(hash);
      arena_ += folded_;
      slots_[slot] = new_id;
      return new_id;
    }
    const auto k = static_cast<std::size_t>(id);
    if (hashes_[k] == hash && lengths_[k] == n && std::memcmp(arena_.data() + offsets_[k], out, n) == 0) return id;
  }
}

void ScliteLexicon::grow() {
  const std::size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
  slots_.assign(size, -1);
  const std::size_t mask = size - 1;
  for (std::size_t k = 0; k < hashes_.size(); ++k) {
    std::size_t slot = (hashes_[k] ^ (hashes_[k] >> 32)) & mask;
    while (slots_[slot] >= 0) slot = (slot + 1) & mask;
    slots_[slot] = static_cast<std::int32_t>(k);
  }
}

std::string parse_sclite_reference(std::string_view text, const ScliteOptions& options, ScliteLexicon& lexicon,
                                   ScliteNetwork& out) {
  if (text.find_first_of("{}") != std::string_view::npos) return ReferenceBuilder(options, lexicon).parse(text, out);

  // The common case, a plain word sequence, without building a tree.
  out.arcs.clear();
  out.linear = true;
  std::int32_t node = 0;
  for_each_token(text, [&](std::string_view t) {
    if (t == "@") return;
    const bool optional = options.optional_deletable && is_optional_form(t);
    out.arcs.push_back({node, node + 1, lexicon.intern(optional ? t.substr(1, t.size() - 2) : t), optional});
    ++node;
  });
  out.node_count = node + 1;
  out.first_arc.resize(static_cast<std::size_t>(node) + 2);
  out.first_arc[0] = 0;
  for (std::int32_t v = 0; v <= node; ++v) out.first_arc[static_cast<std::size_t>(v) + 1] = v;
  return {};
}

std::string parse_sclite_hypothesis(std::string_view text, const ScliteOptions& options, ScliteLexicon& lexicon,
                                    std::vector<std::int32_t>& out) {
  out.clear();
  std::string error;
  for_each_token(text, [&](std::string_view t) {
    if (!error.empty()) return;
    if (t == "{" || t == "}" || t == "@") {
      error = "the hypothesis contains \"" + std::string(t) +
              "\", which sclite reads as alternatives markup; only a reference may hold it";
      return;
    }
    if (options.optional_deletable && is_optional_form(t)) {
      error = "the hypothesis contains \"" + std::string(t) +
              "\", which sclite -D reads as an optionally deletable word; only a reference may hold it";
      return;
    }
    out.push_back(lexicon.intern(t));
  });
  return error;
}

}  // namespace pb
