#pragma once
// The host_process_group_* families of one window of the process-group tracker, with the
// same names and rules on every OS (the Linux and macOS process collectors both use it);
// their descriptors are the host_* schema's (host_schema.hpp).
// host_process_group_footprint_bytes is present only where the OS reports a footprint
// (macOS).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/process_groups.hpp"
#include "exposition/sink.hpp"

namespace host_exporter::collectors {

// `always_exported_states`: a mask of process_groups.hpp, the states the OS can have.
void append_process_group_families(const ProcessWindow& window, std::uint16_t always_exported_states,
                                   exposition::Sink& sink);

}  // namespace host_exporter::collectors
