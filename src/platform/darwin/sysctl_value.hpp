#pragma once
// sysctlbyname into a fixed-size value; false unless it filled exactly that size.
#include <sys/sysctl.h>

#include <string>

namespace host_exporter::platform::darwin {

template <typename T>
bool sysctl_value(const char* name, T& out) {
  std::size_t size = sizeof out;
  return ::sysctlbyname(name, &out, &size, nullptr, 0) == 0 && size == sizeof out;
}

inline bool sysctl_string(const char* name, std::string& out) {
  std::size_t size = 0;
  if (::sysctlbyname(name, nullptr, &size, nullptr, 0) != 0 || size == 0) return false;
  out.resize(size);
  if (::sysctlbyname(name, out.data(), &size, nullptr, 0) != 0) return false;
  out.resize(size);
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return true;
}

}  // namespace host_exporter::platform::darwin
