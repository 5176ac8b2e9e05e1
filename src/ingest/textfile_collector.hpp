#pragma once
// The textfile directory, node_exporter-compatible: every *.prom file in the
// configured directories is read at scrape time. A file that cannot be read or
// parsed, or that has sample timestamps, is skipped whole. Families are merged
// across files; a family whose TYPE or HELP disagrees with an earlier file is
// left out, and so is a series another file already exported. Any such
// problem sets node_textfile_scrape_error to 1 and logs the file, line and
// reason (never the file's content); the scrape itself always succeeds.
// A scrape reads files until its deadline; the files left are skipped as errors,
// so a slow disk cannot hold a scrape for longer than the timeout plus one read.
// node_textfile_mtime_seconds{file="<directory>/<name>"} reports each file read. A directory is
// listed again only when its stat changed (prom_file_listing.hpp); its files are read every scrape.

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "host_exporter/collector.hpp"
#include "ingest/prom_file_listing.hpp"
#include "ingest/textfile_writer_liveness.hpp"

namespace host_exporter::ingest {

struct TextfileDirectory {
  std::string path;
  // The default per-user directory need not exist: most users never create it.
  // A directory the user named must exist, or the scrape reports an error.
  bool missing_is_error = true;
};

struct TextfileOptions {
  std::size_t max_bytes = 16u << 20;                 // --collector.textfile.max-bytes
  std::chrono::milliseconds timeout{5000};           // --collector.textfile.timeout
  TextfileAgeLimits age_limits;                      // --collector.textfile.writer-grace and .max-age
};

class TextfileCollector final : public Collector {
 public:
  explicit TextfileCollector(std::vector<TextfileDirectory> directories, TextfileOptions options = {});

  void collect(std::vector<MetricFamily>& out) override;

 private:
  std::vector<TextfileDirectory> directories_;
  TextfileOptions options_;
  TextfileLiveness liveness_;  // drops files whose writer is gone, or too old
  std::deque<PromFileListing> listings_;  // one a directory, in the same order
};

}  // namespace host_exporter::ingest
