# QjscFunctions.cmake: compiling JavaScript into CMake targets with qjsc.
# Included by the qjsc build itself and by find_package(qjsc CONFIG); needs
# the targets qjsc::qjsc (the compiler) and qjsc::runtime (the library).
# The generated rules use qjsc's depfile (-MD -MF), so editing any module
# a program imports rebuilds it (Ninja; Makefiles with CMake >= 3.20).
#
#   qjsc_add_executable(<target> <main.js> [SCRIPT] [STRIP <0|1|2>]
#                       [SOURCES <c sources>...] [QJSC_ARGS <args>...])
#     An executable running main.js (an ES module, or a classic script
#     with SCRIPT) and every module it imports, linked with the runtime
#     library; SOURCES are more C files of the program.
#
#   qjsc_embed(<target> NAME <symbol> SOURCES <file.js> [SCRIPT]
#              [STRIP <0|1|2>] [QJSC_ARGS <args>...])
#     Adds to <target> the bytecode of file.js as the C array <symbol>
#     (and <symbol>_size), declared in the header <symbol>.h, which the
#     target can include. <target> calls qjs_read_bytecode on it.
#
# STRIP 1 leaves the source text out, STRIP 2 the debug info too.

# Internal: the custom command that runs qjsc on entry into out_c.
function(_qjsc_compile target entry out_c extra_outputs)
  cmake_parse_arguments(PARSE_ARGV 4 Q "SCRIPT" "STRIP" "QJSC_ARGS")
  get_filename_component(entry_abs "${entry}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(args)
  if(Q_SCRIPT)
    list(APPEND args --script)
  endif()
  if(Q_STRIP STREQUAL "1")
    list(APPEND args -s)
  elseif(Q_STRIP STREQUAL "2")
    list(APPEND args -ss)
  elseif(Q_STRIP AND NOT Q_STRIP STREQUAL "0")
    message(FATAL_ERROR "qjsc: STRIP must be 0, 1 or 2, not '${Q_STRIP}'")
  endif()
  list(APPEND args ${Q_QJSC_ARGS})
  get_filename_component(out_name "${out_c}" NAME)
  add_custom_command(
    OUTPUT "${out_c}" ${extra_outputs}
    COMMAND qjsc::qjsc ${args} -MD -MF "${out_c}.d" -o "${out_c}" "${entry_abs}"
    DEPENDS "${entry_abs}" qjsc::qjsc
    DEPFILE "${out_c}.d"
    COMMENT "qjsc: compiling ${entry} for ${target}"
    VERBATIM)
endfunction()

function(qjsc_add_executable target entry)
  cmake_parse_arguments(PARSE_ARGV 2 Q "SCRIPT" "STRIP" "SOURCES;QJSC_ARGS")
  if(Q_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "qjsc_add_executable: unknown arguments ${Q_UNPARSED_ARGUMENTS}")
  endif()
  set(out_c "${CMAKE_CURRENT_BINARY_DIR}/${target}.qjsc.c")
  set(fwd)
  if(Q_SCRIPT)
    list(APPEND fwd SCRIPT)
  endif()
  if(DEFINED Q_STRIP)
    list(APPEND fwd STRIP ${Q_STRIP})
  endif()
  _qjsc_compile(${target} "${entry}" "${out_c}" "" ${fwd} QJSC_ARGS ${Q_QJSC_ARGS})
  add_executable(${target} "${out_c}" ${Q_SOURCES})
  target_link_libraries(${target} PRIVATE qjsc::runtime)
  # The libraries are built with one section per function: the linker
  # drops what the program does not reach.
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang" AND NOT APPLE)
    target_link_options(${target} PRIVATE -Wl,--gc-sections)
  endif()
endfunction()

function(qjsc_embed target)
  cmake_parse_arguments(PARSE_ARGV 1 Q "SCRIPT" "NAME;STRIP" "SOURCES;QJSC_ARGS")
  if(Q_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "qjsc_embed: unknown arguments ${Q_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT Q_NAME)
    message(FATAL_ERROR "qjsc_embed: NAME <symbol> is required")
  endif()
  list(LENGTH Q_SOURCES n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "qjsc_embed: SOURCES takes one entry file (its imports are compiled in)")
  endif()
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/qjsc_embed_${target}")
  file(MAKE_DIRECTORY "${dir}")
  set(out_c "${dir}/${Q_NAME}.c")
  set(out_h "${dir}/${Q_NAME}.h")
  set(fwd)
  if(Q_SCRIPT)
    list(APPEND fwd SCRIPT)
  endif()
  if(DEFINED Q_STRIP)
    list(APPEND fwd STRIP ${Q_STRIP})
  endif()
  _qjsc_compile(${target} "${Q_SOURCES}" "${out_c}" "${out_h}" ${fwd}
                QJSC_ARGS --no-main -N ${Q_NAME} -H "${out_h}" ${Q_QJSC_ARGS})
  target_sources(${target} PRIVATE "${out_c}" "${out_h}")
  target_include_directories(${target} PRIVATE "${dir}")
endfunction()
