#pragma once
// Forwards to the one Go-duration parser (text/duration.hpp) for code that still
// includes this header; new code includes "text/duration.hpp" directly.

#include "text/duration.hpp"

namespace host_exporter::cli {

using text::parse_duration;

}  // namespace host_exporter::cli
