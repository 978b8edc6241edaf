# The installed package: cmake --install to a temporary prefix, then an
# outside project finds it (find_package(qjsc CONFIG) with a version),
# builds a module program with qjsc_add_executable and a C host with
# qjsc_embed (defining functions named like compiler internals of old:
# expr, declare, emit_op), and runs both; the installed qjsc builds an executable on
# its own (finding the libraries relative to itself), and pkg-config
# gives the flags to compile its C output by hand.
# With -DSHARED=ON the package must also give qjsc::shared (libqjs.so),
# and the host is built and run against it too.
#   cmake -DBINARY_DIR=... -DMAKE_PROGRAM=... -DGENERATOR=... -DC_COMPILER=... [-DSHARED=ON] -P install.cmake
set(dir ${BINARY_DIR}/qjsc-tests/install)
set(prefix ${dir}/prefix)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir}/src/lib ${dir}/build)

function(step what)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${dir}/build
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

step(install ${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix})
foreach(f bin/qjsc bin/qjs include/qjs.h include/qjs_runtime.h)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB_RECURSE installed RELATIVE ${prefix} ${prefix}/*)
foreach(f libqjsengine.a libqjsruntime.a cmake/qjsc/qjscConfig.cmake cmake/qjsc/qjscConfigVersion.cmake
          cmake/qjsc/qjscTargets.cmake cmake/qjsc/QjscFunctions.cmake pkgconfig/qjsc.pc)
  string(REGEX MATCH "[^;]*${f}" found "${installed}")
  if(NOT found)
    message(FATAL_ERROR "not installed: ${f}\ninstalled: ${installed}")
  endif()
endforeach()
if(installed MATCHES "rt_int.h|/src/")
  message(FATAL_ERROR "private files installed: ${installed}")
endif()

file(WRITE ${dir}/src/CMakeLists.txt
"cmake_minimum_required(VERSION 3.20)
project(outside C)
find_package(qjsc 1.0 CONFIG REQUIRED)
foreach(t qjsc::engine qjsc::runtime qjsc::qjsc)
  if(NOT TARGET \${t})
    message(FATAL_ERROR \"no target \${t}\")
  endif()
endforeach()
qjsc_add_executable(app main.mjs STRIP 1)
add_executable(host host.c)
qjsc_embed(host NAME greeting SOURCES greet.js SCRIPT STRIP 2)
target_link_libraries(host PRIVATE qjsc::runtime)
if(TARGET qjsc::shared)
  add_executable(host_shared host.c)
  qjsc_embed(host_shared NAME greeting SOURCES greet.js SCRIPT STRIP 2)
  target_link_libraries(host_shared PRIVATE qjsc::shared)
endif()
")
file(WRITE ${dir}/src/main.mjs "import { twice } from \"./lib/twice.mjs\";\nimport * as os from \"os\";\nconsole.log(\"app:\", twice(21), typeof os.getcwd);\n")
file(WRITE ${dir}/src/lib/twice.mjs "export const twice = (x) => 2 * x;\n")
file(WRITE ${dir}/src/greet.js "function greet(who) { return 'hello, ' + who; }\n")
file(WRITE ${dir}/src/host.c
"#include <stdio.h>
#include \"qjs_runtime.h\"
#include \"greeting.h\"
/* Names the engine's compiler once exported: the host's own must win
 * (symbol hygiene; qjs_eval below links the compiler in). */
int expr(int x) { return x + 1; }
int declare(int x) { return x * 2; }
int emit_op(int x) { return x - 3; }
int main(void)
{
    QJSRuntime *rt = qjs_runtime_new();
    QJSContext *ctx = qjs_context_new(rt);
    QJSValue unit = qjs_read_bytecode(ctx, greeting, greeting_size);
    if (qjs_is_exception(unit) || qjs_is_exception(qjs_eval_compiled(ctx, unit)))
        return 1;
    QJSValue fn = qjs_get_prop_str(ctx, qjs_get_global(ctx), \"greet\");
    QJSValue arg = qjs_new_string(ctx, \"host\", 4);
    char *s = qjs_to_cstring(ctx, qjs_call(ctx, fn, qjs_undefined(), 1, &arg), NULL);
    if (!s)
        return 1;
    printf(\"host: %s\\n\", s);
    qjs_free_cstring(s);
    QJSValue n = qjs_eval(ctx, \"6 * 7\", 5, \"<host>\", 0);
    if (!qjs_is_number(n))
        return 1;
    printf(\"host: %d %d\\n\", (int)qjs_get_number(n), emit_op(declare(expr(1))));
    qjs_runtime_free(rt);
    return 0;
}
")
set(gen_args)
if(GENERATOR)
  set(gen_args -G ${GENERATOR})
  if(MAKE_PROGRAM)
    list(APPEND gen_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
  endif()
endif()
step("configure the outside project" ${CMAKE_COMMAND} ${gen_args} -DCMAKE_PREFIX_PATH=${prefix}
     -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_BUILD_TYPE=Release ${dir}/src)
step("build the outside project" ${CMAKE_COMMAND} --build .)
step("run app" ${dir}/build/app)
if(NOT out STREQUAL "app: 42 function\n")
  message(FATAL_ERROR "app printed '${out}'")
endif()
step("run host" ${dir}/build/host)
if(NOT out STREQUAL "host: hello, host\nhost: 42 1\n")
  message(FATAL_ERROR "host printed '${out}'")
endif()

# The same host against the shared library, when the package has it.
if(EXISTS ${dir}/build/host_shared)
  step("run host_shared" ${dir}/build/host_shared)
  if(NOT out STREQUAL "host: hello, host\nhost: 42 1\n")
    message(FATAL_ERROR "host_shared printed '${out}'")
  endif()
  set(shared_note ", the shared library")
elseif(SHARED)
  message(FATAL_ERROR "the package has no qjsc::shared target")
endif()

# The installed qjsc alone (CC from the test), and pkg-config.
set(ENV{CC} ${C_COMPILER})
step("installed qjsc -o" ${prefix}/bin/qjsc -o ${dir}/build/app2 ${dir}/src/main.mjs)
step("run app2" ${dir}/build/app2)
if(NOT out STREQUAL "app: 42 function\n")
  message(FATAL_ERROR "app2 printed '${out}'")
endif()
find_program(PKG_CONFIG NAMES pkg-config pkgconf)
if(PKG_CONFIG)
  file(GLOB_RECURSE pc ${prefix}/*/qjsc.pc)
  get_filename_component(pcdir "${pc}" DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} ${pcdir})
  step("pkg-config" ${PKG_CONFIG} --cflags --libs qjsc)
  string(STRIP "${out}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  step("installed qjsc -o .c" ${prefix}/bin/qjsc -o ${dir}/build/app3.c ${dir}/src/main.mjs)
  step("cc with pkg-config flags" ${C_COMPILER} -o ${dir}/build/app3 ${dir}/build/app3.c ${flags})
  step("run app3" ${dir}/build/app3)
  if(NOT out STREQUAL "app: 42 function\n")
    message(FATAL_ERROR "app3 printed '${out}'")
  endif()
endif()
message(STATUS "install: package, functions${shared_note}, installed qjsc and pkg-config work")
