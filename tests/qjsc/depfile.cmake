# Depfile rebuilds: a tiny outside project uses the qjsc package of this
# build tree (find_package(qjsc CONFIG), qjsc_add_executable) with Ninja.
# Building twice does nothing the second time; editing a module that the
# entry imports (indirectly) rebuilds the executable, which then prints
# the new text.
#   cmake -DBINARY_DIR=... -DMAKE_PROGRAM=<ninja> -DC_COMPILER=... -P depfile.cmake
set(dir ${BINARY_DIR}/qjsc-tests/depfile)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir}/src/lib)
file(WRITE ${dir}/src/CMakeLists.txt
"cmake_minimum_required(VERSION 3.20)
project(depfile_test C)
find_package(qjsc CONFIG REQUIRED)
qjsc_add_executable(app main.mjs)
")
file(WRITE ${dir}/src/main.mjs "import { word } from \"./lib/middle.mjs\";\nconsole.log(word);\n")
file(WRITE ${dir}/src/lib/middle.mjs "export { word } from \"./leaf.mjs\";\n")
file(WRITE ${dir}/src/lib/leaf.mjs "export const word = \"first\";\n")

if(NOT MAKE_PROGRAM MATCHES "ninja")
  find_program(MAKE_PROGRAM ninja)
endif()
function(step what)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${dir}/build
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()
file(MAKE_DIRECTORY ${dir}/build)
step(configure ${CMAKE_COMMAND} -G Ninja -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}
     -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_BUILD_TYPE=Release
     -Dqjsc_DIR=${BINARY_DIR} ${dir}/src)
step("first build" ${MAKE_PROGRAM})
step("first run" ${dir}/build/app)
if(NOT out STREQUAL "first\n")
  message(FATAL_ERROR "first run printed '${out}'")
endif()
step("second build" ${MAKE_PROGRAM})
if(NOT out MATCHES "no work to do")
  message(FATAL_ERROR "a build with nothing changed did work:\n${out}")
endif()

# Edit the module two imports away from the entry.
execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 1.1)
file(WRITE ${dir}/src/lib/leaf.mjs "export const word = \"second\";\n")
step("build after the edit" ${MAKE_PROGRAM})
if(NOT out MATCHES "qjsc" OR NOT out MATCHES "Linking")
  message(FATAL_ERROR "editing lib/leaf.mjs did not recompile and relink:\n${out}")
endif()
step("second run" ${dir}/build/app)
if(NOT out STREQUAL "second\n")
  message(FATAL_ERROR "after the edit the program printed '${out}'")
endif()
step("third build" ${MAKE_PROGRAM})
if(NOT out MATCHES "no work to do")
  message(FATAL_ERROR "a build after the rebuild did work:\n${out}")
endif()
# Touching (without changing) an imported file also rebuilds.
file(TOUCH ${dir}/src/lib/middle.mjs)
step("build after touch" ${MAKE_PROGRAM})
if(NOT out MATCHES "qjsc")
  message(FATAL_ERROR "touching lib/middle.mjs did not rerun qjsc:\n${out}")
endif()
message(STATUS "depfile: rebuilds on edits and touches, no work when unchanged")
