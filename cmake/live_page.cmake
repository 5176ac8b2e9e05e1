# The live page's asset (docs/live.md): with Node.js and npm, web/ is installed from its committed
# package-lock.json into the build directory (npm ci) and bundled with uPlot into one HTML file,
# embedded into the binary as a generated source. Without them (or with HX_LIVE_CHARTS=OFF) the
# generated source is empty and / serves the plain page rendered by the server.
option(HX_LIVE_CHARTS "Build the live page with charts (needs Node.js and npm)" ON)
find_program(HX_NODE node)
find_program(HX_NPM npm)

set(HX_WEB_SOURCE ${CMAKE_SOURCE_DIR}/web)
set(HX_WEB_BUILD ${CMAKE_BINARY_DIR}/web)
set(HX_LIVE_PAGE_SOURCE ${CMAKE_BINARY_DIR}/generated/live/live_page_asset.cpp)

if(HX_LIVE_CHARTS AND HX_NODE AND HX_NPM)
  message(STATUS "Live page: charts (Node.js ${HX_NODE})")
  file(GLOB HX_WEB_PAGE_FILES CONFIGURE_DEPENDS ${HX_WEB_SOURCE}/src/*)
  add_custom_command(
    OUTPUT ${HX_WEB_BUILD}/node_modules/.package-lock.json
    COMMAND ${CMAKE_COMMAND} -E make_directory ${HX_WEB_BUILD}
    COMMAND ${CMAKE_COMMAND} -E copy ${HX_WEB_SOURCE}/package.json ${HX_WEB_SOURCE}/package-lock.json ${HX_WEB_BUILD}
    COMMAND ${HX_NPM} ci --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY ${HX_WEB_BUILD}
    DEPENDS ${HX_WEB_SOURCE}/package.json ${HX_WEB_SOURCE}/package-lock.json
    COMMENT "npm ci: uPlot and playwright-core from web/package-lock.json"
    VERBATIM)
  add_custom_command(
    OUTPUT ${HX_LIVE_PAGE_SOURCE} ${HX_WEB_BUILD}/live.html
    COMMAND ${HX_NODE} ${HX_WEB_SOURCE}/build.mjs ${HX_WEB_BUILD}/node_modules ${HX_WEB_BUILD}/live.html
            ${HX_LIVE_PAGE_SOURCE}
    DEPENDS ${HX_WEB_SOURCE}/build.mjs ${HX_WEB_PAGE_FILES} ${HX_WEB_BUILD}/node_modules/.package-lock.json
    COMMENT "Bundling the live page with uPlot"
    VERBATIM)
else()
  message(STATUS "Live page: plain HTML (no Node.js/npm, or HX_LIVE_CHARTS=OFF)")
  file(WRITE ${HX_LIVE_PAGE_SOURCE}.in
       "// Generated: built without Node.js, so / serves the plain page.\n"
       "#include \"live/live_page.hpp\"\n"
       "std::string_view host_exporter::live::built_live_page() { return {}; }\n")
  configure_file(${HX_LIVE_PAGE_SOURCE}.in ${HX_LIVE_PAGE_SOURCE} COPYONLY)
endif()
