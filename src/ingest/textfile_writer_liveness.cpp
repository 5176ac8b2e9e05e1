#include "ingest/textfile_writer_liveness.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "ingest/textfile_writer_mark.hpp"
#include "log/log.hpp"

namespace host_exporter::ingest {

namespace {

std::string first_line_of(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

std::optional<std::chrono::system_clock::time_point> modified_at(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
#ifdef __APPLE__
  const auto& when = status.st_mtimespec;
#else
  const auto& when = status.st_mtim;
#endif
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::seconds(when.tv_sec) +
                                                                      std::chrono::nanoseconds(when.tv_nsec)));
}

}  // namespace

TextfileLiveness::TextfileLiveness(TextfileAgeLimits limits, Clock clock)
    : limits_(std::move(limits)), clock_(clock ? std::move(clock) : Clock([] { return std::chrono::system_clock::now(); })) {
  std::error_code error;
  const auto own = std::filesystem::read_symlink(limits_.procfs + "/self/ns/pid", error);
  if (!error) own_pid_namespace_ = own.string();
}

bool TextfileLiveness::writer_gone(const std::string& first_line) const {
  const auto mark = parse_writer_mark(first_line);
  if (!mark) return false;  // written once: no writer to outlive
  if (!mark->pid_namespace.empty() && !own_pid_namespace_.empty() && mark->pid_namespace != own_pid_namespace_) {
    return false;  // its pid means another process here
  }
  const auto running = process_mark(limits_.procfs, mark->pid);
  if (!running) return true;
  return !mark->start.empty() && !running->start.empty() && running->start != mark->start;
}

TextfileLiveness::Drop TextfileLiveness::judge(const std::string& path) const {
  const auto modified = modified_at(path);
  if (!modified) return Drop::kNone;  // the reader reports what is wrong with it
  const auto age = clock_() - *modified;
  if (limits_.max_age && age > *limits_.max_age) return Drop::kMaxAge;
  if (age > limits_.writer_grace && writer_gone(first_line_of(path))) return Drop::kWriterGone;
  return Drop::kNone;
}

bool TextfileLiveness::newly_dropped(const std::string& path, bool dropped) {
  std::lock_guard lock(mutex_);
  if (!dropped) {
    dropped_.erase(path);
    return false;
  }
  return dropped_.insert(path).second;
}

bool TextfileLiveness::Scrape::keep(const std::string& path) {
  ++checked_;
  const Drop drop = liveness_.judge(path);
  const bool first_drop = liveness_.newly_dropped(path, drop != Drop::kNone);
  if (drop == Drop::kNone) return true;
  const char* reason = drop == Drop::kWriterGone ? "writer_gone" : "max_age";
  ++(drop == Drop::kWriterGone ? writer_gone_ : max_age_);
  // Once per file, not at every scrape: a stopped application is no error.
  if (first_drop) log::info("textfile left out", {{"file", path}, {"reason", reason}});
  return false;
}

void TextfileLiveness::Scrape::append_metrics(std::vector<MetricFamily>& out) const {
  if (checked_ == 0) return;
  MetricFamily dropped{"host_textfile_dropped_files",
                       "Textfiles left out by the last scrape: their writer is gone (writer_gone) or they are older "
                       "than --collector.textfile.max-age (max_age).",
                       MetricType::kGauge, {}};
  dropped.series.push_back({render_labels({{"reason", "max_age"}}), static_cast<double>(max_age_), {}});
  dropped.series.push_back({render_labels({{"reason", "writer_gone"}}), static_cast<double>(writer_gone_), {}});
  out.push_back(std::move(dropped));
}

}  // namespace host_exporter::ingest
