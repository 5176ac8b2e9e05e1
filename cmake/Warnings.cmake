# Warnings for our own targets only (third-party headers come in as SYSTEM includes).
add_library(hx_warnings INTERFACE)
target_compile_options(hx_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
  $<$<BOOL:${HX_WERROR}>:-Werror>)
