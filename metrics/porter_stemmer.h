#pragma once
// The Porter stemmer exactly as NLTK 3.8's nltk.stem.porter.PorterStemmer implements it, in each of its
// three modes. rouge-score (google-research) stems with `PorterStemmer()`, i.e. the default
// nltk_extensions mode, so that is what ROUGE's `stem` option uses (metrics/rouge.h).
//
// Why not libstemmer's "porter": Snowball's "porter" follows the published algorithm without NLTK's
// additions, so it disagrees with rouge-score on 1,322 of the 72,097 lower-case words of 4+ letters in
// /usr/share/dict/words (1.8 %), e.g. "possibly" (NLTK "possibl", libstemmer "possibli"), "geology"
// ("geolog" / "geologi"), "hopefully" ("hope" / "hopefulli"), "dies" ("die" / "di"), "skies" ("sky" /
// "ski"), "aged" ("age" / "ag"), "annoyed" ("annoy" / "annoi"). ROUGE numbers would then not match
// rouge-score's.
//
// Words are processed as Unicode code points (lengths and double-letter checks count characters, as
// Python does). The algorithm itself only knows a, e, i, o, u and y as vowels; every other character,
// digits and non-ASCII letters included, is a consonant. NLTK lower-cases with str.lower(); this
// function lower-cases ASCII letters only, so pass lower-case text for non-ASCII words.
#include <string>
#include <string_view>

namespace pb {

enum class PorterMode {
  nltk_extensions,     // NLTK's default (PorterStemmer()); what rouge-score uses
  martin_extensions,   // only the changes in Martin Porter's own published implementations
  original_algorithm,  // the 1980 paper as published
};

// The stem of one word, identical to PorterStemmer(mode).stem(word) in NLTK 3.8 for input whose only
// upper-case letters are ASCII. Invalid UTF-8 bytes are treated as one (consonant) character each.
std::string porter_stem(std::string_view word, PorterMode mode = PorterMode::nltk_extensions);

}  // namespace pb
