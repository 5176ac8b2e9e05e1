#pragma once
// Which textfiles still speak for a running application. Checked for each *.prom
// file before it is read:
//
//  - a file whose first line names its writer (start_auto_export, see
//    textfile_writer_mark.hpp) is dropped once that process is gone (its pid
//    missing, or reused by a process started at another time) and the file has
//    not changed for `writer_grace`: long enough for a last scrape after the
//    writer's final export at exit;
//  - a file without that line (a one-shot export()) stays, as node_exporter keeps
//    it, unless `max_age` is set and the file is older than that.
//
// A writer in another pid namespace (the exporter in a container) cannot be
// looked up: its file is kept. host_textfile_dropped_files{reason} counts the
// files left out by the last scrape (present once there are textfiles); each
// file's drop is logged once.

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "host_exporter/metric_family.hpp"

namespace host_exporter::ingest {

struct TextfileAgeLimits {
  std::chrono::seconds writer_grace{60};        // --collector.textfile.writer-grace
  std::optional<std::chrono::seconds> max_age;  // --collector.textfile.max-age; nullopt: off
  std::string procfs = "/proc";                 // where the writers' pids are looked up
};

class TextfileLiveness {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  explicit TextfileLiveness(TextfileAgeLimits limits = {}, Clock clock = {});

  // The checks of one scrape, which counts what it drops (scrapes may overlap).
  class Scrape {
   public:
    explicit Scrape(TextfileLiveness& liveness) : liveness_(liveness) {}
    // Whether the file at `path` is read in this scrape.
    bool keep(const std::string& path);
    // host_textfile_dropped_files{reason="writer_gone"|"max_age"}, when there was any file to check (a scrape
    // without textfiles looks as before).
    void append_metrics(std::vector<MetricFamily>& out) const;

   private:
    TextfileLiveness& liveness_;
    int checked_ = 0;
    int writer_gone_ = 0;
    int max_age_ = 0;
  };

  Scrape scrape() { return Scrape(*this); }

 private:
  enum class Drop { kNone, kWriterGone, kMaxAge };
  Drop judge(const std::string& path) const;
  bool writer_gone(const std::string& first_line) const;
  // Whether this is the first scrape to drop `path` since it was last kept (to log it once).
  bool newly_dropped(const std::string& path, bool dropped);

  TextfileAgeLimits limits_;
  Clock clock_;
  std::string own_pid_namespace_;
  std::mutex mutex_;
  std::set<std::string> dropped_;  // guarded by mutex_
};

}  // namespace host_exporter::ingest
