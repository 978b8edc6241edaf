/* The default js_bytecode_verifier (serialize.h): reads of bytecode that
 * is not trusted are verified. A file of its own, because a program
 * built with `qjsc --builtins auto` defines it as NULL, and then the
 * linker never takes this one (nor the verifier) from the archive. */
#include "serialize.h"

static const JSBytecodeVerifier verifier = { js_bytecode_verify };
const JSBytecodeVerifier *const js_bytecode_verifier = &verifier;
