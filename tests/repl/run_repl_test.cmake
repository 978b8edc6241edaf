# Runs the REPL sessions of tests/repl through a pseudo-terminal with a
# fresh $HOME, then checks the history file they left.
set(home ${BINARY_DIR}/repl-home)
file(REMOVE_RECURSE ${home})
file(MAKE_DIRECTORY ${home})
foreach(session session session2)
  execute_process(COMMAND ${DRIVER} ${SOURCE_DIR}/tests/repl/${session}.txt ${home} ${QJS}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${session}: status ${rc}\n${out}\n${err}")
  endif()
endforeach()
file(READ ${home}/.qjs_history history)
foreach(line "add(2, 5)" "6*7" "setTimeout(() => console.log(\"tick\"), 30); \"set\"")
  string(FIND "${history}" "${line}\n" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "the history lacks '${line}':\n${history}")
  endif()
endforeach()
