#pragma once
// The live endpoints' JSON text: compact, NaN and infinities as null (JSON has no such numbers), and
// invalid UTF-8 (a label can hold any bytes) replaced by U+FFFD rather than thrown on.

#include <nlohmann/json.hpp>
#include <string>

namespace host_exporter::live {

inline std::string json_text(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace host_exporter::live
