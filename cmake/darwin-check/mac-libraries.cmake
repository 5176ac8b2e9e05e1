# The third-party libraries darwin-check links for the Mac, as the target hx_mac_libraries:
#  - libevent and yaml-cpp at Homebrew's versions, cross-built from their tags (the whole tag is
#    staged by scripts/darwin-check-headers.sh as HX_SOURCE_<formula>) with this toolchain, static;
#    their installed headers (libevent's macOS event-config.h included) are what the sources compile
#    against. yaml-cpp cannot be stubbed from the build machine's copy: its C++ names are mangled for
#    libstdc++ (std::__cxx11), the Mac's for libc++ (std::__1).
#  - snappy at Homebrew's version and libprotobuf-lite at the build machine's protoc's version
#    (homebrew-versions.txt says why), cross-built the same way: C++ libraries, so no stub either.
#  - OpenSSL and libxcrypt as .tbd stubs of the build machine's libraries (HX_STUBS, written by
#    scripts/darwin-check-stubs.sh); libevent too when its tag cannot be had.
#  - zlib, IOKit and CoreFoundation from the SDK.
# Sets HX_MAC_INCLUDE (the include root of the built libraries) and HX_PROTOBUF_INCLUDE.
include(ExternalProject)
set(HX_MAC_PREFIX ${CMAKE_BINARY_DIR}/mac-libraries)
set(HX_MAC_INCLUDE ${HX_MAC_PREFIX}/include)
file(MAKE_DIRECTORY ${HX_MAC_INCLUDE})
set(_hx_project_args
  -DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE} -DHX_MACOS_SDK_ROOT=${HX_MACOS_SDK_ROOT}
  -DHX_DARWIN_ARCH=${HX_DARWIN_ARCH} -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=${HX_MAC_PREFIX}
  -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_C_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
  -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER})
# Their own warnings are not ours to read: each step's output goes to a log, shown when it fails.
set(_hx_quiet LOG_CONFIGURE TRUE LOG_BUILD TRUE LOG_INSTALL TRUE LOG_OUTPUT_ON_FAILURE TRUE)
add_library(hx_mac_libraries INTERFACE)
# Links an earlier run staged (the build machine's headers) would come first on the include path.
file(REMOVE ${HX_STAGE}/event2 ${HX_STAGE}/yaml-cpp)

function(hx_stub library)
  set(_stub ${HX_STUBS}/${library}.tbd)
  if(NOT EXISTS ${_stub})
    message(FATAL_ERROR "darwin-check: ${_stub} is missing (scripts/darwin-check-stubs.sh writes it)")
  endif()
  target_link_libraries(hx_mac_libraries INTERFACE ${_stub})
endfunction()

if(DEFINED HX_SOURCE_libevent)
  set(_hx_event_libraries ${HX_MAC_PREFIX}/lib/libevent_openssl.a ${HX_MAC_PREFIX}/lib/libevent_extra.a
    ${HX_MAC_PREFIX}/lib/libevent_core.a)
  # Homebrew's configuration (autotools defaults): OpenSSL and threads on; no tests or samples.
  ExternalProject_Add(hx_mac_libevent
    SOURCE_DIR ${HX_SOURCE_libevent}
    CMAKE_ARGS ${_hx_project_args} -DEVENT__LIBRARY_TYPE=STATIC -DEVENT__DISABLE_TESTS=ON
      -DEVENT__DISABLE_REGRESS=ON -DEVENT__DISABLE_SAMPLES=ON -DEVENT__DISABLE_BENCHMARK=ON
      -DOPENSSL_INCLUDE_DIR=${HX_STAGE} -DOPENSSL_SSL_LIBRARY=${HX_STUBS}/libssl.tbd
      -DOPENSSL_CRYPTO_LIBRARY=${HX_STUBS}/libcrypto.tbd
    BUILD_BYPRODUCTS ${_hx_event_libraries} ${_hx_quiet})
  add_dependencies(hx_mac_libraries hx_mac_libevent)
  target_link_libraries(hx_mac_libraries INTERFACE ${_hx_event_libraries})
else()
  # The tag could not be had (darwin-check-headers.sh said so): Debian's headers, with its
  # event-config.h (an LP64 configuration, as arm64 macOS is), and stubs of its libraries.
  hx_stage_link(/usr/include/event2 event2)
  foreach(_library libevent_openssl libevent_extra libevent_core)
    hx_stub(${_library})
  endforeach()
endif()

# A formula built for the Mac whose tag darwin-check-headers.sh could not stage stops the check.
function(hx_require_source formula)
  if(NOT DEFINED HX_SOURCE_${formula})
    message(FATAL_ERROR "darwin-check: ${formula}'s tag is not available (see darwin-check-headers.sh's line for "
      "it): it is built for the Mac from that tag; set HX_GIT_MIRRORS to a mirror holding it, or allow GitHub")
  endif()
endfunction()

hx_require_source(yaml_cpp)
ExternalProject_Add(hx_mac_yaml_cpp
  SOURCE_DIR ${HX_SOURCE_yaml_cpp}
  CMAKE_ARGS ${_hx_project_args} -DYAML_BUILD_SHARED_LIBS=OFF -DYAML_CPP_BUILD_TESTS=OFF
    -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_FORMAT_SOURCE=OFF -DYAML_CPP_INSTALL=ON
  BUILD_BYPRODUCTS ${HX_MAC_PREFIX}/lib/libyaml-cpp.a ${_hx_quiet})
add_dependencies(hx_mac_libraries hx_mac_yaml_cpp)
target_link_libraries(hx_mac_libraries INTERFACE ${HX_MAC_PREFIX}/lib/libyaml-cpp.a)

hx_require_source(snappy)
ExternalProject_Add(hx_mac_snappy
  SOURCE_DIR ${HX_SOURCE_snappy}
  CMAKE_ARGS ${_hx_project_args} -DBUILD_SHARED_LIBS=OFF -DSNAPPY_BUILD_TESTS=OFF
    -DSNAPPY_BUILD_BENCHMARKS=OFF -DSNAPPY_INSTALL=ON
  BUILD_BYPRODUCTS ${HX_MAC_PREFIX}/lib/libsnappy.a ${_hx_quiet})
add_dependencies(hx_mac_libraries hx_mac_snappy)
target_link_libraries(hx_mac_libraries INTERFACE ${HX_MAC_PREFIX}/lib/libsnappy.a)

# protobuf: only libprotobuf-lite is built (the messages are LITE_RUNTIME), so nothing is installed:
# the headers are the tag's own (src/), which is what protoc's generated code includes.
hx_require_source(protobuf)
set(HX_PROTOBUF_INCLUDE ${HX_SOURCE_protobuf}/src)
set(_hx_protobuf_build ${CMAKE_BINARY_DIR}/hx_mac_protobuf-build)
ExternalProject_Add(hx_mac_protobuf
  SOURCE_DIR ${HX_SOURCE_protobuf}
  BINARY_DIR ${_hx_protobuf_build}
  CMAKE_ARGS ${_hx_project_args} -Dprotobuf_BUILD_SHARED_LIBS=OFF -Dprotobuf_BUILD_TESTS=OFF
    -Dprotobuf_BUILD_PROTOC_BINARIES=OFF -Dprotobuf_BUILD_LIBPROTOC=OFF -Dprotobuf_BUILD_CONFORMANCE=OFF
    -Dprotobuf_BUILD_EXAMPLES=OFF -Dprotobuf_WITH_ZLIB=OFF -Dprotobuf_INSTALL=OFF
  BUILD_COMMAND ${CMAKE_COMMAND} --build ${_hx_protobuf_build} --target libprotobuf-lite
  INSTALL_COMMAND ""
  BUILD_BYPRODUCTS ${_hx_protobuf_build}/libprotobuf-lite.a ${_hx_quiet})
add_dependencies(hx_mac_libraries hx_mac_protobuf)
target_link_libraries(hx_mac_libraries INTERFACE ${_hx_protobuf_build}/libprotobuf-lite.a)

foreach(_library libssl libcrypto libcrypt)
  hx_stub(${_library})
endforeach()
target_link_libraries(hx_mac_libraries INTERFACE z "-framework IOKit" "-framework CoreFoundation")
