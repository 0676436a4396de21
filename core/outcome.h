#pragma once
// The result of one unit of work that may fail for an expected reason (an adapter timing out, a vendor
// returning garbage). A failure is data: it carries a human-readable reason and is stored with the item.
#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace pb {

template <class T>
class Outcome {
 public:
  static Outcome success(T value) { return Outcome(std::move(value), {}); }
  static Outcome failure(std::string reason) { return Outcome(std::nullopt, std::move(reason)); }

  bool ok() const { return value_.has_value(); }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  const std::string& error() const { return error_; }

 private:
  Outcome(std::optional<T> value, std::string error) : value_(std::move(value)), error_(std::move(error)) {}
  std::optional<T> value_;
  std::string error_;
};

}  // namespace pb
