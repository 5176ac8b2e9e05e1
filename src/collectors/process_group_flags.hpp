#pragma once
// The grouping flags both processes collectors take (Linux processes.cpp, macOS
// darwin_definitions.cpp): --collector.processes.top, .include and .exclude.

#include <cstddef>
#include <regex>
#include <string>
#include <vector>

#include "collectors/builtin.hpp"

namespace host_exporter::collectors {

// top, include and exclude, with their defaults and help.
std::vector<CollectorFlag> process_group_flags();

// The top flag: a whole number from 0 to 1000, or `unset` when the value is empty.
// Throws std::invalid_argument.
std::size_t parse_process_group_top(const std::string& text, std::size_t unset);

// The include or exclude flag (`flag` names it in the message), matched against whole
// group names. Throws std::invalid_argument for an invalid regular expression.
std::regex compile_process_group_pattern(const std::string& pattern, const char* flag);

}  // namespace host_exporter::collectors
