#pragma once
// One factory per built-in collector; builtin.cpp lists them all.

#include "collectors/builtin.hpp"

namespace host_exporter::collectors {

}  // namespace host_exporter::collectors
