// snapshot --processes on Linux: every /proc/[pid]/stat with its owner (status), the
// machine's ticks from <procfs>/stat (btop's total, the unit of utime and stime) and
// user names from <rootfs>/etc/passwd.
#include "platform/process_list_reader.hpp"

#include <unistd.h>

#include "platform/linux/field_scanner.hpp"
#include "platform/linux/proc_file.hpp"
#include "platform/linux/process_table_reader.hpp"
#include "platform/linux/stat_reader.hpp"

namespace host_exporter::platform {

struct ProcessListReader::State {
  explicit State(const Roots& r) : roots(r), reader(r) {}
  Roots roots;
  ProcessTableReader reader;
  std::string buffer;
  StatReading stat;
};

ProcessListReader::ProcessListReader(const Roots& roots) : state_(std::make_unique<State>(roots)) {}

ProcessListReader::~ProcessListReader() = default;

bool ProcessListReader::read(ProcessListSample& out) {
  read_stat(state_->roots.proc("stat"), state_->buffer, state_->stat);
  out.cpu_total = 0;
  if (state_->stat.ok()) {
    const auto& t = state_->stat.total;
    out.cpu_total = static_cast<double>(t.total());
  }
  ProcessReadOptions options;
  options.open_fds = false;
  options.owner = true;
  return state_->reader.read(out.table, options);
}

double ProcessListReader::resident_unit_bytes() const { return static_cast<double>(::sysconf(_SC_PAGESIZE)); }

std::vector<std::pair<std::uint32_t, std::string>> ProcessListReader::user_names(const ProcessTable&) const {
  std::vector<std::pair<std::uint32_t, std::string>> users;
  const std::string text = read_file_or_empty(state_->roots.root("etc/passwd"));
  std::string_view rest(text);
  std::string_view line;
  while (next_line(rest, line)) {
    const auto first = line.find(':');
    if (first == std::string_view::npos) continue;
    const auto second = line.find(':', first + 1);
    const auto third = second == std::string_view::npos ? second : line.find(':', second + 1);
    if (third == std::string_view::npos) continue;
    std::uint64_t uid = 0;
    if (!parse_u64(line.substr(second + 1, third - second - 1), uid)) continue;
    users.emplace_back(static_cast<std::uint32_t>(uid), std::string(line.substr(0, first)));
  }
  return users;
}

}  // namespace host_exporter::platform
