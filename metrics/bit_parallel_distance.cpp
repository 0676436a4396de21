#include "metrics/bit_parallel_distance.h"

#include <bit>
#include <cassert>
#include <unordered_map>

namespace pb {

ReferenceMasks::ReferenceMasks(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp)
    : rows_(ref.size()), blocks_(blocks_for_rows(ref.size())) {
  // Local ids for the reference's distinct symbols (first-occurrence order) and their counts.
  std::unordered_map<std::int32_t, std::int32_t> local;
  local.reserve(ref.size());
  std::vector<std::int32_t> ref_local(ref.size());
  std::vector<std::int64_t> count;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const auto [it, inserted] = local.try_emplace(ref[i], static_cast<std::int32_t>(count.size()));
    if (inserted) count.push_back(0);
    ++count[static_cast<std::size_t>(it->second)];
    ref_local[i] = it->second;
  }

  // count·64 ≥ n admits at most 64 symbols, which bounds the dense storage by n words.
  const auto n = static_cast<std::int64_t>(ref.size());
  std::vector<std::int32_t> kind(count.size());
  for (std::size_t s = 0; s < count.size(); ++s) {
    if (count[s] * 64 >= n) kind[s] = dense_count_++;
  }
  std::int32_t sparse_count = 0;
  sparse_start_.push_back(0);
  for (std::size_t s = 0; s < count.size(); ++s) {
    if (count[s] * 64 < n) {
      kind[s] = dense_count_ + sparse_count++;
      sparse_start_.push_back(sparse_start_.back() + static_cast<std::int32_t>(count[s]));
    }
  }

  dense_.assign(static_cast<std::size_t>(dense_count_) * blocks_, 0);
  sparse_rows_.resize(static_cast<std::size_t>(sparse_start_.back()));
  std::vector<std::int32_t> fill(sparse_start_.begin(), sparse_start_.end() - 1);
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const std::int32_t k = kind[static_cast<std::size_t>(ref_local[i])];
    if (k < dense_count_) {
      dense_[static_cast<std::size_t>(k) * blocks_ + (i >> 6)] |= std::uint64_t{1} << (i & 63);
    } else {
      sparse_rows_[static_cast<std::size_t>(fill[static_cast<std::size_t>(k - dense_count_)]++)] =
          static_cast<std::int32_t>(i);
    }
  }

  hyp_kind_.reserve(hyp.size());
  for (const std::int32_t symbol : hyp) {
    const auto it = local.find(symbol);
    hyp_kind_.push_back(it == local.end() ? -1 : kind[static_cast<std::size_t>(it->second)]);
  }
  scratch_.assign(blocks_, 0);
}

void ReferenceMasks::clear_scratch() {
  if (scratch_sparse_ < 0) return;
  const auto s = static_cast<std::size_t>(scratch_sparse_);
  for (auto k = sparse_start_[s]; k < sparse_start_[s + 1]; ++k) {
    const auto row = static_cast<std::size_t>(sparse_rows_[static_cast<std::size_t>(k)]);
    if (row >= scratch_limit_) break;
    scratch_[row >> 6] = 0;
  }
  scratch_sparse_ = -1;
}

const std::uint64_t* ReferenceMasks::mask(std::size_t j, std::size_t blocks) {
  assert(j < hyp_kind_.size() && blocks <= blocks_);
  const std::int32_t kind = hyp_kind_[j];
  if (kind >= 0 && kind < dense_count_) return dense_.data() + static_cast<std::size_t>(kind) * blocks_;
  const std::int32_t sparse = kind < 0 ? -1 : kind - dense_count_;
  // Consecutive uses of the same symbol (repeated words) reuse what is already written.
  if (sparse >= 0 && sparse == scratch_sparse_ && scratch_limit_ >= blocks * 64) return scratch_.data();
  clear_scratch();
  if (sparse < 0) return scratch_.data();
  const auto s = static_cast<std::size_t>(sparse);
  const std::size_t limit = blocks * 64;
  for (auto k = sparse_start_[s]; k < sparse_start_[s + 1]; ++k) {
    const auto row = static_cast<std::size_t>(sparse_rows_[static_cast<std::size_t>(k)]);
    if (row >= limit) break;
    scratch_[row >> 6] |= std::uint64_t{1} << (row & 63);
  }
  scratch_sparse_ = sparse;
  scratch_limit_ = limit;
  return scratch_.data();
}

void advance_column(const std::uint64_t* eq, const VerticalDeltas* in, VerticalDeltas* out,
                    HorizontalDeltas* horizontal, std::size_t blocks) {
  // The horizontal delta entering the top of block 0 is D(0, j) - D(0, j-1) = +1; each block passes
  // its bottom row's horizontal delta to the next. A -1 entering a block is folded into the match
  // mask's low bit, which is how Myers' block algorithm carries the addition across words.
  std::uint64_t carry_plus = 1, carry_minus = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::uint64_t pv = in[b].plus;
    const std::uint64_t mv = in[b].minus;
    std::uint64_t e = eq[b];
    const std::uint64_t xv = e | mv;
    e |= carry_minus;
    const std::uint64_t xh = (((e & pv) + pv) ^ pv) | e;
    std::uint64_t ph = mv | ~(xh | pv);
    std::uint64_t mh = pv & xh;
    if (horizontal != nullptr) horizontal[b] = {ph, mh};
    const std::uint64_t out_plus = ph >> 63;
    const std::uint64_t out_minus = mh >> 63;
    ph = (ph << 1) | carry_plus;
    mh = (mh << 1) | carry_minus;
    out[b] = {mh | ~(xv | ph), ph & xv};
    carry_plus = out_plus;
    carry_minus = out_minus;
  }
}

std::vector<VerticalDeltas> initial_column(std::size_t rows) {
  return std::vector<VerticalDeltas>(blocks_for_rows(rows), VerticalDeltas{~std::uint64_t{0}, 0});
}

std::int64_t column_value(const VerticalDeltas* column, std::size_t j, std::size_t rows) {
  std::int64_t value = static_cast<std::int64_t>(j);
  const std::size_t full = rows / 64;
  for (std::size_t b = 0; b < full; ++b) {
    value += std::popcount(column[b].plus) - std::popcount(column[b].minus);
  }
  if (rows % 64 != 0) {
    const std::uint64_t keep = (std::uint64_t{1} << (rows % 64)) - 1;
    value += std::popcount(column[full].plus & keep) - std::popcount(column[full].minus & keep);
  }
  return value;
}

std::int64_t bit_parallel_edit_distance(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp) {
  if (ref.empty()) return static_cast<std::int64_t>(hyp.size());
  ReferenceMasks masks(ref, hyp);
  std::vector<VerticalDeltas> column = initial_column(ref.size());
  for (std::size_t j = 0; j < hyp.size(); ++j) {
    advance_column(masks.mask(j, masks.blocks()), column.data(), column.data(), nullptr, masks.blocks());
  }
  return column_value(column.data(), hyp.size(), ref.size());
}

}  // namespace pb
