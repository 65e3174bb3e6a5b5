#include "interpreter/waivers/waiver.hpp"

namespace taskguard {

const char* waiver_notice_kind_name(WaiverNotice::Kind kind) {
  return kind == WaiverNotice::Kind::Expired ? "expired" : "stale";
}

}  // namespace taskguard
