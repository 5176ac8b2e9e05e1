# The static Linux program's hot functions placed together (cmake/text_order.py says why): the program is
# linked once without an ordering (host_exporter_unordered), run under callgrind while it serves, and linked
# again with the functions that ran first (lld's --symbol-ordering-file). The list is made at every build from
# the program being built, never committed; `text_order.py check` fails the build if the ordered program no
# longer holds the functions listed. The profile is of this machine's /proc and /sys, with the default
# collectors. Measured like for like after a wrk run: 5.1-5.2 MiB resident without it, 3.5-3.6 MiB with it
# (bench/README.md, seventh round).
#
#   hx_order_text(TARGET UNORDERED_TARGET)
option(HX_ORDER_TEXT "Place the functions a serving host_exporter runs together (static Linux build with lld; needs valgrind)" ON)

function(hx_order_text target unordered)
  if(NOT HX_ORDER_TEXT)
    return()
  endif()
  find_program(HX_VALGRIND valgrind)
  if(NOT HX_VALGRIND)
    message(FATAL_ERROR "HX_ORDER_TEXT needs valgrind (scripts/install-deps.sh --for build installs it), "
                        "or configure with -DHX_ORDER_TEXT=OFF (the program then keeps about 1.5 MiB more resident)")
  endif()
  set(order ${CMAKE_CURRENT_BINARY_DIR}/${target}-text-order.txt)
  add_custom_command(
    OUTPUT ${order}
    COMMAND ${HX_PYTHON} ${PROJECT_SOURCE_DIR}/cmake/text_order.py profile --binary $<TARGET_FILE:${unordered}>
            --valgrind ${HX_VALGRIND} --output ${order}
    DEPENDS ${unordered} ${PROJECT_SOURCE_DIR}/cmake/text_order.py
    COMMENT "Profiling ${unordered} under callgrind for the order of its functions"
    VERBATIM)
  add_custom_target(${target}_text_order DEPENDS ${order})
  add_dependencies(${target} ${target}_text_order)
  # lld warns about local clones (.isra, .constprop) that several objects define and it discards; the
  # check after the link is what fails when the order no longer matches.
  target_link_options(${target} PRIVATE -Wl,--symbol-ordering-file=${order} -Wl,--no-warn-symbol-ordering)
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${order})
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${HX_PYTHON} ${PROJECT_SOURCE_DIR}/cmake/text_order.py check --binary $<TARGET_FILE:${target}>
            --order ${order} --nm ${CMAKE_NM}
    VERBATIM)
endfunction()
