#include "cli/config/check_settings.hpp"

namespace taskguard::config {
namespace {

template <typename T>
void override_with(std::optional<T>& target, const std::optional<T>& value) {
  if (value) target = value;
}

}  // namespace

CheckSettings merge(const CheckSettings& file, const CheckSettings& flags) {
  CheckSettings result = file;
  override_with(result.paths, flags.paths);
  override_with(result.policies, flags.policies);
  override_with(result.bundle, flags.bundle);
  override_with(result.no_default_pack, flags.no_default_pack);
  override_with(result.only, flags.only);
  override_with(result.skip, flags.skip);
  override_with(result.min_severity, flags.min_severity);
  // Command-line parameters are applied after the file's, so they win name by name.
  result.param_flags.insert(result.param_flags.end(), flags.param_flags.begin(),
                            flags.param_flags.end());
  for (const auto& [name, value] : flags.params)
    result.params[name] = value;
  result.limit_flags.insert(result.limit_flags.end(), flags.limit_flags.begin(),
                            flags.limit_flags.end());
  override_with(result.fail_on, flags.fail_on);
  override_with(result.unknown, flags.unknown);
  override_with(result.format, flags.format);
  override_with(result.output, flags.output);
  override_with(result.jobs, flags.jobs);
  override_with(result.no_color, flags.no_color);
  override_with(result.quiet, flags.quiet);
  override_with(result.verbose, flags.verbose);
  override_with(result.waivers_file, flags.waivers_file);
  result.waivers.insert(result.waivers.end(), flags.waivers.begin(), flags.waivers.end());
  return result;
}

}  // namespace taskguard::config
