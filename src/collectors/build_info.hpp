#pragma once
// host_exporter_build_info{version,revision,compiler} 1: which build is running.

#include "exposition/sink.hpp"

namespace host_exporter::collectors {

class BuildInfoCollector final : public exposition::SinkSource {
 public:
  void fill(exposition::Sink& sink) override;
  bool reads_cannot_hang() const override { return true; }  // constants
};

}  // namespace host_exporter::collectors
