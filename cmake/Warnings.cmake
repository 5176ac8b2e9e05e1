# Warnings for our own targets only (third-party headers come in as SYSTEM includes).
add_library(hx_warnings INTERFACE)
target_compile_options(hx_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  # GCC's -Wnull-dereference runs after inlining and fires inside libstdc++'s std::variant and pybind11's
  # containers at -O2 (false positives we cannot fix in our code); clang's is reliable.
  $<$<CXX_COMPILER_ID:Clang,AppleClang>:-Wnull-dereference>
  # GCC 12 reports false -Wrestrict positives inside std::string concatenation at -O3
  # (GCC bug 105329, fixed in 13).
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>
  $<$<BOOL:${HX_WERROR}>:-Werror>)
