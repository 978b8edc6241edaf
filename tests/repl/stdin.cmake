# qjs runs the script read from standard input: with "-" (also as a
# module, with arguments after it), and with no file when standard input
# is not a terminal; errors name <stdin>.
set(dir ${SOURCE_DIR}/tests/repl)
function(check name input expected_rc expected_out expected_err)
  execute_process(COMMAND ${QJS} ${ARGN} INPUT_FILE ${dir}/${input}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL ${expected_rc} OR NOT out STREQUAL "${expected_out}")
    message(FATAL_ERROR "${name}: status ${rc}, stdout:\n${out}\nstderr:\n${err}")
  endif()
  string(FIND "${err}" "${expected_err}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "${name}: stderr lacks '${expected_err}':\n${err}")
  endif()
endfunction()
check(piped stdin_script.js 0 "script from stdin []\n3\n" "")
check(dash stdin_script.js 0 "script from stdin [ '-', 'a', 'b' ]\n3\n" "" - a b)
check(module stdin_module.mjs 0 "module from stdin function true\n" "" -m -)
check(error stdin_error.js 1 "" "Uncaught Error: from stdin\n    at <anonymous> (<stdin>:1:7)" -)
