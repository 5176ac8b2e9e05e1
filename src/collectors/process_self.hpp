#pragma once
// process_* metrics for host_exporter itself, named and meant as in the Prometheus
// Go and Python clients' process collectors. Always on: not a built-in collector
// the user can disable.

#include "exposition/sink.hpp"

namespace host_exporter::collectors {

class ProcessSelfCollector final : public exposition::SinkSource {
 public:
  // Leaves out every process_* family when this process cannot be read (and logs why).
  void fill(exposition::Sink& sink) override;
  bool reads_cannot_hang() const override { return true; }  // /proc/self
};

}  // namespace host_exporter::collectors
