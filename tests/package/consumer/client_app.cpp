// Serves the default registry on a free loopback port and writes it to a textfile
// (argv[1]); prints "port <n>" and serves until its standard input closes.
#include <iostream>
#include <string>

#include "host_exporter/exposer.hpp"
#include "host_exporter/registry.hpp"
#include "host_exporter/textfile_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: client_app <textfile path>\n";
    return 2;
  }
  auto& registry = host_exporter::default_registry();
  registry.counter("consumer_requests_total", "Requests handled.", {"code"}).labels({"200"}).inc(5);
  registry.gauge("consumer_temperature_celsius", "Temperature.").get().set(21.5);
  host_exporter::write_textfile(argv[1], registry);

  const auto exposer = host_exporter::Exposer::start(registry, 0);
  std::cout << "port " << exposer->port() << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  exposer->stop();
  return 0;
}
