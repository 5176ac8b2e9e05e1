#pragma once
// Reading the valid exposition fixtures (tests/fixtures/exposition/valid/) and
// parsing input that must be accepted, for the parser tests.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "exposition/text_parser.hpp"
#include "support/fixtures.hpp"

namespace host_exporter::exposition::testing {

inline std::string read_fixture(const std::string& name) {
  std::string text = test::read_text_file(test::fixture_path("exposition/valid/" + name));
  EXPECT_FALSE(text.empty()) << name;
  return text;
}

// The parsed families; a failure (with the reason and the input's start) when rejected.
inline std::vector<MetricFamily> parse_ok(std::string_view input) {
  auto result = parse_text(input);
  if (const auto* error = std::get_if<ParseError>(&result)) {
    ADD_FAILURE() << "rejected: " << error->message() << "\n" << input.substr(0, 2000);
    return {};
  }
  return std::get<std::vector<MetricFamily>>(std::move(result));
}

}  // namespace host_exporter::exposition::testing
