# Runs one runtime-library test whose exit status matters: qjs SCRIPT must
# exit with status 1, print exactly NAME.expected on stdout, and print on
# stderr every line of NAME.stderr (each as a substring, in any order).
execute_process(COMMAND ${QJS} ${SCRIPT}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
get_filename_component(dir ${SCRIPT} DIRECTORY)
get_filename_component(name ${SCRIPT} NAME_WE)
file(READ ${dir}/${name}.expected expected)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "exit status ${rc}, expected 1\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "stdout differs\n--- expected\n${expected}\n--- got\n${out}\nstderr:\n${err}")
endif()
file(STRINGS ${dir}/${name}.stderr wanted)
foreach(line IN LISTS wanted)
  string(FIND "${err}" "${line}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "stderr lacks '${line}'\nstderr:\n${err}")
  endif()
endforeach()
