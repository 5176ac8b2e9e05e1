#pragma once
// Structured logging to stderr: logfmt (`ts=... level=warn msg="..." path=...`) by
// default, JSON lines with --log.format=json. Safe to call from any thread.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::log {

enum class Level { kDebug, kInfo, kWarn, kError };
enum class Format { kLogfmt, kJson };

std::optional<Level> parse_level(std::string_view text);    // debug, info, warn, error
std::optional<Format> parse_format(std::string_view text);  // logfmt, json

void configure(Level min_level, Format format);

struct Field {
  std::string_view key;
  std::string value;
};

// Renders one line (without writing it); exposed for tests.
std::string render(Level level, std::string_view msg, std::initializer_list<Field> fields, Format format);

void write(Level level, std::string_view msg, std::initializer_list<Field> fields = {});

inline void debug(std::string_view msg, std::initializer_list<Field> f = {}) { write(Level::kDebug, msg, f); }
inline void info(std::string_view msg, std::initializer_list<Field> f = {}) { write(Level::kInfo, msg, f); }
inline void warn(std::string_view msg, std::initializer_list<Field> f = {}) { write(Level::kWarn, msg, f); }
inline void error(std::string_view msg, std::initializer_list<Field> f = {}) { write(Level::kError, msg, f); }

}  // namespace host_exporter::log
