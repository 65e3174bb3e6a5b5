#pragma once
// Container image references as Docker and ECS read them, following the grammar of
// distribution/reference (reference.go):
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [ domain "/" ] path-component { "/" path-component }
//   domain    := host [ ":" port ]   (the first component is a domain when it contains '.' or
//                                     ':', or is "localhost")
//   path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
//   tag       := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
//   digest    := algorithm ":" hex   (sha256: 64 hex digits, sha512: 128)
// Without a domain the registry is docker.io, and a one-component name lives in "library/".

#include <optional>
#include <string>
#include <string_view>

namespace taskguard::aws {

struct ImageReference {
  std::string registry;    // "docker.io", "public.ecr.aws",
                           // "123456789012.dkr.ecr.us-east-1.amazonaws.com", "localhost:5000"
  std::string repository;  // "library/nginx", "team/app"
  std::optional<std::string> tag;     // absent when not written (Docker then pulls "latest")
  std::optional<std::string> digest;  // "sha256:..." when pinned
};

// nullopt when `reference` does not follow the grammar (upper case in the path, an empty
// component, a bad digest, a name longer than 255 characters ...).
std::optional<ImageReference> parse_image(std::string_view reference);

// The registry host of a valid reference.
std::optional<std::string> image_registry(std::string_view reference);

// A private Amazon ECR registry in any partition: <account>.dkr.ecr[-fips].<region>.amazonaws.com
// (.com.cn in China), the dual-stack <account>.dkr-ecr.<region>.on.aws, and the ISO partitions'
// c2s.ic.gov, sc2s.sgov.gov, cloud.adc-e.uk and csp.hci.ic.gov domains. public.ecr.aws is not
// private ECR.
bool is_ecr_registry(std::string_view registry);
bool image_is_ecr(std::string_view reference);

// Pinned by digest (with or without a tag).
bool image_pinned(std::string_view reference);

}  // namespace taskguard::aws
