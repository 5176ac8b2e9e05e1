#include "live/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace host_exporter::live {
namespace {

TEST(JsonWriter, PlacesCommasAndEscapes) {
  JsonWriter json;
  json.begin_object().field("a", 1.5).field("text", "q\"\\\n\x01").key("list").begin_array();
  json.number(1).number(2).begin_object().end_object().end_array().key("yes").boolean(true).end_object();
  EXPECT_EQ(json.text(), R"({"a":1.5,"text":"q\"\\\n\u0001","list":[1,2,{}],"yes":true})");
}

TEST(JsonWriter, WritesNonFiniteNumbersAsNull) {
  JsonWriter json;
  json.begin_array().number(std::nan("")).number(std::numeric_limits<double>::infinity()).number(0.1).end_array();
  EXPECT_EQ(json.text(), "[null,null,0.1]");
}

}  // namespace
}  // namespace host_exporter::live
