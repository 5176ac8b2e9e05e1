#pragma once
// Serving an application's metrics in-process: GET /metrics on a port of its own,
// with content negotiation (text 0.0.4 or OpenMetrics) and gzip.
//
//   Exposer::start(default_registry(), 9102);   // idempotent per address
//
// Starting is idempotent per address within a process: a second start() for a host
// and port already served returns the running exposer (adding the source to what it
// serves if it is new) instead of failing with "address already in use". That is what
// code re-run in one process needs (a Streamlit script, a re-imported module).

#include <memory>
#include <string>
#include <string_view>

#include "host_exporter/collector.hpp"

namespace host_exporter {

class Exposer {
 public:
  // The exposer serving `host`:`port` in this process, started (bound, then served on
  // its own threads) by the first call for that address. Port 0 binds a free port; a
  // later call with port 0, or with the port it got, returns the same exposer. `source`
  // must outlive the exposer (the default registry lives as long as the process).
  // Throws std::runtime_error naming the address when it cannot be bound.
  static std::shared_ptr<Exposer> start(Collector& source, int port, std::string_view host = "127.0.0.1");

  ~Exposer();
  Exposer(const Exposer&) = delete;
  Exposer& operator=(const Exposer&) = delete;

  // Serves `source` too (once, however often it is added); sources are gathered in order.
  void add_source(Collector& source);

  int port() const;             // the bound port
  const std::string& host() const;

  // Stops serving (in-flight scrapes finish) and forgets the address, so a later
  // start() binds it again. Idempotent.
  void stop();

  struct State;
  explicit Exposer(std::unique_ptr<State> state);

 private:
  std::unique_ptr<State> state_;
};

}  // namespace host_exporter
