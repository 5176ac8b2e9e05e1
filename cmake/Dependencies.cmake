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

# HX_STATIC (Linux; on unless sanitizing): the host_exporter program links every library statically, as
# node_exporter's Go binary does. A static program maps only the code it runs; with shared libraries
# every page of libc, libstdc++ and libcrypto it touches is resident (bench/README.md, "Third round (session 3): memory").
# Libraries, tests and the Python module keep the shared system libraries (Debian's static yaml-cpp
# is not position-independent, so a Python module cannot link it).
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND NOT HX_SANITIZE)
  set(_hx_static_default ON)
else()
  set(_hx_static_default OFF)
endif()
option(HX_STATIC "Link the host_exporter program statically (Linux)" ${_hx_static_default})
if(HX_STATIC)
  add_compile_options(-ffunction-sections -fdata-sections)  # lets the static link drop unused code
endif()

# hx_system_library(NAME SHARED ARCHIVE [DEPENDS OTHER]): an interface target that links SHARED (a target
# or library name), or the static ARCHIVE (e.g. libz.a) in a program whose HX_STATIC_LINK property is on.
# OTHER is another hx_system_library the archive needs, so that the linker sees it after this one.
function(hx_system_library name shared archive)
  cmake_parse_arguments(PARSE_ARGV 3 ARG "" "DEPENDS" "")
  add_library(${name} INTERFACE)
  if(HX_STATIC)
    find_library(${name}_ARCHIVE NAMES ${archive} REQUIRED)
    add_library(${name}_static STATIC IMPORTED)
    set_target_properties(${name}_static PROPERTIES IMPORTED_LOCATION ${${name}_ARCHIVE})
    if(ARG_DEPENDS)
      set_target_properties(${name}_static PROPERTIES INTERFACE_LINK_LIBRARIES ${ARG_DEPENDS}_static)
    endif()
    target_link_libraries(${name} INTERFACE "$<IF:$<BOOL:$<TARGET_PROPERTY:HX_STATIC_LINK>>,${name}_static,${shared}>")
  else()
    target_link_libraries(${name} INTERFACE ${shared})
  endif()
endfunction()

hx_system_library(hx_zlib ZLIB::ZLIB libz.a)
hx_system_library(hx_libcrypto OpenSSL::Crypto libcrypto.a)
hx_system_library(hx_libssl OpenSSL::SSL libssl.a DEPENDS hx_libcrypto)
hx_system_library(hx_yaml yaml-cpp libyaml-cpp.a)

# libevent 2.1 (evhttp): the HTTP server and client, TLS through libevent_openssl. Each event
# base is used by one thread only (workers wake the loop through a pipe), so libevent_pthreads is
# not needed. Debian and Homebrew both ship 2.1.12 with pkg-config files; Debian also ships the
# static archives.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBEVENT REQUIRED IMPORTED_TARGET libevent_core>=2.1.12 libevent_extra libevent_openssl)
hx_system_library(hx_event_core PkgConfig::LIBEVENT libevent_core.a)
hx_system_library(hx_event_extra PkgConfig::LIBEVENT libevent_extra.a DEPENDS hx_event_core)
hx_system_library(hx_event_openssl PkgConfig::LIBEVENT libevent_openssl.a DEPENDS hx_event_core)
add_library(hx_libevent INTERFACE)
target_include_directories(hx_libevent SYSTEM INTERFACE ${LIBEVENT_INCLUDE_DIRS})
target_link_libraries(hx_libevent INTERFACE hx_event_openssl hx_event_extra hx_event_core hx_libssl
  Threads::Threads)

# Agent mode (src/remote_write): snappy and protobuf-lite, as Debian (libsnappy-dev, libprotobuf-dev,
# protobuf-compiler) and Homebrew (snappy, protobuf) ship them; Debian ships both static archives.
# Snappy's CMake package names its targets Snappy::snappy on both.
find_package(Snappy CONFIG REQUIRED)
hx_system_library(hx_snappy Snappy::snappy libsnappy.a)
# FindProtobuf (CMake's module) defines protobuf::protoc and protobuf::libprotobuf-lite; Homebrew's
# protobuf also has a CONFIG package with the same names (and its abseil dependencies).
find_package(Protobuf REQUIRED)
hx_system_library(hx_protobuf_lite protobuf::libprotobuf-lite libprotobuf-lite.a)

# bcrypt for basic_auth_users (--web.config.file): libxcrypt's crypt_r. On Linux that is the
# system's libcrypt; macOS's own crypt(3) knows only DES, so there it is Homebrew's libxcrypt,
# which is keg-only (not on the default paths): ask brew where it is.
if(APPLE)
  add_library(hx_crypt INTERFACE)
  execute_process(COMMAND brew --prefix libxcrypt OUTPUT_VARIABLE HX_LIBXCRYPT_PREFIX
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  set(_hx_xcrypt_hints ${HX_LIBXCRYPT_PREFIX} /opt/homebrew/opt/libxcrypt /usr/local/opt/libxcrypt)
  find_path(HX_CRYPT_INCLUDE_DIR crypt.h HINTS ${_hx_xcrypt_hints} PATH_SUFFIXES include REQUIRED)
  find_library(HX_CRYPT_LIBRARY crypt HINTS ${_hx_xcrypt_hints} PATH_SUFFIXES lib REQUIRED)
  target_include_directories(hx_crypt SYSTEM INTERFACE ${HX_CRYPT_INCLUDE_DIR})
  target_link_libraries(hx_crypt INTERFACE ${HX_CRYPT_LIBRARY})
else()
  hx_system_library(hx_crypt crypt libcrypt.a)
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
