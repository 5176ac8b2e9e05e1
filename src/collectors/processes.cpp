#include "collectors/processes.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "collectors/cpu_utilization.hpp"
#include "collectors/definitions.hpp"
#include "collectors/host_schema.hpp"
#include "collectors/process_families.hpp"
#include "collectors/process_group_flags.hpp"
#include "log/log.hpp"
#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"

namespace host_exporter::collectors {

namespace {

// Descriptor counts are at most this many windows old (10 s at the default 2 s).
constexpr std::uint64_t kFdRecountWindows = 5;

std::optional<std::uint64_t> cpu_total_ticks(const platform::StatReading& stat) {
  if (!stat.ok()) return std::nullopt;
  return total_ticks(stat.total);
}

// The first number of /proc/uptime (seconds, two decimals) in USER_HZ ticks.
std::optional<std::uint64_t> uptime_ticks(std::string_view text, double ticks_per_second) {
  std::string_view rest = text;
  const std::string_view seconds = platform::next_field(rest);
  double value = 0;
  const auto [end, ec] = std::from_chars(seconds.data(), seconds.data() + seconds.size(), value);
  if (ec != std::errc() || end == seconds.data() || value < 0) return std::nullopt;
  return static_cast<std::uint64_t>(value * ticks_per_second);
}

}  // namespace

ProcessGroupOptions process_group_options(const ProcessesOptions& options) {
  ProcessGroupOptions group;
  group.top = options.top;
  if (!options.include.empty()) group.include = compile_process_group_pattern(options.include, "include");
  if (!options.exclude.empty()) group.exclude = compile_process_group_pattern(options.exclude, "exclude");
  group.top_process_pids = options.cmdline;
  return group;
}

ProcessSource::ProcessSource(const platform::Roots& roots, const ProcessesOptions& options)
    : options_(options),
      reader_(roots),
      tracker_(process_group_options(options), platform::clock_ticks_per_second(),
               static_cast<double>(::sysconf(_SC_PAGESIZE))),
      stat_path_(roots.proc("stat")),
      uptime_path_(roots.proc("uptime")) {}

void ProcessSource::take_sample(std::chrono::steady_clock::time_point /*now*/) {
  std::lock_guard sample_lock(sample_mutex_);
  // Descriptors are counted afterwards, for the exported groups' members only.
  platform::ProcessReadOptions read_options;
  read_options.open_fds = false;
  if (!reader_.read(table_, read_options)) {
    log::debug("processes: cannot list processes", {{"err", table_.error}});
    std::lock_guard publish_lock(published_mutex_);
    published_error_ = table_.error;
    return;
  }
  platform::read_stat(stat_path_, stat_buffer_, stat_);
  std::optional<std::uint64_t> uptime;
  if (platform::read_file(uptime_path_, uptime_buffer_)) {
    uptime = uptime_ticks(uptime_buffer_, platform::clock_ticks_per_second());
  }
  ++sample_number_;
  next_fd_counts_.clear();
  fd_cursor_ = 0;
  fd_asked_in_order_ = true;
  tracker_.add_sample(table_, cpu_total_ticks(stat_), uptime, next_,
                      [this](const platform::ProcessReading& process) { return open_fds(process); });
  // Members not asked for this window (gone, or no longer exported) are forgotten.
  fd_counts_.swap(next_fd_counts_);
  if (!fd_asked_in_order_) {
    std::stable_sort(fd_counts_.begin(), fd_counts_.end(),
                     [](const CachedFdCount& a, const CachedFdCount& b) { return a.pid < b.pid; });
  }

  next_info_.clear();
  if (options_.cmdline) {
    // Only the window's top processes: a bounded number of reads and of series.
    std::erase_if(command_lines_, [&](const auto& entry) {
      return std::find(next_.top_pids.begin(), next_.top_pids.end(), entry.first) == next_.top_pids.end();
    });
    for (const int pid : next_.top_pids) {
      const platform::ProcessStat* stat = nullptr;
      for (const auto& process : table_.processes) {
        if (process.stat.pid == pid) stat = &process.stat;
      }
      if (stat == nullptr) continue;
      CachedCommandLine& cached = command_lines_[pid];
      if (cached.labels.empty() || cached.starttime != stat->starttime_ticks || cached.comm != stat->comm) {
        if (!reader_.read_cmdline(pid, command_line_, options_.cmdline_max_bytes)) {
          command_lines_.erase(pid);
          continue;
        }
        cached.starttime = stat->starttime_ticks;
        cached.comm = stat->comm;
        cached.labels = render_labels({{"pid", std::to_string(pid)}, {"name", stat->comm}, {"cmdline", command_line_}});
      }
      next_info_.push_back(cached.labels);
    }
  }

  std::lock_guard publish_lock(published_mutex_);
  std::swap(published_, next_);
  std::swap(published_info_, next_info_);
  published_valid_ = true;
  published_error_.clear();
}

std::optional<std::uint64_t> ProcessSource::open_fds(const platform::ProcessReading& process) {
  const int pid = process.stat.pid;
  const auto by_pid = [](const CachedFdCount& entry, int wanted) { return entry.pid < wanted; };
  if (!next_fd_counts_.empty() && pid <= next_fd_counts_.back().pid) {
    // Out of order (not procfs's listing): search from the start from now on.
    fd_asked_in_order_ = false;
  }
  if (!fd_asked_in_order_) {
    const auto found = std::lower_bound(fd_counts_.begin(), fd_counts_.end(), pid, by_pid);
    fd_cursor_ = static_cast<std::size_t>(found - fd_counts_.begin());
  }
  while (fd_cursor_ < fd_counts_.size() && fd_counts_[fd_cursor_].pid < pid) ++fd_cursor_;
  CachedFdCount cached;
  cached.pid = pid;
  if (fd_cursor_ < fd_counts_.size() && fd_counts_[fd_cursor_].pid == pid) cached = fd_counts_[fd_cursor_];
  if (cached.counted_in == 0 || cached.starttime != process.stat.starttime_ticks ||
      sample_number_ - cached.counted_in >= kFdRecountWindows) {
    cached.count = reader_.count_open_fds(pid);
    cached.starttime = process.stat.starttime_ticks;
    cached.counted_in = sample_number_;
  }
  next_fd_counts_.push_back(cached);
  return cached.count;
}

bool ProcessSource::copy_window(ProcessWindow& out, std::vector<std::string>& info_labels, std::string& error) const {
  std::lock_guard lock(published_mutex_);
  error = published_error_;
  if (!published_valid_) return false;
  out.groups.resize(published_.groups.size());
  for (std::size_t i = 0; i < published_.groups.size(); ++i) out.groups[i] = published_.groups[i];
  std::copy(std::begin(published_.state_counts), std::end(published_.state_counts), std::begin(out.state_counts));
  out.threads = published_.threads;
  info_labels.assign(published_info_.begin(), published_info_.end());
  return true;
}

ProcessesCollector::ProcessesCollector(std::shared_ptr<ProcessSource> source, bool sampled_by_caller)
    : source_(std::move(source)), sampled_by_caller_(sampled_by_caller) {}

void ProcessesCollector::fill(ScrapeContext&, Sink& sink) {
  std::lock_guard lock(mutex_);
  if (!sampled_by_caller_) source_->take_sample(std::chrono::steady_clock::now());
  const bool valid = source_->copy_window(window_, info_, error_);
  if (!error_.empty()) throw std::runtime_error(error_);
  if (!valid) return;  // before the sampler's first window

  append_process_group_families(window_, kLinuxAlwaysExportedStates, sink);
  sink.begin(schema::kProcessInfo.family);
  for (const auto& labels : info_) sink.sample_rendered(labels, 1.0);
}

namespace {
const char kTopFlag[] = "top";
const char kIncludeFlag[] = "include";
const char kExcludeFlag[] = "exclude";
const char kCmdlineFlag[] = "cmdline";
}  // namespace

CollectorDefinition processes_collector_definition() {
  CollectorDefinition definition;
  definition.name = "processes";
  definition.enabled_by_default = true;
  definition.help = "Processes grouped by name as btop names them: CPU, memory, threads, descriptors.";
  definition.flags = process_group_flags();
  definition.flags.push_back(
      {kCmdlineFlag, "false", "Export host_process_info{pid,name,cmdline} for the top N processes by CPU and by memory.",
       false, true});
  definition.create = [](const CollectorContext& context) -> std::unique_ptr<HostCollector> {
    ProcessesOptions options;
    options.top = parse_process_group_top(context.config.get(kTopFlag), options.top);
    options.include = context.config.get(kIncludeFlag);
    options.exclude = context.config.get(kExcludeFlag);
    const std::string& cmdline = context.config.get(kCmdlineFlag);
    if (cmdline == "true" || cmdline == "1") {
      options.cmdline = true;
    } else if (!cmdline.empty() && cmdline != "false" && cmdline != "0") {
      throw std::invalid_argument("--collector.processes.cmdline: expected true or false, got \"" + cmdline + "\"");
    }
    auto source = std::make_shared<ProcessSource>(context.roots, options);
    const bool sampled = context.sampler != nullptr;
    if (sampled) context.sampler->add(source);
    return std::make_unique<ProcessesCollector>(std::move(source), sampled);
  };
  return definition;
}

}  // namespace host_exporter::collectors
