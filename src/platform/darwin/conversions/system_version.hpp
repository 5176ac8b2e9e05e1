#pragma once
// The OS version of /System/Library/CoreServices/SystemVersion.plist, an XML property
// list of <key>/<string> pairs in one <dict>. A small text parse is enough for it (no
// CoreFoundation needed); entities (&amp; &lt; &gt; &quot; &apos;) are decoded.

#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::platform::darwin {

struct SystemVersion {
  std::string product_name;          // "macOS" (older releases: "Mac OS X")
  std::string product_version;       // "14.4.1"
  std::string product_build_version; // "23E224"
  std::string product_user_visible_version;
};

// nullopt when the text has no ProductVersion.
std::optional<SystemVersion> parse_system_version_plist(std::string_view text);

// "14.4.1" -> 14.4, "15" -> 15 (node_exporter's node_os_version: major.minor as a number).
std::optional<double> major_minor_version(std::string_view version);

}  // namespace host_exporter::platform::darwin
