# npm packages and CommonJS (docs/modules.md). MODE setup copies the
# fixture tests/npm (with its node_modules) to WORK and makes the symbolic
# link node_modules/linked -> ../packages/linked, which is not committed.
# MODE run runs WORK/NAME.mjs under qjs, then compiles it with qjsc into
# an executable run from another folder (it must need no node_modules
# there); both must print exactly NAME.expected, which is what node
# printed for the same program; not for errors.mjs (this runtime's own
# messages; errors.compiled.expected for the compiled program, whose
# names are relative and which holds only what qjsc compiled in) and
# own.mjs (where this runtime differs from Node by design). The C output must be the same
# byte for byte when qjsc runs from another folder, and the depfile must
# list the package.json files read.
#   cmake -DMODE=setup|run -DNAME=... -DWORK=... -DQJS=... -DQJSC=...
#         -DSOURCE_DIR=... -DC_COMPILER=... -P run_npm_test.cmake
if(MODE STREQUAL "setup")
  file(REMOVE_RECURSE ${WORK})
  file(MAKE_DIRECTORY ${WORK})
  file(COPY ${SOURCE_DIR}/tests/npm/ DESTINATION ${WORK})
  file(CREATE_LINK ../packages/linked ${WORK}/node_modules/linked SYMBOLIC)
  return()
endif()

set(expected_file ${WORK}/${NAME}.expected)
file(READ ${expected_file} expected)
execute_process(COMMAND ${QJS} ${NAME}.mjs WORKING_DIRECTORY ${WORK}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out STREQUAL expected)
  message(FATAL_ERROR "qjs ${NAME}.mjs: exit ${rc}\n--- expected\n${expected}\n--- got\n${out}\nstderr:\n${err}")
endif()
# a compiled program may print something else (NAME.compiled.expected)
if(EXISTS ${WORK}/${NAME}.compiled.expected)
  file(READ ${WORK}/${NAME}.compiled.expected expected)
endif()
set(ENV{CC} ${C_COMPILER})
set(exe ${WORK}/bin/${NAME})
file(MAKE_DIRECTORY ${WORK}/bin)
execute_process(COMMAND ${QJSC} -o ${exe} ${NAME}.mjs WORKING_DIRECTORY ${WORK}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "qjsc ${NAME}.mjs failed (${rc}):\n${err}")
endif()
execute_process(COMMAND ${exe} WORKING_DIRECTORY ${WORK}/bin
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out STREQUAL expected)
  message(FATAL_ERROR "compiled ${NAME}: exit ${rc}\n--- expected\n${expected}\n--- got\n${out}\nstderr:\n${err}")
endif()

# reproducible from any folder; the depfile names each package.json read
execute_process(COMMAND ${QJSC} -o ${WORK}/bin/${NAME}-1.c -MD ${NAME}.mjs WORKING_DIRECTORY ${WORK}
                RESULT_VARIABLE rc1 ERROR_VARIABLE err1)
execute_process(COMMAND ${QJSC} -o ${WORK}/bin/${NAME}-2.c ${WORK}/${NAME}.mjs WORKING_DIRECTORY ${WORK}/bin
                RESULT_VARIABLE rc2 ERROR_VARIABLE err2)
if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0)
  message(FATAL_ERROR "qjsc -o ${NAME}.c failed:\n${err1}\n${err2}")
endif()
file(READ ${WORK}/bin/${NAME}-1.c c1)
file(READ ${WORK}/bin/${NAME}-2.c c2)
if(NOT c1 STREQUAL c2)
  message(FATAL_ERROR "${NAME}: the C output depends on the folder qjsc runs from")
endif()
file(READ ${WORK}/bin/${NAME}-1.c.d deps)
string(FIND "${deps}" "node_modules/exp/package.json" pos)
if(NAME STREQUAL "exports" AND pos EQUAL -1)
  message(FATAL_ERROR "the depfile lacks node_modules/exp/package.json:\n${deps}")
endif()
