#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "stdlib/aws/arn.hpp"
#include "stdlib/aws/capability.hpp"
#include "stdlib/aws/image.hpp"
#include "stdlib/aws/secret_ref.hpp"
#include "stdlib/aws/user.hpp"
#include "stdlib/secrets/credential_name.hpp"
#include "stdlib/secrets/detect.hpp"
#include "stdlib/secrets/entropy.hpp"
#include "stdlib/secrets/placeholder.hpp"
#include "stdlib/text/number.hpp"
#include "stdlib/text/strings.hpp"

using namespace taskguard;

namespace {

// Random byte strings biased towards the characters the parsers care about, so that the
// properties below meet ARN-, image- and token-shaped input, not only noise.
std::string random_bytes(std::uint64_t& state, std::size_t max_length) {
  static constexpr std::string_view interesting = "arn:aws/@.-_:0123456789abcAKIA=+ \n\xff\xc3";
  const auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::string out(next() % (max_length + 1), '\0');
  for (char& c : out) {
    const std::uint64_t r = next();
    c = r % 3 == 0 ? static_cast<char>(r >> 8) : interesting[(r >> 8) % interesting.size()];
  }
  return out;
}

}  // namespace

TEST_SUITE("stdlib") {
  TEST_CASE("every stdlib function is total, and string functions keep their invariants") {
    std::uint64_t state = 0x2545F4914F6CDD1Dull;
    for (int round = 0; round < 3000; ++round) {
      const std::string s = random_bytes(state, 80);
      const std::string sep = random_bytes(state, 2);
      CAPTURE(s);

      CHECK(text::lower(s).size() == s.size());
      CHECK(text::upper(text::lower(s)) == text::upper(s));
      CHECK(text::length(s) <= s.size());
      CHECK(text::trim(text::trim(s)) == text::trim(s));
      CHECK(text::replace(s, sep, sep) == s);
      const auto parts = text::split(s, sep);
      if (!sep.empty()) CHECK(text::join(parts, sep) == s);
      if (sep.empty()) CHECK(parts.size() == text::length(s));

      if (const auto n = text::to_number(s)) CHECK(*n == *n);  // never NaN
      CHECK(secrets::entropy(s) >= 0.0);
      if (const auto d = secrets::detect(s)) CHECK(d->offset + d->length <= s.size());
      (void)secrets::credential_name(s);
      (void)secrets::is_placeholder(s);

      if (const auto arn = aws::parse_arn(s)) {
        CHECK(s.starts_with("arn:"));
        CHECK_FALSE(arn->resource.empty());
      }
      (void)aws::role_name(s);
      (void)aws::secret_ref_kind(s);
      if (const auto image = aws::parse_image(s)) {
        // A parsed reference is stable: writing it back out and parsing again agrees.
        std::string again = image->registry + "/" + image->repository;
        if (image->tag) again += ":" + *image->tag;
        if (image->digest) again += "@" + *image->digest;
        const auto reparsed = aws::parse_image(again);
        REQUIRE(reparsed.has_value());
        CHECK(reparsed->repository == image->repository);
      }
      (void)aws::image_is_ecr(s);
      (void)aws::is_root_user(s);
      (void)aws::is_windows_admin_user(s);
      // Idempotent, except that only one CAP_ prefix is removed per call ("CAP_CAP_X").
      const std::string once = aws::normalize_capability(s);
      const bool stable = aws::normalize_capability(once) == once || once.starts_with("CAP_");
      CHECK(stable);
    }
  }
}
