#pragma once
// Snowball stemming through Debian's libstemmer (Danish for the `da` tokeniser and for matching agreements by
// content words). libstemmer's stemmer objects keep a work buffer, so one SnowballStemmer must not be used from
// two threads at once; metrics create their own instance per call, which is cheap (no tables are loaded).
#include <memory>
#include <string>
#include <string_view>

namespace pb {

class SnowballStemmer {
 public:
  // `algorithm` is a libstemmer name such as "danish" or "english"; input is UTF-8. Throws std::invalid_argument
  // for an unknown algorithm.
  explicit SnowballStemmer(const std::string& algorithm = "danish");
  ~SnowballStemmer();
  SnowballStemmer(SnowballStemmer&&) noexcept;
  SnowballStemmer& operator=(SnowballStemmer&&) noexcept;

  // The stem of one word, which should already be lower-cased (Snowball's rules assume lower case).
  std::string stem(std::string_view word);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pb
