#pragma once
// The built-in collectors of macOS, built from the adapter's readers. builtin.cpp lists
// them with platform::darwin::host_readers(); tests pass recorded readings instead.

#include <vector>

#include "collectors/builtin.hpp"
#include "platform/darwin/host_readers.hpp"

namespace host_exporter::collectors {

std::vector<CollectorDefinition> darwin_collector_definitions(const platform::darwin::HostReaders& readers);

}  // namespace host_exporter::collectors
