# Every third-party library the build uses, found once here.
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)

# cpp-httplib: Homebrew ships a CMake package (header-only); Debian ships a compiled
# library with a pkg-config file whose flags must match the library's build.
find_package(httplib CONFIG QUIET)
if(TARGET httplib::httplib)
  add_library(hx_httplib INTERFACE)
  target_link_libraries(hx_httplib INTERFACE httplib::httplib)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  add_library(hx_httplib INTERFACE)
  target_link_libraries(hx_httplib INTERFACE PkgConfig::HTTPLIB OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB)
endif()

if(HX_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(HX_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# The Python interpreter that sees the system's packages (pybind11, and what the
# integration tests import). On Debian a separate python3 may come first on PATH.
if(NOT DEFINED HX_PYTHON)
  if(DEFINED SKBUILD AND DEFINED Python_EXECUTABLE)
    # pip (scikit-build-core, pyproject.toml) builds the module for the interpreter running it.
    set(HX_PYTHON ${Python_EXECUTABLE} CACHE FILEPATH "Python interpreter for the module and the tests")
  elseif(EXISTS /usr/bin/python3 AND NOT APPLE)
    set(HX_PYTHON /usr/bin/python3 CACHE FILEPATH "Python interpreter for the module and the tests")
  else()
    find_program(HX_PYTHON_FOUND NAMES python3 REQUIRED)
    set(HX_PYTHON ${HX_PYTHON_FOUND} CACHE FILEPATH "Python interpreter for the module and the tests")
  endif()
endif()
set(Python3_EXECUTABLE ${HX_PYTHON})
find_package(Python3 COMPONENTS Interpreter REQUIRED)
