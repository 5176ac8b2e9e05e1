# Every third-party library the build uses, found once here.
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
# Homebrew's openssl@3 is keg-only: point FindOpenSSL at it unless told otherwise.
if(APPLE AND NOT DEFINED OPENSSL_ROOT_DIR AND NOT DEFINED ENV{OPENSSL_ROOT_DIR})
  execute_process(COMMAND brew --prefix openssl@3 OUTPUT_VARIABLE _hx_openssl_prefix
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(_hx_openssl_prefix AND EXISTS ${_hx_openssl_prefix})
    set(OPENSSL_ROOT_DIR ${_hx_openssl_prefix})
  endif()
endif()
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

# bcrypt for basic_auth_users (--web.config.file): libxcrypt's crypt_r. On Linux that is the
# system's libcrypt; macOS's own crypt(3) knows only DES, so there it is Homebrew's libxcrypt,
# which is keg-only (not on the default paths): ask brew where it is.
add_library(hx_crypt INTERFACE)
if(APPLE)
  execute_process(COMMAND brew --prefix libxcrypt OUTPUT_VARIABLE HX_LIBXCRYPT_PREFIX
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  set(_hx_xcrypt_hints ${HX_LIBXCRYPT_PREFIX} /opt/homebrew/opt/libxcrypt /usr/local/opt/libxcrypt)
  find_path(HX_CRYPT_INCLUDE_DIR crypt.h HINTS ${_hx_xcrypt_hints} PATH_SUFFIXES include REQUIRED)
  find_library(HX_CRYPT_LIBRARY crypt HINTS ${_hx_xcrypt_hints} PATH_SUFFIXES lib REQUIRED)
  target_include_directories(hx_crypt SYSTEM INTERFACE ${HX_CRYPT_INCLUDE_DIR})
  target_link_libraries(hx_crypt INTERFACE ${HX_CRYPT_LIBRARY})
else()
  target_link_libraries(hx_crypt INTERFACE crypt)
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
