#pragma once
// The live page as built from web/ (uPlot and our page in one HTML file, embedded into the binary
// at build time); empty when the build had no Node.js, and / then serves the plain page.

#include <string_view>

namespace host_exporter::live {

std::string_view built_live_page();

}  // namespace host_exporter::live
