#include "core/hash.h"

#include <gtest/gtest.h>

namespace pb {
namespace {

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// RFC 4231, test cases 1, 2 and 6 (a key longer than the block size).
TEST(HmacSha256, Rfc4231Vectors) {
  EXPECT_EQ(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(KeyedPseudonym, StableUnderOneKeyDifferentUnderAnother) {
  const std::string key = "kommunens hemmelige nøgle 2026";
  const auto a = keyed_pseudonym(key, "120385-1234");
  EXPECT_EQ(a.size(), 25u);
  EXPECT_EQ(a[0], 'p');
  EXPECT_EQ(a, keyed_pseudonym(key, "120385-1234"));
  EXPECT_NE(a, keyed_pseudonym(key, "120385-1235"));
  EXPECT_NE(a, keyed_pseudonym("en anden nøgle til et andet projekt", "120385-1234"));
  // Not the plain hash of the id.
  EXPECT_NE(a.substr(1), sha256_hex("120385-1234").substr(0, 24));
  EXPECT_EQ(a.substr(1), hmac_sha256_hex(key, "120385-1234").substr(0, 24));
}

}  // namespace
}  // namespace pb
