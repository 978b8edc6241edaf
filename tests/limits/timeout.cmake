# qjs --timeout: a runaway loop (in the main script, and in a timer
# callback) stops with the uncatchable "interrupted" error, skipping
# catch and finally, with exit status 1, well before the test's timeout;
# a program that finishes in time is not affected.
function(expect_timeout code)
  execute_process(COMMAND ${QJS} --timeout 0.3 -e "${code}"
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 1 OR NOT err MATCHES "interrupted|timed out" OR out MATCHES "not reached")
    message(FATAL_ERROR "${code}\nexit ${rc}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endfunction()
expect_timeout("try { for (;;) {} } catch (e) { console.log('not reached') } finally { console.log('not reached') }")
expect_timeout("function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2) } f(100)")
expect_timeout("setTimeout(() => { try { for (;;) {} } finally { console.log('not reached') } }, 1)")
expect_timeout("setInterval(() => {}, 5)")
execute_process(COMMAND ${QJS} --timeout 5 -e "setTimeout(() => console.log('in time'), 10)"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "in time\n")
  message(FATAL_ERROR "in-time program: exit ${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()
