#include "platform/startup_pages.hpp"

namespace host_exporter::platform {

// Not done on macOS: how much its pager maps around a fault was not measured there.
std::size_t release_startup_pages() { return 0; }

}  // namespace host_exporter::platform
