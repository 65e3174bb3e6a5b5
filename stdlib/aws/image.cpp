#include "stdlib/aws/image.hpp"

#include <algorithm>

#include "stdlib/text/strings.hpp"

namespace taskguard::aws {
namespace {

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_lower_alnum(char c) {
  return is_lower(c) || is_digit(c);
}
bool is_alnum(char c) {
  return is_lower(c) || is_upper(c) || is_digit(c);
}
bool is_lower_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f');
}
bool is_hex(char c) {
  return is_lower_hex(c) || (c >= 'A' && c <= 'F');
}

constexpr std::size_t kMaxNameLength = 255;
constexpr std::size_t kMaxTagLength = 128;
constexpr std::string_view kDefaultRegistry = "docker.io";

// [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
bool is_path_component(std::string_view c) {
  if (c.empty() || !is_lower_alnum(c.front()) || !is_lower_alnum(c.back())) return false;
  std::size_t i = 0;
  while (i < c.size()) {
    if (is_lower_alnum(c[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < c.size() && !is_lower_alnum(c[i]))
      ++i;
    const std::string_view separator = c.substr(start, i - start);
    const bool dashes = separator.find_first_not_of('-') == std::string_view::npos;
    if (!(separator == "." || separator == "_" || separator == "__" || dashes)) return false;
  }
  return true;
}

// [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
bool is_domain_component(std::string_view c) {
  return !c.empty() && is_alnum(c.front()) && is_alnum(c.back()) &&
         std::all_of(c.begin(), c.end(), [](char ch) { return is_alnum(ch) || ch == '-'; });
}

bool is_domain(std::string_view domain) {
  std::string_view host = domain;
  if (host.starts_with('[')) {  // IPv6 literal, [::1]:5000
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos || close < 3) return false;
    const std::string_view address = host.substr(1, close - 1);
    if (!std::all_of(address.begin(), address.end(),
                     [](char c) { return is_hex(c) || c == ':'; })) {
      return false;
    }
    host = host.substr(close + 1);
    if (host.empty()) return true;
    if (host.front() != ':') return false;
    const std::string_view port = host.substr(1);
    return !port.empty() && std::all_of(port.begin(), port.end(), is_digit);
  }
  const std::size_t colon = host.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon + 1);
    if (port.empty() || !std::all_of(port.begin(), port.end(), is_digit)) return false;
    host = host.substr(0, colon);
  }
  return text::every_part(host, ".", is_domain_component);
}

bool is_tag(std::string_view tag) {
  if (tag.empty() || tag.size() > kMaxTagLength) return false;
  const auto word = [](char c) { return is_alnum(c) || c == '_'; };
  return word(tag.front()) && std::all_of(tag.begin(), tag.end(),
                                          [&](char c) { return word(c) || c == '.' || c == '-'; });
}

// algorithm := component ( [+._-] component )*, component := [A-Za-z][A-Za-z0-9]*
bool is_digest(std::string_view digest) {
  const std::size_t colon = digest.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view algorithm = digest.substr(0, colon);
  const std::string_view encoded = digest.substr(colon + 1);
  if (algorithm == "sha256") {
    return encoded.size() == 64 && std::all_of(encoded.begin(), encoded.end(), is_lower_hex);
  }
  if (algorithm == "sha512") {
    return encoded.size() == 128 && std::all_of(encoded.begin(), encoded.end(), is_lower_hex);
  }
  bool component_start = true;
  for (char c : algorithm) {
    if (component_start) {
      if (!is_lower(c) && !is_upper(c)) return false;
      component_start = false;
    } else if (c == '+' || c == '.' || c == '_' || c == '-') {
      component_start = true;
    } else if (!is_alnum(c)) {
      return false;
    }
  }
  return !algorithm.empty() && !component_start && encoded.size() >= 32 &&
         std::all_of(encoded.begin(), encoded.end(), is_hex);
}

bool looks_like_domain(std::string_view first) {
  return first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
         first == "localhost" ||
         std::any_of(first.begin(), first.end(), is_upper);  // upper case is never a path
}

// A valid reference's parts, as views into it (the registry may view kDefaultRegistry): the
// checks that only ask for one part (image.is_ecr, image.pinned run on every container) copy
// nothing.
struct ImageParts {
  std::string_view registry;
  std::string_view path;  // without the "library/" that a Docker Hub official image implies
  std::optional<std::string_view> tag;
  std::optional<std::string_view> digest;
};

std::optional<ImageParts> split_image(std::string_view reference) {
  ImageParts image;
  std::string_view name = reference;

  if (const std::size_t at = name.find('@'); at != std::string_view::npos) {
    const std::string_view digest = name.substr(at + 1);
    if (!is_digest(digest)) return std::nullopt;
    image.digest = digest;
    name = name.substr(0, at);
  }
  const std::size_t last_slash = name.rfind('/');
  const std::size_t tag_colon = name.rfind(':');
  if (tag_colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || tag_colon > last_slash)) {
    const std::string_view tag = name.substr(tag_colon + 1);
    if (!is_tag(tag)) return std::nullopt;
    image.tag = tag;
    name = name.substr(0, tag_colon);
  }
  if (name.empty() || name.size() > kMaxNameLength) return std::nullopt;

  image.path = name;
  image.registry = kDefaultRegistry;
  const std::size_t first_slash = name.find('/');
  if (first_slash != std::string_view::npos && looks_like_domain(name.substr(0, first_slash))) {
    const std::string_view domain = name.substr(0, first_slash);
    if (!is_domain(domain)) return std::nullopt;
    image.path = name.substr(first_slash + 1);
    // Docker's legacy spellings of the default registry.
    if (domain != "index.docker.io" && domain != "registry-1.docker.io") image.registry = domain;
  }
  if (!text::every_part(image.path, "/", is_path_component)) return std::nullopt;
  return image;
}

}  // namespace

std::optional<ImageReference> parse_image(std::string_view reference) {
  const auto parts = split_image(reference);
  if (!parts) return std::nullopt;
  ImageReference image;
  image.registry = std::string(parts->registry);
  image.repository = std::string(parts->path);
  if (parts->registry == kDefaultRegistry && parts->path.find('/') == std::string_view::npos) {
    image.repository.insert(0, "library/");
  }
  if (parts->tag) image.tag = std::string(*parts->tag);
  if (parts->digest) image.digest = std::string(*parts->digest);
  return image;
}

std::optional<std::string> image_registry(std::string_view reference) {
  const auto parts = split_image(reference);
  if (!parts) return std::nullopt;
  return std::string(parts->registry);
}

bool is_ecr_registry(std::string_view registry) {
  // <12 digits>.dkr.ecr[-fips].<region>.<partition domain> or <12 digits>.dkr-ecr.<region>.on.aws
  if (registry.size() < 13 || registry[12] != '.') return false;
  const std::string_view account = registry.substr(0, 12);
  if (!std::all_of(account.begin(), account.end(), is_digit)) return false;
  std::string_view rest = registry.substr(13);
  const bool dual_stack = rest.starts_with("dkr-ecr.");
  if (rest.starts_with("dkr.ecr.")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("dkr.ecr-fips.")) {
    rest.remove_prefix(13);
  } else if (dual_stack) {
    rest.remove_prefix(8);
  } else {
    return false;
  }
  const std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view region = rest.substr(0, dot);
  const std::string_view domain = rest.substr(dot + 1);
  if (region.empty() || !std::all_of(region.begin(), region.end(),
                                     [](char c) { return is_lower_alnum(c) || c == '-'; })) {
    return false;
  }
  if (dual_stack) return domain == "on.aws";
  return domain == "amazonaws.com" || domain == "amazonaws.com.cn" || domain == "c2s.ic.gov" ||
         domain == "sc2s.sgov.gov" || domain == "cloud.adc-e.uk" || domain == "csp.hci.ic.gov" ||
         domain == "amazonaws.eu";
}

bool image_is_ecr(std::string_view reference) {
  const auto parts = split_image(reference);
  return parts && is_ecr_registry(parts->registry);
}

bool image_pinned(std::string_view reference) {
  const auto parts = split_image(reference);
  return parts && parts->digest.has_value();
}

}  // namespace taskguard::aws
