# The installable libraries (`cmake --install <build> --component library`) and their CMake package:
#   find_package(host_exporter CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE host_exporter::client)   # or host_exporter::core
#
# host_exporter::core    libhost_exporter_core.a: metrics and exposition (hx_metrics, hx_exposition);
#                        the C++ standard library and threads only.
# host_exporter::client  libhost_exporter_client.a: hx_client and every internal library it links,
#                        except the core; libevent, OpenSSL (libssl) and zlib are found again by the
#                        package config.
# Each archive is packed from the objects of the internal targets the build already compiles, so
# nothing is compiled twice. The lists are not written by hand: they follow the targets' links,
# and configuring fails when the core or the client starts to link something it must not.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Linked by the packed targets but not packed: interface targets of the build (include paths,
# warnings), and header-only libraries.
set(_hx_build_only hx_internal hx_warnings nlohmann_json::nlohmann_json)
# Third-party libraries the client may use, as the build names them -> as the package config names them.
set(_hx_client_externals hx_libevent hx_libssl hx_zlib Threads::Threads)
set(_hx_installed_hx_libevent PkgConfig::host_exporter_libevent)
set(_hx_installed_hx_libssl OpenSSL::SSL)
set(_hx_installed_hx_zlib ZLIB::ZLIB)

# _hx_pack_walk(<target> <packable> <externals> <out-static> <out-external>): every internal static
# library reachable from <target> through its links, depth first, stopping at <externals> (recorded
# in <out-external>). A static library not matching <packable> (a regex), or any other library,
# stops the configuration with the path that reached it.
function(_hx_pack_walk target packable externals out_static out_external)
  set(statics "")
  set(found_externals "")
  set(stack "${target}")
  set(seen "")
  while(stack)
    list(POP_BACK stack current)
    if(current IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${current})
    get_target_property(type ${current} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(links ${current} INTERFACE_LINK_LIBRARIES)
    else()
      list(APPEND statics ${current})
      get_target_property(links ${current} LINK_LIBRARIES)
    endif()
    foreach(link IN LISTS links)
      if(link MATCHES "^::@" OR link STREQUAL "" OR link IN_LIST _hx_build_only)
        continue()
      endif()
      if(link IN_LIST externals)
        list(APPEND found_externals ${link})
        continue()
      endif()
      if(TARGET ${link})
        get_target_property(link_type ${link} TYPE)
        get_target_property(imported ${link} IMPORTED)
        if(NOT imported AND link_type STREQUAL "STATIC_LIBRARY" AND link MATCHES "${packable}")
          list(APPEND stack ${link})
          continue()
        endif()
      endif()
      message(FATAL_ERROR "${target} (through ${current}) links ${link}, which the installable ${target} must not "
        "carry (cmake/Package.cmake): drop that link, or add it to the package's dependencies there")
    endforeach()
  endwhile()
  list(REMOVE_DUPLICATES found_externals)
  set(${out_static} ${statics} PARENT_SCOPE)
  set(${out_external} ${found_externals} PARENT_SCOPE)
endfunction()

# The core: hx_metrics and hx_exposition, which may link only each other and threads.
set(_hx_core_targets "")
foreach(root hx_metrics hx_exposition)
  _hx_pack_walk(${root} "^hx_(metrics|exposition)$" "Threads::Threads" statics externals)
  list(APPEND _hx_core_targets ${statics})
endforeach()
list(REMOVE_DUPLICATES _hx_core_targets)

# The client: hx_client and what it links, except the core; never the server, platform, ingest or CLI.
_hx_pack_walk(hx_client "^hx_" "${_hx_client_externals};${_hx_core_targets}" _hx_client_targets _hx_client_found)
foreach(forbidden hx_server hx_platform hx_platform_portable hx_ingest hx_collectors hx_cli)
  if(forbidden IN_LIST _hx_client_targets)
    message(FATAL_ERROR "hx_client links ${forbidden}: the client library must not carry it (cmake/Package.cmake)")
  endif()
endforeach()

set(_hx_core_objects "")
foreach(target IN LISTS _hx_core_targets)
  list(APPEND _hx_core_objects $<TARGET_OBJECTS:${target}>)
endforeach()
add_library(host_exporter_core STATIC ${_hx_core_objects})
target_include_directories(host_exporter_core INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(host_exporter_core INTERFACE cxx_std_20)
target_link_libraries(host_exporter_core INTERFACE Threads::Threads)
set_target_properties(host_exporter_core PROPERTIES EXPORT_NAME core LINKER_LANGUAGE CXX)

set(_hx_client_objects "")
set(_hx_client_links "")
foreach(target IN LISTS _hx_client_targets)
  list(APPEND _hx_client_objects $<TARGET_OBJECTS:${target}>)
endforeach()
foreach(external IN LISTS _hx_client_found)
  if(external MATCHES "^hx_" AND NOT external IN_LIST _hx_core_targets)  # threads come with the core
    list(APPEND _hx_client_links "$<INSTALL_INTERFACE:${_hx_installed_${external}}>")
  endif()
endforeach()
add_library(host_exporter_client STATIC ${_hx_client_objects})
target_link_libraries(host_exporter_client PUBLIC host_exporter_core PRIVATE ${_hx_client_links})
set_target_properties(host_exporter_client PROPERTIES EXPORT_NAME client LINKER_LANGUAGE CXX)

# What the package config must find again for the client (each one once).
set(HX_PACKAGE_NEEDS_LIBEVENT OFF)
set(HX_PACKAGE_NEEDS_OPENSSL OFF)
set(HX_PACKAGE_NEEDS_ZLIB OFF)
if(hx_libevent IN_LIST _hx_client_found)
  set(HX_PACKAGE_NEEDS_LIBEVENT ON)
  set(HX_PACKAGE_NEEDS_OPENSSL ON)  # libevent_openssl
endif()
if(hx_libssl IN_LIST _hx_client_found)
  set(HX_PACKAGE_NEEDS_OPENSSL ON)
endif()
if(hx_zlib IN_LIST _hx_client_found)
  set(HX_PACKAGE_NEEDS_ZLIB ON)
endif()
# Homebrew's openssl@3 is keg-only: the config looks where this build found it first.
get_filename_component(HX_PACKAGE_OPENSSL_ROOT "${OPENSSL_INCLUDE_DIR}" DIRECTORY)

set(_hx_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/host_exporter)
install(TARGETS host_exporter_core host_exporter_client EXPORT host_exporterTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library EXCLUDE_FROM_ALL)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/host_exporter DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT library EXCLUDE_FROM_ALL)
install(EXPORT host_exporterTargets NAMESPACE host_exporter:: DESTINATION ${_hx_cmake_dir}
  COMPONENT library EXCLUDE_FROM_ALL)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/host_exporterConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/host_exporterConfig.cmake INSTALL_DESTINATION ${_hx_cmake_dir})
# 0.x: a minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/host_exporterConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/host_exporterConfig.cmake
              ${PROJECT_BINARY_DIR}/package/host_exporterConfigVersion.cmake
  DESTINATION ${_hx_cmake_dir} COMPONENT library EXCLUDE_FROM_ALL)
