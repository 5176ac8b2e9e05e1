#pragma once
// /proc/[pid]/stat: the fields btop reads for its process list. The command name
// (comm) may hold spaces and parentheses, so it runs from the first '(' to the
// LAST ')' of the line; every numbered field is counted from there.

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/process_table.hpp"

namespace host_exporter::platform {

// Parses the text of /proc/[pid]/stat into `out` (reusing its comm storage).
// False when the text is cut short or a field we need is not a number.
bool parse_process_stat(std::string_view text, ProcessStat& out);

}  // namespace host_exporter::platform
