// The "textfile" built-in collector: node_exporter's textfile directory
// (--collector.textfile.directory, repeatable). The work is in
// ingest::TextfileCollector; this file only turns flags into it.

#include "collectors/definitions.hpp"
#include "ingest/default_paths.hpp"
#include "ingest/textfile_collector.hpp"

namespace host_exporter::collectors {

namespace {
constexpr const char* kDirectoryFlag = "directory";
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
  };
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<Collector> {
    const std::string default_directory = ingest::default_textfile_directory();
    std::vector<ingest::TextfileDirectory> directories;
    for (const auto& path : context.config.get_all(kDirectoryFlag)) {
      directories.push_back({path, path != default_directory});
    }
    return std::make_unique<ingest::TextfileCollector>(std::move(directories));
  };
  return definition;
}

}  // namespace host_exporter::collectors
