// The "textfile" built-in collector: node_exporter's textfile directory
// (--collector.textfile.directory, repeatable), plus when to leave a file out
// (--collector.textfile.writer-grace, --collector.textfile.max-age). The work is in
// ingest::TextfileCollector; this file only turns flags into it.

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "collectors/definitions.hpp"
#include "collectors/local_filesystem.hpp"
#include "ingest/default_paths.hpp"
#include "ingest/textfile_collector.hpp"
#include "platform/filesystem_type.hpp"
#include "text/duration.hpp"

namespace host_exporter::collectors {

namespace {

constexpr const char* kDirectoryFlag = "directory";
constexpr const char* kWriterGraceFlag = "writer-grace";
constexpr const char* kMaxAgeFlag = "max-age";

// A duration flag in whole seconds; "0" (and "", for max-age) means off.
std::chrono::seconds seconds_flag(const CollectorContext& context, const char* flag) {
  const std::string& text = context.config.get(flag);
  const auto duration = text::parse_duration(text.empty() ? "0s" : text);
  if (!duration || duration->count() < 0) {
    throw std::invalid_argument(std::string("--collector.textfile.") + flag + ": not a duration: \"" + text + "\"");
  }
  return std::chrono::duration_cast<std::chrono::seconds>(*duration);
}

ingest::TextfileAgeLimits age_limits(const CollectorContext& context) {
  ingest::TextfileAgeLimits limits;
  limits.writer_grace = seconds_flag(context, kWriterGraceFlag);
  if (const auto max_age = seconds_flag(context, kMaxAgeFlag); max_age.count() > 0) limits.max_age = max_age;
  limits.procfs = context.roots.procfs;
  return limits;
}

constexpr const char* kMaxBytesFlag = "max-bytes";
constexpr const char* kTimeoutFlag = "timeout";

std::size_t max_bytes_flag(const std::string& text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0) {
    throw std::invalid_argument("--collector.textfile.max-bytes: not a positive number of bytes: \"" + text + "\"");
  }
  return value;
}

std::chrono::milliseconds timeout_flag(const std::string& text) {
  const auto timeout = text::parse_duration(text);
  if (!timeout || timeout->count() <= 0) {
    throw std::invalid_argument("--collector.textfile.timeout: not a positive duration: \"" + text + "\"");
  }
  return std::chrono::ceil<std::chrono::milliseconds>(*timeout);
}

}  // namespace

CollectorDefinition textfile_collector_definition() {
  CollectorDefinition definition;
  definition.name = "textfile";
  definition.enabled_by_default = true;
  definition.ingested = true;
  definition.help = "Metrics read from *.prom files in the textfile directories (node_exporter-compatible).";
  definition.flags = {
      {kDirectoryFlag, ingest::default_textfile_directory(),
       "Directory to read *.prom files with metrics from; a missing default directory is not an error", true},
      {kWriterGraceFlag, "1m",
       "How long a file written by a running application (start_auto_export) is still read after that "
       "process is gone and the file stopped changing (Go duration)",
       false},
      {kMaxAgeFlag, "0s", "Leave out any file not modified for this long (Go duration); 0s: keep every file", false},
      {kMaxBytesFlag, "16777216", "Largest *.prom file read, in bytes; a larger one is skipped as an error"},
      {kTimeoutFlag, "5s", "Time one scrape may spend reading textfiles; files left after it are skipped as errors", false},
  };
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    const std::string default_directory = ingest::default_textfile_directory();
    std::vector<ingest::TextfileDirectory> directories;
    for (const auto& path : context.config.get_all(kDirectoryFlag)) {
      directories.push_back({path, path != default_directory});
    }
    ingest::TextfileOptions options;  // a flag left empty keeps the default
    if (const auto& text = context.config.get(kMaxBytesFlag); !text.empty()) options.max_bytes = max_bytes_flag(text);
    if (const auto& text = context.config.get(kTimeoutFlag); !text.empty()) options.timeout = timeout_flag(text);
    options.age_limits = age_limits(context);
    // Ingested: its families are the files' own, taken whole on the scrape's deadline call,
    // inline while every directory is on a local filesystem.
    std::vector<std::string> paths;
    for (const auto& directory : directories) paths.push_back(directory.path);
    return std::make_unique<AdaptedCollector>(
        std::make_shared<ingest::TextfileCollector>(std::move(directories), std::move(options)),
        [paths = std::move(paths)] {
          return std::all_of(paths.begin(), paths.end(), [](const std::string& path) {
            return is_local_filesystem(platform::filesystem_type_of(path));
          });
        });
  };
  return definition;
}

}  // namespace host_exporter::collectors
