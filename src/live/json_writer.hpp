#pragma once
// A small streaming JSON writer for the live page's endpoints: commas are placed for the caller,
// strings escaped (RFC 8259), numbers in their shortest round-trip form, NaN and infinities as null
// (JSON has no such numbers).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace host_exporter::live {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& number(double value);
  JsonWriter& string(std::string_view text);
  JsonWriter& boolean(bool value);
  JsonWriter& null();

  // key + value in one call.
  JsonWriter& field(std::string_view name, double value) { return key(name).number(value); }
  JsonWriter& field(std::string_view name, std::string_view text) { return key(name).string(text); }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace host_exporter::live
