# The shared library (QJS_SHARED, docs/embedding.md): libqjs.so exports
# exactly the functions (and the one variable) qjs.h and qjs_runtime.h declare with QJS_API, its
# SONAME carries the API's major version, and a host program linked
# against it really loads it (NEEDED libqjs.so.N).
#   cmake -DNM=... -DREADELF=... -DLIB=libqjs.so -DHOST=exe
#         -DHEADERS="qjs.h;qjs_runtime.h" -DMAJOR=1 -P shared_lib.cmake
set(declared)
foreach(h ${HEADERS})
  file(READ ${h} text)
  # "QJS_API [QJS_WARN_UNUSED|QJS_NORETURN] type *name(" on one line, or
  # "QJS_API extern type name;"
  string(REGEX MATCHALL "\nQJS_API [^\n(;]*[ *]qjs_[A-Za-z0-9_]+[(;]" decls "${text}")
  foreach(d ${decls})
    string(REGEX MATCH "qjs_[A-Za-z0-9_]+[(]?$" name "${d}")  # a ";" ends the list element
    string(REPLACE "(" "" name "${name}")
    list(APPEND declared ${name})
  endforeach()
endforeach()
list(LENGTH declared ndeclared)
if(ndeclared LESS 100)
  message(FATAL_ERROR "only ${ndeclared} QJS_API declarations found in ${HEADERS}")
endif()

execute_process(COMMAND ${NM} -D --defined-only ${LIB} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D failed on ${LIB}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(exported)
foreach(line ${lines})
  if(line MATCHES "^[0-9a-fA-F]+ [A-Za-z] ([^ ]+)$")
    list(APPEND exported ${CMAKE_MATCH_1})
  endif()
endforeach()
set(extra ${exported})
list(REMOVE_ITEM extra ${declared})
set(missing ${declared})
list(REMOVE_ITEM missing ${exported})
if(extra OR missing)
  message(FATAL_ERROR "libqjs exports names the headers do not declare: ${extra}\n"
                      "declared but not exported: ${missing}")
endif()

execute_process(COMMAND ${READELF} -d ${LIB} OUTPUT_VARIABLE dyn)
if(NOT dyn MATCHES "SONAME\\)[^\n]*\\[libqjs\\.so\\.${MAJOR}\\]")
  message(FATAL_ERROR "SONAME of ${LIB} is not libqjs.so.${MAJOR}:\n${dyn}")
endif()
execute_process(COMMAND ${READELF} -d ${HOST} OUTPUT_VARIABLE dyn)
if(NOT dyn MATCHES "NEEDED\\)[^\n]*\\[libqjs\\.so\\.${MAJOR}\\]")
  message(FATAL_ERROR "${HOST} does not load libqjs.so.${MAJOR}:\n${dyn}")
endif()
message(STATUS "libqjs.so.${MAJOR}: ${ndeclared} functions exported, exactly those of the headers")
