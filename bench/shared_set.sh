# Sourced by the bench scripts that run host_exporter like for like with node_exporter
# (compare_node_exporter.sh --shared, read_floor.sh, instructions_per_scrape.sh).

# The collectors host_exporter implements under node_exporter's names.
shared_collectors="cpu diskstats filesystem hwmon loadavg meminfo netdev os pressure stat textfile time uname vmstat"

# --collector.disable-defaults and one --collector.NAME per shared collector, appended to the array named $1.
add_shared_collector_flags() {
  local -n flags=$1
  flags+=(--collector.disable-defaults)
  for c in $shared_collectors; do flags+=("--collector.$c"); done
}

# A loopback TCP port nothing listens on now.
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The seconds a route stays off the event loop after one run over its budget (InlineBudget::kDemotion).
inline_demotion_seconds() {
  sed -n 's/.*kDemotion{\([0-9]*\)}.*/\1/p' "$(dirname "${BASH_SOURCE[0]}")/../src/server/inline_budget.hpp"
}
