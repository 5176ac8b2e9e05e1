# Cross-compiling for macOS on Linux: Debian's clang and lld against an unpacked macOS
# SDK (MACOS_SDK_ROOT). Used by scripts/darwin-check.sh; on a Mac, build natively instead.
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/darwin-cross.cmake -DHX_DARWIN_ARCH=arm64 ...
set(CMAKE_SYSTEM_NAME Darwin)
set(CMAKE_SYSTEM_VERSION 21)  # macOS 12, the SDK's release
if(NOT DEFINED HX_DARWIN_ARCH)
  set(HX_DARWIN_ARCH arm64)
endif()
set(CMAKE_SYSTEM_PROCESSOR ${HX_DARWIN_ARCH})

if(NOT DEFINED ENV{MACOS_SDK_ROOT} AND NOT DEFINED HX_MACOS_SDK_ROOT)
  message(FATAL_ERROR "darwin-cross.cmake: set MACOS_SDK_ROOT to the unpacked macOS SDK")
endif()
if(NOT DEFINED HX_MACOS_SDK_ROOT)
  set(HX_MACOS_SDK_ROOT $ENV{MACOS_SDK_ROOT})
endif()
set(CMAKE_OSX_SYSROOT ${HX_MACOS_SDK_ROOT} CACHE PATH "" FORCE)
set(CMAKE_OSX_DEPLOYMENT_TARGET 12.0 CACHE STRING "" FORCE)
set(CMAKE_OSX_ARCHITECTURES ${HX_DARWIN_ARCH} CACHE STRING "" FORCE)

find_program(HX_CLANGXX NAMES clang++ clang++-16 clang++-15 clang++-14 REQUIRED)
find_program(HX_CLANG NAMES clang clang-16 clang-15 clang-14 REQUIRED)  # libevent, built by darwin-check
set(CMAKE_CXX_COMPILER ${HX_CLANGXX})
set(CMAKE_CXX_COMPILER_TARGET ${HX_DARWIN_ARCH}-apple-macos12)
set(CMAKE_C_COMPILER ${HX_CLANG})
set(CMAKE_C_COMPILER_TARGET ${HX_DARWIN_ARCH}-apple-macos12)

set(_frameworks ${HX_MACOS_SDK_ROOT}/System/Library/Frameworks)
set(CMAKE_CXX_FLAGS_INIT "-stdlib=libc++ -iframework ${_frameworks}")
set(CMAKE_C_FLAGS_INIT "-iframework ${_frameworks}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld -F${_frameworks}")
# Linux ar/ranlib make archives ld64.lld reads; Apple's libtool is not needed.
find_program(CMAKE_AR NAMES llvm-ar llvm-ar-16 llvm-ar-15 llvm-ar-14 ar)
find_program(CMAKE_RANLIB NAMES llvm-ranlib llvm-ranlib-16 llvm-ranlib-15 llvm-ranlib-14 ranlib)

# Look for headers and libraries in the SDK only, programs on the build machine.
set(CMAKE_FIND_ROOT_PATH ${HX_MACOS_SDK_ROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
