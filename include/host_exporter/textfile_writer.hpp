#pragma once
// Exporting an application's metrics to a textfile directory, for host_exporter's (or
// node_exporter's) textfile collector to serve: the batch-job way, with no port to open.
//
// The file is replaced atomically: the text goes to a temporary file in the same
// directory ("<name>.prom.tmp-XXXXXX", which the collector ignores), is fsync'ed and
// renamed over the target, so a scrape reads the old file or the new one, never half
// of either. The file is made 0644: the exporter may run as another user.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "host_exporter/app_identity.hpp"
#include "host_exporter/collector.hpp"

namespace host_exporter {

// Writes `source`'s families (text format 0.0.4) to `path`. The name must end in
// ".prom" (the collector reads nothing else), else std::invalid_argument. With
// `create_directory`, missing parent directories are created. Throws std::system_error
// naming the step that failed; no temporary file is left behind.
void write_textfile(const std::string& path, Collector& source, bool create_directory = false);

struct TextfileOptions {
  bool create_directory = false;
  // Added to every series that has no label of that name: the writer's identity
  // (identity_labels), so that two applications' files never hold the same series.
  std::vector<std::pair<std::string, std::string>> labels;
  // The first line names this process (a comment parsers skip), so that the exporter
  // leaves the file out once the process is gone: for files a running application
  // keeps fresh, not for a batch job's last results.
  bool mark_writer = false;
};

void write_textfile(const std::string& path, Collector& source, const TextfileOptions& options);

// The default textfile directory of this user (the one host_exporter reads by default:
// "textfile" under its state directory); empty when there is none (no HOME).
std::string default_textfile_directory();

// <default textfile directory>/<job>.prom. `job` must be a non-empty file name made of
// letters, digits, '_', '-' and '.', else std::invalid_argument; std::runtime_error when
// there is no default directory.
std::string default_textfile_path(std::string_view job);

// <default textfile directory>/<identity_file_stem(identity)>.prom.
std::string default_textfile_path(const AppIdentity& identity);

}  // namespace host_exporter
