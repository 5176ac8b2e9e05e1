#pragma once
// How pieces of input appear in the text parser's error messages: quoted and
// cut short, numbers and series written the way the text format writes them.

#include <string>
#include <string_view>

namespace host_exporter::exposition {

// `text` in double quotes; control and non-ASCII bytes as \xNN, and cut short
// (with "...") so a 10 MB token does not become a 10 MB message.
std::string quote(std::string_view text);

// A sample value or bound: shortest round-trip text, NaN, +Inf or -Inf.
std::string format_number(double value);

// `name{labels}` (or `name` alone), the labels cut short if they are huge.
std::string describe_series(std::string_view name, std::string_view labels);

}  // namespace host_exporter::exposition
