#include "metrics/snowball_stemmer.h"

#include <libstemmer.h>

#include <stdexcept>

namespace pb {

struct SnowballStemmer::Impl {
  sb_stemmer* stemmer = nullptr;
  ~Impl() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }
};

SnowballStemmer::SnowballStemmer(const std::string& algorithm) : impl_(std::make_unique<Impl>()) {
  impl_->stemmer = sb_stemmer_new(algorithm.c_str(), "UTF_8");
  if (!impl_->stemmer) throw std::invalid_argument("libstemmer has no stemmer '" + algorithm + "' for UTF-8");
}

SnowballStemmer::~SnowballStemmer() = default;
SnowballStemmer::SnowballStemmer(SnowballStemmer&&) noexcept = default;
SnowballStemmer& SnowballStemmer::operator=(SnowballStemmer&&) noexcept = default;

std::string SnowballStemmer::stem(std::string_view word) {
  const sb_symbol* out =
      sb_stemmer_stem(impl_->stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!out) throw std::bad_alloc();
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(impl_->stemmer)));
}

}  // namespace pb
